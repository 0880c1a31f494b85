/**
 * The two index tables of the duplicate search, plain tables rather than content types: a content type
 * would add a document id, timestamps, publication columns and — for the contact — a link table per
 * row, so the one query that matters ("who else has this string?") would need a join through a link
 * table and could not use one composite index. These rows are derived data, rebuilt from the contact
 * at any time; nobody edits them. Created idempotently at every boot (Strapi's schema sync leaves
 * tables it did not create alone). No foreign key to the contacts table: SQLite schema sync rebuilds
 * tables, and the rows are removed by the contact's delete rule inside its transaction.
 */
import type { Core } from '@strapi/strapi';

/** One row per (contact, setup line) whose string is not blank: the reference's table 5086. */
export const SEARCH_STRINGS = 'ms_contact_search_strings';
/** Fuzzy blocking keys (domain `blockingKeys`), prefixed with the contact type: persons meet persons only. */
export const BLOCKING_KEYS = 'ms_contact_blocking_keys';

export async function ensureSearchTables(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${SEARCH_STRINGS} (
    contact_id integer NOT NULL, contact_type varchar(10) NOT NULL, field varchar(40) NOT NULL,
    part varchar(5) NOT NULL, value varchar(20) NOT NULL, PRIMARY KEY (contact_id, field, part))`);
  // The candidate query looks strings up by value first (most selective), within one contact type.
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${SEARCH_STRINGS}_value_idx ON ${SEARCH_STRINGS} (value, field, part, contact_type)`);
  // Deleting a setup line removes its strings.
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${SEARCH_STRINGS}_line_idx ON ${SEARCH_STRINGS} (field, part)`);
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${BLOCKING_KEYS} (
    contact_id integer NOT NULL, key varchar(255) NOT NULL, PRIMARY KEY (contact_id, key))`);
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${BLOCKING_KEYS}_key_idx ON ${BLOCKING_KEYS} (key)`);
}
