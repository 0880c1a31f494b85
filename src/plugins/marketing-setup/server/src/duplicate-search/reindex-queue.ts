/**
 * The re-index queue (repositories/reindex-queue.ts): fed by set-based writes that change what the search
 * reads of many contacts, drained in batches by the background worker.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { inTransaction, transactionHoldsTheConnection, type Write } from '../repositories/unit-of-work';
import { loadSetup } from '../repositories/setup';
import { dequeue, enqueueSelected, queuedIds } from '../repositories/reindex-queue';
import { contactsById, existingContactIds, lockContacts } from '../repositories/duplicate-contacts';
import { UID } from '../utils/uids';
import { writesSettled } from '../utils/pacing';
import {
  indexBatch,
  scoreBatch,
  searchFields,
  settleBatch,
  validAfter,
  type IndexedBatch,
  type SearchContext,
} from './search';

/** Queues the contact ids `ids` selects (a query with one id column); nothing when strings are not maintained. */
export async function enqueueReindex(write: Write, ids: Knex.QueryBuilder) {
  const setup = await loadSetup(write.strapi, write.trx);
  if (!setup.maintainDuplSearchStrings) return;
  await enqueueSelected(write, ids);
}

/** Contacts whose rows steps 1 and 3 hold at a time: a company update of those persons waits for one slice at most. */
const LOCK_SLICE = 100;

/**
 * Re-indexes up to `size` queued contacts (lowest ids first) and takes them off the queue; returns how many
 * were taken. Short transactions, so that no contact row is locked while candidates are scored:
 *
 * 1. per slice of LOCK_SLICE contacts: the slice is locked (SKIP LOCKED: one a write holds stays queued), read,
 *    and its index rows replaced; commit — the candidate lookup below needs the whole batch's new rows stored;
 * 2. candidates and scoring, holding no lock (reads only; the verdicts are computed in memory);
 * 3. per slice again: the contacts are locked and read again, with the candidates they were scored against: a
 *    contact that changed meanwhile, or one of whose candidates did, is left queued for a later batch (its stored
 *    rows are redone then, or were already redone by the write that changed it); the others get their pairs (the
 *    pairs each settles) and leave the queue.
 *
 * A company update that changes queued persons waits at most for one slice of step 1 or 3, never for the scoring;
 * no slice starts, and the scoring pauses, while this process serves a write request (utils/pacing.ts).
 */
export async function drainQueue(strapi: Core.Strapi, size: number): Promise<number> {
  const queued = await inTransaction(strapi, UID.contact, (write) => queuedIds(write, size));
  if (!queued.length) return 0;
  let gone = 0;
  const rows: IndexedBatch['rows'] = [];
  // The whole batch is indexed under the setup lines its first slice read.
  let ctx: SearchContext | undefined;
  for (let i = 0; i < queued.length; i += LOCK_SLICE) {
    const slice = queued.slice(i, i + LOCK_SLICE);
    await writesSettled();
    const part = await inTransaction(strapi, UID.contact, async (write) => {
      const locked = await lockContacts(write, slice);
      // A contact deleted since it was queued is simply gone: its delete removed its index rows and pairs.
      const present = await existingContactIds(write, slice);
      const deleted = slice.filter((id) => !present.has(id));
      await dequeue(write, deleted);
      const contacts = await contactsById(write, locked, await searchFields(write));
      return { deleted: deleted.length, indexed: await indexBatch(write, contacts, ctx) };
    });
    gone += part.deleted;
    ctx = part.indexed.ctx;
    rows.push(...part.indexed.rows);
  }
  if (!rows.length || !ctx) return gone;
  const indexed: IndexedBatch = { ctx, rows };
  // Scoring pauses for this process's writes on PostgreSQL only: on SQLite this transaction holds the one
  // connection, which the write needs, so a pause would only make both wait.
  const giveWay = !transactionHoldsTheConnection(strapi);
  const scored = await inTransaction(strapi, UID.contact, (write) => scoreBatch(write, indexed, 'queue', { giveWay }));
  let settled = 0;
  const scoredIds = [...scored.contacts.keys()];
  for (let i = 0; i < scoredIds.length; i += LOCK_SLICE) {
    const slice = scoredIds.slice(i, i + LOCK_SLICE);
    await writesSettled();
    settled += await inTransaction(strapi, UID.contact, async (write) => {
      const locked = await lockContacts(write, slice);
      const scoredAgainst = slice.flatMap((id) => scored.candidates.get(id) ?? []);
      const now = await contactsById(write, [...new Set([...locked, ...scoredAgainst])], await searchFields(write));
      const lockedSet = new Set(locked);
      const valid = new Set(
        [...validAfter(scored, new Map(now.map((c) => [c.id, c])))].filter((id) => lockedSet.has(id)),
      );
      // Pairs are settled by one side for the whole batch (domain `settlesPair`): each slice writes its own side's.
      await settleBatch(write, scored, valid);
      await dequeue(write, [...valid]);
      return valid.size;
    });
  }
  return gone + settled;
}
