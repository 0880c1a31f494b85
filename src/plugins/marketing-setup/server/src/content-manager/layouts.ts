/**
 * The Content Manager views of the plugin's records, laid out like the Business Central cards
 * (General, Address, Communication, Segmentation / Invoicing …). Captions come from domain/field-labels.
 * Types not listed keep Strapi's field order but get the captions and the main field below.
 */
import type { LayoutSpec } from '../domain/content-manager-layout';
import { ADDRESS_FIELDS } from '../../../shared/contracts/contact-fields';

const ADDRESS = [...ADDRESS_FIELDS, 'countryRegion'];
const COMMUNICATION = [
  'phoneNo',
  'mobilePhoneNo',
  'email',
  'email2',
  'homePage',
  'faxNo',
  'extensionNo',
  'pager',
  'telexNo',
  'telexAnswerBack',
];
const PARTY_HIDDEN = ['noSeries'];

/** Customer, vendor and bank account share the card of a party. */
const party = (general: string[], invoicing: string[]): LayoutSpec => ({
  mainField: 'name',
  defaultSort: { field: 'no', order: 'ASC' },
  list: ['no', 'name', 'city', 'phoneNo'],
  groups: [general, ADDRESS, COMMUNICATION, invoicing],
  readOnly: ['no'],
  hidden: PARTY_HIDDEN,
  hints: {
    no: [
      'Given by the number series when the record is saved.',
      'Toegekend uit de nummerreeks wanneer het record wordt opgeslagen.',
    ],
  },
});

const codeTable = (nameField: string, extra: string[] = []): LayoutSpec => ({
  mainField: nameField,
  defaultSort: { field: 'code', order: 'ASC' },
  list: ['code', nameField, ...extra].slice(0, 4),
  groups: [['code', nameField, ...extra]],
});

export const LAYOUTS: Record<string, LayoutSpec> = {
  contact: {
    mainField: 'name',
    defaultSort: { field: 'no', order: 'ASC' },
    list: ['no', 'name', 'type', 'city'],
    groups: [
      // General; the person-only fields last, so a company's form has no holes where they are hidden
      ['no', 'type', 'name', 'name2', 'searchName', 'salutation', 'salesperson', 'company'],
      ['jobTitle', 'firstName', 'middleName', 'surname', 'initials'],
      ADDRESS,
      COMMUNICATION,
      // Segmentation and foreign trade
      ['territory', 'language', 'formatRegion', 'correspondenceType', 'vatRegistrationNo', 'registrationNumber'],
      ['privacyBlocked'],
    ],
    // `inheritanceOverrides` and `businessRelation` are `visible: false` in the schema (not in the model at all).
    readOnly: ['no'],
    hidden: ['companyName', 'searchEmail', 'noSeries', 'revision'],
    hints: {
      no: [
        'Given by the contact number series when the contact is saved.',
        'Toegekend uit de nummerreeks voor contacten wanneer het contact wordt opgeslagen.',
      ],
      type: [
        'A company, or a person who works for a company.',
        'Een bedrijf, of een persoon die voor een bedrijf werkt.',
      ],
      company: [
        'The company this person works for; the person takes over its address, salesperson … (Marketing Setup → Inheritance).',
        'Het bedrijf waarvoor deze persoon werkt; de persoon neemt er het adres, de verkoper … van over (Marketinginstellingen → Overerving).',
      ],
      searchName: ['Filled from the name when left blank.', 'Wordt uit de naam ingevuld als het leeg blijft.'],
    },
  },
  opportunity: {
    mainField: 'description',
    defaultSort: { field: 'no', order: 'ASC' },
    list: ['no', 'description', 'contact', 'opportunityStatus'],
    groups: [
      ['no', 'description', 'contact', 'contactCompany', 'salesperson', 'salesCycle', 'opportunityStatus', 'priority'],
      ['creationDate', 'estimatedClosingDate', 'closed', 'dateClosed'],
      [
        'currentSalesCycleStage',
        'estimatedValue',
        'calcdCurrentValue',
        'probabilityPercent',
        'chancesOfSuccessPercent',
        'completedPercent',
      ],
    ],
    readOnly: [
      'no',
      'contactCompany',
      'calcdCurrentValue',
      'probabilityPercent',
      'chancesOfSuccessPercent',
      'completedPercent',
      'dateClosed',
    ],
    hidden: ['noSeries'],
    hints: {
      contactCompany: [
        "The contact's company, set from the contact.",
        'Het bedrijf van het contact, ingevuld vanuit het contact.',
      ],
    },
  },
  customer: party(
    ['no', 'name', 'name2', 'searchName', 'contactType', 'salesperson'],
    [
      'territory',
      'language',
      'formatRegion',
      'currencyCode',
      'vatRegistrationNo',
      'registrationNumber',
      'privacyBlocked',
    ],
  ),
  vendor: party(
    ['no', 'name', 'name2', 'searchName', 'purchaser'],
    [
      'territory',
      'language',
      'formatRegion',
      'currencyCode',
      'vatRegistrationNo',
      'registrationNumber',
      'privacyBlocked',
    ],
  ),
  'bank-account': party(
    ['no', 'name', 'name2', 'searchName', 'bankAccountNo', 'iban', 'swiftCode'],
    [
      'territory',
      'language',
      'formatRegion',
      'currencyCode',
      'vatRegistrationNo',
      'registrationNumber',
      'privacyBlocked',
    ],
  ),
  'no-series': {
    mainField: 'code',
    defaultSort: { field: 'code', order: 'ASC' },
    list: ['code', 'description', 'defaultNos', 'manualNos'],
    groups: [
      ['code', 'description'],
      ['defaultNos', 'manualNos', 'dateOrder'],
    ],
    // The lines are edited on Settings → Marketing Setup → Number series (their type is not in the Content Manager).
    hidden: ['lines'],
  },
  'no-series-line': {
    mainField: 'startingNo',
    list: ['series', 'startingNo', 'endingNo', 'lastNoUsed'],
    groups: [
      ['series', 'lineNo'],
      ['startingDate', 'startingNo', 'endingNo', 'warningNo', 'incrementBy', 'lastNoUsed', 'lastDateUsed'],
      ['open', 'allowGaps'],
    ],
    readOnly: ['lastNoUsed', 'lastDateUsed'],
  },
  salesperson: codeTable('name', ['email', 'phoneNo', 'blocked', 'privacyBlocked']),
  territory: codeTable('name'),
  language: codeTable('name', ['formatRegion']),
  'country-region': codeTable('name', ['isoCode']),
  salutation: codeTable('description', ['formulas']),
  'sales-cycle': codeTable('description', ['probabilityCalculation', 'blocked', 'stages']),
  'business-relation': codeTable('description'),
  'interaction-group': codeTable('description'),
  // A link row is named by its contact and code ("CT000001 Fabrikam NV – CUST"), which the plugin keeps as `title`.
  'contact-business-relation': {
    mainField: 'title',
    defaultSort: { field: 'title', order: 'ASC' },
    list: ['title', 'contact', 'businessRelation', 'linkToTable'],
    groups: [['title'], ['contact', 'businessRelation'], ['linkToTable', 'customer', 'vendor', 'bankAccount']],
    readOnly: ['title'],
    hints: {
      title: [
        'The contact and the business relation code, filled in when the record is saved.',
        'Het contact en de bedrijfsrelatiecode, ingevuld wanneer het record wordt opgeslagen.',
      ],
    },
  },
  'interaction-template': {
    mainField: 'description',
    defaultSort: { field: 'code', order: 'ASC' },
    list: ['code', 'description', 'interactionGroup', 'correspondenceType'],
    groups: [
      ['code', 'description', 'interactionGroup', 'language'],
      ['unitCost', 'unitDurationMin'],
      ['informationFlow', 'initiatedBy', 'correspondenceType', 'ignoreContactCorrespondenceType'],
    ],
  },
  'interaction-log-entry': {
    mainField: 'description',
    defaultSort: { field: 'entryNo', order: 'DESC' },
    list: ['entryNo', 'date', 'contact', 'description'],
    groups: [
      ['entryNo', 'date', 'time', 'contact', 'contactCompany', 'description', 'subject'],
      ['interactionTemplate', 'interactionGroup', 'salesperson', 'opportunity', 'correspondenceType'],
      ['informationFlow', 'initiatedBy', 'cost', 'durationMin', 'evaluation', 'attemptFailed', 'canceled'],
      ['documentKind', 'documentNo', 'emailLogged', 'messageId', 'emailBody'],
    ],
    // Numbered and linked to the contact's company by the plugin (write-rules/interactions.ts).
    readOnly: ['entryNo', 'contactCompany'],
    // Where the entry was logged from: the record's type and id, for the plugin, not for reading.
    hidden: ['sourceUid', 'sourceDocumentId', 'emailLogKey'],
  },
};

/** The Dutch of each English field hint (the admin shows it in place of the stored English description). */
export const DUTCH_HINTS: Record<string, string> = Object.fromEntries(
  Object.values(LAYOUTS).flatMap((spec) => Object.values(spec.hints ?? {})),
);

/**
 * Relation fields to contacts whose picker offers companies only (a person's company; the company of an
 * opportunity). Every contact picker searches by name and by number.
 */
export const COMPANY_PICKERS: Record<string, string[]> = {
  contact: ['company'],
  opportunity: ['contactCompany'],
};

/** The record types the Content Manager offers (the others have their own screens or are bookkeeping). */
export const CONTENT_MANAGER_TYPES = [
  'contact',
  'opportunity',
  'customer',
  'vendor',
  'bank-account',
  'no-series',
  'salesperson',
  'territory',
  'language',
  'country-region',
  'salutation',
  'salutation-formula',
  'sales-cycle',
  'sales-cycle-stage',
  'business-relation',
  'contact-business-relation',
  'interaction-group',
  'interaction-template',
  'interaction-log-entry',
].map((name) => `plugin::marketing-setup.${name}`);
