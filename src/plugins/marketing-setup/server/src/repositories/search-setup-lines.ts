/**
 * The search-string setup lines (`duplicate-search-setup`), read at most once per transaction (every
 * contact write needs them).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { SearchLine } from '../domain/duplicates/search-strings';
import type { Write } from './unit-of-work';
import { tableOf } from './tables';
import { perTransaction } from './per-transaction';
import { UID } from '../utils/uids';

const lines = perTransaction<SearchLine[]>();

/** The setup lines inside `trx` (cached for that transaction), in a stable order. */
export const searchLines = (strapi: Core.Strapi, trx: Knex.Transaction): Promise<SearchLine[]> =>
  lines.get(trx, async () => {
    const rows: { field: string; part: SearchLine['part']; length: number | string }[] = await trx(
      tableOf(strapi, UID.duplicateSearchSetup),
    )
      .select('field', 'part', 'length')
      .orderBy('id');
    return rows.map((r) => ({ field: r.field, part: r.part, length: Number(r.length) }));
  });

/** A write to the setup lines makes the cached copy of its transaction stale. */
export const forgetSearchLines = (trx: Knex.Transaction) => lines.forget(trx);

export interface StoredLine {
  id: number;
  field: string;
  part: string;
  length: number | string;
}

/** The line a write addresses (by its documentId), as stored. */
export const storedLine = (write: Write): Promise<StoredLine | null> =>
  write.strapi.db
    .query(UID.duplicateSearchSetup)
    .findOne({ where: { documentId: write.params.documentId }, select: ['id', 'field', 'part', 'length'] });

/** Whether another line than `selfId` has this field and part. */
export async function lineExists(write: Write, field: string, part: string, selfId: number | null): Promise<boolean> {
  const other = await write.strapi.db
    .query(UID.duplicateSearchSetup)
    .findOne({ where: { field, part, ...(selfId ? { id: { $ne: selfId } } : {}) }, select: ['id'] });
  return !!other;
}

export const lineCount = (strapi: Core.Strapi): Promise<number> => strapi.db.query(UID.duplicateSearchSetup).count({});
