'use strict';
/**
 * `npm run bench` — REST throughput of the marketing-setup plugin on PostgreSQL. A benchmark, not a test:
 * it prints a markdown table, writes docs/benchmarks.md and bench/results/<time>.json, and only fails
 * (exit 1) when requests fail or a check fails (numbers, row counts, inherited values, propagation).
 *
 *  1. Contact creates/s through the plugin (POST /api/marketing-setup/contacts, all write rules, gapless
 *     series CONT) vs the same requests against a plain content type without any plugin middleware
 *     (POST /api/plain-contacts), at concurrency 1 and 16, in alternating rounds; medians and ratios.
 *  2. Number series: gapless (row lock) vs allowGaps (PostgreSQL sequence) creates/s at concurrency 16,
 *     in alternating rounds; then no duplicate / no gap (gapless) and no duplicate (allowGaps) checks.
 *  3. SQL profile: statements and their time per create for each path (knex query events, concurrency 1).
 *  4. Person creates with inheritance (company set; the company has address, communication, salesperson,
 *     territory … filled) vs persons without company, concurrency 1 and 16, alternating rounds; ratio.
 *  5. Propagation: a company with 1,000 / 10,000 persons bulk-loaded with SQL (1 % override the address,
 *     1 % the phone, 1 % the salesperson); PUT city+postCode, phone, salesperson on the company; median ms
 *     over BENCH_PROPAGATION_RUNS runs, SQL of the propagation per PUT; every person checked after every PUT.
 *  (In docs/benchmarks.md parts 4 and 5 are sections 3 and 4 of the results; the profile has its own section.)
 *
 *  Then the bench modules of MODULES (each its own file with run / markdown / server parts, and its own
 *  section in docs/benchmarks.md). BENCH_ONLY_MODULES=<name>[,<name>] runs just those modules (printed,
 *  docs/benchmarks.md untouched).
 *
 * Knobs (env): BENCH_ROUNDS (5), BENCH_REQUESTS (300 per batch), BENCH_CONCURRENCY ("1,16"),
 * BENCH_CHUNKS (3: each side of a round runs in 3 chunks that alternate with the other side's),
 * BENCH_PERSON_REQUESTS (120 per side per round, part 4), BENCH_PROPAGATION_SIZES ("1000,10000"),
 * BENCH_PROPAGATION_RUNS (7), BENCH_PROPAGATION_VACUUM=false (no VACUUM before each propagation PUT),
 * BENCH_SERIES_CONCURRENCY (16), BENCH_SERIES_REQUESTS (200 per batch), BENCH_PROFILE_REQUESTS (50),
 * BENCH_SKIP_COMPILE=true (reuse the last build), BENCH_DIST (build folder, default .tmp/bench-dist),
 * BENCH_WRITE_DOCS=false (don't touch docs/benchmarks.md), BENCH_KEEP_DB=true (keep the database, to
 * investigate), PG: BENCH_PG_HOST/PORT/USER/PASSWORD.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { fork, execFileSync } = require('child_process');
const { median, request, post, batch } = require('./lib/load');
const { Client } = require('pg');
const { PG, pgAdmin } = require('./lib/pg');
const { compileApp } = require('./lib/compile');

const appDir = path.resolve(__dirname, '..');
const env = process.env;
const ROUNDS = Number(env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = (env.BENCH_CONCURRENCY ?? '1,16').split(',').map(Number);
const SERIES_CONCURRENCY = Number(env.BENCH_SERIES_CONCURRENCY ?? 16);
const SERIES_REQUESTS = Number(env.BENCH_SERIES_REQUESTS ?? 200);
const PROFILE_REQUESTS = Number(env.BENCH_PROFILE_REQUESTS ?? 50);
const PERSON_REQUESTS = Number(env.BENCH_PERSON_REQUESTS ?? 120);
const PROP_SIZES = (env.BENCH_PROPAGATION_SIZES ?? '1000,10000').split(',').map(Number);
const PROP_RUNS = Number(env.BENCH_PROPAGATION_RUNS ?? 7);
/** Part 5b: timed person creates into a company with 0 / 1,000 / 10,000 persons (each, after 1 warm-up). */
const PROP_CREATES = Number(env.BENCH_PROPAGATION_CREATES ?? 5);
const PROP_TARGET_MS = 200;
/** VACUUM (ANALYZE) the tables a propagation writes before every timed PUT (autovacuum is off on this server). */
const PROP_VACUUM = env.BENCH_PROPAGATION_VACUUM !== 'false';
/** Each side of a round is split into this many chunks, alternating with the other side's chunks. */
const CHUNKS = Math.max(1, Number(env.BENCH_CHUNKS ?? 3));
const RESULTS_DIR = path.join(__dirname, 'results'); // git-ignored
/** Bench modules, run after parts 1–5: { name, run(ctx) -> result, markdown(result), server: { fn(strapi, args) } }. */
const MODULES = [
  require('./interactions-timeline'),
  require('./interactions-autorecord'),
];
const ONLY_MODULES = env.BENCH_ONLY_MODULES ? env.BENCH_ONLY_MODULES.split(',') : null;
const RUN_ID = new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
/**
 * The bench compiles into its own output folder (default .tmp/bench-dist, ignored by git, tsc and jest)
 * rather than dist/, so that a test run that recompiles dist/ at the same moment cannot hand the bench
 * half-written files (and the bench cannot disturb the tests).
 */
const DIST_DIR = path.resolve(appDir, env.BENCH_DIST ?? '.tmp/bench-dist');
const TARGETS = {
  plugin: '/api/marketing-setup/contacts',
  plain: '/api/plain-contacts',
};

const log = (...a) => console.error('[bench]', ...a);
const medianCpu = (batches) =>
  Object.fromEntries(Object.keys(batches[0].cpu).map((k) => [k, batches.some((b) => b.cpu[k] === null) ? null : median(batches.map((b) => b.cpu[k]))]));
const fmt = (x, d = 1) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));


// ------------------------------------------------------------------------------------------------
// HTTP client: Node's http with a keep-alive agent (one socket per worker), a pool of workers.
// ------------------------------------------------------------------------------------------------

let seq = 0;
/**
 * Distinct, made-up values per request (deterministic: a PRNG seeded with the request number). The
 * plugin's duplicate search runs on every contact write: requests that all carry the same city and phone
 * and names that differ only by a number ("Bench Company 12") make every contact a duplicate candidate of
 * all the others (blocking keys on name + place and on the phone), so each create would score up to 200
 * candidates and store the pairs: a worst case, not the throughput of ordinary data.
 */
const SYLLABLES = 'ba be bi bo da de di do fa fe fi ga go ha he ka ke ki ko la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zo'.split(' ');
const rng = (n) => {
  let t = (n * 0x9e3779b1) >>> 0; // mulberry32 on the request number
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
};
const made = (n) => {
  const next = rng(n);
  const word = (k) => {
    const w = Array.from({ length: k }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
    return w[0].toUpperCase() + w.slice(1);
  };
  const digits = (k) => Array.from({ length: k }, () => Math.floor(next() * 10)).join('');
  return { word, digits };
};
/** The request body of parts 1 and 2; identical shape for both targets. */
const contactBody = () => {
  seq += 1;
  const { word, digits } = made(seq);
  const name = `${word(3)} ${word(2)}`;
  return { data: { name, type: 'company', city: word(3), phoneNo: `+32 ${digits(1)} ${digits(3)} ${digits(2)} ${digits(2)}`, email: `${name.replace(' ', '.').toLowerCase()}${seq}@example.com` } };
};

/** Part 4's request bodies: a person that gets a company (and inherits from it), and one without company. */
const personBody = (companyDocumentId) => () => {
  seq += 1;
  const { word } = made(seq);
  const [firstName, surname] = [word(2), word(3)];
  const data = { type: 'person', firstName, surname, name: `${firstName} ${surname}` };
  return { data: companyDocumentId ? { ...data, company: companyDocumentId } : data };
};

/** One side of a round, measured in several chunks: creates/s over the chunks' summed time, CPU weighted by creates. */
function combine(chunks) {
  const ok = chunks.reduce((a, c) => a + c.ok, 0);
  const seconds = chunks.reduce((a, c) => a + c.seconds, 0);
  const perCreate = (k) => (chunks.some((c) => c.cpu[k] === null) ? null : chunks.reduce((a, c) => a + c.cpu[k] * c.ok, 0) / Math.max(1, ok));
  const perSecond = (k) => chunks.reduce((a, c) => a + c.cpu[k] * c.seconds, 0) / seconds;
  return {
    rate: ok / seconds,
    ok,
    seconds,
    p50: median(chunks.flatMap((c) => c.latencies)),
    cpu: {
      server: perCreate('server'), postgres: perCreate('postgres'), client: perCreate('client'), other: perCreate('other'),
      machineBusyPct: perSecond('machineBusyPct'), serverBusyPct: perSecond('serverBusyPct'),
    },
  };
}

/** Busy and total CPU time of the whole machine (ms), from os.cpus(). */
function machineTimes() {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of os.cpus()) {
    const t = times.user + times.nice + times.sys + times.irq;
    busyMs += t;
    totalMs += t + times.idle;
  }
  return { busyMs, totalMs };
}
const cpuMs = (a, b) => (b.user - a.user + b.system - a.system) / 1000;

/**
 * CPU time (ms) of the PostgreSQL backends serving the bench database, from /proc/<pid>/stat (same
 * machine only; null when /proc cannot be read, e.g. a remote server).
 */
let CLK_TCK = 100;
try {
  CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  /* keep 100 */
}
async function pgBackendTimes(admin, dbName) {
  const { rows } = await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName]);
  const out = new Map();
  for (const { pid } of rows) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] = field 3 (state)
      out.set(pid, ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK); // utime + stime
    } catch {
      return null;
    }
  }
  return out;
}
const pgDelta = (a, b) => {
  if (!a || !b) return null;
  let ms = 0;
  for (const [pid, t] of b) ms += t - (a.get(pid) ?? 0);
  return ms;
};

// ------------------------------------------------------------------------------------------------
// Server child process and its IPC
// ------------------------------------------------------------------------------------------------
function startServer(dbName) {
  const child = fork(path.join(__dirname, 'server.js'), [], {
    cwd: appDir,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...env,
      BENCH_DIST: DIST_DIR,
      BENCH_RESULTS_DIR: RESULTS_DIR,
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      STRAPI_TELEMETRY_DISABLED: 'true',
      STRAPI_DISABLE_CRON: 'true',
      STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
      HOST: '127.0.0.1',
      PORT: '0',
      APP_KEYS: env.APP_KEYS ?? 'benchKeyA,benchKeyB',
      API_TOKEN_SALT: env.API_TOKEN_SALT ?? 'bench-api-token-salt',
      ADMIN_JWT_SECRET: env.ADMIN_JWT_SECRET ?? 'bench-admin-jwt-secret',
      TRANSFER_TOKEN_SALT: env.TRANSFER_TOKEN_SALT ?? 'bench-transfer-salt',
      JWT_SECRET: env.JWT_SECRET ?? 'bench-jwt-secret',
      ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? 'bench-encryption-key-0123456789ab',
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: '',
      DATABASE_HOST: PG.host,
      DATABASE_PORT: String(PG.port),
      DATABASE_NAME: dbName,
      DATABASE_USERNAME: PG.user,
      DATABASE_PASSWORD: PG.password ?? '',
    },
  });
  const waiting = new Map();
  let nextId = 0;
  const server = {
    child,
    call(cmd, args = {}) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, cmd, ...args });
      });
    },
  };
  return new Promise((resolve, reject) => {
    child.on('message', (msg) => {
      if (msg.ready) {
        Object.assign(server, { port: msg.port, token: msg.token });
        resolve(server);
      } else if (waiting.has(msg.id)) {
        const w = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.error) w.reject(new Error(msg.error));
        else w.resolve(msg.result);
      }
    });
    child.on('exit', (code) => {
      const err = new Error(`bench server exited with code ${code}`);
      reject(err);
      for (const w of waiting.values()) w.reject(err);
    });
  });
}

// ------------------------------------------------------------------------------------------------
// Checks
// ------------------------------------------------------------------------------------------------
const digits = (no) => Number(/(\d+)\D*$/.exec(no)[1]);

function checkSeries(numbers, { gapless, prefix }) {
  const list = numbers ?? [];
  const distinct = new Set(list);
  const duplicates = list.length - distinct.size;
  const values = [...distinct].map(digits).sort((a, b) => a - b);
  const badPrefix = list.filter((n) => !n.startsWith(prefix)).length;
  // Gapless: the numbers must be exactly 1..count.
  const missing = values.length ? values[values.length - 1] - values.length : 0;
  const ok = duplicates === 0 && badPrefix === 0 && (!gapless || (values[0] === 1 && missing === 0));
  return { count: list.length, distinct: distinct.size, duplicates, gaps: missing, first: list.length ? values[0] : null, last: list.length ? values[values.length - 1] : null, badPrefix, ok };
}

// ------------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------------
/** Which code was measured: the commit, and whether the plugin / plain type had uncommitted changes. */
function codeState() {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: appDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--', 'src/plugins/marketing-setup', 'src/api/plain-contact');
  return { commit, uncommitted: dirty ? dirty.split('\n').length : 0 };
}

function machine(pgVersion) {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pgVersion,
    strapi: require('@strapi/strapi/package.json').version,
  };
}

function tables(r) {
  const lines = [];
  lines.push('### 1. Contact creates/s: plugin (all rules) vs plain content type');
  lines.push('');
  lines.push('| concurrency | plugin creates/s | plain creates/s | ratio plugin/plain | ratio per round (min–max) | p50 latency plugin / plain (ms) |');
  lines.push('|---:|---:|---:|---:|---:|---:|');
  for (const c of CONCURRENCY) {
    const x = r.contacts[c];
    lines.push(`| ${c} | ${fmt(x.plugin.median)} | ${fmt(x.plain.median)} | **${fmt(x.ratio, 2)}** | ${fmt(Math.min(...x.roundRatios), 2)}–${fmt(Math.max(...x.roundRatios), 2)} | ${fmt(x.plugin.p50)} / ${fmt(x.plain.p50)} |`);
  }
  lines.push('');
  lines.push('CPU per create (medians of the rounds). "Other" = the machine\'s busy time minus Strapi, PostgreSQL and the client:');
  lines.push('other jobs on the machine. "CPU ratio" = (Strapi + PostgreSQL CPU of a plain create) / (the same for a plugin create):');
  lines.push('the throughput ratio to expect when the machine is CPU-bound, and much less sensitive to other jobs than creates/s.');
  lines.push('');
  lines.push('| target | concurrency | Strapi CPU ms/create | PostgreSQL CPU ms/create | client ms/create | other ms/create | Strapi process busy | machine busy | CPU ratio |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of CONCURRENCY) {
    for (const t of ['plugin', 'plain']) {
      const u = r.contacts[c][t].cpu;
      const ratio = t === 'plugin' ? `**${fmt(r.contacts[c].cpuRatio, 2)}**` : '';
      lines.push(`| ${t} | ${c} | ${fmt(u.server, 2)} | ${fmt(u.postgres, 2)} | ${fmt(u.client, 2)} | ${fmt(u.other, 2)} | ${fmt(u.serverBusyPct, 0)} % | ${fmt(u.machineBusyPct, 0)} % | ${ratio} |`);
    }
  }
  lines.push('');
  lines.push(`### 2. Number series at concurrency ${SERIES_CONCURRENCY}: gapless vs allowGaps (plugin contact creates)`);
  lines.push('');
  lines.push('| series line | creates/s (median) | rounds (min–max) | p50 latency (ms) | Strapi CPU ms/create | PostgreSQL CPU ms/create | machine busy | numbers checked | duplicates | gaps | check |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const [label, key] of [['gapless (CONT, row lock)', 'gapless'], ['allowGaps (GAPS, PG sequence)', 'allowGaps']]) {
    const x = r.series[key];
    const ck = r.checks[key];
    lines.push(`| ${label} | ${fmt(x.median)} | ${fmt(Math.min(...x.rounds))}–${fmt(Math.max(...x.rounds))} | ${fmt(x.p50)} | ${fmt(x.cpu.server, 2)} | ${fmt(x.cpu.postgres, 2)} | ${fmt(x.cpu.machineBusyPct, 0)} % | ${ck.count} | ${ck.duplicates} | ${key === 'gapless' ? ck.gaps : 'n/a (allowed)'} | ${ck.ok ? 'ok' : '**FAILED**'} |`);
  }
  lines.push('');
  lines.push(`gapless/allowGaps ratio: **${fmt(r.series.ratio, 2)}**`);
  lines.push('');
  lines.push(personsTable(r));
  lines.push('');
  lines.push(propagationTable(r));
  return lines.join('\n');
}

function personsTable(r) {
  const lines = [];
  lines.push('### 3. Person creates: with inheritance (company set) vs without company');
  lines.push('');
  lines.push('| concurrency | with company creates/s | without company creates/s | ratio with/without | ratio per round (min–max) | p50 latency with / without (ms) | Strapi + PostgreSQL CPU ms/create with / without | CPU ratio |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  const cpu = (u) => u.server + (u.postgres ?? 0);
  for (const c of CONCURRENCY) {
    const x = r.persons[c];
    if (!x) continue;
    lines.push(`| ${c} | ${fmt(x.inherit.median)} | ${fmt(x.standalone.median)} | **${fmt(x.ratio, 2)}** | ${fmt(Math.min(...x.roundRatios), 2)}–${fmt(Math.max(...x.roundRatios), 2)} | ${fmt(x.inherit.p50)} / ${fmt(x.standalone.p50)} | ${fmt(cpu(x.inherit.cpu), 2)} / ${fmt(cpu(x.standalone.cpu), 2)} | ${fmt(x.cpuRatio, 2)} |`);
  }
  const one = r.persons[CONCURRENCY[0]];
  if (one) {
    lines.push('');
    lines.push(`At concurrency ${CONCURRENCY[0]} inheritance adds **${fmt(1000 / one.inherit.median - 1000 / one.standalone.median, 1)} ms** of wall time per create (1000/creates/s, with minus without).`);
  }
  const ck = r.checks.inheritedCreates;
  if (ck) lines.push(`Check: all ${ck.persons.toLocaleString('en')} persons created with a company (${ck.companies} companies) hold its address block, phone and salesperson (wrong: ${Object.values(ck.wrong).reduce((a, b) => a + b, 0)}).`);
  return lines.join('\n');
}

const KIND_LABEL = { address: 'city + post code (address block)', phone: 'phone', salesperson: 'salesperson (relation)' };
const KIND_KEY = { address: 'address', phone: 'phoneNo', salesperson: 'salesperson' };

function propagationTable(r) {
  const p = r.propagation ?? {};
  const sizes = Object.keys(p).filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
  if (!sizes.length) return '';
  const lines = [];
  lines.push(`### 4. One company update propagated to its persons (PUT /api/marketing-setup/contacts/:documentId, median of ${PROP_RUNS} runs)`);
  lines.push('');
  lines.push(`| persons | change | **median ms** (PUT, client) | runs (min–max) | ≤ ${PROP_TARGET_MS} ms | server time (ms) | propagation SQL ms (statements) | other SQL in the request (ms) | persons changed / kept (override) | queued for the worker at the PUT (min–max) | worker statements from the PUT to 100 ms after it (min–max) | check |`);
  lines.push('|---:|---|---:|---:|:---:|---:|---:|---:|---:|---:|---:|---|');
  for (const n of sizes) {
    for (const kind of Object.keys(KIND_LABEL)) {
      const x = p[n][kind];
      if (!x) continue;
      const kept = p[n].overrides[KIND_KEY[kind]] ?? 0;
      lines.push(`| ${n.toLocaleString('en')} | ${KIND_LABEL[kind]} | **${fmt(x.median)}** | ${fmt(Math.min(...x.ms))}–${fmt(Math.max(...x.ms))} | ${x.median <= PROP_TARGET_MS ? 'yes' : '**no**'} | ${fmt(x.serverMs)} | ${fmt(x.propagationMs)} (${x.propagationStatements}) | ${fmt(x.otherSqlMs)} | ${x.changed.toLocaleString('en')} / ${kept} | ${x.queued ? `${Math.min(...x.queued)}–${Math.max(...x.queued)}` : 'n/a'} | ${x.workerStatements ? `${Math.min(...x.workerStatements)}–${Math.max(...x.workerStatements)}` : 'n/a'} | ${x.checkOk ? 'ok' : '**FAILED**'} |`);
    }
  }
  const big = sizes[sizes.length - 1];
  lines.push('');
  lines.push(`The propagation statements of the ${big.toLocaleString('en')}-person updates (median ms over the runs; the plugin's \`propagate\` in write-rules/inheritance.ts):`);
  lines.push('');
  lines.push('| change | ms | statement |');
  lines.push('|---|---:|---|');
  for (const kind of Object.keys(KIND_LABEL)) {
    for (const q of p[big][kind]?.statementsDetail ?? []) {
      const sql = q.sql.length > 260 ? `${q.sql.slice(0, 257)}…` : q.sql;
      lines.push(`| ${kind} | ${fmt(q.ms)} | \`${sql.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
    }
  }
  const into = p.createInto;
  if (into) {
    const ns = Object.keys(into).map(Number).sort((a, b) => a - b);
    lines.push('');
    lines.push(`A person create with inheritance (POST with \`company\`, concurrency 1) into a company that already has n persons, median of ${PROP_CREATES}:`);
    lines.push('');
    lines.push('| persons in the company | **median ms** (POST, client) | runs (min–max) | server time (ms) | SQL wall time in the request (ms) | server time outside SQL (ms) | statements | slowest statement (median ms) |');
    lines.push('|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const n of ns) {
      const x = into[n];
      const sql = x.slowest.sql ? (x.slowest.sql.length > 200 ? `${x.slowest.sql.slice(0, 197)}…` : x.slowest.sql) : '–';
      lines.push(`| ${n.toLocaleString('en')} | **${fmt(x.median)}** | ${fmt(Math.min(...x.ms))}–${fmt(Math.max(...x.ms))} | ${fmt(x.serverMs)} | ${fmt(x.sqlMs)} | ${fmt(x.outsideSqlMs)} | ${x.statements} | ${fmt(x.slowest.ms)}: \`${sql.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
    }
  }
  return lines.join('\n');
}

function profileTable(r) {
  const lines = [];
  lines.push(`| path (concurrency 1, ${PROFILE_REQUESTS} creates) | SQL statements / create, in the request | … sent while another was running | … after the response | SQL wall time / create (ms) | server time / create (ms) | server time outside SQL (ms) |`);
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const [label, p] of Object.entries(r.profile)) {
    if (!p) continue;
    const per = (x, d = 1) => fmt(x / p.requests, d);
    lines.push(`| ${label} | ${per(p.queries)} | ${per(p.overlapping)} | ${per(p.queriesAfter)} | ${per(p.sqlBusyMs, 2)} | ${per(p.serverMs, 2)} | ${per(p.serverMs - p.sqlBusyMs, 2)} |`);
  }
  return lines.join('\n');
}

function cpuTable(r) {
  const cols = Object.entries(r.profile).filter(([, p]) => p && p.cpuMs);
  if (!cols.length) return '';
  const cats = new Set(cols.flatMap(([, p]) => Object.keys(p.cpuMs)));
  const per = (p, c) => (p.cpuMs[c] ?? 0) / p.requests;
  const rows = [...cats].sort((a, b) => per(cols[0][1], b) - per(cols[0][1], a));
  const lines = [];
  lines.push(`| Strapi process CPU (self time) ms/create | ${cols.map(([l]) => l).join(' | ')} |`);
  lines.push(`|---|${cols.map(() => '---:').join('|')}|`);
  for (const c of rows) {
    if (cols.every(([, p]) => per(p, c) < 0.05)) continue;
    lines.push(`| ${c} | ${cols.map(([, p]) => fmt(per(p, c), 2)).join(' | ')} |`);
  }
  const total = (p) => Object.values(p.cpuMs).reduce((a, b) => a + b, 0) / p.requests;
  lines.push(`| **total** | ${cols.map(([, p]) => `**${fmt(total(p), 2)}**`).join(' | ')} |`);
  return lines.join('\n');
}

function statementList(p) {
  if (!p) return '';
  const rows = Object.entries(p.statements)
    .map(([sql, s]) => ({ sql, n: s.n / p.requests, ms: s.ms / p.requests }))
    .sort((a, b) => b.ms - a.ms);
  const out = ['| per create | ms | statement |', '|---:|---:|---|'];
  for (const row of rows) {
    const sql = row.sql.length > 160 ? `${row.sql.slice(0, 157)}…` : row.sql;
    out.push(`| ${fmt(row.n, 2)} | ${fmt(row.ms, 2)} | \`${sql.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
  }
  return out.join('\n');
}

function markdown(r) {
  const m = r.machine;
  return `# Benchmarks

Generated by \`npm run bench\` (bench/run.js) on ${r.finishedAt}. Re-running the command rewrites this file.

## Command

\`\`\`sh
npm run bench        # = node bench/run.js; needs PostgreSQL on ${PG.host}:${PG.port} (user ${PG.user})
\`\`\`

Settings of this run: ${ROUNDS} rounds × ${CHUNKS * Math.ceil(REQUESTS / CHUNKS)} requests per side, in ${CHUNKS} alternating chunks, concurrency ${CONCURRENCY.join(' and ')};
number series ${ROUNDS} rounds × ${CHUNKS * Math.ceil(SERIES_REQUESTS / CHUNKS)} requests per side at concurrency ${SERIES_CONCURRENCY}; SQL profile ${PROFILE_REQUESTS} creates per path;
person creates ${ROUNDS} rounds × ${CHUNKS * Math.ceil(PERSON_REQUESTS / CHUNKS)} requests per side, concurrency ${CONCURRENCY.join(' and ')}; propagation to ${PROP_SIZES.map((n) => n.toLocaleString('en')).join(' and ')} persons, ${PROP_RUNS} timed runs (+1 warm-up) of 3 changes each${PROP_VACUUM ? ', VACUUM (ANALYZE) before each PUT' : ', no VACUUM between PUTs'}. Total run time ${fmt(r.totalSeconds, 0)} s.

## Machine

${m.cores} cores (${m.cpu}), ${m.memGiB} GiB RAM, ${m.os}; Node ${m.node}; ${m.postgres}; Strapi ${m.strapi}.
Client, Strapi and PostgreSQL all run on the same machine, so they share the ${m.cores} cores. The machine is
shared: 1-minute load average ${fmt(r.loadavg.start[0], 2)} at the start of the run, ${fmt(r.loadavg.end[0], 2)} at the end
(other jobs can run at the same time; the alternating rounds spread that noise over both sides).

Code measured: commit ${r.code.commit ?? 'unknown'}${r.code.uncommitted ? ` plus ${r.code.uncommitted} uncommitted file(s) in src/plugins/marketing-setup and src/api/plain-contact (work in progress at the time of the run)` : ''}.

## Results (medians of ${ROUNDS} rounds; part 4: of ${PROP_RUNS} runs)

${tables(r)}

${modulesMarkdown(r)}

## Where the time goes (SQL profile)

${profileTable(r)}

Where the Strapi process spends its CPU per create (V8 sampling profiler during the same profile
batches, self time grouped by package, built-ins charged to their JS caller; async work of a request such as the after-commit event queries is
included, idle time is not):

${cpuTable(r)}

Statements of one plugin contact create (gapless series), averaged, slowest first. "ms" is the wall time from
sending a statement to its answer, so it includes waiting behind the other statements of the same request
(several populate queries are sent at once and the pg client runs them one after the other) and CPU contention
with everything else on the machine; "[after response]" marks statements that Strapi sends after the commit
(the entry.create event loads the new entry with all its relations), outside the request's latency:

${statementList(r.profile['plugin, gapless'])}

Statements of one plain create:

${statementList(r.profile.plain)}

## How measured

\`bench/run.js\` compiles the app once (what \`compileStrapi\` does, into \`.tmp/bench-dist\` so that a test run
recompiling \`dist/\` cannot interfere), creates a fresh PostgreSQL database
(\`ms_bench_<pid>_<time>\`), and boots Strapi from that build in a child process (\`bench/server.js\`:
\`createStrapi({ appDir, distDir }).load()\`, \`strapi.server.listen()\` on 127.0.0.1, \`NODE_ENV=production\`,
\`LOG_LEVEL=error\`, pool max 10). The child creates the number series CONT (CT000001..CT999999, gapless) and
GAPS (GP000001..GP999999, \`allowGaps: true\`), sets \`contactNos\` of the setup to CONT, and makes a full-access
API token. The client is the parent process: Node's \`http\` with a keep-alive agent, and a pool of N workers
that each send the next request as soon as their previous one answered (N = concurrency). Every request is
\`POST {data:{name, type:'company', city, phoneNo, email}}\` with a new made-up name, city, phone and e-mail (random syllables and
digits from a PRNG seeded with the request number: the plugin's duplicate search runs on every write, and requests sharing
city and phone, with names differing only by a number, would make every contact a duplicate candidate of all the others,
up to 200 scored candidates and their stored pairs per create); only 201 answers count,
and any other answer fails the run. After a warm-up batch per target, each round runs, per
concurrency, ${REQUESTS} requests against the plugin and ${REQUESTS} against the plain type, split into ${CHUNKS} chunks per side
that alternate (plugin, plain, plugin, plain, … in odd rounds; plain first in even rounds), so that load from
other jobs on the machine hits both sides alike. Creates/s of a side = its 201 answers / the summed wall time
of its chunks. The table shows the medians of the rounds, the ratio of the medians and the range of the
per-round ratios. The plain type
\`api::plain-contact.plain-contact\` (src/api/plain-contact) has exactly the plugin contact's attributes (its
schema.ts reuses them: 45 fields, six relations) and the core router/controller/service, with no plugin
middleware (the plugin's document middleware returns \`next()\` at once for non-plugin UIDs), so the ratio
measures the plugin's rules (numbering, field rules, defaults, the company's self-link), not the schema. The number series part switches
\`setup.contactNos\` between CONT and GAPS (alternating chunks, as above) and sends plugin creates at
concurrency ${SERIES_CONCURRENCY}; afterwards every contact number in the database is checked: the CONT numbers must be
exactly CT000001..CT<n> (no duplicate, no gap, the warm-up and part-1 plugin creates included), the GAPS numbers
must have no duplicate. Before every round (and before the profile) the bench runs \`ANALYZE\` on its database:
autovacuum is off on this PostgreSQL server, and without statistics the planner treats the fast-growing
contacts table as empty and scans all of it in Strapi's populate of the company relation, which made plugin
creates slower and slower during a run (in an earlier run without it, those statements took ~18 ms each
at ~6,000 contacts, because each was a scan of the whole contacts table instead of two index lookups). The SQL profile is taken last, at concurrency 1: the server attributes every knex
\`query\` event to the HTTP request that caused it (AsyncLocalStorage) and times it up to its
\`query-response\`; "server time" is measured from the first Koa middleware; during the same batches the V8
sampling profiler (inspector, 250 µs) records where the Strapi process spends its CPU. CPU per create in the
timed batches comes from \`process.cpuUsage()\` of the Strapi and client processes and from the machine's
busy time (\`os.cpus()\`) over each batch, and PostgreSQL's from \`/proc/<pid>/stat\` of the backends serving the
bench database (\`pg_stat_activity\`).

**Part 3, person creates with vs without inheritance.** After the profile, the server creates master data
(salespeople SP-A/SP-B/SP-X, territory EAST, country/region BE, language NLB). Before every "with company" chunk
it creates (outside the timing) a new company with the address block, phone, fax, mobile phone, e-mail, home page,
salesperson, territory, country/region, language, format region and correspondence type filled (all Inherit flags
of the setup are on, the default), so that every chunk creates persons for a company with 0 to ${Math.ceil(PERSON_REQUESTS / CHUNKS)} persons:
the cost of a person create with a company grows with the number of persons the company already has (see
"into a company that already has n persons" under section 4), and one company shared by the whole part would make
the figure depend on how far the run had got. Both sides POST to the plugin (\`/api/marketing-setup/contacts\`)
the same person body \`{type:'person', firstName, surname, name}\` (made-up names, as above); the "with company" side adds
\`company: <documentId of the chunk's company>\`, so each create resolves the company, copies every inheritable
field, writes the relation links and the company link, and recomputes the business relation of the company's
contacts; the "without company" side gets only the setup defaults (none are set). Warm-up, then ${ROUNDS} rounds per
concurrency of ${CHUNKS * Math.ceil(PERSON_REQUESTS / CHUNKS)} requests per side in ${CHUNKS} alternating chunks, exactly as part 1; creates/s per side, medians
over the rounds, ratio of the medians (with / without: below 1 means inheritance costs throughput). Afterwards
every person of those companies is checked (address block, phone, salesperson link equal to its company's);
persons take CONT numbers, so they are in the gapless check as well.

**Part 4, propagation.** For each size n (${PROP_SIZES.map((n) => n.toLocaleString('en')).join(', ')}) the server creates a company like the one above
(through the document service, so with all plugin rules) and bulk-loads n persons of it with SQL in one
transaction (a fixture, as in tests/integration/transactions.test.ts): rows in the contacts table with type
person, a document_id, company_name, the company's address block and communication fields, inheritance_overrides,
timestamps and published_at; one link row each in the join table of the \`company\` attribute and of the
\`salesperson\` attribute (table and column names read from \`strapi.db.metadata\`, \`attributes.<name>.joinTable\`).
1 % of the persons override the address block (\`inheritance_overrides\` \`["address"]\`, city Antwerpen), 1 % the
phone (\`["phoneNo"]\`), 1 % the salesperson (\`["salesperson"]\`, linked to SP-X); the rest inherit everything.
(The bulk-loaded persons get no duplicate-search strings or blocking keys, so they are nobody's duplicate candidates.)
Then \`ANALYZE\`. Each run sends, per size (size order alternating between runs), three
\`PUT /api/marketing-setup/contacts/<company documentId>\` one after the other (concurrency 1): \`{city, postCode}\`
(a new value each run), \`{phoneNo}\`, \`{salesperson}\` (SP-A ↔ SP-B; the plugin propagates a relation with a DELETE and an
INSERT … SELECT on the link table). Run 0 is a warm-up; the table shows the median, min and max of the
${PROP_RUNS} timed runs. "ms" is the client's wall time of the PUT (request sent to response read), "server time" is
measured from the first Koa middleware, and the SQL columns come from the knex query events of that request
(as in the SQL profile): "propagation SQL" = the UPDATE / DELETE / INSERT statements whose target set is the
company's persons (summed), "other SQL" = the wall time during which any other statement of the request was in
flight (loads, setup, the company's own UPDATE, business-relation sync; COMMIT is not timed). ${PROP_VACUUM ? 'Before every PUT the bench runs `VACUUM (ANALYZE)` on the contacts table and the company and salesperson link tables (outside the timing): autovacuum is off on this PostgreSQL server, and without it every 10,000-row update leaves 10,000 dead row versions behind, so later runs would measure a table growing with dead rows (with autovacuum on, as on a normal server, it runs after such an update anyway: its threshold is 50 rows + 20 % of the table). ' : ''}After every PUT
(warm-up included) all n persons are read back through the company link table and compared: each person must hold the company's new
value for every key it does not override and its own value for the key it overrides, with exactly one salesperson
link; one wrong person fails the run (and leaves this file unchanged).
After the propagation runs, ${PROP_CREATES} person creates (+1 warm-up) are sent, one at a time, into a new company with no
persons and into the two companies above (the three alternating), with the statements of each create recorded
the same way; "slowest statement" is the statement that was the slowest of its create most often, with its median time.

The database is dropped at the end.
Raw figures of every batch and every PUT (with all its statements) are written to \`bench/results/<time>.json\` (not committed).
`;
}

/** The sections of the bench modules (each module renders its own). */
const modulesMarkdown = (r) => MODULES.map((m) => m.markdown(r.modules?.[m.name])).filter(Boolean).join('\n\n');

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  compileApp(DIST_DIR, log);
  const pgVersion = (await pgAdmin('SHOW server_version')).rows[0].server_version;
  const dbName = `ms_bench_${process.pid}_${Date.now()}`;
  await pgAdmin(`CREATE DATABASE ${dbName}`);
  const admin = new Client({ ...PG, database: 'postgres' }); // reads pg_stat_activity during the run
  const benchDb = new Client({ ...PG, database: dbName }); // runs ANALYZE between batches
  /**
   * Planner statistics: autovacuum may be off (it is on this machine) or lag behind a table that grows from
   * 0 to thousands of rows within minutes. Without statistics PostgreSQL assumes near-empty tables and
   * picks plans that scan the whole contacts table (e.g. for Strapi's populate of the company relation),
   * which would make each create slower as the run goes on. So the bench analyzes between batches.
   */
  const analyze = () => benchDb.query('ANALYZE');
  log(`database ${dbName} created; booting Strapi …`);
  let server;
  const result = {
    settings: { ROUNDS, REQUESTS, CONCURRENCY, SERIES_CONCURRENCY, SERIES_REQUESTS, PROFILE_REQUESTS, PERSON_REQUESTS, PROP_SIZES, PROP_RUNS },
    machine: machine(`PostgreSQL ${pgVersion}`),
    code: codeState(),
    loadavg: { start: os.loadavg() },
    batches: [],
    contacts: {},
    series: {},
    checks: {},
    profile: {},
    persons: {},
    propagation: {},
    modules: {},
  };
  let failed = false;
  const expectedCreates = (kind) => result.batches.filter((b) => kind(b)).reduce((n, b) => n + b.ok, 0);
  const sideSummary = (xs) => ({
    rounds: xs.map((b) => b.rate),
    median: median(xs.map((b) => b.rate)),
    p50: median(xs.map((b) => b.p50)),
    cpu: medianCpu(xs),
  });
  const cpuOf = (u) => u.server + (u.postgres ?? 0);

  /**
   * Part 5. Per size n: a company with every inherited field filled and n persons bulk-loaded with SQL
   * (1 % override the address block, 1 % the phone, 1 % the salesperson), then ANALYZE. Each run sends,
   * per size (order alternating between runs), three PUTs to the company: city + post code (address
   * block), phone, salesperson (a relation). Run 0 is a warm-up; runs 1..PROP_RUNS are timed. After
   * every PUT all n persons are checked (a wrong one fails the bench).
   */
  const propagationPart = async () => {
    const codes = await server.call('masterData');
    const ADDRESS = ['address', 'address2', 'postCode', 'city', 'county'];
    const sizes = {};
    for (const n of PROP_SIZES) {
      const company = await server.call('inheritanceCompany', { name: `Propagation ${n} NV` });
      const t0 = Date.now();
      const loaded = await server.call('bulkPersons', { companyDocumentId: company.documentId, n, prefix: `bulk${n}p` });
      log(`propagation: ${n} persons bulk-loaded in ${Date.now() - t0} ms`);
      const expect = Object.fromEntries([...ADDRESS, 'phoneNo', 'salesperson'].map((f) => [f, company.values[f] ?? null]));
      sizes[n] = { company, loaded, expect, runs: { address: [], phone: [], salesperson: [] } };
    }
    await analyze(); // statistics for the freshly loaded rows
    const verify = async (n, what) => {
      const ck = await server.call('propagationCheck', { companyDocumentId: sizes[n].company.documentId, expect: sizes[n].expect });
      const overridesOk = Object.entries(sizes[n].loaded.overrides).every(([k, v]) => ck.overrides[k] === v);
      const ok = ck.persons === n && overridesOk && Object.values(ck.wrong).every((x) => x === 0);
      if (!ok) {
        failed = true;
        log(`propagation check FAILED (${n} persons, after ${what}): ${JSON.stringify(ck)}`);
      }
      return { ...ck, ok };
    };
    for (const n of PROP_SIZES) await verify(n, 'the bulk load');
    // New values per run, different per company (two companies sharing a town or phone would be duplicate
    // candidates of each other, and the duplicate search runs after every company write).
    const CHANGES = {
      address: (i, s) => ({ city: `Stad${'abcdefgh'[s]}${'abcdefghijklmnop'[i % 16]}`, postCode: String(8000 + 100 * s + i) }),
      phone: (i, s) => ({ phoneNo: `+32 5${s} ${String(100000 + i).slice(1)}` }),
      salesperson: (i) => ({ salesperson: i % 2 ? 'SP-A' : 'SP-B' }), // run 0: SP-A -> SP-B, then back and forth
    };
    const tables = await server.call('tables');
    const vacuum = () => benchDb.query(`VACUUM (ANALYZE) ${[tables.contacts, tables.company, tables.salesperson].map((t) => `"${t}"`).join(', ')}`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i <= PROP_RUNS; i += 1) {
      for (const n of i % 2 ? PROP_SIZES : [...PROP_SIZES].reverse()) {
        for (const [kind, change] of Object.entries(CHANGES)) {
          const values = change(i, PROP_SIZES.indexOf(n));
          const data = kind === 'salesperson' ? { salesperson: codes[values.salesperson].documentId } : values;
          if (PROP_VACUUM) await vacuum();
          // persons waiting for the duplicate worker when the PUT starts: shows whether it was busy meanwhile
          const queued = Number((await benchDb.query('SELECT count(*) AS n FROM ms_contact_reindex_queue')).rows[0].n);
          await server.call('trace', { on: true });
          const t = process.hrtime.bigint();
          const res = await request('PUT', agent, server.port, server.token, `${TARGETS.plugin}/${sizes[n].company.documentId}`, { data });
          const ms = Number(process.hrtime.bigint() - t) / 1e6;
          const [trace] = await server.call('trace', { on: false });
          if (res.status !== 200) {
            failed = true;
            log(`PUT ${kind} (${n} persons) answered ${res.status}: ${res.body.slice(0, 300)}`);
          }
          Object.assign(sizes[n].expect, values);
          const ck = await verify(n, `run ${i}, ${kind} change`);
          const inRequest = trace.statements.filter((q) => !q.after);
          const sqlMs = trace.sqlBusyMs;
          const rec = {
            run: i, ms, queued, workerStatements: trace.workerStatements, serverMs: trace.serverMs, sqlMs, otherSqlMs: sqlMs - trace.propagationMs, statements: inRequest.length,
            propagationMs: trace.propagationMs, propagationStatements: trace.propagationStatements,
            propagation: trace.statements.filter((q) => q.propagation).map((q) => ({ sql: q.sql, ms: q.ms })),
            all: trace.statements,
            changed: n - (ck.overrides[KIND_KEY[kind]] ?? 0), // verified: they all hold the new value now
            ok: ck.ok && res.status === 200,
          };
          if (i > 0) sizes[n].runs[kind].push(rec);
          log(`propagation run ${i} ${n} persons ${kind}: ${fmt(ms)} ms (propagation SQL ${fmt(trace.propagationMs)} ms in ${trace.propagationStatements} statements; ${queued} persons queued for the worker, ${trace.workerStatements} worker statements from the PUT to 100 ms after)${i ? '' : ' [warm-up]'}`);
        }
      }
    }
    // A person create (with inheritance) into a company that already has 0 / n persons, concurrency 1,
    // the sizes alternating: median ms, and the statements of the create.
    const intoSizes = [0, ...PROP_SIZES];
    const into = Object.fromEntries(intoSizes.map((n) => [n, []]));
    const fresh = await server.call('inheritanceCompany', { name: 'Into Empty NV' });
    const companyOf = (n) => (n === 0 ? fresh : sizes[n].company);
    for (let i = 0; i <= PROP_CREATES; i += 1) {
      for (const n of i % 2 ? intoSizes : [...intoSizes].reverse()) {
        await server.call('trace', { on: true, methods: ['POST'] });
        const t = process.hrtime.bigint();
        const res = await post(agent, server.port, server.token, TARGETS.plugin, personBody(companyOf(n).documentId)());
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        const [trace] = await server.call('trace', { on: false });
        result.batches.push({ part: 'create-into', target: `person-into-${n}`, concurrency: 1, round: i, ok: res.status === 201 ? 1 : 0, failures: res.status === 201 ? 0 : 1 });
        if (res.status !== 201) {
          failed = true;
          log(`person create into a company with ${n} persons answered ${res.status}: ${res.body.slice(0, 300)}`);
        }
        const inRequest = trace.statements.filter((q) => !q.after);
        const slowest = [...inRequest].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0))[0];
        if (i > 0) into[n].push({ ms, serverMs: trace.serverMs, sqlMs: trace.sqlBusyMs, statements: inRequest.length, slowest, all: trace.statements });
      }
    }
    log(`person create into a company with ${intoSizes.join(' / ')} persons: ${intoSizes.map((n) => fmt(median(into[n].map((r) => r.ms)))).join(' / ')} ms (median)`);
    agent.destroy();
    const out = {};
    out.createInto = Object.fromEntries(intoSizes.map((n) => {
      const runs = into[n];
      const m = (k) => median(runs.map((r) => r[k]));
      // the statement that was slowest most often, with its median time over the runs
      const bySql = new Map();
      for (const r of runs) bySql.set(r.slowest?.sql, [...(bySql.get(r.slowest?.sql) ?? []), r.slowest?.ms ?? 0]);
      const [sql, times] = [...bySql.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [null, []];
      return [n, { ms: runs.map((r) => r.ms), median: m('ms'), serverMs: m('serverMs'), sqlMs: m('sqlMs'), outsideSqlMs: median(runs.map((r) => r.serverMs - r.sqlMs)), statements: m('statements'), slowest: { sql, ms: median(times), of: times.length }, firstRunStatements: runs[0]?.all ?? [] }];
    }));
    for (const n of PROP_SIZES) {
      out[n] = { overrides: sizes[n].loaded.overrides };
      for (const [kind, runs] of Object.entries(sizes[n].runs)) {
        const m = (k) => median(runs.map((r) => r[k]));
        out[n][kind] = {
          ms: runs.map((r) => r.ms), queued: runs.map((r) => r.queued), workerStatements: runs.map((r) => r.workerStatements), median: m('ms'), serverMs: m('serverMs'), sqlMs: m('sqlMs'), otherSqlMs: m('otherSqlMs'), statements: m('statements'),
          propagationMs: m('propagationMs'), propagationStatements: m('propagationStatements'), changed: runs[0]?.changed,
          checkOk: runs.every((r) => r.ok),
          // each propagation statement's median over the runs (same statements in the same order every run)
          statementsDetail: (runs[0]?.propagation ?? []).map((q, j) => ({ sql: q.sql, ms: median(runs.map((r) => r.propagation[j]?.ms ?? 0)) })),
          firstRunStatements: runs[0]?.all ?? [],
        };
      }
    }
    return out;
  };

  const run = async (part, target, urlPath, c, n, round, makeBody) => {
    const [server0, pg0, client0, machine0] = [await server.call('cpu'), await pgBackendTimes(admin, dbName), process.cpuUsage(), machineTimes()];
    const b = await batch(server, urlPath, c, n, makeBody ?? contactBody);
    const [server1, pg1, client1, machine1] = [await server.call('cpu'), await pgBackendTimes(admin, dbName), process.cpuUsage(), machineTimes()];
    // CPU per create: the Strapi process, its PostgreSQL backends, the client, and the rest of the machine.
    const perCreate = (ms) => ms / Math.max(1, b.ok);
    const serverMs = cpuMs(server0, server1);
    const clientMs = cpuMs(client0, client1);
    const pgMs = pgDelta(pg0, pg1);
    const machineBusy = machine1.busyMs - machine0.busyMs;
    b.cpu = {
      server: perCreate(serverMs),
      postgres: pgMs === null ? null : perCreate(pgMs),
      client: perCreate(clientMs),
      other: perCreate(Math.max(0, machineBusy - serverMs - clientMs - (pgMs ?? 0))),
      machineBusyPct: (100 * machineBusy) / Math.max(1, machine1.totalMs - machine0.totalMs),
      serverBusyPct: (100 * serverMs) / (b.seconds * 1000),
    };
    result.batches.push({ part, target, concurrency: c, round, rate: b.rate, ok: b.ok, seconds: b.seconds, p50: b.p50, cpu: b.cpu, failures: b.failures.length });
    if (b.failures.length) {
      failed = true;
      log(`${b.failures.length} failed requests on ${target} (c=${c}); first: ${b.failures[0]}`);
    }
    return b;
  };
  /** Runs the bench modules; each gets the server (its own server-side functions through `call`). */
  const runModules = async (only) => {
    for (const m of MODULES.filter((x) => !only || only.includes(x.name))) {
      const srv = { port: server.port, token: server.token, call: (fn, args) => server.call('module', { name: m.name, fn, args }) };
      result.modules[m.name] = await m.run({ server: srv, benchDb, log, fail: (msg) => { failed = true; log(`FAILED: ${msg}`); } });
    }
  };
  try {
    await admin.connect();
    await benchDb.connect();
    server = await startServer(dbName);
    log(`Strapi listening on 127.0.0.1:${server.port}`);
    if (ONLY_MODULES) {
      await runModules(ONLY_MODULES);
      console.log(modulesMarkdown(result));
      if (failed) process.exitCode = 1;
      return;
    }

    // Warm-up: JIT, pool connections, prepared caches; both targets, both concurrency levels.
    for (const c of CONCURRENCY) for (const t of Object.keys(TARGETS)) await run('warmup', t, TARGETS[t], c, Math.min(100, REQUESTS), 0);

    // Part 1: plugin vs plain, alternating rounds.
    const raw = {};
    for (let round = 1; round <= ROUNDS; round += 1) {
      await analyze();
      for (const c of CONCURRENCY) {
        const order = round % 2 ? ['plugin', 'plain'] : ['plain', 'plugin'];
        const chunks = { plugin: [], plain: [] };
        for (let k = 0; k < CHUNKS; k += 1) {
          for (const t of order) chunks[t].push(await run('contacts', t, TARGETS[t], c, Math.ceil(REQUESTS / CHUNKS), round));
        }
        for (const t of order) ((raw[c] ??= { plugin: [], plain: [] })[t]).push(combine(chunks[t]));
        const [pl, pn] = [raw[c].plugin.at(-1), raw[c].plain.at(-1)];
        log(`round ${round} c=${c}: plugin ${fmt(pl.rate)}/s, plain ${fmt(pn.rate)}/s, ratio ${fmt(pl.rate / pn.rate, 2)}`);
      }
    }
    for (const c of CONCURRENCY) {
      const plugin = sideSummary(raw[c].plugin);
      const plain = sideSummary(raw[c].plain);
      result.contacts[c] = {
        plugin, plain,
        ratio: plugin.median / plain.median,
        roundRatios: plugin.rounds.map((x, i) => x / plain.rounds[i]),
        cpuRatio: cpuOf(plain.cpu) / cpuOf(plugin.cpu),
      };
    }

    // Part 2: gapless vs allowGaps, alternating rounds, concurrency SERIES_CONCURRENCY.
    const series = { gapless: [], allowGaps: [] };
    const codeOf = { gapless: 'CONT', allowGaps: 'GAPS' };
    for (const k of ['allowGaps', 'gapless']) {
      await server.call('series', { code: codeOf[k] });
      await run('series-warmup', k, TARGETS.plugin, SERIES_CONCURRENCY, Math.min(50, SERIES_REQUESTS), 0);
    }
    for (let round = 1; round <= ROUNDS; round += 1) {
      await analyze();
      const order = round % 2 ? ['gapless', 'allowGaps'] : ['allowGaps', 'gapless'];
      const chunks = { gapless: [], allowGaps: [] };
      for (let i = 0; i < CHUNKS; i += 1) {
        for (const k of order) {
          await server.call('series', { code: codeOf[k] });
          chunks[k].push(await run('series', k, TARGETS.plugin, SERIES_CONCURRENCY, Math.ceil(SERIES_REQUESTS / CHUNKS), round));
        }
      }
      for (const k of order) series[k].push(combine(chunks[k]));
      log(`round ${round} series c=${SERIES_CONCURRENCY}: gapless ${fmt(series.gapless.at(-1).rate)}/s, allowGaps ${fmt(series.allowGaps.at(-1).rate)}/s`);
    }
    for (const k of Object.keys(series)) {
      result.series[k] = {
        rounds: series[k].map((b) => b.rate),
        median: median(series[k].map((b) => b.rate)),
        p50: median(series[k].map((b) => b.p50)),
        cpu: medianCpu(series[k]),
      };
    }
    result.series.ratio = result.series.gapless.median / result.series.allowGaps.median;

    // Part 3: SQL profile per path, concurrency 1 (after the timed parts, so it cannot disturb them).
    await analyze();
    for (const [label, code, target] of [['plugin, gapless', 'CONT', 'plugin'], ['plugin, allowGaps', 'GAPS', 'plugin'], ['plain', null, 'plain']]) {
      if (code) await server.call('series', { code });
      await server.call('profile', { on: true });
      await run('profile', label, TARGETS[target], 1, PROFILE_REQUESTS, 0);
      const p = await server.call('profile', { on: false, label: `${RUN_ID}-${label.replace(/[^a-z]+/gi, '-')}` });
      result.profile[label] = p[TARGETS[target]] ?? null;
    }
    await server.call('series', { code: 'CONT' });

    // Part 4: person creates with inheritance (company set) vs without company, alternating rounds.
    // Each "with company" chunk gets a company of its own (created outside the timing), so every chunk
    // measures creates for a company with 0..chunk-size persons: a person create with a company costs
    // more the more persons that company already has (see part 5's "create into a company with n persons").
    const sources = [];
    const personBodies = {
      inherit: async (label) => {
        const co = await server.call('inheritanceCompany', { name: `Inheritance Source ${label}` });
        sources.push(co);
        return personBody(co.documentId);
      },
      standalone: async () => personBody(null),
    };
    for (const c of CONCURRENCY) {
      for (const t of Object.keys(personBodies)) await run('persons-warmup', `person-${t}`, TARGETS.plugin, c, Math.min(50, PERSON_REQUESTS), 0, await personBodies[t](`warm-up c${c}`));
    }
    const praw = {};
    for (let round = 1; round <= ROUNDS; round += 1) {
      await analyze();
      for (const c of CONCURRENCY) {
        const order = round % 2 ? ['inherit', 'standalone'] : ['standalone', 'inherit'];
        const chunks = { inherit: [], standalone: [] };
        for (let k = 0; k < CHUNKS; k += 1) {
          for (const t of order) {
            const body = await personBodies[t](`r${round} c${c} #${k + 1}`);
            chunks[t].push(await run('persons', `person-${t}`, TARGETS.plugin, c, Math.ceil(PERSON_REQUESTS / CHUNKS), round, body));
          }
        }
        for (const t of order) ((praw[c] ??= { inherit: [], standalone: [] })[t]).push(combine(chunks[t]));
        const [wi, wo] = [praw[c].inherit.at(-1), praw[c].standalone.at(-1)];
        log(`round ${round} persons c=${c}: with company ${fmt(wi.rate)}/s, without ${fmt(wo.rate)}/s, ratio ${fmt(wi.rate / wo.rate, 2)}`);
      }
    }
    for (const c of CONCURRENCY) {
      const inherit = sideSummary(praw[c].inherit);
      const standalone = sideSummary(praw[c].standalone);
      result.persons[c] = {
        inherit, standalone,
        ratio: inherit.median / standalone.median,
        roundRatios: inherit.rounds.map((x, i) => x / standalone.rounds[i]),
        cpuRatio: cpuOf(standalone.cpu) / cpuOf(inherit.cpu),
      };
    }
    // Every person created with a company must hold that company's address block, phone and salesperson.
    {
      const ck = { companies: sources.length, persons: 0, wrong: { address: 0, phoneNo: 0, salesperson: 0 } };
      for (const co of sources) {
        const one = await server.call('propagationCheck', { companyDocumentId: co.documentId, expect: co.values });
        ck.persons += one.persons;
        for (const k of Object.keys(ck.wrong)) ck.wrong[k] += one.wrong[k] ?? 0;
      }
      const created = expectedCreates((b) => b.target === 'person-inherit');
      result.checks.inheritedCreates = { ...ck, created };
      if (ck.persons !== created || Object.values(ck.wrong).some((x) => x > 0)) {
        failed = true;
        log('persons created with a company do not hold its values', JSON.stringify(ck));
      }
    }

    // Part 5: one company update (PUT) propagated to n bulk-loaded persons.
    result.propagation = await propagationPart();

    // Checks over everything the run created.
    const numbers = await server.call('check');
    result.checks.gapless = checkSeries(numbers.bySeries.CONT, { gapless: true, prefix: 'CT' });
    result.checks.allowGaps = checkSeries(numbers.bySeries.GAPS, { gapless: false, prefix: 'GP' });
    const expected = expectedCreates;
    result.checks.rows = {
      pluginContacts: numbers.contacts - numbers.fixtureContacts,
      fixtureContacts: numbers.fixtureContacts,
      pluginCreates201: expected((b) => b.target !== 'plain'),
      plainContacts: numbers.plainContacts,
      plainCreates201: expected((b) => b.target === 'plain'),
    };
    if (!result.checks.gapless.ok || !result.checks.allowGaps.ok) failed = true;
    if (result.checks.rows.pluginContacts !== result.checks.rows.pluginCreates201 || result.checks.rows.plainContacts !== result.checks.rows.plainCreates201) {
      failed = true;
      log('row counts do not match the 201 answers', result.checks.rows);
    }

    // The bench modules (after the checks above: their fixtures add contacts no request accounts for).
    await runModules(null);
  } finally {
    if (server) {
      await server.call('stop').catch(() => {});
      await new Promise((r) => (server.child.exitCode !== null ? r() : server.child.once('exit', r)));
    }
    await admin.end().catch(() => {});
    await benchDb.end().catch(() => {});
    if (env.BENCH_KEEP_DB === 'true') log(`database ${dbName} kept (BENCH_KEEP_DB); drop it with: psql -c 'DROP DATABASE ${dbName}'`);
    else {
      await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      log(`database ${dbName} dropped`);
    }
  }

  result.loadavg.end = os.loadavg();
  result.finishedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  result.totalSeconds = (Date.now() - started) / 1000;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${RUN_ID}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  console.log(tables(result));
  console.log('');
  console.log('#### SQL profile');
  console.log('');
  console.log(profileTable(result));
  console.log('');
  console.log(cpuTable(result));
  console.log('');
  console.log(modulesMarkdown(result));
  console.log('');
  console.log(`checks: gapless ${JSON.stringify(result.checks.gapless)}; allowGaps ${JSON.stringify(result.checks.allowGaps)}; rows ${JSON.stringify(result.checks.rows)}`);
  log(`raw results: ${path.relative(appDir, file)}; total ${fmt(result.totalSeconds, 0)} s`);
  if (env.BENCH_WRITE_DOCS !== 'false' && !failed) {
    const docFile = path.join(appDir, 'docs', 'benchmarks.md');
    const kept = keptSections(fs.existsSync(docFile) ? fs.readFileSync(docFile, 'utf8') : '');
    fs.writeFileSync(docFile, kept ? `${markdown(result).trimEnd()}\n\n${kept}\n` : markdown(result));
    log('docs/benchmarks.md written');
  }
  if (failed) {
    log('FAILED: see the messages above (docs/benchmarks.md left unchanged)');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * Sections written by other commands or by hand (bench:scale, the matching figures, notes) stand between
 * `<!-- name:start -->` and `<!-- name:end -->` markers; rewriting the file keeps them, in their order.
 */
function keptSections(old) {
  return (old.match(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g) || []).join('\n\n');
}
