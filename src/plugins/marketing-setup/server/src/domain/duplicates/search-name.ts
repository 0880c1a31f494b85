/**
 * The name and town a contact is found by in the trigram index (PostgreSQL): the name normalised as the
 * fuzzy rule reads it — a company's significant words without legal form ("Fabrikam N.V." → "fabrikam"),
 * a person's first name(s) and surname ("Dhr. Jan Peeters" → "jan peeters") — and the canonical town.
 * Pure: no Strapi, no I/O.
 */
import { companyNameTokens, normaliseCity, personName } from './normalise';

export interface SearchName {
  name: string;
  city: string;
}

/** '' name when the contact has no name to search by. */
export function searchNameOf(contact: Record<string, unknown>): SearchName {
  const city = normaliseCity(contact.city);
  if (contact.type === 'person') {
    const p = personName(contact);
    return { name: [p.first, p.surname].filter(Boolean).join(' '), city };
  }
  return { name: companyNameTokens(contact.name).join(' '), city };
}
