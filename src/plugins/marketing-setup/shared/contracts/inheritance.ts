/**
 * Which company fields a person inherits, grouped by the setup's Inherit flag that governs them
 * (reference §2.5–2.7). The server's rules (domain/inheritance.ts) and the admin's side panels both
 * read this one list.
 */
import { ADDRESS_FIELDS, COMMUNICATION_FIELDS } from './contact-fields';
import type { SETUP_INHERIT_FLAGS } from './settings';

export type InheritFlags = Record<(typeof SETUP_INHERIT_FLAGS)[number], boolean>;

/** One group of fields governed by one Inherit flag. Relation fields are compared by an opaque key. */
export interface FieldGroup {
  flag: keyof InheritFlags;
  fields: string[];
  /** true: the fields share one override key ('address') and move together. */
  block: boolean;
}

/** The one override key of the address block. */
export const ADDRESS_KEY = 'address';

export const FIELD_GROUPS: FieldGroup[] = [
  { flag: 'inheritSalesperson', fields: ['salesperson'], block: false },
  { flag: 'inheritTerritory', fields: ['territory'], block: false },
  { flag: 'inheritCountryRegion', fields: ['countryRegion'], block: false },
  { flag: 'inheritLanguage', fields: ['language'], block: false },
  { flag: 'inheritFormatRegion', fields: ['formatRegion'], block: false },
  { flag: 'inheritAddressDetails', fields: [...ADDRESS_FIELDS], block: true },
  {
    flag: 'inheritCommunicationDetails',
    // correspondenceType belongs here as in BC; unlike BC we also propagate it (see propagationPlan).
    fields: [...COMMUNICATION_FIELDS, 'correspondenceType'],
    block: false,
  },
];

export const INHERITABLE_FIELDS: string[] = FIELD_GROUPS.flatMap((g) => g.fields);

/** What a company edit can pass on to its persons: the name (→ companyName) and the inheritable fields. */
export const PROPAGATING_FIELDS: string[] = ['name', ...INHERITABLE_FIELDS];
