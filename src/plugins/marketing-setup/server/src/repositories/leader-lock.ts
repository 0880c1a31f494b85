import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { isPostgres } from './tables';

/**
 * Runs `fn` in one instance at a time: on PostgreSQL a transaction-level advisory lock `key`, taken on a
 * connection of its own and held for the whole of `fn` (whose writes use other connections and commit as
 * they go); an instance that finds it taken gets null at once. A killed instance's connection closes and
 * the lock with it. SQLite has one writer and one process: `fn` just runs.
 */
export async function withLeaderLock<T>(strapi: Core.Strapi, key: number, fn: () => Promise<T>): Promise<T | null> {
  if (!isPostgres(strapi)) return fn();
  const trx: Knex.Transaction = await (strapi.db.connection as Knex).transaction();
  try {
    const { rows } = await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS ok', [key]);
    if (!rows[0].ok) return null;
    return await fn();
  } finally {
    await trx.commit();
  }
}
