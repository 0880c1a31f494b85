/**
 * Schema changes of the plugin that Strapi's schema sync cannot make by itself (it adds and drops
 * columns, it never renames them: a renamed attribute would lose its data). They run in the
 * `strapi::content-types.beforeSync` hook, so before Strapi compares its models with the database,
 * on every boot; each one checks the database first and does nothing when it already ran (or when
 * the table does not exist yet, on a fresh database where sync creates it in its final shape).
 * A user migration in the host app's `database/migrations` would not travel with the plugin package.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export interface Migration {
  /** Says what it changes and when, for the log. */
  name: string;
  up(db: Knex): Promise<boolean>;
}

/** Renames a column when the old one is there and the new one is not; true when it did. */
export async function renameColumn(db: Knex, table: string, from: string, to: string): Promise<boolean> {
  if (!(await db.schema.hasTable(table))) return false;
  if (!(await db.schema.hasColumn(table, from)) || (await db.schema.hasColumn(table, to))) return false;
  await db.schema.alterTable(table, (t) => t.renameColumn(from, to));
  return true;
}

export const MIGRATIONS: Migration[] = [
  {
    // Strapi 5 reserves `status` (a document's draft/published state): the Content Manager showed the
    // opportunity's status empty and refused to save it. The attribute is now `opportunityStatus`.
    name: '2026-12-05 opportunity status → opportunity_status',
    up: (db) => renameColumn(db, 'ms_opportunities', 'status', 'opportunity_status'),
  },
];

export async function runMigrations(strapi: Core.Strapi, migrations: Migration[] = MIGRATIONS) {
  const db = strapi.db.connection;
  for (const migration of migrations) {
    if (await migration.up(db)) strapi.log.info(`[marketing-setup] migration applied: ${migration.name}`);
  }
}
