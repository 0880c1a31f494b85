import {
  addressBlock,
  bool,
  communicationBlock,
  contentType,
  enumOf,
  refTo,
  str,
  CORRESPONDENCE_TYPES,
  recordNo,
} from './fields';

/**
 * Fields only a person has: the Content Manager shows them when Type is Person (a condition in the
 * Content Manager's JSON-logic form; a hidden field is left out of the save, so a company's values stay).
 */
const personOnly = (attribute: Record<string, unknown>) => ({
  ...attribute,
  conditions: { visible: { '==': [{ var: 'type' }, 'person'] } },
});

export default contentType({
  singularName: 'contact',
  pluralName: 'contacts',
  displayName: 'Contact',
  description: 'Contact companies and the persons who work for them.',
  collectionName: 'ms_contacts',
  attributes: {
    no: recordNo(),
    type: enumOf(['company', 'person'], { default: 'company', required: true }),
    name: str({ maxLength: 100 }),
    name2: str({ maxLength: 50 }),
    searchName: str({ maxLength: 100 }),
    firstName: personOnly(str({ maxLength: 30 })),
    middleName: personOnly(str({ maxLength: 30 })),
    surname: personOnly(str({ maxLength: 30 })),
    initials: personOnly(str({ maxLength: 30 })),
    jobTitle: personOnly(str({ maxLength: 30 })),
    // A person's company; a company points to itself (as Company No. does in Business Central).
    // No inverse "persons" relation on purpose: Strapi would load every person of a company after each
    // write of it (for its events). A company's persons: filters[company][documentId]=… and type=person.
    company: personOnly(refTo('contact')),
    companyName: str({ maxLength: 100 }),
    ...addressBlock(),
    countryRegion: refTo('country-region'),
    ...communicationBlock(),
    email2: str({ maxLength: 80 }),
    searchEmail: str({ maxLength: 80 }),
    salesperson: refTo('salesperson'),
    territory: refTo('territory'),
    language: refTo('language'),
    formatRegion: str({ maxLength: 80 }),
    correspondenceType: enumOf(CORRESPONDENCE_TYPES),
    salutation: refTo('salutation'),
    vatRegistrationNo: str({ maxLength: 20 }),
    registrationNumber: str({ maxLength: 20 }),
    noSeries: str({ maxLength: 20 }),
    // Fields of a person set by hand (not inherited from its company); maintained by the plugin.
    // `visible: false` keeps it out of the Content Manager (its model and layouts), not out of REST:
    // the Inheritance side panel shows it, and only the plugin writes it.
    inheritanceOverrides: { type: 'json', writable: false, visible: false },
    privacyBlocked: bool(false),
    // The moment of the contact's last write as a reader saw it (domain/revision.ts): filled in every read from
    // updatedAt, never stored (the column stays empty). The Content Manager's form sends it back hidden, so a save
    // from a form opened before someone else's change is refused (409) instead of writing the old values back.
    revision: str({ maxLength: 30 }),
    // Computed from the contact's business relations (and its company's); read-only, filterable over
    // REST; hidden from the Content Manager, whose edit view would offer it as an editable list.
    businessRelation: {
      type: 'enumeration',
      enum: ['none', 'customer', 'vendor', 'bankAccount', 'other', 'multiple'],
      default: 'none',
      writable: false,
      visible: false,
    },
  },
});
