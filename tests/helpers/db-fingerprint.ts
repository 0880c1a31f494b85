import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { isPostgres } from './strapi';

/** Every table of the plugin (content types, link tables, the duplicate-search index and queue): ms_*. */
export async function pluginTables(strapi: Core.Strapi): Promise<string[]> {
  const knex = strapi.db.connection;
  const names: string[] = isPostgres()
    ? (
        await knex.raw(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'ms\\_%'`,
        )
      ).rows.map((r: any) => r.name)
    : (await knex.raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ms\\_%' ESCAPE '\\'`)).map(
        (r: any) => r.name,
      );
  return names.sort();
}

/**
 * A hash of the content of the given tables (every row, every column, in a stable order): equal before
 * and after a request means the request wrote nothing, including no number of a series.
 */
export async function fingerprint(strapi: Core.Strapi, tables: string[]): Promise<string> {
  const hash = crypto.createHash('sha1');
  for (const table of tables) {
    const rows = await strapi.db.connection(table).select('*');
    hash.update(table);
    for (const line of rows.map((r: any) => JSON.stringify(r)).sort()) hash.update(line);
  }
  return hash.digest('hex');
}
