#!/usr/bin/env node
'use strict';
/**
 * E-mail logging throughput from a real Dovecot into PostgreSQL (npm run bench:email; not a test).
 *   1. a fresh PostgreSQL database, BENCH_EMAIL_CONTACTS persons (default 100,000) loaded with SQL (e-mail
 *      and search e-mail), 5 salespeople at cronus.example.com, the E-mails template set up;
 *   2. a throwaway Dovecot (scripts/lib/dovecot.js) with BENCH_EMAIL_MESSAGES messages (default 10,000)
 *      APPENDed to the queue: 70 % inbound (a contact to a salesperson), 20 % outbound (a salesperson to 1-3
 *      contacts in To / Cc), 10 % unknown senders (review list);
 *   3. a child process boots the app and runs the job; it is killed with SIGKILL as soon as it has written
 *      BENCH_EMAIL_KILL_AT_ENTRIES entries (default 300: mid-run, its chunk transaction open or just committed and
 *      not yet moved); then the job runs to the end in this process and is timed;
 *   4. checks: queue empty, every message in storage, entries = expected, 0 (message, contact) logged twice.
 * Results are written to docs/benchmarks.md between <!-- email-logging:start/end -->.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { fork } = require('child_process');
const { Client } = require('pg');
const { PG, pgAdmin } = require('./lib/pg');
const { compileApp } = require('./lib/compile');
const { startDovecot, rawMessage } = require('../scripts/lib/dovecot');

const env = process.env;
const appDir = path.resolve(__dirname, '..');
const DIST = path.resolve(appDir, env.BENCH_DIST ?? '.tmp/email-dist');
const CONTACTS = Number(env.BENCH_EMAIL_CONTACTS ?? 100000);
const MESSAGES = Number(env.BENCH_EMAIL_MESSAGES ?? 10000);
/** The second instance is killed once it has written this many entries (mid-batch), or after BENCH_EMAIL_KILL_AFTER_MS. */
const KILL_AT_ENTRIES = Number(env.BENCH_EMAIL_KILL_AT_ENTRIES ?? 300);
const KILL_AFTER_MS = Number(env.BENCH_EMAIL_KILL_AFTER_MS ?? 120000);
/** Timed runs in all: the first after the kill (the rest of the queue), then full re-runs of every message. */
const RUNS = Math.max(1, Number(env.BENCH_EMAIL_RUNS ?? 3));
const QUEUE = 'Queue';
const STORAGE = 'Logged';
const SALES = ['ann', 'bart', 'chloe', 'dirk', 'eva'].map((n) => `${n}@cronus.example.com`);
const plugin = (m) => require(path.join(DIST, 'src/plugins/marketing-setup/server/src', m));

async function bootStrapi(dbName, password) {
  Object.assign(env, {
    NODE_ENV: 'production', LOG_LEVEL: 'error', STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_DISABLE_CRON: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true', HOST: '127.0.0.1', PORT: '0', MS_EMAIL_POLL_MS: '0', MS_DUPLICATE_WORKER_INTERVAL_MS: '0',
    MARKETING_SETUP_IMAP_PASSWORD: password,
    APP_KEYS: 'benchKeyA,benchKeyB', API_TOKEN_SALT: 'bench-salt', ADMIN_JWT_SECRET: 'bench-admin', TRANSFER_TOKEN_SALT: 'bench-transfer',
    JWT_SECRET: 'bench-jwt', ENCRYPTION_KEY: 'bench-encryption-key-0123456789ab',
    DATABASE_CLIENT: 'postgres', DATABASE_URL: '', DATABASE_HOST: PG.host, DATABASE_PORT: String(PG.port), DATABASE_NAME: dbName,
    DATABASE_USERNAME: PG.user, DATABASE_PASSWORD: PG.password ?? '',
  });
  const { createStrapi } = require('@strapi/strapi');
  return createStrapi({ appDir, distDir: DIST }).load();
}

/** The child: boot, run until killed (the parent sends SIGKILL mid-run). */
async function child() {
  const strapi = await bootStrapi(env.BENCH_EMAIL_DB, env.BENCH_EMAIL_PASSWORD);
  process.send({ ready: true });
  await plugin('jobs/email-logging').runEmailLogging(strapi);
  process.send({ finished: true });
  await strapi.destroy();
  process.exit(0);
}

const email = (i) => `person${i}@client${i % 997}.example.org`;

async function loadContacts(db) {
  const t0 = Date.now();
  await db.query(`INSERT INTO ms_contacts (id, document_id, no, type, name, email, search_email, inheritance_overrides, business_relation,
      privacy_blocked, created_at, updated_at, published_at)
    SELECT g, 'mail' || lpad(g::text, 20, '0'), 'EM' || lpad(g::text, 8, '0'), 'person', 'Person ' || g,
      'Person' || g || '@Client' || (g % 997) || '.example.org', upper('person' || g || '@client' || (g % 997) || '.example.org'),
      '[]', 'none', false, now(), now(), now()
    FROM generate_series(1, $1::bigint) g`, [CONTACTS]);
  await db.query(`SELECT setval(pg_get_serial_sequence('ms_contacts', 'id'), (SELECT max(id) FROM ms_contacts))`);
  await db.query('VACUUM ANALYZE ms_contacts');
  return Date.now() - t0;
}

function messages() {
  const out = [];
  let expected = 0;
  let unknown = 0;
  const pick = (k) => 1 + ((k * 7919) % CONTACTS);
  for (let k = 0; k < MESSAGES; k++) {
    const r = k % 10;
    const sp = SALES[k % SALES.length];
    const common = { messageId: `bench-${k}@bench.example.org`, subject: `Bench message ${k}`, date: new Date(Date.UTC(2025, 0, 1) + k * 60000) };
    if (r < 7) {
      out.push(rawMessage({ ...common, from: `"Person" <${email(pick(k)).toUpperCase()}>`, to: [sp] }));
      expected += 1;
    } else if (r < 9) {
      const n = 1 + (k % 3);
      const to = [email(pick(k))];
      const cc = [];
      for (let j = 1; j < n; j++) cc.push(email(pick(k + j * 104729)));
      out.push(rawMessage({ ...common, from: sp, to, cc }));
      expected += new Set([...to, ...cc]).size;
    } else {
      out.push(rawMessage({ ...common, from: `stranger${k}@unknown.example.net`, to: [sp] }));
      unknown += 1;
    }
  }
  return { out, expected, unknown };
}

async function appendAll(dovecot, list) {
  const t0 = Date.now();
  const lanes = 4;
  await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
    const c = await dovecot.client();
    try {
      if (lane === 0) {
        const existing = new Set((await c.list()).map((f) => f.path));
        if (!existing.has(QUEUE)) await c.mailboxCreate(QUEUE).catch(() => undefined);
      }
      await new Promise((r) => setTimeout(r, lane === 0 ? 0 : 200));
      for (let i = lane; i < list.length; i += lanes) await c.append(QUEUE, list[i]);
    } finally {
      await c.logout();
    }
  }));
  return Date.now() - t0;
}

async function main() {
  compileApp(DIST);
  const started = new Date();
  const dbName = `ms_bench_email_${Date.now()}`;
  await pgAdmin(`CREATE DATABASE ${dbName}`);
  const dovecot = await startDovecot({ user: 'bench', password: 'bench-secret' });
  let strapi;
  try {
    strapi = await bootStrapi(dbName, dovecot.password);
    const db = new Client({ ...PG, database: dbName });
    await db.connect();
    const loadMs = await loadContacts(db);
    for (const [i, address] of SALES.entries()) {
      await strapi.documents('plugin::marketing-setup.salesperson').create({ data: { code: `SP${i}`, name: address, email: address } });
    }
    const template = await strapi.documents('plugin::marketing-setup.interaction-template').create({ data: { code: 'EMAIL', description: 'E-mail' } });
    const tplSetup = await strapi.documents('plugin::marketing-setup.interaction-template-setup').findFirst({});
    await strapi.documents('plugin::marketing-setup.interaction-template-setup').update({ documentId: tplSetup.documentId, data: { emails: template.documentId } });
    const setup = await strapi.documents('plugin::marketing-setup.setup').findFirst({});
    await strapi.documents('plugin::marketing-setup.setup').update({
      documentId: setup.documentId,
      data: { emailLoggingEnabled: true, emailImapHost: '127.0.0.1', emailImapPort: dovecot.port, emailImapTls: false, emailImapUser: dovecot.user,
        emailQueueFolder: QUEUE, emailStorageFolder: STORAGE, emailBatchSize: 0, emailCheckIntervalSeconds: 60, emailOurDomains: 'cronus.example.com' },
    });
    const { out, expected, unknown } = messages();
    const appendMs = await appendAll(dovecot, out);
    console.log(`loaded ${CONTACTS} contacts in ${loadMs} ms, appended ${out.length} messages in ${appendMs} ms`);

    // 1. A second instance starts the run and is killed with SIGKILL mid-batch.
    const kid = fork(__filename, ['--child'], { env: { ...env, BENCH_EMAIL_DB: dbName, BENCH_EMAIL_PASSWORD: dovecot.password }, stdio: 'inherit' });
    await new Promise((resolve, reject) => { kid.once('message', resolve); kid.once('exit', (c) => reject(new Error(`child exited ${c}`))); });
    const killedAt = Date.now();
    const written = async () => Number((await db.query('SELECT count(*) n FROM ms_interaction_log_entries WHERE email_logged')).rows[0].n);
    while (Date.now() - killedAt < KILL_AFTER_MS && (await written()) < KILL_AT_ENTRIES) await new Promise((r) => setTimeout(r, 50));
    kid.kill('SIGKILL');
    await new Promise((r) => kid.once('exit', r));
    const afterKill = {
      entries: Number((await db.query('SELECT count(*) n FROM ms_interaction_log_entries WHERE email_logged')).rows[0].n),
      queue: await dovecot.count(QUEUE),
    };
    console.log(`killed after ${Date.now() - killedAt} ms: ${afterKill.entries} entries written, ${afterKill.queue} messages still queued`);

    // 2. This instance runs the job to the end, timed.
    const { runEmailLogging } = plugin('jobs/email-logging');
    let statements = 0;
    // Time per kind of statement (verb + table), from knex's query / query-response events.
    const pending = new Map();
    const bySql = new Map();
    const countStatement = (q) => { statements += 1; pending.set(q.__knexQueryUid, process.hrtime.bigint()); };
    const timeStatement = (_res, q) => {
      const t = pending.get(q.__knexQueryUid);
      if (t === undefined) return;
      pending.delete(q.__knexQueryUid);
      const m = /^\s*(with|select|insert into|update|delete from)\s[\s\S]*?("?ms_[a-z_]+"?)/i.exec(q.sql);
      const key = m ? `${m[1].toLowerCase()} ${m[2].replace(/"/g, '')}` : q.sql.slice(0, 40);
      const e = bySql.get(key) ?? { n: 0, ms: 0 };
      e.n += 1;
      e.ms += Number(process.hrtime.bigint() - t) / 1e6;
      bySql.set(key, e);
    };
    strapi.db.connection.on('query', countStatement);
    strapi.db.connection.on('query-response', timeStatement);
    const t0 = process.hrtime.bigint();
    const phases = { fetch: 0, parse: 0, match: 0, write: 0, move: 0 };
    const result = await runEmailLogging(strapi, phases);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    strapi.db.connection.off('query', countStatement);
    strapi.db.connection.off('query-response', timeStatement);
    const sqlTime = [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12).map(([k, v]) => `${k}: ${v.n} × ${(v.ms / v.n).toFixed(1)} ms = ${Math.round(v.ms)} ms`);
    console.log(`statements of the first timed run by time:\n  ${sqlTime.join('\n  ')}`);
    // (message, contact) pairs through the entry's contact link, not the key: the key's index would hide doubles by construction.
    const jt = strapi.db.metadata.get('plugin::marketing-setup.interaction-log-entry').attributes.contact.joinTable;
    const checks = {
      queue: await dovecot.count(QUEUE),
      storage: await dovecot.count(STORAGE),
      entries: Number((await db.query('SELECT count(*) n FROM ms_interaction_log_entries WHERE email_logged')).rows[0].n),
      doubles: Number((await db.query(`SELECT count(*) n FROM (SELECT e.message_id, l.${jt.inverseJoinColumn.name} FROM ms_interaction_log_entries e
        JOIN ${jt.name} l ON l.${jt.joinColumn.name} = e.id WHERE e.email_logged GROUP BY 1, 2 HAVING count(*) > 1) d`)).rows[0].n),
      reviews: Number((await db.query('SELECT count(*) n FROM ms_email_reviews')).rows[0].n),
    };
    // 3. More timed runs (BENCH_EMAIL_RUNS, default 3 in all) over the same messages: the logged entries and
    //    review rows deleted (link rows go with them), every message moved back to the queue in one MOVE.
    const runs = [{ seconds, processed: result.processed, perSecond: result.processed / seconds, phases }];
    for (let k = 1; k < RUNS; k++) {
      await db.query('DELETE FROM ms_interaction_log_entries WHERE email_logged');
      await db.query('DELETE FROM ms_email_reviews');
      await db.query('VACUUM ANALYZE ms_interaction_log_entries');
      const c = await dovecot.client();
      try {
        await c.mailboxOpen(STORAGE);
        await c.messageMove('1:*', QUEUE);
      } finally {
        await c.logout();
      }
      const again = { fetch: 0, parse: 0, match: 0, write: 0, move: 0 };
      const t1 = process.hrtime.bigint();
      const res = await runEmailLogging(strapi, again);
      const s1 = Number(process.hrtime.bigint() - t1) / 1e9;
      const entries = Number((await db.query('SELECT count(*) n FROM ms_interaction_log_entries WHERE email_logged')).rows[0].n);
      if (res.processed !== MESSAGES || entries !== expected) {
        console.error(`CHECK FAILED in run ${k + 1}: processed ${res.processed}, entries ${entries} of ${expected}`);
        process.exitCode = 1;
      }
      runs.push({ seconds: s1, processed: res.processed, perSecond: res.processed / s1, phases: again });
      console.log(`timed run ${k + 1}: ${res.processed} messages in ${s1.toFixed(1)} s = ${(res.processed / s1).toFixed(0)}/s`);
    }
    const median = [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)];
    await db.end();
    const r = {
      started: started.toISOString(), contacts: CONTACTS, messages: MESSAGES, expected, unknown, afterKill, result, seconds,
      perSecond: result.processed / seconds, phases, runs, median: median.perSecond, statements, checks, cpus: os.cpus().length, load: os.loadavg().map((l) => l.toFixed(1)).join(' '),
    };
    console.log(JSON.stringify(r, null, 2));
    writeDocs(r);
    if (checks.queue !== 0 || checks.storage !== MESSAGES || checks.entries !== expected || checks.doubles !== 0 || checks.reviews !== unknown) {
      console.error('CHECK FAILED');
      process.exitCode = 1;
    }
  } finally {
    await strapi?.destroy().catch(() => undefined);
    await dovecot.destroy();
    await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

function writeDocs(r) {
  const file = path.join(appDir, 'docs', 'benchmarks.md');
  const fmt = (n, d = 0) => Number(n).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const text = [
    '<!-- email-logging:start -->',
    '## E-mail logging (Dovecot → PostgreSQL)',
    '',
    `Command: \`npm run bench:email\` (bench/email-logging.js; BENCH_EMAIL_CONTACTS, BENCH_EMAIL_MESSAGES, BENCH_EMAIL_KILL_AT_ENTRIES). Run ${r.started}, ${r.cpus} cores shared with other jobs (load average at the end ${r.load}).`,
    '',
    `A throwaway Dovecot 2.3 (plain IMAP on 127.0.0.1) with **${fmt(r.messages)} queued messages** (70 % inbound from a contact, 20 % outbound to 1-3 contacts in To/Cc, 10 % unknown senders) against **${fmt(r.contacts)} contacts** (SQL-loaded, mixed-case addresses) on PostgreSQL 15.`,
    `A second instance started the run and was killed with \`SIGKILL\` once it had written ${fmt(KILL_AT_ENTRIES)} entries (${fmt(r.afterKill.entries)} entries committed, ${fmt(r.afterKill.queue)} messages still queued); then one run took the rest:`,
    '',
    '| measured | value |',
    '|---|---|',
    `| messages processed in the first timed run (the rest of the queue) | ${fmt(r.result.processed)} |`,
    `| time of that run (fetch, parse, match, log, move) | ${fmt(r.seconds, 1)} s |`,
    `| throughput per timed run (${r.runs.length} runs; runs 2+ re-log all ${fmt(r.messages)} messages moved back to the queue) | ${r.runs.map((x) => `${fmt(x.perSecond, 0)}/s`).join(', ')} |`,
    `| **median throughput** | **${fmt(r.median, 0)} messages/s** logged and moved |`,
    `| time per phase in the first run (ms; the next chunk's fetch and parse overlap the current write) | fetch ${fmt(r.phases.fetch)}, parse ${fmt(r.phases.parse)}, match ${fmt(r.phases.match)}, write ${fmt(r.phases.write)}, move ${fmt(r.phases.move)} |`,
    `| SQL statements in the first run | ${fmt(r.statements)} (${fmt(r.statements / Math.max(1, r.result.processed), 2)} per message) |`,
    `| entries written in total / expected | ${fmt(r.checks.entries)} / ${fmt(r.expected)} |`,
    `| (message, contact) logged twice after the kill and restart | **${fmt(r.checks.doubles)}** |`,
    `| review-list rows (unknown senders) | ${fmt(r.checks.reviews)} of ${fmt(r.unknown)} |`,
    `| queue / storage folder afterwards | ${fmt(r.checks.queue)} / ${fmt(r.checks.storage)} |`,
    '',
    `Issue #13 asks for ≥ 500 messages/s: ${r.median >= 500 ? 'met' : `**not met** on this run (median ${fmt(r.median, 0)}/s, load average ${r.load.split(' ')[0]} on ${r.cpus} cores)`}.`,
    'How a chunk of 200 messages is handled: one UID-set FETCH, the messages parsed side by side (headers only unless bodies are stored), one address-book read for all their addresses; then one transaction of a fixed number of statements whatever the chunk holds: the keys already logged, the contacts with the template, the salespeople named (one read each), the entry numbers drawn at once (one UPDATE … RETURNING adding n), one multi-row insert of the entries (ON CONFLICT on the unique e-mail log key DO NOTHING), one per link table, one read and one insert for the review rows; after the commit one UID-set MOVE. The next chunk is fetched and parsed while the current one is written.',
    '<!-- email-logging:end -->',
  ].join('\n');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- email-logging:start -->[\s\S]*<!-- email-logging:end -->/;
  fs.writeFileSync(file, re.test(old) ? old.replace(re, text) : `${old.trimEnd()}\n\n${text}\n`);
}

if (process.argv.includes('--child')) child().catch((e) => { console.error(e); process.exit(1); });
else main().catch((e) => { console.error(e); process.exit(1); });
