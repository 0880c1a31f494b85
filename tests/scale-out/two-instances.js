#!/usr/bin/env node
/**
 * Scale-out on PostgreSQL: two `strapi start` processes of the built app on ONE database.
 *  1. 2 × 32 parallel contact creates through REST (32 to each instance at once) → all 201, no duplicate
 *     number and no gap in the gapless contact series, the series' last number = the highest used.
 *  2. kill -9 of one instance while it processes parallel person creates (both instances loaded) →
 *     nothing half-written: every contact has its number, its search strings and (persons) its company;
 *     still no duplicate and no gap; the series' last number = the highest used; the other instance
 *     keeps serving.
 * Plain Node like the e2e suite: prints the figures and a closing `N passed, N failed` line for CI.
 * Needs the compiled server (dist/); compiles it first unless SCALE_SKIP_COMPILE=true (CI runs this after
 * the e2e build). PostgreSQL on 127.0.0.1:5432 (SCALE_PG_USER / SCALE_PG_PASSWORD), database dropped after.
 */
'use strict';

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Client } = require('pg');
const { freePort } = require('../../scripts/lib/free-port');
const { createRunner, http } = require('../e2e/harness');

const appDir = path.resolve(__dirname, '..', '..');
const API = '/api/marketing-setup';
const PER_INSTANCE = 32;
const KILL_LOAD = 40; // person creates sent to each instance in part 2
const KILL_AFTER = 5; // the victim is killed once it has answered this many of them
const PG = { host: '127.0.0.1', port: 5432, user: process.env.SCALE_PG_USER || 'postgres', password: process.env.SCALE_PG_PASSWORD || '' };
const log = (...a) => console.log('[scale-out]', ...a);
const secret = () => crypto.randomBytes(16).toString('base64');

async function pg(database, sql, params) {
  const c = new Client({ ...PG, database });
  await c.connect();
  try { return await c.query(sql, params); } finally { await c.end(); }
}

/** One environment for both instances: same secrets (a token made on one works on the other), same database. */
function appEnv(database) {
  return {
    ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_DISABLE_CRON: 'true',
    LOG_LEVEL: process.env.SCALE_LOG_LEVEL || 'warn', BROWSER: 'none',
    APP_KEYS: [secret(), secret()].join(','), API_TOKEN_SALT: secret(), ADMIN_JWT_SECRET: secret(), TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(), ENCRYPTION_KEY: secret(),
    DATABASE_CLIENT: 'postgres', DATABASE_HOST: PG.host, DATABASE_PORT: String(PG.port), DATABASE_NAME: database,
    DATABASE_USERNAME: PG.user, DATABASE_PASSWORD: PG.password, DATABASE_SSL: 'false', DATABASE_URL: '',
  };
}

const strapiBin = path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

/** `strapi start` in its own process group (so kill -9 reaches the server and nothing else). */
async function startInstance(name, env, tmp) {
  const port = await freePort();
  const logFile = path.join(tmp, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [strapiBin, 'start'], { cwd: appDir, env: { ...env, PORT: String(port) }, detached: true, stdio: ['ignore', out, out] });
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (Date.now() - started < 180000) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    try { if ((await fetch(`${baseUrl}/_health`)).status === 204) break; } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`${name} listening on ${baseUrl} (pid ${child.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const signal = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
  return {
    name, baseUrl, child, logFile,
    kill9: () => signal('SIGKILL'),
    async stop() {
      if (child.exitCode !== null || child.signalCode) return;
      signal('SIGTERM');
      for (let i = 0; i < 40 && child.exitCode === null && !child.signalCode; i += 1) await new Promise((r) => setTimeout(r, 250));
      signal('SIGKILL');
    },
  };
}

/** The contact numbers in the database, and what is wrong with them as a gapless CT series. */
async function seriesCheck(database) {
  const rows = (await pg(database, `SELECT no FROM ms_contacts`)).rows.map((r) => r.no);
  const values = rows.filter((n) => /^CT\d{6}$/.test(n ?? '')).map((n) => Number(n.slice(2))).sort((a, b) => a - b);
  const distinct = new Set(values);
  const max = values.length ? values[values.length - 1] : 0;
  const line = (await pg(database, `SELECT l.last_no_used FROM ms_no_series_lines l`)).rows[0];
  return {
    rows: rows.length, withoutNumber: rows.length - values.length, duplicates: values.length - distinct.size,
    gaps: max - distinct.size, max, lastNoUsed: line?.last_no_used ?? null,
  };
}

async function main() {
  const runner = createRunner();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ms-scale-'));
  const database = `ms_scale_${process.pid}_${Date.now()}`;
  const instances = [];
  const figures = {};
  try {
    if (process.env.SCALE_SKIP_COMPILE !== 'true') {
      log('compiling the app (tsc)');
      const res = spawnSync(process.execPath, ['-e', `require('@strapi/strapi').compileStrapi({ appDir: ${JSON.stringify(appDir)} }).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })`], { cwd: appDir, stdio: 'inherit' });
      if (res.status !== 0) throw new Error('compile failed');
    }
    await pg('postgres', `CREATE DATABASE ${database}`);
    const env = appEnv(database);
    // The first admin, with the CLI (its boot also creates the schema and the plugin's seeds once).
    const admin = { email: 'scale@example.com', password: 'Scale12345!' };
    const cli = spawnSync(process.execPath, [strapiBin, 'admin:create-user', '--firstname=Scale', '--lastname=Out', `--email=${admin.email}`, `--password=${admin.password}`], { cwd: appDir, env, stdio: 'inherit' });
    if (cli.status !== 0) throw new Error('admin:create-user failed');
    const [a, b] = await Promise.all([startInstance('A', env, tmp), startInstance('B', env, tmp)]);
    instances.push(a, b);

    // An API token (made through the admin API of A) and the gapless contact series CT000001.. (through REST on B).
    const jwt = (await http(a.baseUrl, 'POST', '/admin/login', { body: admin })).body.data.token;
    const tokenRes = await http(a.baseUrl, 'POST', '/admin/api-tokens', { token: jwt, body: { name: 'scale-out', type: 'full-access', lifespan: null } });
    assert.equal(tokenRes.status, 201, JSON.stringify(tokenRes.body));
    const token = tokenRes.body.data.accessKey;
    const series = await http(b.baseUrl, 'POST', `${API}/no-series-list`, { token, body: { data: { code: 'CONT', description: 'Contacts' } } });
    assert.equal(series.status, 201, JSON.stringify(series.body));
    const line = await http(b.baseUrl, 'POST', `${API}/no-series-lines`, { token, body: { data: { series: series.body.data.documentId, lineNo: 10000, startingNo: 'CT000001', endingNo: 'CT999999' } } });
    assert.equal(line.status, 201, JSON.stringify(line.body));
    const setup = await http(a.baseUrl, 'PUT', `${API}/setup`, { token, body: { data: { contactNos: series.body.data.documentId } } });
    assert.equal(setup.status, 200, JSON.stringify(setup.body));

    const create = (inst, data) => http(inst.baseUrl, 'POST', `${API}/contacts`, { token, body: { data } }).catch((err) => ({ status: 0, error: err.cause?.code ?? err.message }));

    await runner.test(`2 × ${PER_INSTANCE} parallel creates on two instances: all 201, no duplicate number, no gap`, async () => {
      const started = Date.now();
      const results = await Promise.all([a, b].flatMap((inst) => Array.from({ length: PER_INSTANCE }, (_, i) =>
        create(inst, { type: 'company', name: `Scale ${inst.name} ${i}`, city: i % 2 ? 'Gent' : 'Brugge', phoneNo: `09 ${inst.name === 'A' ? 1 : 2}${String(i).padStart(2, '0')} 00 00` }))));
      figures.part1 = { ms: Date.now() - started, statuses: countBy(results.map((r) => r.status)) };
      assert.deepEqual(figures.part1.statuses, { 201: 2 * PER_INSTANCE });
      const numbers = results.map((r) => r.body.data.no);
      assert.equal(new Set(numbers).size, numbers.length, 'the answers carry distinct numbers');
      const check = await seriesCheck(database);
      figures.part1.series = check;
      assert.deepEqual(check, { rows: 2 * PER_INSTANCE, withoutNumber: 0, duplicates: 0, gaps: 0, max: 2 * PER_INSTANCE, lastNoUsed: `CT${String(2 * PER_INSTANCE).padStart(6, '0')}` });
    });

    await runner.test(`kill -9 of one instance mid-load (${KILL_LOAD} person creates each): nothing half-written, the other keeps serving`, async () => {
      const company = await create(a, { type: 'company', name: 'Scale Holding', city: 'Gent', phoneNo: '09 999 99 99' });
      assert.equal(company.status, 201);
      let answeredByB = 0;
      let killedAt = null;
      const started = Date.now();
      const person = (inst, i) => create(inst, { type: 'person', name: `Person ${inst.name} ${i}`, company: company.body.data.documentId }).then((r) => {
        if (inst === b && r.status === 201 && ++answeredByB === KILL_AFTER && !killedAt) { killedAt = Date.now() - started; b.kill9(); }
        return { ...r, inst: inst.name };
      });
      const results = await Promise.all([a, b].flatMap((inst) => Array.from({ length: KILL_LOAD }, (_, i) => person(inst, i))));
      const fromA = results.filter((r) => r.inst === 'A');
      const fromB = results.filter((r) => r.inst === 'B');
      figures.part2 = {
        ms: Date.now() - started, killedAtMs: killedAt,
        A: countBy(fromA.map((r) => r.status)), B: countBy(fromB.map((r) => String(r.status === 0 ? `cut (${r.error})` : r.status))),
      };
      assert.ok(killedAt !== null, 'B was killed while answering');
      assert.deepEqual(figures.part2.A, { 201: KILL_LOAD }, 'every create sent to A succeeded');
      assert.ok(fromB.some((r) => r.status !== 201), 'some creates were still in flight on B when it was killed');
      await new Promise((r) => setTimeout(r, 500));

      // The survivor keeps serving: a health check and more creates.
      assert.equal((await fetch(`${a.baseUrl}/_health`)).status, 204);
      const after = await Promise.all(Array.from({ length: 4 }, (_, i) => create(a, { type: 'person', name: `After ${i}`, company: company.body.data.documentId })));
      assert.deepEqual(after.map((r) => r.status), [201, 201, 201, 201]);

      // Nothing half-written: numbers, search strings, company links; the series as it should be.
      const check = await seriesCheck(database);
      figures.part2.series = check;
      assert.deepEqual({ ...check, lastNoUsed: undefined }, { rows: check.rows, withoutNumber: 0, duplicates: 0, gaps: 0, max: check.rows, lastNoUsed: undefined });
      assert.equal(check.lastNoUsed, `CT${String(check.max).padStart(6, '0')}`, "the series' last number is the highest used");
      const noStrings = (await pg(database, `SELECT c.no FROM ms_contacts c WHERE NOT EXISTS (SELECT 1 FROM ms_contact_search_strings s WHERE s.contact_id = c.id)`)).rows;
      assert.deepEqual(noStrings, [], 'every contact has its search strings');
      const persons = await http(a.baseUrl, 'GET', `${API}/contacts?filters[type]=person&populate[company][fields][0]=name&pagination[pageSize]=100`, { token });
      const dbPersons = Number((await pg(database, `SELECT count(*) AS n FROM ms_contacts WHERE type = 'person'`)).rows[0].n);
      assert.equal(persons.body.data.length, dbPersons);
      assert.deepEqual(persons.body.data.filter((p) => p.company?.name !== 'Scale Holding').map((p) => p.no), [], 'every person has its company');
      const okFromB = fromB.filter((r) => r.status === 201).map((r) => r.body.data.documentId);
      for (const documentId of okFromB) assert.equal((await http(a.baseUrl, 'GET', `${API}/contacts/${documentId}`, { token })).status, 200, 'what B confirmed is there');
      figures.part2.persons = dbPersons;
    });
  } catch (err) {
    runner.results.push({ name: 'set-up', ok: false, err });
    console.log('  ✗ set-up\n   ', String(err && err.stack ? err.stack : err).split('\n').slice(0, 8).join('\n    '));
    for (const inst of instances) console.log(`--- ${inst.name} log (tail)\n${fs.readFileSync(inst.logFile, 'utf8').slice(-2000)}`);
  } finally {
    for (const inst of instances) await inst.stop();
    await pg('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((err) => log('could not drop', database, err.message));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  log('figures', JSON.stringify(figures, null, 1));
  const passed = runner.results.filter((r) => r.ok).length;
  const failed = runner.results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

function countBy(list) {
  const out = {};
  for (const v of list) out[v] = (out[v] ?? 0) + 1;
  return out;
}

main();
