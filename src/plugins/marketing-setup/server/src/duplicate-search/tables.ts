/**
 * The index tables of the duplicate search, plain tables rather than content types: a content type
 * would add a document id, timestamps, publication columns and — for the contact — a link table per
 * row, so the one query that matters ("who else has this string?") would need a join through a link
 * table and could not use one composite index. These rows are derived data, rebuilt from the contact
 * at any time; nobody edits them. Created idempotently at every boot (Strapi's schema sync leaves
 * tables it did not create alone). No foreign key to the contacts table: SQLite schema sync rebuilds
 * tables, and the rows are removed by the contact's delete rule inside its transaction.
 */
import type { Core } from '@strapi/strapi';
import { isPostgres } from '../repositories/tables';

/** One row per (contact, setup line) whose string is not blank: the reference's table 5086. */
export const SEARCH_STRINGS = 'ms_contact_search_strings';
/** Fuzzy blocking keys (domain `blockingKeys`), prefixed with the contact type: persons meet persons only. */
export const BLOCKING_KEYS = 'ms_contact_blocking_keys';
/**
 * PostgreSQL with pg_trgm only: each contact's normalised name (legal form removed) and town, for
 * trigram-similar name candidates within a town.
 */
export const NAMES = 'ms_contact_search_names';
/** Contacts whose index rows are stale (a set-based write changed them); drained by the background worker. */
export const REINDEX_QUEUE = 'ms_contact_reindex_queue';

/** Whether this database has the trigram table (decided once per boot, from the database itself). */
const trigramReady = new WeakMap<object, boolean>();
export const hasTrigrams = (strapi: Core.Strapi) => trigramReady.get(strapi) === true;

export async function ensureSearchTables(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${SEARCH_STRINGS} (
    contact_id integer NOT NULL, contact_type varchar(10) NOT NULL, field varchar(40) NOT NULL,
    part varchar(5) NOT NULL, value varchar(20) NOT NULL, PRIMARY KEY (contact_id, field, part))`);
  // The candidate query looks strings up by value first (most selective), within one contact type.
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS ${SEARCH_STRINGS}_value_idx ON ${SEARCH_STRINGS} (value, field, part, contact_type)`,
  );
  // Deleting a setup line removes its strings.
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${SEARCH_STRINGS}_line_idx ON ${SEARCH_STRINGS} (field, part)`);
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${BLOCKING_KEYS} (
    contact_id integer NOT NULL, key varchar(255) NOT NULL, PRIMARY KEY (contact_id, key))`);
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${BLOCKING_KEYS}_key_idx ON ${BLOCKING_KEYS} (key)`);
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${REINDEX_QUEUE} (contact_id integer NOT NULL PRIMARY KEY)`);
  trigramReady.set(strapi, isPostgres(strapi) && (await ensureTrigramTable(strapi)));
}

/**
 * pg_trgm needs CREATE privilege on the database (or the extension created by an administrator). Without
 * it the plugin keeps the blocking keys only, and says so once.
 */
async function ensureTrigramTable(strapi: Core.Strapi): Promise<boolean> {
  const knex = strapi.db.connection;
  if (!(await createExtension(strapi, 'pg_trgm'))) {
    strapi.log.warn(
      '[marketing-setup] The duplicate search uses blocking keys only; ask a database administrator to run ' +
        'CREATE EXTENSION pg_trgm (and btree_gist), then restart.',
    );
    return false;
  }
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${NAMES} (
    contact_id integer NOT NULL PRIMARY KEY, contact_type varchar(10) NOT NULL, city varchar(100) NOT NULL,
    initial varchar(4) NOT NULL, name varchar(255) NOT NULL)`);
  // Best: one GiST index over (town, type, initial, name trigrams), which answers "the nearest names in this
  // town with this initial" by walking the index in distance order (btree_gist lets GiST index the plain
  // columns). Without btree_gist: a GIN trigram index on the name and a B-tree on the rest.
  if (await createExtension(strapi, 'btree_gist')) {
    await knex.raw(
      `CREATE INDEX IF NOT EXISTS ${NAMES}_town_trgm_idx ON ${NAMES} USING gist (city, contact_type, initial, name gist_trgm_ops)`,
    );
  } else {
    await knex.raw(`CREATE INDEX IF NOT EXISTS ${NAMES}_trgm_idx ON ${NAMES} USING gin (name gin_trgm_ops)`);
    await knex.raw(`CREATE INDEX IF NOT EXISTS ${NAMES}_city_idx ON ${NAMES} (city, contact_type, initial)`);
  }
  return true;
}

async function createExtension(strapi: Core.Strapi, name: string): Promise<boolean> {
  const knex = strapi.db.connection;
  try {
    await knex.raw(`CREATE EXTENSION IF NOT EXISTS ${name}`);
    return true;
  } catch (err) {
    const { rows } = await knex.raw('SELECT 1 FROM pg_extension WHERE extname = ?', [name]);
    if (!rows.length)
      strapi.log.warn(`[marketing-setup] PostgreSQL extension ${name} is not available (${(err as Error).message}).`);
    return rows.length > 0;
  }
}
