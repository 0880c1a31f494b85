/**
 * Contacts as the duplicate search reads them: by id with the fields it compares, in id pages for a
 * regeneration, and row-locked for a background batch.
 */
import type { Write } from './unit-of-work';
import { isPostgres, tableOf } from './tables';
import { UID } from '../utils/uids';

/** A contact row as the search reads it (fields by attribute name). */
export type ContactRow = Record<string, unknown> & { id: number; documentId: string; type: string };

/** Ids per statement: a batch's candidates can be thousands (bound-parameter limits: SQLite 32,766, PostgreSQL 65,535). */
const IDS_PER_READ = 5000;

/** The contacts `ids` with the fields `select`, in id order. */
export async function contactsById(write: Write, ids: number[], select: string[]): Promise<ContactRow[]> {
  if (!ids.length) return [];
  const sorted = [...ids].sort((a, b) => a - b);
  const out: ContactRow[] = [];
  for (let i = 0; i < sorted.length; i += IDS_PER_READ) {
    const chunk = sorted.slice(i, i + IDS_PER_READ);
    out.push(
      ...(await write.strapi.db
        .query(UID.contact)
        .findMany({ where: { id: { $in: chunk } }, select, orderBy: { id: 'asc' } })),
    );
  }
  return out;
}

/** A whole contact row by document id (null when there is none). */
export async function contactByDocumentId(write: Write, documentId: string): Promise<ContactRow | null> {
  return write.strapi.db.query(UID.contact).findOne({ where: { documentId } });
}

/** The next `size` contact ids after `afterId`, in id order (a regeneration's batch). */
export async function contactIdsAfter(write: Write, afterId: number, size: number): Promise<number[]> {
  const rows: { id: number | string }[] = await write
    .trx(tableOf(write.strapi, UID.contact))
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(size)
    .select('id');
  return rows.map((r) => Number(r.id));
}

/** Which of `ids` still exist. */
export async function existingContactIds(write: Write, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows: { id: number | string }[] = await write
    .trx(tableOf(write.strapi, UID.contact))
    .whereIn('id', ids)
    .select('id');
  return new Set(rows.map((r) => Number(r.id)));
}

export async function contactCount(write: Write): Promise<number> {
  const [{ n }] = await write.trx(tableOf(write.strapi, UID.contact)).count({ n: '*' });
  return Number(n);
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
  const rows: { id: number | string }[] = await write
    .trx(tableOf(write.strapi, UID.contact))
    .whereIn('id', ids)
    .select('id')
    .forNoKeyUpdate()
    .skipLocked();
  return rows.map((r) => Number(r.id));
}
