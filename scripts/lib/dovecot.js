'use strict';
/**
 * A throwaway Dovecot IMAP server for tests, the benchmark and local trials (Debian's dovecot-imapd):
 * its own config, state, log and Maildir in a temp folder, plain IMAP on 127.0.0.1 and a free port, one
 * passwd-file user. As root, Dovecot refuses to run its login process as root: the processes run as
 * dovenull / dovecot and the mail belongs to nobody (see /work notes: dovecot.md).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { freePort } = require('./free-port');

const which = (cmd) => {
  for (const dir of (process.env.PATH || '').split(':').concat(['/usr/sbin', '/sbin'])) {
    const p = path.join(dir, cmd);
    if (fs.existsSync(p)) return p;
  }
  return null;
};

const waitFor = async (check, ms, what) => {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`Dovecot: ${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const listening = (port) => new Promise((resolve) => {
  const s = require('net').connect(port, '127.0.0.1');
  s.once('connect', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
});

/**
 * Starts Dovecot; resolves with { host, port, user, password, dir, stop(), start(), append(folder, raw), count(folder), client() }.
 * stop() + start() = the server down and up again on the same port with the same mail.
 */
async function startDovecot({ user = 'crm', password = 'secret' } = {}) {
  const bin = which('dovecot');
  if (!bin) throw new Error('Dovecot is not installed: apt-get install -y dovecot-imapd');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ms-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid && process.getuid() === 0;
  const me = os.userInfo();
  const uid = root ? Number(execFileSync('id', ['-u', 'nobody']).toString().trim()) : me.uid;
  const gid = root ? Number(execFileSync('id', ['-g', 'nobody']).toString().trim()) : me.gid;
  const mail = path.join(dir, 'mail');
  fs.mkdirSync(mail);
  if (root) fs.chownSync(mail, uid, gid);
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${uid}:${gid}::${mail}/${user}::\n`);
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, [
    'protocols = imap',
    'listen = 127.0.0.1',
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    `info_log_path = ${dir}/dovecot.log`,
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `mail_location = maildir:${mail}/%u`,
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN ${dir}/passwd\n}`,
    `userdb {\n  driver = passwd-file\n  args = ${dir}/passwd\n}`,
    `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    'mail_max_userip_connections = 100',
    // A throwaway server: no fsync per message (APPEND of thousands of messages for the benchmark).
    'mail_fsync = never',
    root ? 'default_login_user = dovenull' : `default_login_user = ${me.username}`,
    root ? 'default_internal_user = dovecot' : `default_internal_user = ${me.username}`,
    '',
  ].join('\n'));
  const pidFile = path.join(dir, 'run', 'master.pid');

  const server = {
    host: '127.0.0.1', port, user, password, dir,
    async start() {
      execFileSync(bin, ['-c', conf], { stdio: 'ignore' });
      await waitFor(() => listening(port), 10000, `listening on ${port}`);
    },
    async stop() {
      if (!fs.existsSync(pidFile)) return;
      const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
      try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
      await waitFor(async () => !(await listening(port)) && !fs.existsSync(pidFile), 10000, 'stopping');
    },
    /** Stops the server and removes its folder. */
    async destroy() {
      await server.stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    /** A logged-in imapflow client (the caller logs out). */
    async client(pass = password) {
      const { ImapFlow } = require('imapflow');
      const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass }, logger: false });
      c.on('error', () => undefined);
      await c.connect();
      return c;
    },
    /** APPENDs raw messages (strings or Buffers) to a folder, creating it if missing. */
    async append(folder, ...messages) {
      const c = await server.client();
      try {
        const existing = new Set((await c.list()).map((f) => f.path));
        if (!existing.has(folder)) await c.mailboxCreate(folder);
        for (const m of messages) await c.append(folder, m);
      } finally {
        await c.logout();
      }
    },
    /** Messages in a folder (0 when it does not exist). */
    async count(folder) {
      const c = await server.client();
      try {
        const existing = new Set((await c.list()).map((f) => f.path));
        if (!existing.has(folder)) return 0;
        return (await c.status(folder, { messages: true })).messages;
      } finally {
        await c.logout();
      }
    },
  };
  await server.start();
  return server;
}

/** A plain RFC 5322 message. */
function rawMessage({ from, to = [], cc = [], subject = 'Hello', date = new Date(), messageId, body = 'Hello.' }) {
  const lines = [`From: ${from}`];
  if (to.length) lines.push(`To: ${to.join(', ')}`);
  if (cc.length) lines.push(`Cc: ${cc.join(', ')}`);
  lines.push(`Subject: ${subject}`, `Date: ${new Date(date).toUTCString().replace('GMT', '+0000')}`);
  if (messageId) lines.push(`Message-ID: <${messageId}>`);
  lines.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, '');
  return lines.join('\r\n');
}

module.exports = { startDovecot, rawMessage };

// `node scripts/lib/dovecot.js` starts one for a local trial and prints how to reach it.
if (require.main === module) {
  startDovecot().then((s) => {
    console.log(`Dovecot on ${s.host}:${s.port}, user ${s.user}, password ${s.password} (folder ${s.dir}). Ctrl+C stops it.`);
    const end = () => s.destroy().then(() => process.exit(0));
    process.on('SIGINT', end);
    process.on('SIGTERM', end);
  }, (err) => { console.error(err.message); process.exit(1); });
}
