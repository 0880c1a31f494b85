#!/usr/bin/env node
/**
 * npm run openapi — writes the plugin's OpenAPI document (Strapi's own generator over the plugin's routes) to
 * docs/openapi.json and to the plugin's server/src/openapi.json, which GET /api/marketing-setup/openapi.json serves.
 * Boots the compiled app on a throwaway SQLite file. tests/integration/openapi.test.ts fails when the checked-in
 * files no longer match the routes.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..');

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ms-openapi-'));
  Object.assign(process.env, {
    LOG_LEVEL: 'error', STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_DISABLE_CRON: 'true',
    DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(tmp, 'openapi.db'),
  });
  for (const k of ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET']) process.env[k] ??= 'openapi-generation-only';
  process.env.ENCRYPTION_KEY ??= 'openapi-generation-only-0123456789';
  if (process.env.SKIP_COMPILE !== 'true') await compileStrapi({ appDir: root });
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  try {
    const { buildOpenApiDocument, pluginVersion } = require(path.join(root, 'dist/src/plugins/marketing-setup/server/src/openapi.js'));
    const doc = buildOpenApiDocument(strapi, pluginVersion());
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    fs.writeFileSync(path.join(root, 'docs', 'openapi.json'), text);
    fs.writeFileSync(path.join(root, 'src/plugins/marketing-setup/server/src/openapi.json'), text);
    console.log(`docs/openapi.json: ${Object.keys(doc.paths).length} paths`);
  } finally {
    await strapi.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
