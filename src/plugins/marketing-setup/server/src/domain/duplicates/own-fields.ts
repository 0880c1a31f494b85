/**
 * What of a person identifies the person. A person inherits its company's address and communication
 * details unless it set them by hand, so two colleagues share address, post code, city, phone and
 * e-mail — 10 of the reference's 16 strings, enough for the search-string rule to call any two
 * colleagues duplicates. Their search strings are therefore built from the fields that are their own:
 * inherited values are the company's, and the company is indexed already. (The fuzzy rule reads every
 * field: its name floor keeps colleagues apart.) Pure: no Strapi, no I/O.
 */
import { FIELD_GROUPS, fieldsOfOverrideKey, type InheritFlags } from '../inheritance';

/** The contact with the fields it inherits from its company blanked; companies and persons without company unchanged. */
export function ownFieldsForSearch<T extends Record<string, unknown>>(
  contact: T,
  hasCompany: boolean,
  flags: Partial<InheritFlags>,
): T {
  if (contact.type !== 'person' || !hasCompany) return contact;
  const overridden = new Set(((contact.inheritanceOverrides as string[] | null) ?? []).flatMap(fieldsOfOverrideKey));
  const out: Record<string, unknown> = { ...contact };
  for (const group of FIELD_GROUPS) {
    if (!flags[group.flag]) continue;
    for (const field of group.fields) if (!overridden.has(field)) out[field] = null;
  }
  return out as T;
}
