/**
 * The re-index queue: contacts whose index rows went stale through a set-based write (company → person
 * propagation changes many persons in one statement, without running their write rules). The write
 * enqueues their ids in one INSERT … SELECT inside its own transaction; the background worker
 * (jobs/duplicate-worker.ts) re-indexes them and their pairs in batches.
 */
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import type { Write } from '../repositories/unit-of-work';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { isPostgres, tableOf } from '../repositories/tables';
import { REINDEX_QUEUE } from './tables';
import { reindexBatch, searchFields } from './search';

/** Queues the contact ids `ids` selects (a query with one id column); nothing when strings are not maintained. */
export async function enqueueReindex(write: Write, ids: Knex.QueryBuilder) {
  const setup = await getService(write.strapi, 'setup').get(write.trx);
  if (!setup.maintainDuplSearchStrings) return;
  const { sql, bindings } = ids.toSQL();
  // `WHERE true`: SQLite reads ON CONFLICT after a bare SELECT … FROM as a join condition otherwise.
  await write.trx.raw(
    `INSERT INTO ${REINDEX_QUEUE} (contact_id) SELECT * FROM (${sql}) q WHERE true ON CONFLICT (contact_id) DO NOTHING`,
    bindings,
  );
}

/**
 * Locks the contacts a background batch re-indexes against concurrent writes of the same contacts (which
 * replace the same index rows); NO KEY UPDATE, so pairs and links that only reference them are not held up.
 * SKIP LOCKED: the worker never waits for a user's write, so the two cannot deadlock (a company update
 * locks its persons and then queues them); a contact being written is left to that write or a later batch.
 * Returns the ids locked.
 */
export async function lockContacts(write: Write, ids: number[]): Promise<number[]> {
  if (!ids.length || !isPostgres(write.strapi)) return ids; // SQLite: one writer at a time anyway
  const rows = await write
    .trx(tableOf(write.strapi, UID.contact))
    .whereIn('id', ids)
    .select('id')
    .forNoKeyUpdate()
    .skipLocked();
  return rows.map((r: any) => Number(r.id));
}

/**
 * Re-indexes up to `size` queued contacts (lowest ids first) and removes them from the queue; returns how
 * many were taken. Contacts locked by a write in progress stay queued for a later batch.
 */
export async function drainQueue(write: Write, size: number): Promise<number> {
  const { strapi, trx } = write;
  const queued: number[] = (await trx(REINDEX_QUEUE).select('contact_id').orderBy('contact_id').limit(size)).map(
    (r: any) => Number(r.contact_id),
  );
  if (!queued.length) return 0;
  const locked = await lockContacts(write, queued);
  // A contact deleted since it was queued is simply gone: its delete removed its index rows and pairs.
  const present = new Set(
    (await trx(tableOf(strapi, UID.contact)).whereIn('id', queued).select('id')).map((r: any) => Number(r.id)),
  );
  const taken = [...locked, ...queued.filter((id) => !present.has(id))];
  if (!taken.length) return 0;
  await trx(REINDEX_QUEUE).whereIn('contact_id', taken).delete();
  const contacts = locked.length
    ? await strapi.db
        .query(UID.contact)
        .findMany({ where: { id: { $in: locked } }, select: await searchFields(write), orderBy: { id: 'asc' } })
    : [];
  await reindexBatch(write, contacts as any, 'queue');
  return taken.length;
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
export async function queuedCount(trx: Knex | Knex.Transaction): Promise<number> {
  const [{ n }] = await trx(REINDEX_QUEUE).count({ n: '*' });
  return Number(n);
}
