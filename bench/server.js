'use strict';
/**
 * Benchmark server: boots the compiled app (BENCH_DIST, default dist/) in this child process, like
 * tests/helpers/strapi.ts, and listens on 127.0.0.1 with an ephemeral port. The parent (bench/run.js) drives it over IPC:
 *   ready            -> { port, token }            (sent once, after the fixtures are in place)
 *   series  {code}   -> point setup.contactNos at series `code`
 *   profile {on, label} -> start / stop recording SQL statements (knex query events) per request and a
 *                       V8 CPU profile (self time by package; saved as BENCH_RESULTS_DIR/<label>.cpuprofile)
 *   cpu              -> process.cpuUsage() of this process
 *   check            -> numbers of the contacts per series, for the duplicate / gap checks (+ how many
 *                       contacts the fixtures below made, which no request accounts for)
 *   masterData       -> salespeople SP-A/SP-B/SP-X, territory EAST, country BE, language NLB -> { code: {id, documentId} }
 *   inheritanceCompany {name} -> a company with every inherited field filled -> { id, documentId, values }
 *   bulkPersons {companyDocumentId, n, prefix} -> n persons of that company loaded with SQL (1 % override
 *                       the address block, 1 % the phone, 1 % the salesperson)
 *   propagationCheck {companyDocumentId, expect} -> persons whose inherited / own values are wrong
 *   trace   {on, methods} -> the SQL statements of each PUT (or `methods`) request while on (propagation statements marked)
 *   tables           -> names of the contacts table and of the company / salesperson join tables
 *   module {name, fn, args} -> server side of a bench module: require('./<name>').server[fn](strapi, args)
 *   stop             -> destroy Strapi and exit
 * The database itself (a fresh PostgreSQL database per run) is created and dropped by the parent.
 */
const fs = require('fs');
const path = require('path');
const { AsyncLocalStorage } = require('async_hooks');
const inspector = require('inspector');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..');
const UID = {
  setup: 'plugin::marketing-setup.setup',
  contact: 'plugin::marketing-setup.contact',
  noSeries: 'plugin::marketing-setup.no-series',
  noSeriesLine: 'plugin::marketing-setup.no-series-line',
  plain: 'api::plain-contact.plain-contact',
  salesperson: 'plugin::marketing-setup.salesperson',
  territory: 'plugin::marketing-setup.territory',
  countryRegion: 'plugin::marketing-setup.country-region',
  language: 'plugin::marketing-setup.language',
};
/** The two series the benchmark uses: CONT is gapless (row lock), GAPS allows gaps (PG sequence). */
const SERIES = {
  CONT: { startingNo: 'CT000001', endingNo: 'CT999999', allowGaps: false },
  GAPS: { startingNo: 'GP000001', endingNo: 'GP999999', allowGaps: true },
};

let strapi;
const seriesIds = {};

async function fixtures() {
  for (const [code, line] of Object.entries(SERIES)) {
    const s = await strapi.documents(UID.noSeries).create({ data: { code, description: `${code} (benchmark)` } });
    await strapi.documents(UID.noSeriesLine).create({ data: { series: s.documentId, lineNo: 10000, ...line } });
    seriesIds[code] = s.documentId;
  }
  await useSeries('CONT');
  const token = await strapi.service('admin::api-token').create({ name: `bench-${Date.now()}`, type: 'full-access', lifespan: null });
  return token.accessKey;
}

async function useSeries(code) {
  const setup = await strapi.documents(UID.setup).findFirst({});
  await strapi.documents(UID.setup).update({ documentId: setup.documentId, data: { contactNos: seriesIds[code] } });
}

// ---- SQL profile: every statement knex sends, attributed to the HTTP request that caused it. ----
// Koa's request context is not visible from knex events, so a tiny Koa middleware (first in the
// chain) opens an AsyncLocalStorage scope per request; knex 'query' events fire synchronously inside
// the caller's async context, so they land in the right request even under concurrency. Statements
// that start after the response was sent (Strapi's entry.create event, which loads the entry with all
// its relations after commit) are counted separately: they cost CPU and pool connections, not latency.
const requestScope = new AsyncLocalStorage();
let profiling = null; // { requests: [{ path, queries: [{ sql, start, end, after }], start, end }] }
const pending = new Map(); // knex __knexQueryUid -> query record
const now = () => Number(process.hrtime.bigint()) / 1e6;

function installProfiler() {
  strapi.server.app.middleware.unshift(async (ctx, next) => {
    if (!profiling || !profiling.methods.includes(ctx.method)) return next();
    const entry = { path: ctx.path, queries: [], start: now(), end: null };
    profiling.requests.push(entry);
    try {
      await requestScope.run(entry, next);
    } finally {
      entry.end = now();
    }
  });
  const knex = strapi.db.connection;
  knex.on('query', (q) => {
    const entry = profiling && requestScope.getStore();
    // A statement outside any request while tracing: the background duplicate worker's (nothing else runs).
    if (profiling && !entry) profiling.outside += 1;
    if (!entry) return;
    const rec = { sql: q.sql, start: now(), end: null, after: entry.end !== null };
    entry.queries.push(rec);
    pending.set(q.__knexQueryUid, rec);
  });
  const done = (q) => {
    const rec = q && pending.get(q.__knexQueryUid);
    if (!rec) return;
    pending.delete(q.__knexQueryUid);
    rec.end = now();
  };
  knex.on('query-response', (_res, q) => done(q));
  knex.on('query-error', (_err, q) => done(q));
}

/** Total length of the union of [start, end] intervals: wall time during which some statement was in flight. */
function busy(intervals) {
  const xs = intervals.filter((i) => i.end !== null).sort((a, b) => a.start - b.start);
  if (!xs.length) return 0;
  let total = 0;
  let [curS, curE] = [xs[0].start, xs[0].end];
  for (const { start, end } of xs.slice(1)) {
    if (start > curE) {
      total += curE - curS;
      [curS, curE] = [start, end];
    } else curE = Math.max(curE, end);
  }
  return total + (curE - curS);
}

function profileSummary() {
  const byPath = {};
  for (const entry of profiling.requests) {
    if (entry.end === null) continue;
    const s = (byPath[entry.path] ??= { requests: 0, queries: 0, queriesAfter: 0, sqlBusyMs: 0, serverMs: 0, overlapping: 0, statements: {} });
    const inRequest = entry.queries.filter((q) => !q.after);
    s.requests += 1;
    s.queries += inRequest.length;
    s.queriesAfter += entry.queries.length - inRequest.length;
    s.serverMs += entry.end - entry.start;
    s.sqlBusyMs += busy(inRequest);
    // statements sent while another statement of the same request was still running (pg queues them)
    // (BEGIN/COMMIT get no query-response event from knex: end stays null, they are left out here)
    const timed = inRequest.filter((q) => q.end !== null);
    s.overlapping += timed.filter((q, i) => timed.slice(0, i).some((p) => p.end > q.start)).length;
    for (const q of entry.queries) {
      const key = `${q.after ? '[after response] ' : ''}${normalise(q.sql)}`;
      const st = (s.statements[key] ??= { n: 0, ms: 0 });
      st.n += 1;
      if (q.end !== null) st.ms += q.end - q.start;
    }
  }
  return byPath;
}

/** Statement shape without literals, so that the same statement of different requests groups together. */
function normalise(sql) {
  return sql
    .replace(/\$\d+/g, '?')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\b\d+\b/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---- CPU profile (V8 sampling profiler through the inspector), self time grouped by package. ----
const session = new inspector.Session();
session.connect();
const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));

function categoryOf(frame) {
  const url = frame.url || '';
  if (!url) {
    if (frame.functionName === '(garbage collector)') return 'V8 garbage collector';
    if (frame.functionName === '(idle)') return null; // waiting for I/O: not CPU
    if (frame.functionName === '(program)') return 'V8 / native (program)';
    return 'V8 / native';
  }
  if (url.includes('/plugins/marketing-setup/')) return 'marketing-setup plugin code';
  if (url.includes('/src/api/') || url.includes('/bench/')) return 'app / bench code';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.replace(/.*node_modules\/(?=.*node_modules\/)/, 'node_modules/'));
  if (m) return m[1];
  if (url.startsWith('node:')) return 'Node.js internals';
  return 'other';
}

function cpuByCategory(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Builtins (JSON.parse, Array.prototype.*, RegExp, …) have no URL: charge them to their JS caller.
  const SPECIAL = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);
  const inspectorCall = (id) => nodes.get(id).callFrame.functionName === 'dispatch' && !nodes.get(id).callFrame.url;
  const chargeTo = (id) => {
    let n = nodes.get(id);
    while (n && !n.callFrame.url && !SPECIAL.has(n.callFrame.functionName) && parent.has(n.id)) n = nodes.get(parent.get(n.id));
    return n.callFrame;
  };
  const byCat = {};
  profile.samples.forEach((id, i) => {
    if (inspectorCall(id)) return;
    const cat = categoryOf(chargeTo(id));
    if (!cat) return;
    // a sample lasts until the next one (timeDeltas[i] is the gap *before* sample i; the first one is
    // the time from Profiler.start, i.e. the inspector call itself)
    byCat[cat] = (byCat[cat] ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000; // µs -> ms
  });
  return byCat;
}

async function numbersBySeries() {
  const rows = await strapi.db.query(UID.contact).findMany({ select: ['no', 'noSeries'] });
  const out = {};
  for (const r of rows) (out[r.noSeries ?? '(none)'] ??= []).push(r.no);
  const plain = await strapi.db.query(UID.plain).count({});
  return { bySeries: out, contacts: rows.length, plainContacts: plain, fixtureContacts };
}

// ---- Inheritance fixtures (run.js parts 4 and 5): master data, companies with every inherited field
// filled, and persons of a company bulk-loaded with SQL (a fixture, not the behaviour under test). ----
/** Contacts made by fixtures rather than by measured requests; the parent's row-count check leaves them out. */
let fixtureContacts = 0;
const codes = {}; // master-data code -> { id, documentId }
/** The values a bulk-loaded person with an override has set by hand (the check expects them unchanged). */
const OWN = {
  address: { address: 'Eigen weg 5', address2: null, postCode: '2000', city: 'Antwerpen', county: null },
  phoneNo: { phoneNo: '+32 499 99 99 99' },
  salesperson: 'SP-X',
};
/** Person i of a bulk load overrides OVERRIDE_OF[i % 100] (1 % of the persons per key), the others inherit everything. */
const OVERRIDE_OF = { 1: 'address', 2: 'phoneNo', 3: 'salesperson' };
const ADDRESS = ['address', 'address2', 'postCode', 'city', 'county'];

const contactMeta = () => strapi.db.metadata.get(UID.contact);
/** Column of a contact attribute, from Strapi's metadata (snake_case only for an attribute it does not list). */
const col = (attribute) => {
  const a = contactMeta().attributes[attribute];
  return a?.columnName ?? attribute.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
};
const joinTable = (attribute) => {
  const jt = contactMeta().attributes[attribute].joinTable;
  return { name: jt.name, joinColumn: jt.joinColumn.name, inverseJoinColumn: jt.inverseJoinColumn.name };
};

async function masterData() {
  const rows = [
    [UID.salesperson, 'SP-A', {}], [UID.salesperson, 'SP-B', {}], [UID.salesperson, 'SP-X', {}],
    [UID.territory, 'EAST', {}], [UID.countryRegion, 'BE', { isoCode: 'BE' }], [UID.language, 'NLB', { formatRegion: 'nl-BE' }],
  ];
  for (const [uid, code, extra] of rows) {
    if (codes[code]) continue;
    const d = await strapi.documents(uid).create({ data: { code, name: `${code} (benchmark)`, ...extra } });
    codes[code] = { id: d.id, documentId: d.documentId };
  }
  return codes;
}

let companies = 0;
/** k -> letters (0 -> 'a', 26 -> 'ba'): distinct words for distinct fixture companies. */
const letters = (k) => (k >= 26 ? letters(Math.floor(k / 26) - 1) : '') + String.fromCharCode(97 + (k % 26));

/**
 * A company with address, communication, salesperson, territory, country/region, language and format region
 * filled. Every fixture company gets its own street, post code, town, phones and e-mail: the duplicate search
 * (on every contact write) would otherwise make all their persons, who inherit those values, candidates of
 * each other across companies.
 */
async function inheritanceCompany({ name }) {
  await masterData();
  companies += 1;
  const k = companies;
  const town = `Ville${letters(k + 26 * 26)}`;
  const phone = String(100000 + ((k * 7919) % 900000));
  const data = {
    type: 'company', name, address: `Kerkstraat ${k}`, address2: 'Bus 2', postCode: String(1000 + k), city: town, county: 'Oost-Vlaanderen',
    phoneNo: `+32 9 ${phone}`, faxNo: `+32 9 ${phone.slice(0, 5)}9`, mobilePhoneNo: `+32 499 ${phone}`, email: `info${k}@fabrikam.example`,
    homePage: 'https://fabrikam.example', salesperson: codes['SP-A'].documentId, territory: codes.EAST.documentId,
    countryRegion: codes.BE.documentId, language: codes.NLB.documentId, formatRegion: 'nl-BE', correspondenceType: 'email',
  };
  const c = await strapi.documents(UID.contact).create({ data });
  fixtureContacts += 1;
  const { id, documentId } = c;
  const values = Object.fromEntries(Object.keys(data).filter((k) => !['type', 'name'].includes(k)).map((k) => [k, c[k] ?? data[k]]));
  return { id, documentId, values: { ...values, salesperson: 'SP-A' } };
}

/**
 * `n` persons of the company, bulk-loaded with SQL as the plugin would have written them: type person,
 * companyName, the company's address block and communication fields, inheritanceOverrides, a link row
 * in the `company` join table and one in the `salesperson` join table. 1 % of them override the address
 * block, 1 % the phone, 1 % the salesperson (with values of their own, see OWN).
 */
async function bulkPersons({ companyDocumentId, n, prefix }) {
  const knex = strapi.db.connection;
  const table = contactMeta().tableName;
  const company = await strapi.db.query(UID.contact).findOne({ where: { documentId: companyDocumentId }, populate: { salesperson: { select: ['id'] } } });
  const inherited = ['address', 'address2', 'postCode', 'city', 'county', 'phoneNo', 'faxNo', 'mobilePhoneNo', 'email', 'homePage', 'formatRegion', 'correspondenceType'];
  const now = new Date();
  const rows = [];
  for (let i = 0; i < n; i += 1) {
    const key = OVERRIDE_OF[i % 100] ?? null;
    const values = Object.fromEntries(inherited.map((f) => [f, company[f] ?? null]));
    if (key === 'address') Object.assign(values, OWN.address);
    if (key === 'phoneNo') Object.assign(values, OWN.phoneNo);
    const row = {
      document_id: `${prefix}${String(i).padStart(8, '0')}`, [col('type')]: 'person', [col('name')]: `Bulk Person ${prefix} ${i}`,
      [col('surname')]: `Person ${i}`, [col('companyName')]: company.name,
      [col('inheritanceOverrides')]: JSON.stringify(key ? [key] : []),
      created_at: now, updated_at: now, published_at: now,
    };
    for (const [f, v] of Object.entries(values)) row[col(f)] = v;
    rows.push(row);
  }
  await knex.transaction(async (trx) => {
    await trx.batchInsert(table, rows, 1000);
    const ids = await trx(table).select('id', 'document_id').where('document_id', 'like', `${prefix}%`);
    const cjt = joinTable('company');
    const sjt = joinTable('salesperson');
    await trx.batchInsert(cjt.name, ids.map(({ id }) => ({ [cjt.joinColumn]: id, [cjt.inverseJoinColumn]: company.id })), 1000);
    await trx.batchInsert(sjt.name, ids.map(({ id, document_id: d }) => ({
      [sjt.joinColumn]: id,
      [sjt.inverseJoinColumn]: OVERRIDE_OF[Number(d.slice(prefix.length)) % 100] === 'salesperson' ? codes[OWN.salesperson].id : company.salesperson.id,
    })), 1000);
  });
  fixtureContacts += n;
  const overrides = {};
  for (let i = 0; i < n; i += 1) if (OVERRIDE_OF[i % 100]) overrides[OVERRIDE_OF[i % 100]] = (overrides[OVERRIDE_OF[i % 100]] ?? 0) + 1;
  return { persons: n, overrides };
}

/**
 * Correctness of a propagation: every person of the company (through the `company` join table) must hold
 * the company's current value (`expect`) for each key it does not override, and its own value for the key
 * it overrides. Returns the number of persons, overrides and wrong persons per key.
 */
async function propagationCheck({ companyDocumentId, expect }) {
  const knex = strapi.db.connection;
  const table = contactMeta().tableName;
  const cjt = joinTable('company');
  const sjt = joinTable('salesperson');
  const company = await knex(table).where('document_id', companyDocumentId).first('id');
  const rows = await knex(`${table} as c`)
    .join(`${cjt.name} as l`, `l.${cjt.joinColumn}`, 'c.id')
    .where(`l.${cjt.inverseJoinColumn}`, company.id)
    .whereNot('c.id', company.id)
    .select('c.id', { overrides: `c.${col('inheritanceOverrides')}` }, { phoneNo: `c.${col('phoneNo')}` },
      ...ADDRESS.map((f) => ({ [f]: `c.${col(f)}` })),
      knex.raw(`(SELECT coalesce(array_agg(?? ORDER BY ??), '{}') FROM ?? WHERE ?? = c.id) AS salespeople`, [sjt.inverseJoinColumn, sjt.inverseJoinColumn, sjt.name, sjt.joinColumn]));
  const out = { persons: rows.length, overrides: { address: 0, phoneNo: 0, salesperson: 0 }, wrong: { address: 0, phoneNo: 0, salesperson: 0 }, examples: [] };
  const spId = (code) => codes[code].id;
  for (const r of rows) {
    const ov = typeof r.overrides === 'string' ? JSON.parse(r.overrides) : r.overrides ?? [];
    for (const k of ov) out.overrides[k] = (out.overrides[k] ?? 0) + 1;
    const bad = [];
    const addr = ov.includes('address') ? OWN.address : Object.fromEntries(ADDRESS.map((f) => [f, expect[f] ?? null]));
    if (ADDRESS.some((f) => (r[f] ?? null) !== (addr[f] ?? null))) bad.push('address');
    const phone = ov.includes('phoneNo') ? OWN.phoneNo.phoneNo : expect.phoneNo;
    if ((r.phoneNo ?? null) !== (phone ?? null)) bad.push('phoneNo');
    const sp = spId(ov.includes('salesperson') ? OWN.salesperson : expect.salesperson);
    if (r.salespeople.length !== 1 || Number(r.salespeople[0]) !== sp) bad.push('salesperson');
    for (const k of bad) out.wrong[k] += 1;
    if (bad.length && out.examples.length < 3) out.examples.push({ id: r.id, bad, row: r });
  }
  return out;
}

const handlers = {
  masterData,
  inheritanceCompany,
  bulkPersons,
  propagationCheck,
  async tables() {
    return { contacts: contactMeta().tableName, company: joinTable('company').name, salesperson: joinTable('salesperson').name };
  },
  /** SQL statements of each PUT (or `methods`) request while on (no CPU profile); off returns them, with the propagation statements marked. */
  async trace({ on, methods = ['PUT'] }) {
    if (on) {
      profiling = { requests: [], methods, outside: 0 };
      pending.clear();
      return {};
    }
    await new Promise((r) => setTimeout(r, 100)); // the after-commit event queries
    const cjt = joinTable('company');
    const requests = profiling.requests.filter((e) => e.end !== null).map((e) => {
      const statements = e.queries.map((q) => ({
        sql: normalise(q.sql), ms: q.end === null ? null : q.end - q.start, after: q.after,
        // the set-based propagation (inheritance.ts propagate): writes whose target set is "persons of the company"
        propagation: /^(update|delete|insert)\b/i.test(q.sql.trim()) && q.sql.includes(cjt.name),
      }));
      const prop = statements.filter((q) => q.propagation);
      return {
        path: e.path, serverMs: e.end - e.start, statements,
        // wall time during which some statement of the request was in flight (statements sent at once overlap)
        sqlBusyMs: busy(e.queries.filter((q) => !q.after)),
        propagationMs: prop.reduce((a, q) => a + (q.ms ?? 0), 0), propagationStatements: prop.length,
        workerStatements: profiling.outside,
      };
    });
    profiling = null;
    return requests;
  },
  async series({ code }) {
    await useSeries(code);
    return { code };
  },
  async profile({ on, label }) {
    if (on) {
      profiling = { requests: [], methods: ['POST'] };
      pending.clear();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 250 });
      await post('Profiler.start');
      return {};
    }
    await new Promise((r) => setTimeout(r, 300)); // let the after-commit event queries of the last request finish
    const { profile } = await post('Profiler.stop');
    await post('Profiler.disable');
    const summary = profileSummary();
    for (const s of Object.values(summary)) s.cpuMs = cpuByCategory(profile);
    if (label && process.env.BENCH_RESULTS_DIR) {
      // for Chrome DevTools / speedscope: Performance → Load profile
      fs.mkdirSync(process.env.BENCH_RESULTS_DIR, { recursive: true });
      fs.writeFileSync(path.join(process.env.BENCH_RESULTS_DIR, `${label}.cpuprofile`), JSON.stringify(profile));
    }
    profiling = null;
    return summary;
  },
  async cpu() {
    return process.cpuUsage();
  },
  check: numbersBySeries,
  /** A bench module's server side (fixtures, EXPLAIN …): bench/<name>.js exports server: { fn(strapi, args) }. */
  async module({ name, fn, args }) {
    return require(`./${name}`).server[fn](strapi, args ?? {});
  },
  async stop() {
    await strapi.destroy();
    setImmediate(() => process.exit(0));
    return {};
  },
};

process.on('message', async (msg) => {
  try {
    const result = await handlers[msg.cmd](msg);
    process.send({ id: msg.id, result });
  } catch (err) {
    process.send({ id: msg.id, error: err && err.stack ? err.stack : String(err) });
  }
});
process.on('disconnect', () => process.exit(1)); // parent died: don't linger

(async () => {
  strapi = await createStrapi({ appDir, distDir: process.env.BENCH_DIST || path.join(appDir, 'dist') }).load();
  installProfiler();
  await new Promise((resolve, reject) => {
    strapi.server.httpServer.once('error', reject);
    strapi.server.listen(0, '127.0.0.1', resolve);
  });
  const token = await fixtures();
  process.send({ ready: true, port: strapi.server.httpServer.address().port, token });
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
