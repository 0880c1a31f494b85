import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import { uidOf, UNIQUE_RECORD_NO } from './content-types/fields';
import { columnOf, tableOf } from './utils/tables';

/**
 * Database-level unique indexes. Strapi's `unique: true` is only checked by the application (two
 * parallel requests can both pass it), so numbers and codes also get a real unique index. Idempotent,
 * run at every boot after schema sync; schema sync leaves indexes it did not create alone.
 */
export async function ensureIndexes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  for (const [name, ct] of Object.entries(contentTypes)) {
    const uid = uidOf(name);
    for (const [attr, def] of Object.entries(ct.schema.attributes as Record<string, any>)) {
      if (!def.unique && attr !== UNIQUE_RECORD_NO) continue;
      const table = tableOf(strapi, uid);
      const column = columnOf(strapi, uid, attr);
      await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ${table}_${column}_uniq ON ${table} (${column})`);
    }
  }
}
