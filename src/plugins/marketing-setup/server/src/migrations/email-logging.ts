import type { Core } from '@strapi/strapi';
import { EMAIL_STATE, STATE_ID } from '../repositories/email-logging';

/**
 * The e-mail logging job's state: one row in a plain table (not a content type: nobody edits it, and
 * every instance reads and writes the same row). IF NOT EXISTS and ON CONFLICT: two instances may boot at once.
 */
export async function ensureEmailStateTable(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${EMAIL_STATE} (
    id integer NOT NULL PRIMARY KEY, status varchar(20), running_since varchar(30), last_run_at varchar(30), next_run_at varchar(30),
    processed integer NOT NULL DEFAULT 0, logged integer NOT NULL DEFAULT 0, unmatched integer NOT NULL DEFAULT 0, failed integer NOT NULL DEFAULT 0,
    left_in_queue integer NOT NULL DEFAULT 0, total_processed integer NOT NULL DEFAULT 0, total_logged integer NOT NULL DEFAULT 0,
    total_unmatched integer NOT NULL DEFAULT 0, total_failed integer NOT NULL DEFAULT 0, last_error text)`);
  await knex.raw(`INSERT INTO ${EMAIL_STATE} (id) VALUES (?) ON CONFLICT (id) DO NOTHING`, [STATE_ID]);
}
