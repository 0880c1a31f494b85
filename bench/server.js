'use strict';
/**
 * Benchmark server: boots the compiled app (BENCH_DIST, default dist/) in this child process, like
 * tests/helpers/strapi.ts, and listens on 127.0.0.1 with an ephemeral port. The parent (bench/run.js) drives it over IPC:
 *   ready            -> { port, token }            (sent once, after the fixtures are in place)
 *   series  {code}   -> point setup.contactNos at series `code`
 *   profile {on, label} -> start / stop recording SQL statements (knex query events) per request and a
 *                       V8 CPU profile (self time by package; saved as BENCH_RESULTS_DIR/<label>.cpuprofile)
 *   cpu              -> process.cpuUsage() of this process
 *   check            -> numbers of the contacts per series, for the duplicate / gap checks
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
    if (!profiling || ctx.method !== 'POST') return next();
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
  return { bySeries: out, contacts: rows.length, plainContacts: plain };
}

const handlers = {
  async series({ code }) {
    await useSeries(code);
    return { code };
  },
  async profile({ on, label }) {
    if (on) {
      profiling = { requests: [] };
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
