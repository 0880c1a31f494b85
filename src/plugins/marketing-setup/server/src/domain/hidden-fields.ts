/**
 * Field-level read permissions on what the duplicates review shows: a contact field the admin's role may not read
 * (the Content Manager's read permission lists the fields) shows no value there — neither the compared values of
 * the fuzzy breakdown nor a merge dry run's differing values. The compared field's name and score stay (they say
 * why the pair was found, not what the contact holds), marked `hidden: true`.
 */
import type { FieldScore, FuzzyField } from './duplicates/fuzzy';

/** The contact fields each compared field of the fuzzy breakdown is normalised from. */
export const BREAKDOWN_SOURCES: Readonly<Record<FuzzyField, readonly string[]>> = Object.freeze({
  name: ['name'],
  vatRegistrationNo: ['vatRegistrationNo'],
  email: ['email', 'email2'],
  phone: ['phoneNo', 'mobilePhoneNo'],
  address: ['address'],
  postCode: ['postCode'],
  city: ['city'],
});

/** Every contact field a breakdown shows a value of. */
export const BREAKDOWN_SOURCE_FIELDS: readonly string[] = [...new Set(Object.values(BREAKDOWN_SOURCES).flat())];

/** A compared field as shown: its values, or null and `hidden` when the role may not read a field they come from. */
export type ShownFieldScore = FieldScore | (Omit<FieldScore, 'values' | 'legalForms'> & { values: null; hidden: true });

/**
 * The breakdown without the values of fields the role may not read on either contact (`hidden` answers for one
 * contact field). A compared field of unknown source (a stored breakdown of an older version) counts as its own name.
 */
export function withoutHiddenValues(
  breakdown: readonly FieldScore[],
  hidden: (field: string) => boolean,
): ShownFieldScore[] {
  return breakdown.map((f) => {
    const sources = BREAKDOWN_SOURCES[f.field] ?? [f.field];
    if (!sources.some(hidden)) return f;
    // legalForms are read from the name: they go with its values; the name parts' scores stay with the score.
    const { values: _values, legalForms: _legalForms, ...rest } = f;
    return { ...rest, values: null, hidden: true as const };
  });
}

export interface Difference {
  field: string;
  survivor: unknown;
  duplicate: unknown;
}

/** A merge dry run's differences without the values of fields the role may not read on either contact. */
export function differencesShown(
  differences: readonly Difference[],
  hidden: (field: string) => boolean,
): (Difference | { field: string; survivor: null; duplicate: null; hidden: true })[] {
  return differences.map((d) =>
    hidden(d.field) ? { field: d.field, survivor: null, duplicate: null, hidden: true as const } : d,
  );
}
