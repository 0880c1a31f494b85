#!/usr/bin/env node
/**
 * npm run verify:package
 *
 * Proves that the packaged plugin (`npm pack` of src/plugins/marketing-setup) installs into a separate,
 * fresh Strapi 5.54 app and works there:
 *   1. pack   – `npm pack` the plugin folder (prepack: `strapi-plugin build` of @strapi/sdk-plugin writes
 *               dist/server + dist/admin, then `strapi-plugin verify`; postpack removes dist again); the
 *               tarball must hold every export target and no TypeScript server source.
 *   2. app    – a throwaway JavaScript Strapi app in a temp dir outside the repository. To avoid a 4-minute
 *               fresh install (better-sqlite3 compiles from source here), the repo's node_modules is
 *               copied with hard links and `npm install <tarball>` then only adds the plugin and its deps.
 *   3. build  – `strapi build`: the admin bundle must import the plugin's packaged admin entry.
 *   4. boot   – the app is started in a child process exactly as `strapi start` does it
 *               (createStrapi({ appDir, distDir }).load() + listen()) on a free port, and checked over HTTP
 *               and through the Document Service: see CHECK_APP below.
 * Any failure prints the reason (and the tail of the failing command's output) and exits 1.
 * The last line on success is `verify:package: OK (...)`.
 *
 * VERIFY_PACKAGE_KEEP=1 keeps the temp dir for inspection; VERIFY_PACKAGE_FRESH=1 installs the app from the
 * registry instead of hard-linking the repo's node_modules (slow: ~4 min more).
 */
'use strict';

const { spawn, execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PLUGIN_DIR = path.join(ROOT, 'src', 'plugins', 'marketing-setup');
const PLUGIN_PKG = require(path.join(PLUGIN_DIR, 'package.json'));
const PLUGIN_ID = PLUGIN_PKG.strapi.name; // 'marketing-setup'
const KEEP = process.env.VERIFY_PACKAGE_KEEP === '1';
const FRESH = process.env.VERIFY_PACKAGE_FRESH === '1';

const started = Date.now();
const timings = {};
let tmp = null;
const children = new Set();

class Fail extends Error {}
const fail = (msg) => {
  throw new Fail(msg);
};
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`verify:package: ${msg}`);

/** Environment for child processes: no npm-run leftovers, no database settings of the caller. */
function childEnv(extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(npm_package_|npm_lifecycle_|DATABASE_|TEST_DB)/.test(k) || k === 'npm_config_local_prefix' || k === 'INIT_CWD') delete env[k];
  }
  return { ...env, STRAPI_TELEMETRY_DISABLED: 'true', ...extra };
}

/** Runs a command, collecting its output; rejects (with the output tail) on a non-zero exit or timeout. */
function run(label, cmd, args, { cwd, env = childEnv(), timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child);
    let out = '';
    const keep = (d) => {
      out += d;
      if (out.length > 200_000) out = out.slice(-100_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      out += `\n[verify:package] ${label}: timed out after ${secs(timeoutMs)}, killed`;
      killChild(child);
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      children.delete(child);
      reject(new Fail(`${label}: cannot run ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) return resolve(out);
      const tail = out.trim().split('\n').slice(-40).join('\n');
      reject(new Fail(`${label} failed (${signal || `exit ${code}`}): ${cmd} ${args.join(' ')}\n----- output (tail) -----\n${tail}\n-------------------------`));
    });
  });
}

/** Kills a child we started, and its process group (the child runs detached, as a group leader). */
function killChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {}
  }
}

async function step(name, fn) {
  const t = Date.now();
  const result = await fn();
  timings[name] = Date.now() - t;
  log(`${name} done in ${secs(timings[name])}`);
  return result;
}

const { freePort } = require('./lib/free-port');

const write = (file, text) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

// ------------------------------------------------------------------------------------------------
// 1. pack
// ------------------------------------------------------------------------------------------------
async function pack() {
  if (fs.existsSync(path.join(PLUGIN_DIR, 'node_modules'))) {
    fail(`${path.relative(ROOT, PLUGIN_DIR)}/node_modules exists; the plugin must build without its own node_modules (a second @strapi/strapi copy breaks the admin). Remove it and retry.`);
  }
  const dest = path.join(tmp, 'pack');
  fs.mkdirSync(dest);
  await run('npm pack', 'npm', ['pack', '--pack-destination', dest, '--loglevel=warn'], { cwd: PLUGIN_DIR, timeoutMs: 180_000 });
  const tarballs = fs.readdirSync(dest).filter((f) => f.endsWith('.tgz'));
  if (tarballs.length !== 1) fail(`npm pack: expected one tarball in ${dest}, found ${tarballs.length}`);
  if (fs.existsSync(path.join(PLUGIN_DIR, 'dist'))) fail('npm pack: postpack did not remove the plugin\'s dist/ folder');
  const tarball = path.join(dest, tarballs[0]);

  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  // @strapi/sdk-plugin (`strapi-plugin build`) writes one bundle per export: every target of
  // exports["./strapi-server"] and exports["./strapi-admin"] (import, require, default) must be in the tarball.
  const required = ['package.json', 'README.md', 'LICENSE'];
  const pkgExports = PLUGIN_PKG.exports || {};
  for (const key of ['./strapi-server', './strapi-admin']) {
    const exp = pkgExports[key];
    if (!exp || !exp.import || !exp.require || !exp.default) fail(`package.json: exports["${key}"] needs import, require and default targets`);
    for (const cond of ['import', 'require', 'default']) required.push(exp[cond].replace(/^\.\//, ''));
  }
  const missing = required.filter((f) => !files.includes(f));
  if (missing.length) fail(`tarball ${tarballs[0]} lacks: ${missing.join(', ')}\n(contents: ${files.join(', ')})`);
  const tsSource = files.filter((f) => f.startsWith('server/') || /\.test\./.test(f));
  if (tsSource.length) fail(`tarball ships server source or tests it should not: ${tsSource.slice(0, 5).join(', ')}`);
  return { tarball, fileCount: files.length, size: fs.statSync(tarball).size };
}

// ------------------------------------------------------------------------------------------------
// 2. throwaway app
// ------------------------------------------------------------------------------------------------
function writeApp(appDir, strapiVersion) {
  const rand = () => crypto.randomBytes(16).toString('base64');
  write(
    path.join(appDir, 'package.json'),
    JSON.stringify(
      {
        name: 'verify-package-app',
        private: true,
        version: '0.0.0',
        scripts: { build: 'strapi build', start: 'strapi start', develop: 'strapi develop' },
        dependencies: {
          '@strapi/strapi': strapiVersion,
          '@strapi/plugin-users-permissions': strapiVersion,
          'better-sqlite3': '^12.8.0',
          react: '18.3.1',
          'react-dom': '18.3.1',
          'react-router-dom': '^6.30.3',
          'styled-components': '^6.1.0',
        },
        engines: { node: '>=20.0.0 <=24.x.x' },
        strapi: { uuid: false },
      },
      null,
      2,
    ) + '\n',
  );
  write(
    path.join(appDir, '.env'),
    [
      'HOST=127.0.0.1',
      'PORT=1337',
      `APP_KEYS=${[rand(), rand(), rand(), rand()].join(',')}`,
      `API_TOKEN_SALT=${rand()}`,
      `ADMIN_JWT_SECRET=${rand()}`,
      `TRANSFER_TOKEN_SALT=${rand()}`,
      `JWT_SECRET=${rand()}`,
      `ENCRYPTION_KEY=${rand()}`,
      '',
    ].join('\n'),
  );
  write(
    path.join(appDir, 'config', 'server.js'),
    `module.exports = ({ env }) => ({\n  host: env('HOST', '0.0.0.0'),\n  port: env.int('PORT', 1337),\n  app: { keys: env.array('APP_KEYS') },\n});\n`,
  );
  write(
    path.join(appDir, 'config', 'database.js'),
    `const path = require('path');\n\nmodule.exports = () => ({\n  connection: {\n    client: 'sqlite',\n    connection: { filename: path.join(__dirname, '..', '.tmp', 'data.db') },\n    useNullAsDefault: true,\n  },\n});\n`,
  );
  write(
    path.join(appDir, 'config', 'admin.js'),
    `module.exports = ({ env }) => ({\n  auth: { secret: env('ADMIN_JWT_SECRET') },\n  apiToken: { salt: env('API_TOKEN_SALT') },\n  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },\n  secrets: { encryptionKey: env('ENCRYPTION_KEY') },\n  flags: { nps: false, promoteEE: false },\n});\n`,
  );
  // What the plugin README tells a user to add.
  write(
    path.join(appDir, 'config', 'plugins.js'),
    `module.exports = ({ env }) => ({\n  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },\n  '${PLUGIN_ID}': { enabled: true },\n});\n`,
  );
  write(
    path.join(appDir, 'config', 'middlewares.js'),
    `module.exports = [\n  'strapi::logger',\n  'strapi::errors',\n  'strapi::security',\n  'strapi::cors',\n  'strapi::poweredBy',\n  'strapi::query',\n  'strapi::body',\n  'strapi::session',\n  'strapi::favicon',\n  'strapi::public',\n];\n`,
  );
  write(path.join(appDir, 'config', 'api.js'), `module.exports = {\n  rest: { defaultLimit: 25, maxLimit: 100, withCount: true },\n};\n`);
  write(path.join(appDir, 'config', 'logger.js'), `module.exports = ({ env }) => ({ level: env('LOG_LEVEL', 'info') });\n`);
  write(path.join(appDir, 'src', 'index.js'), `module.exports = {\n  register() {},\n  bootstrap() {},\n};\n`);
  write(path.join(appDir, 'public', 'uploads', '.gitkeep'), '');
  write(path.join(appDir, 'public', 'robots.txt'), 'User-Agent: *\nDisallow: /\n');
  write(path.join(appDir, 'check-app.js'), CHECK_APP);
}

/**
 * Copies the repo's node_modules with hard links (instant, no disk) and removes what must not be shared:
 * npm's hidden lockfile (npm rewrites it in place, which would write through the hard link into the
 * repo's copy) and any tool caches (.vite, .cache, .strapi). npm only ever unlinks/renames package
 * files, so the repo's node_modules stays untouched.
 */
function copyNodeModules(appDir) {
  const src = path.join(ROOT, 'node_modules');
  if (!fs.existsSync(path.join(src, '@strapi', 'strapi'))) fail('the repo has no node_modules/@strapi/strapi; run npm install (or npm ci) at the repo root first');
  const dst = path.join(appDir, 'node_modules');
  try {
    execFileSync('cp', ['-al', src, dst], { stdio: 'pipe' });
  } catch (err) {
    log(`hard-link copy failed (${String(err.stderr || err.message).trim().split('\n')[0]}); copying files instead`);
    fs.rmSync(dst, { recursive: true, force: true });
    execFileSync('cp', ['-a', src, dst], { stdio: 'pipe' });
  }
  for (const name of fs.readdirSync(dst)) {
    if (name.startsWith('.') && name !== '.bin') fs.rmSync(path.join(dst, name), { recursive: true, force: true });
  }
}

async function install(appDir, tarball, fresh) {
  // A fresh install (VERIFY_PACKAGE_FRESH=1, or another Strapi release than the host app's): the whole app
  // from the registry (about 4 minutes here, better-sqlite3 compiles from source) instead of the
  // hard-linked copy of the repo's node_modules.
  if (!fresh) copyNodeModules(appDir);
  await run('npm install <tarball>', 'npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn'], {
    cwd: appDir,
    timeoutMs: fresh ? 900_000 : 300_000,
  });
  const installed = path.join(appDir, 'node_modules', PLUGIN_PKG.name);
  if (!fs.existsSync(path.join(installed, 'package.json'))) fail(`npm install did not install ${PLUGIN_PKG.name} into the app`);
  if (fs.lstatSync(installed).isSymbolicLink()) fail(`${PLUGIN_PKG.name} was installed as a symlink, not from the tarball`);
  const appPkg = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  if (!appPkg.dependencies[PLUGIN_PKG.name]) fail(`npm install did not add ${PLUGIN_PKG.name} to the app's dependencies`);
  checkDeclaredImports(installed);
  // The plugin must not drag in its own copy of anything that has to be a singleton.
  const nested = path.join(installed, 'node_modules');
  if (fs.existsSync(nested)) {
    const dupes = ['@strapi', 'react', 'react-dom', 'react-router-dom', 'styled-components'].filter((d) => fs.existsSync(path.join(nested, d)));
    if (dupes.length) fail(`the installed plugin has its own copy of ${dupes.join(', ')} (node_modules/${PLUGIN_PKG.name}/node_modules); they must be peers`);
  }
}

/**
 * Every package the built code imports must be a dependency or peer dependency of the plugin; otherwise
 * it only works where npm happens to hoist it (react-intl, knex, ... come with Strapi, not by contract).
 */
function checkDeclaredImports(installed) {
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(pkg.dependencies || {}), ...Object.keys(pkg.peerDependencies || {})]);
  const builtins = new Set(require('module').builtinModules);
  const undeclared = new Map();
  const specRe = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"'.\/][^"']*)["']/gm;
  for (const file of listFiles(path.join(installed, 'dist'), /\.(m?js|cjs)$/)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(specRe)) {
      const spec = m[1];
      // Only package specifiers count: text such as `… from ": "` inside a string is not an import.
      if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w.@-]+)*$/i.test(spec)) continue;
      if (spec.startsWith('node:') || builtins.has(spec.split('/')[0])) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!declared.has(name)) undeclared.set(name, path.relative(installed, file));
    }
  }
  if (undeclared.size) {
    fail(`the built plugin imports packages it does not declare in dependencies/peerDependencies: ${[...undeclared].map(([n, f]) => `${n} (${f})`).join(', ')}`);
  }
}

// ------------------------------------------------------------------------------------------------
// 3. admin build
// ------------------------------------------------------------------------------------------------
function listFiles(dir, re, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

async function build(appDir) {
  await run('strapi build', process.execPath, [path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: appDir,
    env: childEnv({ NODE_ENV: 'production', LOG_LEVEL: 'error' }),
    timeoutMs: 420_000,
  });
  // Strapi generates the admin entry with one import per plugin that has an admin part; a plugin whose
  // admin entry it cannot resolve is skipped silently, so look for it.
  const entry = path.join(appDir, '.strapi', 'client', 'app.js');
  if (!fs.existsSync(entry)) fail(`strapi build did not write ${entry}`);
  const entryText = fs.readFileSync(entry, 'utf8');
  if (!entryText.includes(`${PLUGIN_PKG.name}/strapi-admin`)) {
    fail(`the admin build did not pick up the plugin's admin entry: ${path.relative(appDir, entry)} has no import of "${PLUGIN_PKG.name}/strapi-admin"\n${entryText}`);
  }
  // The bundle must contain the plugin's admin code and its translations (compiled from the package).
  const outDir = [path.join(appDir, 'dist', 'build'), path.join(appDir, 'build')].find((d) => fs.existsSync(d));
  if (!outDir) fail('strapi build wrote no admin bundle (dist/build or build)');
  const js = listFiles(outDir, /\.m?js$/).map((f) => fs.readFileSync(f, 'utf8'));
  const translations = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'admin', 'src', 'translations', 'en.json'), 'utf8'));
  const markers = [`"${PLUGIN_ID}"`, ...Object.values(translations).slice(0, 1).map((v) => JSON.stringify(v))];
  const absent = markers.filter((m) => !js.some((t) => t.includes(m)));
  if (absent.length) fail(`the admin bundle in ${path.relative(appDir, outDir)} does not contain ${absent.join(' and ')} (plugin admin code / en translations)`);
  return { bundleFiles: js.length };
}

// ------------------------------------------------------------------------------------------------
// 4. boot + checks (runs inside the throwaway app, so every require resolves from ITS node_modules)
// ------------------------------------------------------------------------------------------------
const CHECK_APP = String.raw`'use strict';
// Written by scripts/verify-package.js of the marketing-setup repository; runs inside the throwaway app.
const fs = require('fs');
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const PLUGIN = process.env.VERIFY_PLUGIN_ID;
const PKG = process.env.VERIFY_PLUGIN_PKG;
const appDir = __dirname;
const base = 'http://127.0.0.1:' + process.env.PORT;
const UID = (n) => 'plugin::' + PLUGIN + '.' + n;
const results = [];
// check(condition, what was checked, what was found – shown only on failure)
const check = (cond, msg, got) => {
  if (!cond) throw new Error('check failed: ' + msg + (got === undefined ? '' : ' – got ' + got));
  results.push(msg);
};
const show = (res, body) => res.status + ' ' + JSON.stringify(body).slice(0, 500);
const json = async (res) => {
  const text = await res.text();
  try { return JSON.parse(text); } catch { return text; }
};

(async () => {
  let strapi;
  let code = 0;
  try {
    // The plugin must come from the installed tarball, not from anywhere else.
    const pkgJson = require.resolve(PKG + '/package.json', { paths: [appDir] });
    check(fs.realpathSync(pkgJson).startsWith(fs.realpathSync(path.join(appDir, 'node_modules')) + path.sep), 'plugin resolved from the app node_modules', pkgJson);
    // What Strapi's admin bundler asks before it imports an installed plugin's admin part; a failure here
    // means the admin part is silently left out of the panel.
    let adminEntry;
    try {
      adminEntry = require.resolve(PKG + '/strapi-admin', { paths: [appDir] });
    } catch (err) {
      adminEntry = err.code || String(err);
    }
    check(/dist[\\/]admin[\\/]index\.js$/.test(adminEntry), 'require.resolve("' + PKG + '/strapi-admin") -> dist/admin/index.js', adminEntry);

    // What 'strapi start' does for a JavaScript app.
    strapi = await createStrapi({ appDir, distDir: appDir }).load();
    await strapi.listen();

    const plugin = strapi.plugin(PLUGIN);
    check(plugin, 'strapi.plugin("' + PLUGIN + '") exists');
    const serverEntry = Object.keys(require.cache).find((f) => f.includes(path.join('node_modules', PKG, 'dist', 'server') + path.sep));
    check(serverEntry, 'server code loaded from the packaged dist/server');
    for (const ct of ['setup', 'contact', 'no-series', 'no-series-line', 'opportunity']) check(strapi.contentTypes[UID(ct)], 'content type ' + UID(ct) + ' registered');

    // HTTP: health, secure by default, admin panel served.
    let res = await fetch(base + '/_health');
    check(res.status === 204, 'GET /_health -> 204', res.status);
    res = await fetch(base + '/api/' + PLUGIN + '/contacts');
    check(res.status === 403, 'GET /api/' + PLUGIN + '/contacts without token -> 403', res.status);
    res = await fetch(base + '/admin');
    const html = await res.text();
    check(res.status === 200 && /<script[^>]+src=/.test(html), 'GET /admin -> 200 with the admin bundle', res.status + ' ' + html.slice(0, 300));

    // Document Service: the setup single type is created at first boot with the reference defaults.
    const setup = await strapi.documents(UID('setup')).findFirst();
    check(setup && setup.searchHitPercent === 60, 'setup created at first boot, searchHitPercent 60', JSON.stringify(setup));

    // Numbering through the plugin's document middleware.
    const series = await strapi.documents(UID('no-series')).create({ data: { code: 'CONT', description: 'Contacts' } });
    await strapi.documents(UID('no-series-line')).create({ data: { series: series.documentId, lineNo: 10000, startingNo: 'CT000001', endingNo: 'CT999999' } });
    await strapi.documents(UID('setup')).update({ documentId: setup.documentId, data: { contactNos: series.documentId } });
    const first = await strapi.documents(UID('contact')).create({ data: { name: 'Fabrikam NV', type: 'company' } });
    check(first.no === 'CT000001', 'Document Service contact create -> no CT000001', JSON.stringify(first.no));

    // REST with an API token: core routes of the packaged plugin, numbering, and a business error that
    // must be a 400 (a second copy of @strapi/utils would turn it into a 500).
    const token = await strapi.service('admin::api-token').create({ name: 'verify-package', type: 'full-access', lifespan: null });
    const auth = { Authorization: 'Bearer ' + token.accessKey, 'Content-Type': 'application/json' };
    res = await fetch(base + '/api/' + PLUGIN + '/contacts', { method: 'POST', headers: auth, body: JSON.stringify({ data: { name: 'Contoso BV', type: 'company' } }) });
    let body = await json(res);
    check(res.status === 201 && body.data && body.data.no === 'CT000002', 'POST /api/' + PLUGIN + '/contacts (API token) -> 201, no CT000002', show(res, body));
    res = await fetch(base + '/api/' + PLUGIN + '/contacts', { method: 'POST', headers: auth, body: JSON.stringify({ data: { name: 'Manual', no: 'MANUAL-1' } }) });
    body = await json(res);
    check(res.status === 400 && body.error && body.error.name === 'ValidationError', 'manual number with Manual Nos. off -> 400 ValidationError (single @strapi/utils)', show(res, body));
    res = await fetch(base + '/api/' + PLUGIN + '/contacts?sort=no', { headers: auth });
    body = await json(res);
    check(res.status === 200 && Array.isArray(body.data) && body.data.map((c) => c.no).join(',') === 'CT000001,CT000002', 'GET /api/' + PLUGIN + '/contacts -> CT000001, CT000002', show(res, body));
    res = await fetch(base + '/api/' + PLUGIN + '/setup', { headers: auth });
    body = await json(res);
    check(res.status === 200 && body.data && body.data.searchHitPercent === 60, 'GET /api/' + PLUGIN + '/setup -> 200, searchHitPercent 60', show(res, body));
  } catch (err) {
    console.error('CHECK-APP FAILED: ' + (err && err.stack || err));
    code = 1;
  }
  try {
    if (strapi) await strapi.destroy();
  } catch (err) {
    console.error('CHECK-APP: destroy failed: ' + (err && err.stack || err));
    code = 1;
  }
  console.log('CHECK-APP RESULT ' + JSON.stringify({ ok: code === 0, checks: results }));
  process.exit(code);
})();
`;

async function boot(appDir) {
  const port = await freePort();
  const out = await run('boot + checks', process.execPath, [path.join(appDir, 'check-app.js')], {
    cwd: appDir,
    env: childEnv({
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      PORT: String(port),
      STRAPI_DISABLE_CRON: 'true',
      VERIFY_PLUGIN_ID: PLUGIN_ID,
      VERIFY_PLUGIN_PKG: PLUGIN_PKG.name,
    }),
    timeoutMs: 180_000,
  });
  const line = out.split('\n').find((l) => l.startsWith('CHECK-APP RESULT '));
  if (!line) fail(`boot + checks: no result line\n${out.slice(-4000)}`);
  const result = JSON.parse(line.slice('CHECK-APP RESULT '.length));
  if (!result.ok) fail(`boot + checks failed\n${out.slice(-4000)}`);
  for (const c of result.checks) log(`  ok - ${c}`);
  return { checks: result.checks.length, port };
}

// ------------------------------------------------------------------------------------------------
function cleanup() {
  for (const child of children) killChild(child);
  children.clear();
  if (tmp && !KEEP) {
    try {
      fs.rmSync(tmp, { recursive: true, force: true });
    } catch (err) {
      console.error(`verify:package: could not remove ${tmp}: ${err.message}`);
    }
  }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.error(`verify:package: ${sig}, cleaning up`);
    cleanup();
    process.exit(1);
  });
}

const HOST_STRAPI = require(path.join(ROOT, 'package.json')).dependencies['@strapi/strapi'];
const byVersionDesc = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
};

/**
 * The newest Strapi 5 release that installs from the registry this machine reaches: npm resolves the
 * app's tree for each release newer than the host app's (a dry run: metadata only, nothing downloaded)
 * and the first that resolves wins. A release can be published before every package it pins is (here
 * @strapi/strapi 5.55.x pins an @strapi/admin the registry does not serve); those are reported, not used.
 */
async function newestInstallableStrapi() {
  const versions = JSON.parse(execFileSync('npm', ['view', '@strapi/strapi', 'versions', '--json'], { encoding: 'utf8', env: childEnv() }))
    .filter((v) => /^5\.\d+\.\d+$/.test(v))
    .sort(byVersionDesc);
  const refused = [];
  for (const version of versions) {
    if (byVersionDesc(version, HOST_STRAPI) >= 0) return { version, refused };
    const probe = path.join(tmp, `probe-${version}`);
    write(path.join(probe, 'package.json'), JSON.stringify({ name: 'probe', version: '0.0.0', private: true }));
    try {
      await run(`npm install --dry-run @strapi/strapi@${version}`, 'npm',
        ['install', `@strapi/strapi@${version}`, `@strapi/plugin-users-permissions@${version}`, '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
        { cwd: probe, timeoutMs: 300_000 });
      return { version, refused };
    } catch (err) {
      const reason = /No matching version found for (\S+?)\.?$/m.exec(String(err.message));
      refused.push(`${version} (${reason ? `${reason[1]} is not in the registry` : 'does not resolve'})`);
    }
  }
  return { version: HOST_STRAPI, refused };
}

/** Installs the packed plugin into a throwaway app of one Strapi release, builds its admin and boots it. */
async function verifyWith(strapiVersion, tarball, fresh) {
  const appDir = path.join(tmp, `app-${strapiVersion}`);
  const label = (name) => (strapiVersion === HOST_STRAPI ? name : `${name} (${strapiVersion})`);
  await step(label('install'), async () => {
    writeApp(appDir, strapiVersion);
    await install(appDir, tarball, fresh);
  });
  const built = await step(label('build'), () => build(appDir));
  const booted = await step(label('boot+checks'), () => boot(appDir));
  return { built, booted };
}

(async () => {
  try {
    tmp = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'verify-package-'));
    if (tmp.startsWith(ROOT + path.sep)) fail(`temp dir ${tmp} is inside the repository; set TMPDIR elsewhere`);
    log(`temp dir ${tmp}${KEEP ? ' (kept)' : ''}${FRESH ? ', fresh install from the registry' : ''}`);

    const packed = await step('pack', pack);
    log(`  ${path.basename(packed.tarball)}: ${packed.fileCount} files, ${(packed.size / 1024).toFixed(1)} kB`);
    const newest = await step('newest installable Strapi 5', newestInstallableStrapi);
    log(`  newest Strapi 5 that installs from the registry: ${newest.version}${newest.refused.length ? `; not installable: ${newest.refused.join(', ')}` : ''}`);
    const { built, booted } = await verifyWith(HOST_STRAPI, packed.tarball, FRESH);
    let newer = '';
    if (newest.version !== HOST_STRAPI) {
      const other = await verifyWith(newest.version, packed.tarball, true);
      newer = ` and into a fresh Strapi ${newest.version} app (${other.booted.checks} runtime checks passed)`;
    } else {
      newer = ` (${HOST_STRAPI} is also the newest Strapi 5 that installs here)`;
    }

    cleanup();
    const total = Date.now() - started;
    log(
      `OK (${path.basename(packed.tarball)} installed into a fresh Strapi ${HOST_STRAPI} app${FRESH ? ' (registry install)' : ''}${newer}; admin bundle ${built.bundleFiles} files; ` +
        `${booted.checks} runtime checks passed; pack ${secs(timings.pack)}, install ${secs(timings.install)}, ` +
        `build ${secs(timings.build)}, boot+checks ${secs(timings['boot+checks'])}, total ${secs(total)})`,
    );
    process.exit(0);
  } catch (err) {
    console.error(`verify:package: FAILED – ${err instanceof Fail ? err.message : err && err.stack ? err.stack : err}`);
    cleanup();
    if (KEEP && tmp) console.error(`verify:package: temp dir kept at ${tmp}`);
    process.exit(1);
  }
})();
