import {
  addressBlock,
  bool,
  code,
  communicationBlock,
  contentType,
  enumOf,
  refTo,
  str,
  uidOf,
  recordNo,
} from './fields';

export const LINK_KINDS = ['customer', 'vendor', 'bankAccount'] as const;

export const businessRelation = contentType({
  singularName: 'business-relation',
  pluralName: 'business-relations',
  displayName: 'Business Relation',
  description: 'Kinds of relation a contact can have with you (customer, vendor, bank, press, …).',
  collectionName: 'ms_business_relations',
  attributes: { code: code(), description: str({ maxLength: 100 }) },
});

/** One relation of a (company) contact; linked relations point at the customer, vendor or bank account. */
export const contactBusinessRelation = contentType({
  singularName: 'contact-business-relation',
  pluralName: 'contact-business-relations',
  displayName: 'Contact Business Relation',
  collectionName: 'ms_contact_business_relations',
  attributes: {
    // "CT000001 Fabrikam NV – CUST": set by the plugin (domain linkRowTitle), the record's name in the Content Manager.
    title: str({ maxLength: 200 }),
    contact: refTo('contact'),
    businessRelation: refTo('business-relation'),
    linkToTable: enumOf(['none', ...LINK_KINDS], { default: 'none', required: true }),
    customer: refTo('customer'),
    vendor: refTo('vendor'),
    bankAccount: refTo('bank-account'),
  },
});

/** The fields Business Central keeps in sync between a contact and its customer / vendor / bank account. */
const partyFields = () => ({
  no: recordNo(),
  name: str({ maxLength: 100 }),
  name2: str({ maxLength: 50 }),
  searchName: str({ maxLength: 100 }),
  ...addressBlock(),
  countryRegion: refTo('country-region'),
  ...communicationBlock(),
  territory: refTo('territory'),
  language: refTo('language'),
  formatRegion: str({ maxLength: 80 }),
  vatRegistrationNo: str({ maxLength: 20 }),
  registrationNumber: str({ maxLength: 20 }),
  currencyCode: str({ maxLength: 10 }),
  privacyBlocked: bool(false),
  noSeries: str({ maxLength: 20 }),
});

export const customer = contentType({
  singularName: 'customer',
  pluralName: 'customers',
  displayName: 'Customer',
  collectionName: 'ms_customers',
  attributes: {
    ...partyFields(),
    salesperson: refTo('salesperson'),
    contactType: enumOf(['company', 'person'], { default: 'company' }),
  },
});

export const vendor = contentType({
  singularName: 'vendor',
  pluralName: 'vendors',
  displayName: 'Vendor',
  collectionName: 'ms_vendors',
  // A vendor's purchaser is its own: never overwritten from the contact's salesperson.
  attributes: {
    ...partyFields(),
    purchaser: { type: 'relation', relation: 'manyToOne', target: uidOf('salesperson') },
  },
});

export const bankAccount = contentType({
  singularName: 'bank-account',
  pluralName: 'bank-accounts',
  displayName: 'Bank Account',
  collectionName: 'ms_bank_accounts',
  attributes: {
    ...partyFields(),
    bankAccountNo: str({ maxLength: 30 }),
    iban: str({ maxLength: 50 }),
    swiftCode: str({ maxLength: 20 }),
  },
});
