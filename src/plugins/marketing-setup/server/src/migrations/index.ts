/**
 * The plugin's schema changes, in one place. Two kinds, both run on every boot, both idempotent (each
 * checks the database first), and both travel with the plugin package (a migration in the host app's
 * `database/migrations` would not):
 * - BEFORE_SYNC: changes Strapi's schema sync cannot make by itself. It adds and drops columns but never
 *   renames them, so a renamed attribute would lose its data: the rename runs first
 *   (`strapi::content-types.beforeSync`).
 * - AFTER_SYNC: schema objects Strapi's models cannot describe: real unique indexes, search indexes,
 *   the auxiliary tables of the duplicate index and the jobs, the contacts table's fill factor
 *   (`strapi::content-types.afterSync`, so the content-type tables exist).
 */
import type { Core } from '@strapi/strapi';
import { COLUMN_RENAMES } from './column-renames';
import { ensureIndexes } from './indexes';
import { ensureDuplicateSearchTables } from './duplicate-search';
import { ensureEmailStateTable } from './email-logging';
import { ensureImportTables } from './import';
import { ensureTableStorage } from './table-storage';
import type { Migration, SchemaObjects } from './types';

export type { Migration, SchemaObjects };

export const BEFORE_SYNC: Migration[] = [...COLUMN_RENAMES];

export const AFTER_SYNC: SchemaObjects[] = [
  { name: 'unique and lookup indexes', ensure: ensureIndexes },
  { name: 'duplicate search tables', ensure: ensureDuplicateSearchTables },
  { name: 'e-mail logging state table', ensure: ensureEmailStateTable },
  { name: 'contact import job tables', ensure: ensureImportTables },
  { name: 'contacts table fill factor', ensure: ensureTableStorage },
];

export async function runMigrations(strapi: Core.Strapi, migrations: Migration[] = BEFORE_SYNC) {
  const db = strapi.db.connection;
  for (const migration of migrations) {
    if (await migration.up(db)) strapi.log.info(`[marketing-setup] migration applied: ${migration.name}`);
  }
}

export async function ensureSchemaObjects(strapi: Core.Strapi, objects: SchemaObjects[] = AFTER_SYNC) {
  for (const object of objects) await object.ensure(strapi);
}

/** Hooks both lists into Strapi's schema sync (called from register). */
export function registerMigrations(strapi: Core.Strapi) {
  strapi.hook('strapi::content-types.beforeSync').register(() => runMigrations(strapi));
  strapi.hook('strapi::content-types.afterSync').register(() => ensureSchemaObjects(strapi));
}
