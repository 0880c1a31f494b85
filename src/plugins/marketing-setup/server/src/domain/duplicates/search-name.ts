/**
 * The name and town a contact is found by in the trigram index (PostgreSQL): the name normalised as the
 * fuzzy rule reads it — a company's significant words without legal form ("Fabrikam N.V." → "fabrikam"),
 * a person's first name(s) and surname ("Dhr. Jan Peeters" → "jan peeters") — the canonical town, and the
 * initial the lookup is partitioned by: a company name's first letter, a person's surname's (typos rarely hit
 * the first letter; a person's first name may be missing or an initial on one side).
 * Pure: no Strapi, no I/O.
 */
import { companyNameTokens, normaliseCity, personName } from './normalise';

export interface SearchName {
  name: string;
  city: string;
  initial: string;
}

/** '' name when the contact has no name to search by. */
export function searchNameOf(contact: Record<string, unknown>): SearchName {
  const city = normaliseCity(contact.city);
  if (contact.type === 'person') {
    const p = personName(contact);
    return { name: [p.first, p.surname].filter(Boolean).join(' '), city, initial: p.surname.charAt(0) };
  }
  const name = companyNameTokens(contact.name).join(' ');
  return { name, city, initial: name.charAt(0) };
}
