/**
 * The state of the bulk regeneration of the duplicate search: one row of a plain table — not process
 * memory — so any instance can report it and any instance's worker continues it. Timestamps are ISO
 * text: one form on both databases. The table and its row are created by migrations/duplicate-search.ts.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { detachedTransaction, type Write } from './unit-of-work';
import { isPostgres } from './tables';

export const REGENERATION = 'ms_duplicate_regeneration';
/** The id of the one row. */
export const JOB_ID = 1;

export type RegenerationState = 'idle' | 'running' | 'done' | 'failed';

export interface JobRow {
  state: RegenerationState;
  processed: number;
  total: number;
  last_id: number;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  error: string | null;
}

/** The job row, inside `write`'s transaction (row-locked on PostgreSQL when `forUpdate`) or outside any. */
export async function readJob(from: Write | Core.Strapi, forUpdate = false): Promise<JobRow> {
  const [db, strapi]: [Knex | Knex.Transaction, Core.Strapi] =
    'trx' in from ? [from.trx, from.strapi] : [from.db.connection, from];
  const q = db(REGENERATION).where('id', JOB_ID).first();
  return (forUpdate && isPostgres(strapi) ? q.forUpdate() : q) as Promise<JobRow>;
}

export async function updateJob(write: Write, data: Partial<JobRow>) {
  await write.trx(REGENERATION).where('id', JOB_ID).update(data);
}

/** Marks a running job failed, outside any transaction (the batch that failed has rolled back). */
export async function failRunningJob(strapi: Core.Strapi, data: Partial<JobRow>) {
  await strapi.db.connection(REGENERATION).where({ id: JOB_ID, state: 'running' }).update(data);
}

/** Advisory lock key of the worker ("ms" dup 1): any constant no other lock of the database uses. */
const WORKER_LOCK = 0x6d730001;

/**
 * Takes the worker's PostgreSQL advisory transaction lock, so exactly one instance works on a batch at a
 * time; false when another instance holds it. SQLite has one writer anyway.
 */
export async function tryWorkerLock(write: Write): Promise<boolean> {
  if (!isPostgres(write.strapi)) return true;
  const { rows } = await write.trx.raw('SELECT pg_try_advisory_xact_lock(?) AS ok', [WORKER_LOCK]);
  return !!rows[0].ok;
}

/**
 * Runs `fn` while this instance holds the worker's advisory lock, in a transaction of its own that holds
 * nothing else — `fn` opens its own short transactions (a re-index batch is three of them). Resolves
 * `{ ran: false }` without running `fn` when another instance holds the lock. SQLite: one writer anyway.
 */
export async function withWorkerLock<T>(strapi: Core.Strapi, uid: string, fn: () => Promise<T>) {
  if (!isPostgres(strapi)) return { ran: true as const, value: await fn() };
  return detachedTransaction(strapi, uid, async (lock) =>
    (await tryWorkerLock(lock)) ? { ran: true as const, value: await fn() } : { ran: false as const },
  );
}
