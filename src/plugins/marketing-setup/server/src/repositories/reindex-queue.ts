/**
 * The re-index queue: contacts whose index rows went stale through a set-based write (company → person
 * propagation changes many persons in one statement, without running their write rules). The write
 * enqueues their ids in one INSERT … SELECT inside its own transaction; the background worker re-indexes
 * them and their pairs in batches. The table is created by migrations/duplicate-search.ts.
 */
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import type { Write } from './unit-of-work';

export const REINDEX_QUEUE = 'ms_contact_reindex_queue';

/** Queues the contact ids `ids` selects (a query with one id column). */
export async function enqueueSelected(write: Write, ids: Knex.QueryBuilder) {
  const { sql, bindings } = ids.toSQL();
  // `WHERE true`: SQLite reads ON CONFLICT after a bare SELECT … FROM as a join condition otherwise.
  await write.trx.raw(
    `INSERT INTO ${REINDEX_QUEUE} (contact_id) SELECT * FROM (${sql}) q WHERE true ON CONFLICT (contact_id) DO NOTHING`,
    bindings,
  );
}

/** The first `size` queued contact ids, lowest first. */
export async function queuedIds(write: Write, size: number): Promise<number[]> {
  const rows: { contact_id: number | string }[] = await write
    .trx(REINDEX_QUEUE)
    .select('contact_id')
    .orderBy('contact_id')
    .limit(size);
  return rows.map((r) => Number(r.contact_id));
}

export async function dequeue(write: Write, ids: number[]) {
  if (ids.length) await write.trx(REINDEX_QUEUE).whereIn('contact_id', ids).delete();
}

/** Queues contacts outside any transaction (after a batch that had to skip them). */
export async function requeue(strapi: Core.Strapi, ids: number[]) {
  if (!ids.length) return;
  await strapi.db
    .connection(REINDEX_QUEUE)
    .insert(ids.map((id) => ({ contact_id: id })))
    .onConflict('contact_id')
    .ignore();
}

/** Contacts waiting in the queue. */
export async function queuedCount(strapi: Core.Strapi): Promise<number> {
  const [{ n }] = await strapi.db.connection(REINDEX_QUEUE).count({ n: '*' });
  return Number(n);
}
