/**
 * The benchmarks' PostgreSQL connection (BENCH_PG_HOST / PORT / USER / PASSWORD) and one statement on the
 * maintenance database (CREATE / DROP DATABASE). Shared by bench/run.js and bench/duplicates-scale.js.
 */
'use strict';

const { Client } = require('pg');

const env = process.env;
const PG = {
  host: env.BENCH_PG_HOST ?? '127.0.0.1',
  port: Number(env.BENCH_PG_PORT ?? 5432),
  user: env.BENCH_PG_USER ?? 'postgres',
  password: env.BENCH_PG_PASSWORD || undefined,
};

async function pgAdmin(sql) {
  const c = new Client({ ...PG, database: 'postgres' });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

module.exports = { PG, pgAdmin };
