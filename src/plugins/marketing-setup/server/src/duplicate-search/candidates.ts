/**
 * Candidates for the duplicate verdict, through indexes only (never a scan of all contacts), in one
 * statement: contacts of the same type sharing at least `required` search strings with the contact
 * (the reference's hit computation, on the (value, field, part, type) index), united with the contacts
 * sharing a fuzzy blocking key (the key index). The contact's own rows must already be stored.
 */
import type { Write } from '../write-rules/types';
import { BLOCKING_KEYS, SEARCH_STRINGS } from './tables';

/** Upper bound on candidates scored per write; a key shared by thousands of contacts must not stall a save. */
export const MAX_CANDIDATES = 200;

export async function candidateIds(write: Write, contactId: number, required: number, keys: string[]): Promise<number[]> {
  const { trx } = write;
  const byKey = trx(BLOCKING_KEYS).select('contact_id').whereIn('key', keys).whereNot('contact_id', contactId);
  // The grouped query sits in a derived table: knex appends UNION after GROUP BY / HAVING otherwise.
  const query = required > 0
    ? trx.select('contact_id').from(trx(`${SEARCH_STRINGS} as a`)
        .join(`${SEARCH_STRINGS} as b`, function joinEqualStrings() {
          this.on('b.value', 'a.value').andOn('b.field', 'a.field').andOn('b.part', 'a.part').andOn('b.contact_type', 'a.contact_type');
        })
        .where('a.contact_id', contactId)
        .whereNot('b.contact_id', contactId)
        .groupBy('b.contact_id')
        .havingRaw('count(*) >= ?', [required])
        .select('b.contact_id as contact_id')
        .as('bc'))
        .union(byKey)
    : byKey;
  const rows = await query.limit(MAX_CANDIDATES);
  return rows.map((r: any) => Number(r.contact_id));
}
