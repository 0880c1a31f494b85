import type { Knex } from 'knex';
import type { Migration } from './types';

/** Renames a column when the old one is there and the new one is not; true when it did. */
export async function renameColumn(db: Knex, table: string, from: string, to: string): Promise<boolean> {
  if (!(await db.schema.hasTable(table))) return false;
  if (!(await db.schema.hasColumn(table, from)) || (await db.schema.hasColumn(table, to))) return false;
  await db.schema.alterTable(table, (t) => t.renameColumn(from, to));
  return true;
}

/** Attributes renamed between releases, oldest first (a fresh database is created in the final shape). */
export const COLUMN_RENAMES: Migration[] = [
  {
    // Strapi 5 reserves `status` (a document's draft/published state): the Content Manager showed the
    // opportunity's status empty and refused to save it. The attribute is now `opportunityStatus`.
    name: '2026-12-05 opportunity status → opportunity_status',
    up: (db) => renameColumn(db, 'ms_opportunities', 'status', 'opportunity_status'),
  },
  {
    // The same reserved name on the e-mail review list: the attribute is now `reviewStatus`.
    name: '2026-12-06 e-mail review status → review_status',
    up: (db) => renameColumn(db, 'ms_email_reviews', 'status', 'review_status'),
  },
];
