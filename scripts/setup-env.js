#!/usr/bin/env node
// Makes `npm run develop` work on a bare machine: writes a .env with fresh random secrets for every
// secret that is missing (existing values are kept), and makes sure the folders Strapi needs exist.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const envFile = path.join(root, '.env');
const rand = () => crypto.randomBytes(16).toString('base64');

const wanted = {
  HOST: () => '0.0.0.0',
  PORT: () => '1337',
  APP_KEYS: () => [rand(), rand(), rand(), rand()].join(','),
  API_TOKEN_SALT: rand,
  ADMIN_JWT_SECRET: rand,
  TRANSFER_TOKEN_SALT: rand,
  JWT_SECRET: rand,
  ENCRYPTION_KEY: rand,
  STRAPI_TELEMETRY_DISABLED: () => 'true',
};

const existing = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : '';
const present = new Set(
  existing.split(/\r?\n/).map((l) => l.match(/^\s*([A-Z0-9_]+)\s*=\s*\S/)?.[1]).filter(Boolean),
);
const added = Object.entries(wanted)
  .filter(([key]) => !present.has(key) && !process.env[key])
  .map(([key, make]) => `${key}=${make()}`);

if (added.length) {
  const sep = existing && !existing.endsWith('\n') ? '\n' : '';
  fs.writeFileSync(envFile, `${existing}${sep}${added.join('\n')}\n`);
  console.log(`setup-env: wrote ${added.length} missing variable(s) to .env`);
}
for (const dir of ['public/uploads', '.tmp']) fs.mkdirSync(path.join(root, dir), { recursive: true });
