/**
 * Boots the compiled app in-process for one test file, on a fresh database: a temporary SQLite file,
 * or (TEST_DB=postgres) a new PostgreSQL database that is dropped afterwards.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import { createStrapi, type Core } from '@strapi/strapi';

const appDir = path.resolve(__dirname, '..', '..');
export const isPostgres = () => process.env.TEST_DB === 'postgres';
const pgAdmin = () => ({
  host: process.env.TEST_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_PG_PORT ?? 5432),
  user: process.env.TEST_PG_USER ?? 'postgres',
  password: process.env.TEST_PG_PASSWORD ?? undefined,
  database: 'postgres',
});

export interface TestApp {
  strapi: Core.Strapi;
  stop: () => Promise<void>;
  /** Stops the app and boots it again on the same database (as a restart after an upgrade does). */
  restart: () => Promise<Core.Strapi>;
}

const SECRETS = {
  APP_KEYS: 'testKeyA,testKeyB',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789ab',
};

export async function startStrapi(): Promise<TestApp> {
  Object.assign(process.env, {
    LOG_LEVEL: 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_CRON: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  for (const [k, v] of Object.entries(SECRETS)) process.env[k] ??= v;
  let cleanup: () => Promise<void>;
  if (isPostgres()) {
    const name = `ms_test_${process.pid}_${Date.now()}`;
    const admin = new Client(pgAdmin());
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    Object.assign(process.env, {
      DATABASE_CLIENT: 'postgres',
      DATABASE_NAME: name,
      DATABASE_HOST: pgAdmin().host,
      DATABASE_PORT: String(pgAdmin().port),
      DATABASE_USERNAME: pgAdmin().user,
      DATABASE_PASSWORD: pgAdmin().password ?? '',
      DATABASE_URL: '',
    });
    cleanup = async () => {
      const c = new Client(pgAdmin());
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ms-test-'));
    Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'test.db') });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const boot = async () => {
    const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
    await app.server.mount();
    return app;
  };
  const halt = async (app: Core.Strapi) => {
    await poolIdle(app);
    await app.destroy();
  };
  const testApp: TestApp = {
    strapi: await boot(),
    async stop() {
      await halt(testApp.strapi);
      await cleanup();
    },
    async restart() {
      await halt(testApp.strapi);
      testApp.strapi = await boot();
      return testApp.strapi;
    },
  };
  return testApp;
}

/**
 * Waits (up to 5 s) until no database connection is in use or awaited. Strapi emits a document's
 * entry.* event after the commit without awaiting it (a findOne); destroying the app under it leaves
 * that query waiting for a connection of a destroyed pool, and its timeout 60 s later fails whichever
 * test file runs then.
 */
async function poolIdle(strapi: Core.Strapi) {
  const pool = (strapi.db?.connection as any)?.client?.pool;
  for (
    let i = 0;
    pool && i < 50 && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0 || pool.numPendingCreates() > 0);
    i += 1
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A full-access API token, as an API consumer would use it. */
export async function apiToken(strapi: Core.Strapi): Promise<string> {
  const token = await strapi
    .service('admin::api-token')
    .create({ name: `test-${Date.now()}`, type: 'full-access', lifespan: null });
  return token.accessKey;
}
