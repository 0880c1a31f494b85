import type { Core } from '@strapi/strapi';
import contentTypes from '../content-types';
import { uidOf, UNIQUE_RECORD_NO } from '../content-types/fields';
import { columnOf, joinTableOf, tableOf } from '../repositories/tables';
import { UID } from '../utils/uids';
import { vatKeySql } from '../repositories/import-lookups';

/**
 * Database-level unique indexes. Strapi's `unique: true` is only checked by the application (two
 * parallel requests can both pass it), so numbers and codes also get a real unique index. Idempotent,
 * run after schema sync (migrations/index.ts); schema sync leaves indexes it did not create alone.
 */
export async function ensureIndexes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  for (const [name, ct] of Object.entries(contentTypes)) {
    const uid = uidOf(name);
    for (const [attr, def] of Object.entries(ct.schema.attributes as Record<string, { unique?: boolean }>)) {
      if (!def.unique && attr !== UNIQUE_RECORD_NO) continue;
      const table = tableOf(strapi, uid);
      const column = columnOf(strapi, uid, attr);
      await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ${table}_${column}_uniq ON ${table} (${column})`);
    }
  }
  await ensureTimelineIndexes(strapi);
  await ensureEmailIndexes(strapi);
  await ensureImportMatchIndexes(strapi);
  await ensureRuleIndex(strapi);
}

/**
 * An imported row finds the contact it updates by VAT Registration No. (as `vatKeySql` reads it: no case, no
 * separators) or by e-mail without case (LOWER(email) = LOWER(?)); without these indexes each row's lookup read
 * every contact. The plain VAT index serves the REST and Content Manager filters on the stored value.
 */
async function ensureImportMatchIndexes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const table = tableOf(strapi, UID.contact);
  const vat = columnOf(strapi, UID.contact, 'vatRegistrationNo');
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${table}_${vat}_idx ON ${table} (${vat})`);
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${table}_vat_key_idx ON ${table} ((${vatKeySql(vat)}))`);
  const email = columnOf(strapi, UID.contact, 'email');
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${table}_email_lower_idx ON ${table} (LOWER(${email}))`);
  // A row without No., VAT no. or e-mail is compared with the contacts of its name (`contactsNamed`).
  const name = columnOf(strapi, UID.contact, 'name');
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${table}_name_lower_idx ON ${table} (LOWER(${name}))`);
}

/**
 * The interaction timeline (services/interactions.ts): a newest-first walk of the entries that stops
 * after one page, link rows looked up by (contact, entry), and the page count read from the link index
 * alone. Strapi's own link indexes are on one column each.
 */
async function ensureTimelineIndexes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const uid = UID.interactionLogEntry;
  const table = tableOf(strapi, uid);
  const col = (a: string) => columnOf(strapi, uid, a);
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS ${table}_timeline_idx ON ${table} (${col('date')} DESC, ${col('time')} DESC, ${col('entryNo')} DESC)`,
  );
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${table}_flow_idx ON ${table} (${col('informationFlow')}, id)`);
  for (const attribute of ['contact', 'contactCompany', 'interactionTemplate']) {
    const jt = joinTableOf(strapi, uid, attribute);
    await knex.raw(
      `CREATE INDEX IF NOT EXISTS ${jt.name}_tl_idx ON ${jt.name} (${jt.inverseJoinColumn}, ${jt.joinColumn})`,
    );
  }
}

/**
 * E-mail logging looks contacts up by address: the search e-mail (upper-cased e-mail) and e-mail 2
 * compared upper-cased. The (message, contact) key's unique index comes from its `unique` attribute above.
 */
async function ensureEmailIndexes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const table = tableOf(strapi, UID.contact);
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS ${table}_search_email_idx ON ${table} (${columnOf(strapi, UID.contact, 'searchEmail')})`,
  );
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS ${table}_email2_upper_idx ON ${table} (UPPER(${columnOf(strapi, UID.contact, 'email2')}))`,
  );
  // The few contacts whose E-mail or E-mail 2 holds several addresses ("a@x.be; b@x.be"), read whole per run.
  const [search, email2] = [columnOf(strapi, UID.contact, 'searchEmail'), columnOf(strapi, UID.contact, 'email2')];
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS ${table}_email_list_idx ON ${table} (id) WHERE ${search} LIKE '%;%' OR ${email2} LIKE '%;%'`,
  );
}

/** Rules are looked up by content type on every host write: one index keeps that lookup cheap. */
async function ensureRuleIndex(strapi: Core.Strapi) {
  const table = tableOf(strapi, UID.interactionRule);
  const column = columnOf(strapi, UID.interactionRule, 'contentType');
  await strapi.db.connection.raw(`CREATE INDEX IF NOT EXISTS ${table}_${column}_idx ON ${table} (${column})`);
}
