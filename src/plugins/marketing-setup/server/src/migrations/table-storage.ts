import type { Core } from '@strapi/strapi';
import { isPostgres, tableOf } from '../repositories/tables';
import { UID } from '../utils/uids';

/**
 * Room on each page of the contacts table for a row's next version (PostgreSQL only). A company change
 * rewrites every person that inherits the field (address, phone…); when the new version fits on the row's
 * own page and no indexed column changed, PostgreSQL writes it in place (a "HOT" update) and leaves the
 * table's twelve indexes alone. On full pages (the default, 100 %) every person's update wrote twelve index
 * entries. Measured on 10,000 persons of one company (docs/benchmarks.md, "Room for updates in place"):
 * the phone update ~280 ms at 100 %, ~80 ms at 70 % once rows have spread; the table is ~40 % larger.
 *
 * Only set while the table has no fill factor of its own, so a DBA's choice stands. It applies to pages
 * written from now on: an existing table reaches it as its rows are updated (or at once with VACUUM FULL).
 */
export const CONTACTS_FILLFACTOR = 70;

export async function ensureTableStorage(strapi: Core.Strapi) {
  if (!isPostgres(strapi)) return;
  const knex = strapi.db.connection;
  const table = tableOf(strapi, UID.contact);
  const { rows } = await knex.raw(
    `SELECT c.reloptions FROM pg_class c WHERE c.oid = to_regclass(?) AND c.relkind = 'r'`,
    [table],
  );
  if (!rows.length) return;
  const options: string[] = rows[0].reloptions ?? [];
  if (options.some((o) => o.startsWith('fillfactor='))) return;
  await knex.raw(`ALTER TABLE ?? SET (fillfactor = ${CONTACTS_FILLFACTOR})`, [table]);
}
