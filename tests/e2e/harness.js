/**
 * End-to-end harness: builds the app once, starts it as a production process on a fresh SQLite file
 * (or, with E2E_DB=postgres, a fresh PostgreSQL database on 127.0.0.1:5432, dropped afterwards),
 * creates the first admin with the CLI, and drives Debian's Chromium through playwright-core.
 * Plain Node (no test runner): CI reads the closing `N passed, N failed` line and the exit code.
 */
'use strict';

const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const appDir = path.resolve(__dirname, '..', '..');
const onPostgres = process.env.E2E_DB === 'postgres';
// Screenshots of a PostgreSQL run go to their own folder, so a run on each database keeps both sets.
const artifactsDir = path.join(__dirname, 'artifacts', ...(onPostgres ? ['postgres'] : []));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const log = (...args) => console.log('[e2e]', ...args);

/** Runs a command to completion, streaming its output; throws on a non-zero exit. */
function run(cmd, args, opts = {}) {
  log('$', cmd, args.join(' '));
  const res = spawnSync(cmd, args, { cwd: appDir, stdio: 'inherit', ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
}

/** CI machines may lack Chromium: install Debian's package (no browser download by playwright). */
function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  log(`${CHROMIUM} is missing: installing chromium with apt-get`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  const sh = (args) => run(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  sh(['apt-get', 'update']);
  sh(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium was installed but ${CHROMIUM} does not exist`);
}

const { freePort } = require('../../scripts/lib/free-port');

const secret = () => crypto.randomBytes(16).toString('base64');

/** Environment of the app under test: fresh secrets, a temporary SQLite file (or PostgreSQL database), production mode. */
function appEnv(dbFile, port) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    ...(onPostgres
      ? { DATABASE_CLIENT: 'postgres', DATABASE_HOST: '127.0.0.1', DATABASE_PORT: '5432', DATABASE_NAME: dbFile,
          DATABASE_USERNAME: process.env.E2E_PG_USER || 'postgres', DATABASE_PASSWORD: process.env.E2E_PG_PASSWORD || '', DATABASE_SSL: 'false' }
      : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: dbFile }),
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    // No e-mail logging timer: a run it starts between an APPEND and the "Check now" click takes the messages, and
    // the click then counts none (seen as a flaky "Processed 3 · …" wait). The cases run the job on purpose only.
    MS_EMAIL_POLL_MS: '0',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL || 'warn',
  };
}

/** PostgreSQL only: runs one statement on the server's maintenance database. */
async function pgAdmin(sql) {
  const { Client } = require('pg');
  const client = new Client({ host: '127.0.0.1', port: 5432, user: process.env.E2E_PG_USER || 'postgres', password: process.env.E2E_PG_PASSWORD || '', database: 'postgres' });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}

async function waitForHealth(baseUrl, child, logFile, timeoutMs = 180000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) {
      throw new Error(`strapi start exited with ${child.exitCode}:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/_health`);
      if (res.status === 204 || res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`strapi did not answer /_health within ${timeoutMs / 1000}s`);
}

/**
 * Builds (unless E2E_SKIP_BUILD=true), creates the admin, starts the server.
 * Returns { baseUrl, admin, stop }.
 */
async function startApp() {
  fs.mkdirSync(path.join(appDir, 'public', 'uploads'), { recursive: true });
  if (process.env.E2E_SKIP_BUILD !== 'true') run('npx', ['strapi', 'build'], { env: { ...process.env, NODE_ENV: 'production' } });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ms-e2e-'));
  const port = await freePort();
  const pgName = `ms_e2e_${process.pid}_${Date.now()}`;
  if (onPostgres) await pgAdmin(`CREATE DATABASE ${pgName}`);
  const env = appEnv(onPostgres ? pgName : path.join(tmp, 'e2e.db'), port);
  const admin = { email: 'admin@example.com', password: 'Admin12345!', firstname: 'Erin', lastname: 'Admin' };
  run('npx', ['strapi', 'admin:create-user', `--firstname=${admin.firstname}`, `--lastname=${admin.lastname}`,
    `--email=${admin.email}`, `--password=${admin.password}`], { env });

  const logFile = path.join(tmp, 'strapi.log');
  const out = fs.openSync(logFile, 'a');
  // Own process group, so stop() can end npx and the node process it starts, and nothing else.
  const child = spawn('npx', ['strapi', 'start'], { cwd: appDir, env, detached: true, stdio: ['ignore', out, out] });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      for (let i = 0; i < 40 && child.exitCode === null; i += 1) await new Promise((r) => setTimeout(r, 250));
      if (child.exitCode === null) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    if (process.env.E2E_KEEP_TMP !== 'true') {
      fs.rmSync(tmp, { recursive: true, force: true });
      if (onPostgres) await pgAdmin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch((err) => log('could not drop', pgName, err.message));
    } else log('kept', tmp, onPostgres ? pgName : '');
  };
  try {
    await waitForHealth(baseUrl, child, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  log(`app listening on ${baseUrl} (database ${onPostgres ? `PostgreSQL ${pgName}` : env.DATABASE_FILENAME})`);
  return { baseUrl, admin, stop, logFile };
}

/** JSON over HTTP with an optional bearer token; returns { status, body }. */
async function http(baseUrl, method, url, { token, body } = {}) {
  const res = await fetch(baseUrl + url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json };
}

async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A tiny sequential runner: every case runs even when an earlier one failed. */
function createRunner({ onFailure } = {}) {
  const results = [];
  return {
    results,
    async test(name, fn) {
      // E2E_ONLY=<text>: while developing, run only the cases whose name contains it (set-up cases included by name).
      if (process.env.E2E_ONLY && !process.env.E2E_ONLY.split(',').some((part) => name.toLowerCase().includes(part.toLowerCase()))) return;
      const started = Date.now();
      try {
        await fn();
        results.push({ name, ok: true });
        console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
      } catch (err) {
        results.push({ name, ok: false, err });
        if (onFailure) await onFailure(name).catch(() => {});
        console.log(`  ✗ ${name} (${Date.now() - started} ms)\n    ${String(err && err.stack ? err.stack : err).split('\n').slice(0, 6).join('\n    ')}`);
      }
    },
  };
}

module.exports = { appDir, artifactsDir, log, ensureChromium, startApp, http, launchBrowser, createRunner };
