/**
 * The duplicate's own database row, kept in the merge log and put back as it was by undo (same id and
 * documentId, so every stored link row and every reference to its documentId is valid again). A
 * restore is a rollback of the merge, not a new write: numbering, defaults and inheritance must not
 * run on it, so it is inserted as stored, inside the undo's transaction.
 */
import type { Write } from '../repositories/unit-of-work';
import { isPostgres, tableOf } from '../repositories/tables';
import { UID } from '../utils/uids';

/** The row as JSON can hold it (pg returns timestamps as Date objects). */
export async function contactRow(write: Write, id: number): Promise<Record<string, any>> {
  const row = await write.trx(tableOf(write.strapi, UID.contact)).where('id', id).first();
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

/** Inserts the stored row again; JSON columns go to pg as JSON text (an array would otherwise become a pg array). */
export async function insertContactRow(write: Write, row: Record<string, any>) {
  const pg = isPostgres(write.strapi);
  const values = Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, pg && v !== null && typeof v === 'object' ? JSON.stringify(v) : v]),
  );
  await write.trx(tableOf(write.strapi, UID.contact)).insert(values);
}
