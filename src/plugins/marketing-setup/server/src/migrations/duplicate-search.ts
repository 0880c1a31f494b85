/**
 * The plain tables of the duplicate search (repositories/duplicate-index.ts says why they are not
 * content types), the re-index queue and the regeneration's state row. Idempotent (IF NOT EXISTS,
 * ON CONFLICT): two instances may boot at once. No foreign key to the contacts table: SQLite schema sync
 * rebuilds tables, and the rows are removed by the contact's delete rule inside its transaction.
 */
import type { Core } from '@strapi/strapi';
import { isPostgres } from '../repositories/tables';
import { BLOCKING_KEYS, NAMES, SEARCH_STRINGS, setTrigramsReady } from '../repositories/duplicate-index';
import { REINDEX_QUEUE } from '../repositories/reindex-queue';
import { JOB_ID, REGENERATION } from '../repositories/regeneration-jobs';

/** Everything the duplicate search needs besides its content types (one AFTER_SYNC entry). */
export async function ensureDuplicateSearchTables(strapi: Core.Strapi) {
  await ensureSearchTables(strapi);
  await ensureRegenerationTable(strapi);
}

async function ensureSearchTables(strapi: Core.Strapi) {
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
  setTrigramsReady(strapi, isPostgres(strapi) && (await ensureTrigramTable(strapi)));
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

/** The regeneration's state table and its one row. */
async function ensureRegenerationTable(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${REGENERATION} (
    id integer NOT NULL PRIMARY KEY, state varchar(10) NOT NULL, processed integer NOT NULL, total integer NOT NULL,
    last_id integer NOT NULL, started_at varchar(30), finished_at varchar(30), heartbeat_at varchar(30), error text)`);
  await knex.raw(
    `INSERT INTO ${REGENERATION} (id, state, processed, total, last_id) VALUES (?, 'idle', 0, 0, 0) ON CONFLICT (id) DO NOTHING`,
    [JOB_ID],
  );
}
