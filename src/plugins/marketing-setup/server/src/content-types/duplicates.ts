import { SEARCH_FIELDS, SEARCH_LENGTH_MAX, SEARCH_LENGTH_MIN } from '../domain/duplicates/search-strings';
import { bool, contentType, enumOf, int, refTo } from './fields';

/** One line of the search-string setup (reference table 5095); seeded with the reference's 16 lines. */
export const duplicateSearchSetup = contentType({
  singularName: 'duplicate-search-setup',
  inContentManager: false,
  pluralName: 'duplicate-search-setups',
  displayName: 'Duplicate Search String Setup',
  description: 'Which part of which contact field makes a search string for the duplicate search.',
  collectionName: 'ms_duplicate_search_setups',
  attributes: {
    field: enumOf([...SEARCH_FIELDS], { required: true }),
    part: enumOf(['first', 'last'], { required: true, default: 'first' }),
    length: int({ required: true, default: 5, min: SEARCH_LENGTH_MIN, max: SEARCH_LENGTH_MAX }),
  },
});

/**
 * A pair of contacts found by the duplicate search (reference table 5085): one row per pair, whichever
 * side was saved last is `contact`. Written by the plugin only; a person may set `separateContacts`.
 */
export const contactDuplicate = contentType({
  singularName: 'contact-duplicate',
  inContentManager: false,
  pluralName: 'contact-duplicates',
  displayName: 'Contact Duplicate',
  description: 'Pairs of contacts that look like the same party; mark a pair as separate to stop it being reported.',
  collectionName: 'ms_contact_duplicates',
  attributes: {
    contact: refTo('contact'),
    duplicateContact: refTo('contact'),
    matchingStrings: int({ default: 0 }),
    hitPercent: int({ default: 0 }),
    fuzzyScore: { type: 'decimal' },
    // Which rules fired: "searchStrings", "fuzzy"; and the fuzzy rule's per-field breakdown.
    rules: { type: 'json' },
    breakdown: { type: 'json' },
    separateContacts: bool(false),
  },
});
