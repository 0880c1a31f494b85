#!/usr/bin/env node
'use strict';
/**
 * Re-index lag after a company change (PostgreSQL): `npm run bench:reindex` (issue 14: "re-index lag after a
 * 10,000-person company change ≤ 30 s"; "company updates are never slowed by the worker").
 *
 * 1. Compiles the app into .tmp/reindex-dist (BENCH_SKIP_COMPILE=true reuses it) and boots Strapi in this
 *    process on a throwaway PostgreSQL database, with the duplicate worker's timer as in production
 *    (MS_DUPLICATE_WORKER_INTERVAL_MS, default 2000; `duplicateBatchSize` the plugin default).
 * 2. A company (created through the document service) and BENCH_REINDEX_PERSONS persons (10,000) of it
 *    bulk-loaded with SQL as bench/server.js `bulkPersons` does (every inherited field the company's, 1 % with
 *    their own address, 1 % their own phone), each with a distinct first name × surname of Belgian pools.
 *    Then a regeneration (the plugin's own, timed) indexes them and stores their pairs: the state a
 *    production database would be in.
 * 3. Per run (BENCH_REINDEX_RUNS, 3): BENCH_REINDEX_TWINS (20) persons are created through the document
 *    service at the address the company is about to move to, each with the name of one of its persons (a
 *    duplicate to find once the move is re-indexed). The company's address, city and post code are changed
 *    with one PUT over REST (API token). The client then polls the database (its own connection) every
 *    200 ms until the re-index queue is empty **and** every person that inherits the address has the new
 *    post code's name key and no key of the old post code **and** every twin has its pair: the lag. While
 *    the queue drains, BENCH_REINDEX_SECOND_PUTS (5) further PUTs change the company's home page (propagated
 *    to all persons, not re-indexed) one second apart: their latency, against the same PUT with the worker
 *    idle, shows whether a company update waits for the worker.
 *    Recorded: lag, the worker's batches (size and time, from `dequeue`), the SQL statements sent outside
 *    any HTTP request during the drain per person re-indexed, and a fingerprint of every stored pair
 *    (contacts, strings, score) so two code versions can be compared on the same data.
 * Prints a summary and writes bench/results/reindex-<time>.json.
 *
 * Knobs (env): BENCH_REINDEX_PERSONS (10000), BENCH_REINDEX_RUNS (3), BENCH_REINDEX_TWINS (20),
 * BENCH_REINDEX_SECOND_PUTS (5), BENCH_REINDEX_MAX_SECONDS (900 per run), MS_DUPLICATE_WORKER_INTERVAL_MS,
 * BENCH_REINDEX_QUEUE_BATCH (the plugin's duplicateQueueBatchSize, where the code has it),
 * BENCH_SKIP_COMPILE=true, BENCH_DIST (.tmp/reindex-dist), BENCH_KEEP_DB=true, PG: BENCH_PG_HOST/PORT/USER/PASSWORD.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const { execFileSync } = require('child_process');
const { AsyncLocalStorage } = require('async_hooks');
const { Client } = require('pg');
const { PG, pgAdmin } = require('./lib/pg');
const { compileApp } = require('./lib/compile');
const { median, request } = require('./lib/load');

const env = process.env;
const appDir = path.resolve(__dirname, '..');
const DIST = path.resolve(appDir, env.BENCH_DIST ?? '.tmp/reindex-dist');
const PERSONS = Number(env.BENCH_REINDEX_PERSONS ?? 10000);
const RUNS = Number(env.BENCH_REINDEX_RUNS ?? 3);
const TWINS = Number(env.BENCH_REINDEX_TWINS ?? 20);
const SECOND_PUTS = Number(env.BENCH_REINDEX_SECOND_PUTS ?? 5);
const MAX_SECONDS = Number(env.BENCH_REINDEX_MAX_SECONDS ?? 900);
const INTERVAL = env.MS_DUPLICATE_WORKER_INTERVAL_MS ?? '2000';
const CONTACT = 'plugin::marketing-setup.contact';
const API = '/api/marketing-setup/contacts';
const QUEUE = 'ms_contact_reindex_queue';
const log = (...a) => console.error('[bench:reindex]', ...a);
const fmt = (x, d = 1) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));
const plugin = (rel) => require(path.join(DIST, 'src/plugins/marketing-setup/server/src', rel));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { FIRST, SURNAMES } = require('./lib/names');
/** Person i: a distinct first name × surname (70 × 150 = 10,500 combinations). */
const personName = (i) => ({ firstName: FIRST[i % FIRST.length], surname: SURNAMES[Math.floor(i / FIRST.length) % SURNAMES.length] });
/** The address the company moves to in run r (its own street, town and post code per run). */
const moveOf = (r) => ({ address: `Nieuwstraat ${r}`, city: `Lagstad ${'ABCDEFGHIJ'[r]}`, postCode: String(8100 + r) });
const START = { address: 'Kerkstraat 1', city: 'Gent', postCode: '9000' };


async function boot(dbName) {
  Object.assign(env, {
    NODE_ENV: 'production', LOG_LEVEL: 'error', STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_DISABLE_CRON: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true', HOST: '127.0.0.1', PORT: '0', MS_EMAIL_POLL_MS: '0',
    MS_DUPLICATE_WORKER_INTERVAL_MS: INTERVAL,
    APP_KEYS: 'benchKeyA,benchKeyB', API_TOKEN_SALT: 'bench-salt', ADMIN_JWT_SECRET: 'bench-admin', TRANSFER_TOKEN_SALT: 'bench-transfer',
    JWT_SECRET: 'bench-jwt', ENCRYPTION_KEY: 'bench-encryption-key-0123456789ab',
    DATABASE_CLIENT: 'postgres', DATABASE_URL: '', DATABASE_HOST: PG.host, DATABASE_PORT: String(PG.port), DATABASE_NAME: dbName,
    DATABASE_USERNAME: PG.user, DATABASE_PASSWORD: PG.password ?? '',
  });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: DIST }).load();
  await new Promise((resolve, reject) => {
    strapi.server.httpServer.once('error', reject);
    strapi.server.listen(0, '127.0.0.1', resolve);
  });
  return strapi;
}

/** Pauses (0) or restores the worker's timer; the timer exists since boot and reads the setting at every tick. */
const workerInterval = (strapi, ms) => strapi.config.set('plugin::marketing-setup.duplicateWorkerIntervalMs', Number(ms));

// ---- Instrumentation: SQL statements inside / outside HTTP requests, and the worker's batches ----
const requestScope = new AsyncLocalStorage();
const counters = { request: 0, outside: 0 };
const batches = []; // { at, size }
const phases = {}; // ms summed per instrumented function
function instrument(strapi) {
  strapi.server.app.middleware.unshift((ctx, next) => requestScope.run(true, next));
  strapi.db.connection.on('query', () => {
    if (requestScope.getStore()) counters.request += 1;
    else counters.outside += 1;
  });
  // Where a batch's time goes (only the functions this code version has): candidate statements, and the
  // re-index steps of duplicate-search/search.ts.
  const wrap = (mod, name, key) => {
    const fn = mod[name];
    if (typeof fn !== 'function') return;
    mod[name] = async (...args) => {
      const t = process.hrtime.bigint();
      try {
        return await fn(...args);
      } finally {
        phases[key] = (phases[key] ?? 0) + Number(process.hrtime.bigint() - t) / 1e6;
      }
    };
  };
  wrap(plugin('repositories/duplicate-candidates.js'), 'candidateIds', 'candidatesMs');
  wrap(plugin('repositories/duplicate-candidates.js'), 'candidateIdsOfMany', 'candidatesOfManyMs');
  const search = plugin('duplicate-search/search.js');
  for (const name of ['reindexBatch', 'indexBatch', 'scoreBatch', 'settleBatch']) wrap(search, name, `${name}Ms`);
  const queue = plugin('repositories/reindex-queue.js');
  const dequeue = queue.dequeue;
  queue.dequeue = async (write, ids, ...rest) => {
    const out = await dequeue(write, ids, ...rest);
    if (ids.length) batches.push({ at: Date.now(), size: ids.length });
    return out;
  };
}

// ---- Fixtures ----
async function setupNumbering(strapi) {
  const series = await strapi.documents('plugin::marketing-setup.no-series').create({ data: { code: 'CONT', description: 'Contacts' } });
  await strapi.documents('plugin::marketing-setup.no-series-line').create({ data: { series: series.documentId, lineNo: 10000, startingNo: 'CT000001', endingNo: 'CT999999' } });
  const setup = await strapi.documents('plugin::marketing-setup.setup').findFirst({});
  await strapi.documents('plugin::marketing-setup.setup').update({ documentId: setup.documentId, data: { contactNos: series.documentId } });
}

const meta = (strapi) => strapi.db.metadata.get(CONTACT);
const col = (strapi, attribute) => meta(strapi).attributes[attribute]?.columnName ?? attribute.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const joinTable = (strapi, attribute, uid = CONTACT) => {
  const jt = strapi.db.metadata.get(uid).attributes[attribute].joinTable;
  return { name: jt.name, joinColumn: jt.joinColumn.name, inverseJoinColumn: jt.inverseJoinColumn.name };
};
const PAIR = 'plugin::marketing-setup.contact-duplicate';
/** Table and column names from Strapi's metadata (for the client's own SQL). */
const tablesOf = (strapi) => ({
  contacts: meta(strapi).tableName,
  overrides: col(strapi, 'inheritanceOverrides'),
  company: joinTable(strapi, 'company'),
  pairs: strapi.db.metadata.get(PAIR).tableName,
  pcol: (a) => strapi.db.metadata.get(PAIR).attributes[a].columnName ?? a.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
  a: joinTable(strapi, 'contact', PAIR),
  b: joinTable(strapi, 'duplicateContact', PAIR),
});

/** n persons of the company, as bench/server.js bulkPersons writes them (1 % own address, 1 % own phone). */
async function bulkPersons(strapi, company, n) {
  const knex = strapi.db.connection;
  const table = meta(strapi).tableName;
  const inherited = ['address', 'address2', 'postCode', 'city', 'county', 'phoneNo', 'faxNo', 'mobilePhoneNo', 'email', 'homePage', 'formatRegion', 'correspondenceType'];
  const now = new Date();
  const rows = [];
  for (let i = 0; i < n; i += 1) {
    const key = { 1: 'address', 2: 'phoneNo' }[i % 100] ?? null;
    const values = Object.fromEntries(inherited.map((f) => [f, company[f] ?? null]));
    if (key === 'address') Object.assign(values, { address: `Eigen weg ${i}`, address2: null, postCode: '2000', city: 'Antwerpen', county: null });
    if (key === 'phoneNo') values.phoneNo = `+32 499 ${String(100000 + i).slice(1)}`;
    const { firstName, surname } = personName(i);
    const row = {
      document_id: `lagp${String(i).padStart(8, '0')}`, [col(strapi, 'type')]: 'person', [col(strapi, 'name')]: `${firstName} ${surname}`,
      [col(strapi, 'firstName')]: firstName, [col(strapi, 'surname')]: surname, [col(strapi, 'companyName')]: company.name,
      [col(strapi, 'inheritanceOverrides')]: JSON.stringify(key ? [key] : []),
      created_at: now, updated_at: now, published_at: now,
    };
    for (const [f, v] of Object.entries(values)) row[col(strapi, f)] = v;
    rows.push(row);
  }
  await knex.transaction(async (trx) => {
    await trx.batchInsert(table, rows, 1000);
    const ids = await trx(table).select('id').where('document_id', 'like', 'lagp%');
    const cjt = joinTable(strapi, 'company');
    await trx.batchInsert(cjt.name, ids.map(({ id }) => ({ [cjt.joinColumn]: id, [cjt.inverseJoinColumn]: company.id })), 1000);
  });
}

// ---- Checks (the client's own connection, so they do not count as the server's statements) ----
/** Inheriting persons of the company with / without the post code's keys, and twins paired with their person. */
async function freshness(db, T, companyId, newPost, oldPost, twinIds) {
  const { rows: [k] } = await db.query(`
    WITH persons AS (SELECT c.id FROM ${T.contacts} c JOIN ${T.company.name} l ON l.${T.company.joinColumn} = c.id
      WHERE l.${T.company.inverseJoinColumn} = $1 AND c.id <> $1 AND NOT (coalesce(c.${T.overrides}::jsonb, '[]'::jsonb) ? 'address'))
    SELECT (SELECT count(*) FROM persons) AS persons,
      (SELECT count(DISTINCT k.contact_id) FROM ms_contact_blocking_keys k JOIN persons p ON p.id = k.contact_id
        WHERE k.key LIKE 'p_:%:' || $2) AS fresh,
      (SELECT count(DISTINCT k.contact_id) FROM ms_contact_blocking_keys k JOIN persons p ON p.id = k.contact_id
        WHERE k.key LIKE 'p_:%:' || $3 OR k.key LIKE 'pa:' || $3 || ':%') AS stale`, [companyId, newPost, oldPost]);
  const { rows: [t] } = await db.query(`
    SELECT count(DISTINCT t.id) AS paired FROM unnest($1::int[]) t(id) WHERE EXISTS (
      SELECT 1 FROM ${T.a.name} a JOIN ${T.b.name} b ON b.${T.b.joinColumn} = a.${T.a.joinColumn}
      WHERE (a.${T.a.inverseJoinColumn} = t.id OR b.${T.b.inverseJoinColumn} = t.id))`, [twinIds]);
  return { persons: Number(k.persons), fresh: Number(k.fresh), stale: Number(k.stale), twinsPaired: Number(t.paired) };
}

/** Every stored pair (by the contacts' document ids) with its figures, hashed: same data + same code → same hash. */
async function pairFingerprint(db, T) {
  const { rows } = await db.query(`
    SELECT least(ca.document_id, cb.document_id) AS x, greatest(ca.document_id, cb.document_id) AS y,
      p.${T.pcol('matchingStrings')} AS m, p.${T.pcol('hitPercent')} AS h, round(p.${T.pcol('fuzzyScore')}::numeric, 4) AS f,
      p.${T.pcol('separateContacts')} AS s
    FROM ${T.pairs} p
    JOIN ${T.a.name} a ON a.${T.a.joinColumn} = p.id JOIN ${T.contacts} ca ON ca.id = a.${T.a.inverseJoinColumn}
    JOIN ${T.b.name} b ON b.${T.b.joinColumn} = p.id JOIN ${T.contacts} cb ON cb.id = b.${T.b.inverseJoinColumn}
    ORDER BY 1, 2`);
  // twins get new document ids every run: name them by their person
  const text = rows.map((r) => `${r.x.startsWith('lagp') ? r.x : 'other'}|${r.y.startsWith('lagp') ? r.y : 'other'}|${r.m}|${r.h}|${r.f}|${r.s}`).join('\n');
  return { pairs: rows.length, sha1: crypto.createHash('sha1').update(text).digest('hex').slice(0, 12) };
}

const queued = async (db) => Number((await db.query(`SELECT count(*) AS n FROM ${QUEUE}`)).rows[0].n);

async function main() {
  const started = Date.now();
  const loadStart = os.loadavg();
  compileApp(DIST, log);
  const pgVersion = (await pgAdmin('SHOW server_version')).rows[0].server_version;
  const dbName = `ms_bench_reindex_${process.pid}_${Date.now()}`;
  await pgAdmin(`CREATE DATABASE ${dbName}`);
  const db = new Client({ ...PG, database: dbName });
  let strapi;
  const result = { settings: { PERSONS, RUNS, TWINS, SECOND_PUTS, INTERVAL: Number(INTERVAL), QUEUE_BATCH: env.BENCH_REINDEX_QUEUE_BATCH ?? null }, runs: [] };
  try {
    strapi = await boot(dbName);
    await db.connect();
    workerInterval(strapi, 0); // paused while the fixtures are loaded
    instrument(strapi);
    const T = tablesOf(strapi);
    await setupNumbering(strapi);
    const token = (await strapi.service('admin::api-token').create({ name: 'bench-reindex', type: 'full-access', lifespan: null })).accessKey;
    const port = strapi.server.httpServer.address().port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const put = async (documentId, data) => {
      const t = process.hrtime.bigint();
      const res = await request('PUT', agent, port, token, `${API}/${documentId}`, { data });
      if (res.status !== 200) throw new Error(`PUT answered ${res.status}: ${res.body.slice(0, 300)}`);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const company = await strapi.documents(CONTACT).create({
      data: { type: 'company', name: 'Lagtest Logistiek NV', ...START, phoneNo: '+32 9 222 33 44', email: 'info@lagtest.example', homePage: 'https://lagtest.example' },
    });
    const companyId = company.id;
    let t = Date.now();
    await bulkPersons(strapi, company, PERSONS);
    log(`${PERSONS} persons bulk-loaded in ${Date.now() - t} ms`);
    await db.query('VACUUM ANALYZE');
    const service = strapi.plugin('marketing-setup').service('duplicate-regeneration');
    t = Date.now();
    await service.start();
    await service.work();
    result.regenerationSeconds = (Date.now() - t) / 1000;
    log(`regeneration (initial index of ${PERSONS} persons): ${fmt(result.regenerationSeconds)} s, ${(await pairFingerprint(db, T)).pairs} pairs`);
    await db.query('VACUUM ANALYZE');
    workerInterval(strapi, INTERVAL);
    if (env.BENCH_REINDEX_QUEUE_BATCH) strapi.config.set('plugin::marketing-setup.duplicateQueueBatchSize', Number(env.BENCH_REINDEX_QUEUE_BATCH));

    let oldPost = START.postCode;
    for (let r = 1; r <= RUNS; r += 1) {
      const move = moveOf(r);
      // Twins at the address the company moves to: each has the name of one of its persons.
      const twinIds = [];
      for (let j = 0; j < TWINS; j += 1) {
        const i = 100 * r + 37 * j + 3; // never an own-address / own-phone person (i % 100 ∉ {1, 2})
        const twin = await strapi.documents(CONTACT).create({ data: { type: 'person', ...personName(i), ...move } });
        twinIds.push(twin.id);
      }
      while ((await queued(db)) > 0) await sleep(500);
      await sleep(Number(INTERVAL) + 200); // the worker idle (its last tick found nothing)
      const idle = [];
      for (let k = 0; k < 3; k += 1) idle.push(await put(company.documentId, { homePage: `https://idle-${r}-${k}.lagtest.example` }));
      const before = await freshness(db, T, companyId, move.postCode, oldPost, twinIds);
      const batchesBefore = batches.length;
      const outside0 = counters.outside;
      for (const k of Object.keys(phases)) delete phases[k];
      const t0 = Date.now();
      const moveMs = await put(company.documentId, move);
      const seconds = () => (Date.now() - t0) / 1000;
      const queuedAfterPut = await queued(db);
      // Company updates during the drain (home page: propagated to every person, nothing to re-index).
      const during = [];
      const secondPuts = (async () => {
        for (let k = 0; k < SECOND_PUTS; k += 1) {
          await sleep(1000);
          const q = await queued(db);
          if (q === 0) break;
          during.push({ atSeconds: seconds(), queued: q, ms: await put(company.documentId, { homePage: `https://drain-${r}-${k}.lagtest.example` }) });
        }
      })();
      let emptyAt = null;
      let fresh = null;
      let samples = 0;
      for (;;) {
        await sleep(200);
        samples += 1;
        const q = await queued(db);
        if (q === 0 && emptyAt === null) emptyAt = seconds();
        if (q === 0) {
          const f = await freshness(db, T, companyId, move.postCode, oldPost, twinIds);
          if (f.fresh === f.persons && f.stale === 0 && f.twinsPaired === TWINS) {
            fresh = { ...f, atSeconds: seconds() };
            break;
          }
        }
        if (samples % 50 === 0) log(`run ${r}: ${q} queued after ${fmt(seconds(), 0)} s`);
        if (seconds() > MAX_SECONDS) {
          fresh = { ...(await freshness(db, T, companyId, move.postCode, oldPost, twinIds)), atSeconds: null, timedOut: true };
          break;
        }
      }
      const lag = fresh.atSeconds;
      const outside = counters.outside - outside0;
      await secondPuts;
      const runBatches = batches.slice(batchesBefore).filter((b) => b.at <= t0 + (lag ?? MAX_SECONDS) * 1000);
      const reindexed = runBatches.reduce((n, b) => n + b.size, 0);
      const gaps = runBatches.map((b, k) => b.at - (k ? runBatches[k - 1].at : t0));
      const fp = await pairFingerprint(db, T);
      const run = {
        run: r, moveMs, queuedAfterPut, lagSeconds: lag, queueEmptySeconds: emptyAt, timedOut: !!fresh.timedOut, before, after: fresh,
        batches: runBatches.length, batchSizes: { min: Math.min(...runBatches.map((b) => b.size)), median: median(runBatches.map((b) => b.size)), max: Math.max(...runBatches.map((b) => b.size)) },
        batchMs: { median: median(gaps), max: Math.max(...gaps) },
        reindexed, statementsOutsideRequests: outside, statementsPerPerson: outside / Math.max(1, reindexed),
        idlePutMs: idle, idlePutMedian: median(idle), duringPuts: during, duringPutMedian: during.length ? median(during.map((d) => d.ms)) : null,
        duringPutMax: during.length ? Math.max(...during.map((d) => d.ms)) : null, pairs: fp, phasesMs: { ...phases },
      };
      result.runs.push(run);
      log(`run ${r}: PUT ${fmt(moveMs)} ms, ${queuedAfterPut} queued; lag ${fmt(lag)} s (queue empty at ${fmt(emptyAt)} s); ${run.batches} batches (size median ${run.batchSizes.median}, ${fmt(run.batchMs.median, 0)} ms median); ${fmt(run.statementsPerPerson, 2)} statements/person; ms in ${JSON.stringify(Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])))}; home-page PUT idle ${fmt(run.idlePutMedian)} ms, during the drain ${during.map((d) => fmt(d.ms, 0)).join(' / ') || '–'} ms; pairs ${fp.pairs} (${fp.sha1})`);
      oldPost = move.postCode;
    }
    agent.destroy();
  } finally {
    if (strapi) await strapi.destroy().catch(() => {});
    await db.end().catch(() => {});
    if (env.BENCH_KEEP_DB === 'true') log(`database ${dbName} kept (BENCH_KEEP_DB)`);
    else await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  }
  const cpus = os.cpus();
  const lags = result.runs.map((x) => x.lagSeconds).filter((x) => x != null);
  Object.assign(result, {
    finishedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: appDir, encoding: 'utf8' }).trim(),
    dirty: execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: appDir, encoding: 'utf8' }).trim() !== '',
    machine: `${cpus.length} cores (${cpus[0]?.model?.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM; Node ${process.version}; PostgreSQL ${pgVersion}`,
    loadavg: { start: loadStart, end: os.loadavg() },
    lagMedianSeconds: lags.length === result.runs.length ? median(lags) : null,
    totalSeconds: (Date.now() - started) / 1000,
  });
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const file = path.join(__dirname, 'results', `reindex-${result.finishedAt.replace(/:/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`| run | PUT (ms) | queued | **lag (s)** | queue empty (s) | batches (median size, median ms) | statements / person | home-page PUT idle / during drain (ms) | pairs (fingerprint) |`);
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const x of result.runs) {
    console.log(`| ${x.run} | ${fmt(x.moveMs)} | ${x.queuedAfterPut} | **${fmt(x.lagSeconds)}**${x.timedOut ? ' (timed out)' : ''} | ${fmt(x.queueEmptySeconds)} | ${x.batches} (${x.batchSizes.median}, ${fmt(x.batchMs.median, 0)}) | ${fmt(x.statementsPerPerson, 2)} | ${fmt(x.idlePutMedian)} / ${x.duringPuts.map((d) => fmt(d.ms, 0)).join(', ') || '–'} | ${x.pairs.pairs} (${x.pairs.sha1}) |`);
  }
  console.log(`\nmedian lag ${fmt(result.lagMedianSeconds)} s over ${result.runs.length} runs; regeneration of the initial ${PERSONS} persons ${fmt(result.regenerationSeconds)} s; commit ${result.commit}${result.dirty ? ' (+ uncommitted changes)' : ''}; load ${result.loadavg.start.map((x) => x.toFixed(2)).join('/')} → ${result.loadavg.end.map((x) => x.toFixed(2)).join('/')}; ${path.relative(appDir, file)}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
