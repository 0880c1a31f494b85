#!/usr/bin/env node
'use strict';
/**
 * Contact import throughput on PostgreSQL (npm run bench:import; not a test).
 *   1. a fresh PostgreSQL database, the standard numbering (CT000001..), 4 salespeople, BENCH_IMPORT_COMPANIES
 *      companies (default 1,000) created through the document service (every rule);
 *   2. a CSV of BENCH_IMPORT_ROWS rows (default 100,000): 75 % new companies, 20 % persons naming one of the
 *      companies by its No. (inheritance), 4 % updates of a company found by VAT Registration No., 1 % rows
 *      with an unknown salesperson code (refused: the chunk is redone row by row);
 *   3. the job stores the rows (timed), then runs in chunks of BENCH_IMPORT_CHUNK (default 200) through the
 *      document service — numbering, defaults, inheritance, duplicate search on every row — (timed);
 *   4. checks: contacts = companies + new rows, no No. twice, failed = refused rows.
 * BENCH_IMPORT_MAX_SECONDS (default 600) stops the timed run early and reports the rate of the rows done.
 * BENCH_IMPORT_ANALYZE=1 runs ANALYZE after the companies are created (statistics as on a live database).
 * BENCH_IMPORT_NAMES=varied: register-like names and addresses instead of the worst-case "word kind number" file.
 * Results are written to docs/benchmarks.md between <!-- import:start/end --> (BENCH_WRITE_DOCS=false: not).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { PG, pgAdmin } = require('./lib/pg');
const { compileApp } = require('./lib/compile');

const env = process.env;
const appDir = path.resolve(__dirname, '..');
const DIST = path.resolve(appDir, env.BENCH_DIST ?? '.tmp/import-dist');
const ROWS = Number(env.BENCH_IMPORT_ROWS ?? 100000);
const COMPANIES = Number(env.BENCH_IMPORT_COMPANIES ?? 1000);
const CHUNK = Number(env.BENCH_IMPORT_CHUNK ?? 200);
const MAX_SECONDS = Number(env.BENCH_IMPORT_MAX_SECONDS ?? 600);
// false: every row through strapi.documents one after the other (plugin config importSetBased: false).
const SET_BASED = env.BENCH_IMPORT_SET_BASED !== 'false';
const plugin = (m) => require(path.join(DIST, 'src/plugins/marketing-setup/server/src', m));
const C = 'plugin::marketing-setup.contact';

async function boot(dbName) {
  Object.assign(env, {
    NODE_ENV: 'production', LOG_LEVEL: 'error', STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_DISABLE_CRON: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true', HOST: '127.0.0.1', PORT: '0', MS_EMAIL_POLL_MS: '0', MS_DUPLICATE_WORKER_INTERVAL_MS: '0',
    APP_KEYS: 'benchKeyA,benchKeyB', API_TOKEN_SALT: 'bench-salt', ADMIN_JWT_SECRET: 'bench-admin', TRANSFER_TOKEN_SALT: 'bench-transfer',
    JWT_SECRET: 'bench-jwt', ENCRYPTION_KEY: 'bench-encryption-key-0123456789ab',
    DATABASE_CLIENT: 'postgres', DATABASE_URL: '', DATABASE_HOST: PG.host, DATABASE_PORT: String(PG.port), DATABASE_NAME: dbName,
    DATABASE_USERNAME: PG.user, DATABASE_PASSWORD: PG.password ?? '',
  });
  const { createStrapi } = require('@strapi/strapi');
  return createStrapi({ appDir, distDir: DIST }).load();
}

const CITIES = ['Gent', 'Antwerpen', 'Brugge', 'Leuven', 'Mechelen', 'Hasselt', 'Namen', 'Luik', 'Kortrijk', 'Aalst'];
const WORDS = ['Alfa', 'Bravo', 'Delta', 'Echo', 'Kilo', 'Lima', 'Nova', 'Orion', 'Polar', 'Quartz', 'Sigma', 'Terra', 'Ultra', 'Vega', 'Zenit'];
const KINDS = ['Bouw', 'Logistiek', 'Consult', 'Techniek', 'Media', 'Voeding', 'Zorg', 'Energie'];
// BENCH_IMPORT_NAMES=varied: names and addresses as a register has them (a surname or an invented brand, a trade,
// a legal form; 40 towns; 30 streets × house numbers; persons as first name × surname), drawn by a seeded generator,
// so that look-alikes are the namesakes real data has rather than "word kind number" in ten towns. Default: the
// original worst case (every company resembles many earlier ones).
const VARIED = env.BENCH_IMPORT_NAMES === 'varied';
const { FIRST, SURNAMES } = require('./lib/names');
const TRADES = ['Bouw', 'Logistiek', 'Consult', 'Techniek', 'Media', 'Voeding', 'Zorg', 'Energie', 'Bakkerij', 'Schrijnwerkerij',
  'Elektriciteit', 'Sanitair', 'Transport', 'Drukkerij', 'Garage', 'Apotheek', 'Architecten', 'Boekhouding', 'Tuinaanleg', 'Kapsalon',
  'Immo', 'Verzekeringen', 'Brouwerij', 'Slagerij', 'Metaalwerken', 'Schilderwerken', 'Dakwerken', 'Kinesitherapie', 'Optiek', 'Reizen'];
const FORMS = ['BV', 'NV', 'BV', 'CommV', 'VZW', 'SRL', 'SA', ''];
const SYLLABLES = ['ka', 'ro', 'vi', 'ta', 'mo', 'len', 'dor', 'si', 'bel', 'tra', 'no', 'gar', 'li', 'ver', 'sa', 'tum', 'pe', 'ran', 'zo', 'kel'];
const TOWNS = [...CITIES, 'Oostende', 'Roeselare', 'Genk', 'Sint-Niklaas', 'Turnhout', 'Lier', 'Geel', 'Dendermonde', 'Ieper', 'Tienen',
  'Waregem', 'Lokeren', 'Herentals', 'Mol', 'Tongeren', 'Ninove', 'Ronse', 'Wetteren', 'Zottegem', 'Brasschaat', 'Schoten', 'Kapellen',
  'Maldegem', 'Eeklo', 'Diest', 'Vilvoorde', 'Halle', 'Asse', 'Ternat', 'Zaventem'];
const STREETS = ['Kerkstraat', 'Stationsstraat', 'Dorpsstraat', 'Nieuwstraat', 'Molenstraat', 'Schoolstraat', 'Kapelstraat', 'Hoogstraat',
  'Markt', 'Veldstraat', 'Beekstraat', 'Kouter', 'Leopoldlaan', 'Koning Albertlaan', 'Gentsesteenweg', 'Brusselsesteenweg', 'Industrieweg',
  'Lindenlaan', 'Eikenlaan', 'Zandstraat', 'Bergstraat', 'Meersstraat', 'Smisstraat', 'Hoekstraat', 'Pastorijstraat', 'Sint-Jansstraat',
  'Ringlaan', 'Vaartstraat', 'Kasteelstraat', 'Broekstraat'];
// A seeded generator per row (mulberry32 of the row number): the same file every run.
const { mulberry32 } = require('./lib/random');
const rng = (i) => mulberry32(i * 2654435761);
const pick = (r, list) => list[Math.floor(r() * list.length)];
const brand = (r) => {
  const w = Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(r, SYLLABLES)).join('');
  return w[0].toUpperCase() + w.slice(1);
};
const nameOf = (i) => {
  if (!VARIED) return `${WORDS[i % 15]} ${KINDS[Math.floor(i / 15) % 8]} ${i}`;
  const r = rng(i);
  return [r() < 0.5 ? pick(r, SURNAMES) : brand(r), pick(r, TRADES), pick(r, FORMS)].filter(Boolean).join(' ');
};
const townIndex = (i) => Math.floor(rng(i + 7)() * TOWNS.length);
const townOf = (i) => (VARIED ? TOWNS[townIndex(i)] : CITIES[i % 10]);
const postCodeOf = (i) => (VARIED ? 1000 + townIndex(i) * 200 : 1000 + (i % 8999));
const streetOf = (i) => (VARIED ? `${STREETS[Math.floor(rng(i + 13)() * STREETS.length)]} ${1 + (i % 250)}` : `Straat ${i}`);
const personOf = (i) => (VARIED ? `${pick(rng(i + 29), FIRST)} ${pick(rng(i + 31), SURNAMES)}` : `Person ${i} Janssens`);

function csv(companyNos) {
  const lines = ['Type;Name;Address;City;Post Code;Phone No.;E-Mail;VAT Registration No.;Salesperson Code;Company No.'];
  let refused = 0;
  let news = 0;
  for (let i = 1; i <= ROWS; i += 1) {
    const r = i % 100;
    const city = townOf(i);
    if (r === 0) {
      refused += 1;
      lines.push(`Company;${nameOf(i)};${streetOf(i)};${city};${postCodeOf(i)};;;;XX;`);
    } else if (r <= 4) {
      const k = 1 + (i % COMPANIES);
      lines.push(`;Company ${k} (updated);;;;;;BE${String(k).padStart(10, '0')};CD;`);
    } else if (r <= 24) {
      news += 1;
      lines.push(`Person;${personOf(i)};;;;;person${i}@example.org;;;${companyNos[i % companyNos.length]}`);
    } else {
      news += 1;
      lines.push(`Company;${nameOf(i)};${streetOf(i)};${city};${postCodeOf(i)};09 ${String(i).padStart(6, '0')};info${i}@example.org;;${['AB', 'CD', 'EF', 'GH'][i % 4]};`);
    }
  }
  return { text: `${lines.join('\n')}\n`, refused, news };
}

async function main() {
  compileApp(DIST);
  const started = new Date().toISOString();
  const dbName = `ms_bench_import_${process.pid}`;
  await pgAdmin(`CREATE DATABASE ${dbName}`);
  // BENCH_IMPORT_AUTO_EXPLAIN=<ms>: PostgreSQL logs the plan of every statement slower than that (its server log).
  if (env.BENCH_IMPORT_AUTO_EXPLAIN) {
    await pgAdmin(`ALTER DATABASE ${dbName} SET session_preload_libraries = 'auto_explain'`);
    await pgAdmin(`ALTER DATABASE ${dbName} SET auto_explain.log_min_duration = ${Number(env.BENCH_IMPORT_AUTO_EXPLAIN)}`);
    // BENCH_IMPORT_AUTO_EXPLAIN_ANALYZE=1: with actual times and rows per plan node (slows every statement down).
    if (env.BENCH_IMPORT_AUTO_EXPLAIN_ANALYZE) await pgAdmin(`ALTER DATABASE ${dbName} SET auto_explain.log_analyze = on`);
  }
  let strapi;
  try {
    strapi = await boot(dbName);
    strapi.config.set('plugin::marketing-setup.importChunkSize', CHUNK);
    strapi.config.set('plugin::marketing-setup.importSetBased', SET_BASED);
    const docs = (uid) => strapi.documents(uid);
    const series = await docs('plugin::marketing-setup.no-series').create({ data: { code: 'CONT', description: 'Contacts' } });
    await docs('plugin::marketing-setup.no-series-line').create({ data: { series: series.documentId, lineNo: 10000, startingNo: 'CT000001', endingNo: 'CT999999' } });
    const setup = await docs('plugin::marketing-setup.setup').findFirst({});
    await docs('plugin::marketing-setup.setup').update({ documentId: setup.documentId, data: { contactNos: series.documentId } });
    for (const code of ['AB', 'CD', 'EF', 'GH']) await docs('plugin::marketing-setup.salesperson').create({ data: { code, name: `Sales ${code}` } });
    const t0 = Date.now();
    const companyNos = [];
    for (let k = 1; k <= COMPANIES; k += 1) {
      const c = await docs(C).create({ data: { type: 'company', name: `Company ${k}`, city: CITIES[k % 10], vatRegistrationNo: `BE${String(k).padStart(10, '0')}` } });
      companyNos.push(c.no);
    }
    const preloadSeconds = (Date.now() - t0) / 1000;
    // BENCH_IMPORT_ANALYZE=1: planner statistics as autovacuum keeps them on a live database (a fresh one has none
    // during a run shorter than autovacuum's first round, and picks other indexes).
    if (env.BENCH_IMPORT_ANALYZE) await strapi.db.connection.raw('ANALYZE');
    const file = csv(companyNos);
    const { createImportJob, driveImport, importStatus } = plugin('jobs/contact-import');
    const { IMPORT_JOBS } = plugin('repositories/import-jobs');
    const { suggestMapping } = plugin('domain/contact-csv');
    const headers = file.text.split('\n', 1)[0].split(';');
    const t1 = Date.now();
    const id = await createImportJob(strapi, { csv: file.text, mapping: suggestMapping(headers), fileName: 'bench.csv' });
    const storeSeconds = (Date.now() - t1) / 1000;
    const [{ count: stmt0 }] = (await strapi.db.connection.raw('SELECT sum(xact_commit + xact_rollback)::bigint AS count FROM pg_stat_database WHERE datname = current_database()')).rows;
    let statements = 0;
    const shapes = new Map();
    const sentAt = new Map();
    const shapeOf = (q) => String(q.sql).replace(/\$\d+|\?/g, '?').replace(/\s+/g, ' ').slice(0, Number(env.BENCH_IMPORT_PROFILE_WIDTH ?? 110));
    strapi.db.connection.client.on('query', (q) => {
      statements += 1;
      if (env.BENCH_IMPORT_PROFILE) {
        const k = shapeOf(q);
        const s = shapes.get(k) ?? { n: 0, ms: 0 };
        s.n += 1;
        shapes.set(k, s);
        sentAt.set(q.__knexQueryUid, Date.now());
      }
    });
    strapi.db.connection.client.on('query-response', (_r, q) => {
      if (!env.BENCH_IMPORT_PROFILE || !sentAt.has(q.__knexQueryUid)) return;
      shapes.get(shapeOf(q)).ms += Date.now() - sentAt.get(q.__knexQueryUid);
      sentAt.delete(q.__knexQueryUid);
    });
    // BENCH_IMPORT_PROFILE=1: the time of the update rows (strapi.documents(contact).update, every rule) apart.
    const updates = { n: 0, ms: 0 };
    if (env.BENCH_IMPORT_PROFILE) {
      const real = strapi.documents;
      const timed = Object.assign((uid) => {
        const service = real(uid);
        if (uid !== C) return service;
        return new Proxy(service, {
          get: (target, prop) =>
            prop !== 'update'
              ? target[prop]
              : async (...args) => {
                  const t = process.hrtime.bigint();
                  try {
                    return await target.update(...args);
                  } finally {
                    updates.n += 1;
                    updates.ms += Number(process.hrtime.bigint() - t) / 1e6;
                  }
                },
        });
      }, real);
      Object.defineProperty(strapi, 'documents', { get: () => timed, configurable: true });
      // An update row the import writes without the document service (updateDirect) is timed the same way.
      const batchRules = require(path.join(DIST, 'src/plugins/marketing-setup/server/src/write-rules/contact-batch.js'));
      const direct = batchRules.updateDirect;
      batchRules.updateDirect = async (...args) => {
        const t = process.hrtime.bigint();
        const r = await direct(...args);
        if (r) {
          updates.n += 1;
          updates.ms += Number(process.hrtime.bigint() - t) / 1e6;
        }
        return r;
      };
    }
    // BENCH_IMPORT_CPU_PROFILE=<file>: a CPU profile of the timed run alone (not the preload), for Chrome DevTools.
    let cpu = null;
    if (env.BENCH_IMPORT_CPU_PROFILE) {
      const { Session } = require('inspector');
      cpu = new Session();
      cpu.connect();
      const post = (m, p) => new Promise((res, rej) => cpu.post(m, p, (e, r) => (e ? rej(e) : res(r))));
      await post('Profiler.enable');
      await post('Profiler.start');
      cpu.stopTo = async (file) => fs.writeFileSync(file, JSON.stringify((await post('Profiler.stop')).profile));
    }
    const cpu0 = process.cpuUsage();
    const t2 = Date.now();
    let status;
    // BENCH_IMPORT_PROFILE_WINDOW=N (with BENCH_IMPORT_PROFILE=1): every N rows, the shapes of that window alone and
    // the time outside SQL, so a rate that falls as the file grows shows which statement grows with it.
    const WINDOW = Number(env.BENCH_IMPORT_PROFILE_WINDOW ?? 0);
    let window = { at: 0, time: t2, shapes: new Map(shapes), updates: { ...updates }, elu: performance.eventLoopUtilization() };
    const printWindow = (processed) => {
      const rows = processed - window.at;
      const grown = [...shapes.entries()].map(([k, s]) => {
        const was = window.shapes.get(k) ?? { n: 0, ms: 0 };
        return [k, s.n - was.n, s.ms - was.ms];
      });
      const sqlMs = grown.reduce((a, g) => a + g[2], 0);
      const wall = Date.now() - window.time;
      const upd = { n: updates.n - window.updates.n, ms: updates.ms - window.updates.ms };
      // Event-loop utilisation: the share of the window this process ran JavaScript (the rest it waited, mostly for
      // PostgreSQL) — which side a growing cost is on.
      const elu = performance.eventLoopUtilization(window.elu).utilization;
      console.log(`  window ${window.at}..${processed}: ${(rows / (wall / 1000)).toFixed(0)} rows/s, ${(wall / rows).toFixed(2)} ms/row, SQL ${(sqlMs / rows).toFixed(2)} ms/row, outside SQL ${((wall - sqlMs) / rows).toFixed(2)} ms/row; update rows ${upd.n}, ${(upd.ms / Math.max(1, upd.n)).toFixed(1)} ms each = ${((100 * upd.ms) / wall).toFixed(0)} % of the time; JavaScript ${(100 * elu).toFixed(0)} % of the time`);
      for (const [k, n, ms] of grown.sort((a, b) => b[2] - a[2]).slice(0, 8))
        console.log(`    ${(n / rows).toFixed(2).padStart(6)} ${(ms / rows).toFixed(2).padStart(7)} ms  ${k}`);
      window = { at: processed, time: Date.now(), shapes: new Map([...shapes.entries()].map(([k, s]) => [k, { ...s }])), updates: { ...updates }, elu: performance.eventLoopUtilization() };
    };
    for (;;) {
      status = await driveImport(strapi, id, { maxChunks: 10 });
      console.log(`  ${status.processed} / ${status.total} rows, ${(status.processed / ((Date.now() - t2) / 1000)).toFixed(0)} rows/s`);
      if (env.BENCH_IMPORT_PROFILE && WINDOW && status.processed - window.at >= WINDOW) printWindow(status.processed);
      if (status.state !== 'running' || (Date.now() - t2) / 1000 > MAX_SECONDS) break;
    }
    const runSeconds = (Date.now() - t2) / 1000;
    // The CPU this process used in the run (JavaScript, GC, the driver): steadier than the rate on a shared machine.
    const used = process.cpuUsage(cpu0);
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (cpu) await cpu.stopTo(env.BENCH_IMPORT_CPU_PROFILE);
    if (env.BENCH_IMPORT_PROFILE) {
      // BENCH_IMPORT_PROFILE=1: the statements per row by shape (where a set-based path would save).
      // Per row: statements, and milliseconds from sending to the answer (the database's time, and the wait for a CPU).
      for (const [k, { n, ms }] of [...shapes.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40))
        console.log(`${(n / status.processed).toFixed(2).padStart(6)} ${(ms / status.processed).toFixed(2).padStart(7)} ms  ${k}`);
    }
    if (status.state === 'running') await strapi.db.connection(IMPORT_JOBS).where('id', id).update({ state: 'cancelled' });
    const [{ count: stmt1 }] = (await strapi.db.connection.raw('SELECT sum(xact_commit + xact_rollback)::bigint AS count FROM pg_stat_database WHERE datname = current_database()')).rows;
    const contacts = await strapi.db.query(C).count({});
    const { rows: [{ n: doubles }] } = await strapi.db.connection.raw('SELECT count(*)::int AS n FROM (SELECT no FROM ms_contacts GROUP BY no HAVING count(*) > 1) d');
    const pairs = await strapi.db.query('plugin::marketing-setup.contact-duplicate').count({});
    const r = {
      started, cpus: os.cpus().length, load: os.loadavg().map((x) => x.toFixed(2)).join(' '), rows: ROWS, companies: COMPANIES, chunk: CHUNK,
      setBased: SET_BASED, preloadSeconds, storeSeconds, runSeconds, cpuSeconds, status, perSecond: status.processed / runSeconds, contacts, doubles, pairs,
      expectedContacts: COMPANIES + Math.round((file.news * status.processed) / ROWS), refused: file.refused, transactions: Number(stmt1) - Number(stmt0), statements,
      complete: status.state === 'done',
    };
    console.log(JSON.stringify(r, null, 2));
    if (env.BENCH_WRITE_DOCS !== 'false') writeDocs(r);
    void importStatus;
  } finally {
    await strapi?.destroy().catch(() => null);
    // BENCH_IMPORT_KEEP_DB=1: the database stays for a look at its plans (its name is printed).
    if (env.BENCH_IMPORT_KEEP_DB) console.log(`database kept: ${dbName}`);
    else await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => null);
  }
}

/** The command as it was run: the knobs set in the environment, then the npm script. */
const commandLine = () =>
  [...Object.keys(env).filter((k) => k.startsWith('BENCH_IMPORT_')).sort().map((k) => `${k}=${env[k]}`), 'npm run bench:import'].join(' ');

function commit() {
  try {
    return require('child_process').execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: appDir }).toString().trim();
  } catch {
    return 'unknown';
  }
}

function writeDocs(r) {
  const file = path.join(appDir, 'docs', 'benchmarks.md');
  const fmt = (n, d = 0) => Number(n).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const text = [
    '<!-- import:start -->',
    '## Contact import (CSV → PostgreSQL, every write rule)',
    '',
    `Command: \`${commandLine()}\` (bench/import.js; BENCH_IMPORT_ROWS, BENCH_IMPORT_COMPANIES, BENCH_IMPORT_CHUNK, BENCH_IMPORT_MAX_SECONDS, BENCH_IMPORT_SET_BASED, BENCH_IMPORT_PROFILE, BENCH_IMPORT_ANALYZE). Run ${r.started} (commit ${commit()}), ${r.cpus} cores shared with other jobs (load average at the end ${r.load}).`,
    '',
    `A file of **${fmt(r.rows)} rows** (75 % new companies, 20 % persons of one of ${fmt(r.companies)} existing companies named by No., 4 % updates found by VAT Registration No., 1 % refused for an unknown salesperson) imported by the job in chunks of ${r.chunk} rows, ${r.setBased ? 'the new contacts of a chunk created set-based with every create rule (numbers drawn as one block, companies and master data read once, one multi-row insert, the duplicate search run for the set), updates with the steps of the update rule around one query-engine write (`updateDirect`)' : 'each row through `strapi.documents(contact)` (`BENCH_IMPORT_SET_BASED=false`)'} — numbering, defaults, inheritance and the duplicate search as for any write.`,
    '',
    '| measured | value |',
    '|---|---|',
    `| for comparison: ${fmt(r.companies)} companies created one by one through the document service (one transaction each), same rules | ${fmt(r.preloadSeconds, 1)} s = ${fmt(r.companies / r.preloadSeconds, 1)} creates/s |`,
    `| rows stored by the job (parse + insert) | ${fmt(r.rows)} in ${fmt(r.storeSeconds, 1)} s |`,
    `| rows imported in the timed run | ${fmt(r.status.processed)}${r.complete ? '' : ` (stopped after ${fmt(MAX_SECONDS)} s)`} — created ${fmt(r.status.created)}, updated ${fmt(r.status.updated)}, failed ${fmt(r.status.failed)} |`,
    `| time | ${fmt(r.runSeconds, 1)} s |`,
    `| **throughput** | **${fmt(r.perSecond, 0)} rows/s** |`,
    `| SQL statements in the timed run | ${fmt(r.statements)} (${fmt(r.statements / Math.max(1, r.status.processed), 1)} per row) |`,
    `| database transactions in the timed run | ${fmt(r.transactions)} |`,
    `| contacts afterwards / expected | ${fmt(r.contacts)} / ${fmt(r.expectedContacts)} |`,
    `| No. used twice | ${fmt(r.doubles)} |`,
    `| duplicate pairs stored by the search | ${fmt(r.pairs)} |`,
    '',
    `Target of issue #16: ≥ 1,000 rows/s. ${r.perSecond >= 1000 ? 'Met.' : `**Not met** (${fmt(r.perSecond, 0)} rows/s, ${fmt(r.statements / Math.max(1, r.status.processed), 1)} SQL statements a row).`}`,
    '',
    `Read the figures against the first line of the table, measured in the same run on the same (shared) machine: the import does ${fmt(r.perSecond / (r.companies / r.preloadSeconds), 1)}× the rows/s of one document-service create per transaction. On this run the 2 cores were shared with other jobs (load average ${r.load.split(' ')[0]}), so absolute rates are below an idle machine's.`,
    '',
    'Where a row\'s statements go: run with `BENCH_IMPORT_PROFILE=1` (prints the statements per row by shape).',
    '<!-- import:end -->',
  ].join('\n');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- import:start -->[\s\S]*<!-- import:end -->/;
  fs.writeFileSync(file, re.test(old) ? old.replace(re, text) : `${old.trimEnd()}\n\n${text}\n`);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
