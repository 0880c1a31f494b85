/**
 * The re-index queue (repositories/reindex-queue.ts): fed by set-based writes that change what the search
 * reads of many contacts, drained in batches by the background worker.
 */
import type { Knex } from 'knex';
import type { Write } from '../repositories/unit-of-work';
import { loadSetup } from '../repositories/setup';
import { dequeue, enqueueSelected, queuedIds } from '../repositories/reindex-queue';
import { contactsById, existingContactIds, lockContacts } from '../repositories/duplicate-contacts';
import { reindexBatch, searchFields } from './search';

/** Queues the contact ids `ids` selects (a query with one id column); nothing when strings are not maintained. */
export async function enqueueReindex(write: Write, ids: Knex.QueryBuilder) {
  const setup = await loadSetup(write.strapi, write.trx);
  if (!setup.maintainDuplSearchStrings) return;
  await enqueueSelected(write, ids);
}

/**
 * Re-indexes up to `size` queued contacts (lowest ids first) and removes them from the queue; returns how
 * many were taken. Contacts locked by a write in progress stay queued for a later batch.
 */
export async function drainQueue(write: Write, size: number): Promise<number> {
  const queued = await queuedIds(write, size);
  if (!queued.length) return 0;
  const locked = await lockContacts(write, queued);
  // A contact deleted since it was queued is simply gone: its delete removed its index rows and pairs.
  const present = await existingContactIds(write, queued);
  const taken = [...locked, ...queued.filter((id) => !present.has(id))];
  if (!taken.length) return 0;
  await dequeue(write, taken);
  await reindexBatch(write, await contactsById(write, locked, await searchFields(write)), 'queue');
  return taken.length;
}
