/**
 * The index tables of the duplicate search and a contact's rows in them (search strings, blocking keys
 * and, on PostgreSQL with pg_trgm, its search name): replaced as a whole — for one contact or a batch,
 * one delete and one multi-row insert per table — removed with the contact, and a setup line's strings
 * removed with the line. Plain tables rather than content types: a content type would add a document id,
 * timestamps, publication columns and a link table per row, so the one query that matters ("who else has
 * this string?") could not use one composite index. These rows are derived data, rebuilt from the
 * contact at any time; the tables are created by migrations/duplicate-search.ts.
 */
import type { Core } from '@strapi/strapi';
import type { Write } from './unit-of-work';
import { insertRows } from './bulk-insert';
import type { SearchString } from '../domain/duplicates/search-strings';
import type { SearchName } from '../domain/duplicates/search-name';

/** One row per (contact, setup line) whose string is not blank: the reference's table 5086. */
export const SEARCH_STRINGS = 'ms_contact_search_strings';
/** Fuzzy blocking keys (domain `blockingKeys`), prefixed with the contact type: persons meet persons only. */
export const BLOCKING_KEYS = 'ms_contact_blocking_keys';
/**
 * PostgreSQL with pg_trgm only: each contact's normalised name (legal form removed) and town, for
 * trigram-similar name candidates within a town.
 */
export const NAMES = 'ms_contact_search_names';

/** Whether this database has the trigram table (decided once per boot by the migration, from the database itself). */
const trigramReady = new WeakMap<object, boolean>();
export const hasTrigrams = (strapi: Core.Strapi) => trigramReady.get(strapi) === true;
export const setTrigramsReady = (strapi: Core.Strapi, ready: boolean) => trigramReady.set(strapi, ready);

export interface IndexRows {
  contact: { id: number; type: string };
  strings: SearchString[];
  keys: string[];
  name: SearchName;
}

const STRING_COLUMNS = { contact_id: 'int', contact_type: 'text', field: 'text', part: 'text', value: 'text' } as const;
const KEY_COLUMNS = { contact_id: 'int', key: 'text' } as const;
const NAME_COLUMNS = { contact_id: 'int', contact_type: 'text', city: 'text', initial: 'text', name: 'text' } as const;

/**
 * Replaces the index rows of every contact in `batch` (set-wise: a few statements whatever its size);
 * `isNew`: contacts just created have none yet, so nothing to delete (three statements saved per create).
 */
export async function replaceIndexOfMany(write: Write, batch: IndexRows[], isNew = false) {
  if (!batch.length) return;
  const { trx } = write;
  const ids = batch.map((b) => b.contact.id);
  const remove = (table: string) => (isNew ? undefined : trx(table).whereIn('contact_id', ids).delete());
  await remove(SEARCH_STRINGS);
  await insertRows(
    write,
    SEARCH_STRINGS,
    STRING_COLUMNS,
    batch.flatMap(({ contact, strings }) =>
      strings.map((s) => ({
        contact_id: contact.id,
        contact_type: contact.type,
        field: s.field,
        part: s.part,
        value: s.value,
      })),
    ),
  );
  await remove(BLOCKING_KEYS);
  await insertRows(
    write,
    BLOCKING_KEYS,
    KEY_COLUMNS,
    batch.flatMap(({ contact, keys }) => keys.map((key) => ({ contact_id: contact.id, key }))),
  );
  if (hasTrigrams(write.strapi)) {
    await remove(NAMES);
    await insertRows(
      write,
      NAMES,
      NAME_COLUMNS,
      batch
        .filter((b) => b.name.name)
        .map(({ contact, name }) => ({
          contact_id: contact.id,
          contact_type: contact.type,
          city: name.city,
          initial: name.initial,
          name: name.name,
        })),
    );
  }
}

export async function removeIndexOf(write: Write, contactId: number) {
  await write.trx(SEARCH_STRINGS).where('contact_id', contactId).delete();
  await write.trx(BLOCKING_KEYS).where('contact_id', contactId).delete();
  if (hasTrigrams(write.strapi)) await write.trx(NAMES).where('contact_id', contactId).delete();
}

/** A setup line was deleted or changed: its strings no longer mean anything. */
export async function removeLineStrings(write: Write, field: string, part: string) {
  await write.trx(SEARCH_STRINGS).where({ field, part }).delete();
}
