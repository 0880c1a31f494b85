/** The merge log: one row per merge, with what undo needs (a private snapshot). */
import type { Core } from '@strapi/strapi';
import type { Write } from './unit-of-work';
import { UID } from '../utils/uids';
import { isPostgres, tableOf } from './tables';

/** A merge log row as the service reads it. */
export interface MergeLogRow {
  id: number;
  documentId: string;
  createdAt: string;
  contactType: string;
  survivorDocumentId: string;
  survivorNo: string | null;
  survivorName: string | null;
  duplicateDocumentId: string;
  duplicateNo: string | null;
  duplicateName: string | null;
  fields: string[] | null;
  snapshot: unknown;
  undoneAt: string | null;
}

/** Two undos of one merge at once: on PostgreSQL the second waits on this row lock, then finds it undone. */
export async function lockMergeLog(write: Write, documentId: string) {
  if (!isPostgres(write.strapi)) return;
  await write.trx(tableOf(write.strapi, UID.mergeLog)).where('document_id', documentId).select('id').forUpdate();
}

export async function findMergeLog(strapi: Core.Strapi, documentId: string) {
  return (await strapi.db.query(UID.mergeLog).findOne({ where: { documentId } })) as MergeLogRow | null;
}

/** One page of merge logs, newest first, and how many there are. */
export async function mergeLogPage(strapi: Core.Strapi, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    strapi.db.query(UID.mergeLog).findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    }) as Promise<MergeLogRow[]>,
    strapi.db.query(UID.mergeLog).count({}),
  ]);
  return { rows, total };
}
