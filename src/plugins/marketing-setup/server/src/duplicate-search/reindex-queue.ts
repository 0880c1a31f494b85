/**
 * The re-index queue: contacts whose index rows went stale through a set-based write (company → person
 * propagation changes many persons in one statement, without running their write rules). The write
 * enqueues their ids in one INSERT … SELECT inside its own transaction; the background worker
 * (jobs/duplicate-worker.ts) re-indexes them and their pairs in batches.
 */
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import type { Write } from '../write-rules/types';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { isPostgres, tableOf } from '../utils/tables';
import { REINDEX_QUEUE } from './tables';
import { savePairsOf, scoreBatch, searchFields, searchValues, writeBatchIndex, type ContactRow } from './search';

/** Queues the contact ids `ids` selects (a query with one id column); nothing when strings are not maintained. */
export async function enqueueReindex(write: Write, ids: Knex.QueryBuilder) {
  const setup = await getService(write.strapi, 'setup').get(write.trx);
  if (!setup.maintainDuplSearchStrings) return;
  const { sql, bindings } = ids.toSQL();
  // `WHERE true`: SQLite reads ON CONFLICT after a bare SELECT … FROM as a join condition otherwise.
  await write.trx.raw(`INSERT INTO ${REINDEX_QUEUE} (contact_id) SELECT * FROM (${sql}) q WHERE true ON CONFLICT (contact_id) DO NOTHING`, bindings);
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
  const rows = await write.trx(tableOf(write.strapi, UID.contact)).whereIn('id', ids).select('id').forNoKeyUpdate().skipLocked();
  return rows.map((r: any) => Number(r.id));
}

/**
 * Re-indexes up to `size` queued contacts (lowest ids first); returns how many were taken. Scoring
 * (candidate lookups and verdicts) is most of the work, so it holds no lock: a company update that
 * changes these persons meanwhile never waits for it. Three short steps:
 * 1. one transaction locks the batch's contacts (SKIP LOCKED: a contact being written stays queued for
 *    a later batch), reads them and writes their index rows;
 * 2. no lock, no write: candidates and verdicts;
 * 3. one transaction locks them again, re-reads them, and for those unchanged since step 1 stores the
 *    pairs and removes them from the queue. A contact changed in between keeps its queue row (its
 *    change queued it, or re-indexed it itself): its pairs are left to its next turn, never overwritten
 *    from stale values. A crash between the steps leaves every contact of the batch queued.
 * The caller makes sure one instance drains at a time (jobs/duplicate-worker.ts).
 */
export async function drainQueue(strapi: Core.Strapi, size: number): Promise<number> {
  const writeIn = (trx: Knex.Transaction): Write => ({ strapi, trx, uid: UID.contact, action: 'update', params: {} });
  const first = await strapi.db.transaction(async ({ trx }) => {
    const write = writeIn(trx);
    const queued: number[] = (await trx(REINDEX_QUEUE).select('contact_id').orderBy('contact_id').limit(size)).map((r: any) => Number(r.contact_id));
    if (!queued.length) return null;
    const locked = await lockContacts(write, queued);
    // A contact deleted since it was queued is simply gone: its delete removed its index rows and pairs.
    const present = new Set((await trx(tableOf(strapi, UID.contact)).whereIn('id', queued).select('id')).map((r: any) => Number(r.id)));
    const gone = queued.filter((id) => !present.has(id));
    if (gone.length) await trx(REINDEX_QUEUE).whereIn('contact_id', gone).delete();
    const fields = await searchFields(write);
    const contacts = locked.length
      ? await strapi.db.query(UID.contact).findMany({ where: { id: { $in: locked } }, select: fields, orderBy: { id: 'asc' } })
      : [];
    return { taken: locked.length + gone.length, fields, indexed: await writeBatchIndex(write, contacts as ContactRow[]) };
  });
  if (!first || !first.indexed.batch.length) return first?.taken ?? 0;
  const { fields, indexed } = first;

  const scored = await strapi.db.transaction(({ trx }) => scoreBatch(writeIn(trx), indexed, 'queue'));

  await strapi.db.transaction(async ({ trx }) => {
    const write = writeIn(trx);
    const scoredValues = new Map(scored.map((s) => [s.contact.id, searchValues(s.contact, fields)]));
    const locked = await lockContacts(write, [...scoredValues.keys()]);
    const now = locked.length ? await strapi.db.query(UID.contact).findMany({ where: { id: { $in: locked } }, select: fields }) : [];
    const unchanged = now.filter((c: any) => scoredValues.get(Number(c.id)) === searchValues(c, fields)).map((c: any) => Number(c.id));
    await savePairsOf(write, scored, unchanged);
    if (unchanged.length) await trx(REINDEX_QUEUE).whereIn('contact_id', unchanged).delete();
  });
  return first.taken;
}

/** Queues contacts outside any transaction (after a batch that had to skip them). */
export async function requeue(strapi: Core.Strapi, ids: number[]) {
  if (!ids.length) return;
  await strapi.db.connection(REINDEX_QUEUE).insert(ids.map((id) => ({ contact_id: id }))).onConflict('contact_id').ignore();
}

/** Contacts waiting in the queue. */
export async function queuedCount(trx: Knex | Knex.Transaction): Promise<number> {
  const [{ n }] = await trx(REINDEX_QUEUE).count({ n: '*' });
  return Number(n);
}
