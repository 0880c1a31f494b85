/**
 * A contact's rows in the two index tables: replaced as a whole (delete + one multi-row insert per
 * table, so four statements whatever the number of setup lines), removed with the contact, and a
 * setup line's strings removed with the line.
 */
import type { Write } from '../write-rules/types';
import type { SearchString } from '../domain/duplicates/search-strings';
import { BLOCKING_KEYS, SEARCH_STRINGS } from './tables';

export async function replaceIndexOf(write: Write, contact: { id: number; type: string }, strings: SearchString[], keys: string[]) {
  const { trx } = write;
  await trx(SEARCH_STRINGS).where('contact_id', contact.id).delete();
  if (strings.length) {
    await trx(SEARCH_STRINGS).insert(strings.map((s) => ({ contact_id: contact.id, contact_type: contact.type, field: s.field, part: s.part, value: s.value })));
  }
  await trx(BLOCKING_KEYS).where('contact_id', contact.id).delete();
  if (keys.length) await trx(BLOCKING_KEYS).insert(keys.map((key) => ({ contact_id: contact.id, key })));
}

export async function removeIndexOf(write: Write, contactId: number) {
  await write.trx(SEARCH_STRINGS).where('contact_id', contactId).delete();
  await write.trx(BLOCKING_KEYS).where('contact_id', contactId).delete();
}

/** A setup line was deleted or changed: its strings no longer mean anything. */
export async function removeLineStrings(write: Write, field: string, part: string) {
  await write.trx(SEARCH_STRINGS).where({ field, part }).delete();
}

/** The stored strings of one contact (what the last indexing wrote). */
export const storedStringsOf = (write: Write, contactId: number) =>
  write.trx(SEARCH_STRINGS).where('contact_id', contactId).select('field', 'part', 'value') as Promise<SearchString[]>;
