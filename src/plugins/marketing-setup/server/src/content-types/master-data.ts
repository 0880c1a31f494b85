import { bool, code, contentType, dec, enumOf, int, refTo, str, uidOf } from './fields';

/** Small code tables that contacts and opportunities point to. */
const codeTable = (
  singularName: string,
  pluralName: string,
  displayName: string,
  collectionName: string,
  attributes: Record<string, unknown> = {},
) =>
  contentType({
    singularName,
    pluralName,
    displayName,
    collectionName,
    attributes: { code: code(), name: str({ maxLength: 100 }), ...attributes },
  });

export const salesperson = codeTable('salesperson', 'salespeople', 'Salesperson/Purchaser', 'ms_salespeople', {
  email: str({ maxLength: 80 }),
  phoneNo: str({ maxLength: 30 }),
  blocked: bool(false),
  privacyBlocked: bool(false),
});
export const territory = codeTable('territory', 'territories', 'Territory', 'ms_territories');
export const language = codeTable('language', 'languages', 'Language', 'ms_languages', {
  // Windows language tag, e.g. nl-BE; used as the contact's format region when that is blank.
  formatRegion: str({ maxLength: 80 }),
});
export const countryRegion = codeTable('country-region', 'country-regions', 'Country/Region', 'ms_country_regions', {
  isoCode: str({ maxLength: 2 }),
});

export const salutation = contentType({
  singularName: 'salutation',
  pluralName: 'salutations',
  displayName: 'Salutation',
  collectionName: 'ms_salutations',
  attributes: {
    code: code(),
    description: str({ maxLength: 100 }),
    formulas: { type: 'relation', relation: 'oneToMany', target: uidOf('salutation-formula'), mappedBy: 'salutation' },
  },
});

const NAME_PARTS = ['jobTitle', 'firstName', 'middleName', 'surname', 'initials', 'companyName'];
export const salutationFormula = contentType({
  singularName: 'salutation-formula',
  pluralName: 'salutation-formulas',
  displayName: 'Salutation Formula',
  collectionName: 'ms_salutation_formulas',
  attributes: {
    salutation: { type: 'relation', relation: 'manyToOne', target: uidOf('salutation'), inversedBy: 'formulas' },
    language: refTo('language'),
    salutationType: enumOf(['formal', 'informal'], { required: true, default: 'formal' }),
    text: str({ maxLength: 50, required: true }),
    name1: enumOf(NAME_PARTS),
    name2: enumOf(NAME_PARTS),
    name3: enumOf(NAME_PARTS),
    name4: enumOf(NAME_PARTS),
    name5: enumOf(NAME_PARTS),
  },
});

export const salesCycle = contentType({
  singularName: 'sales-cycle',
  pluralName: 'sales-cycles',
  displayName: 'Sales Cycle',
  collectionName: 'ms_sales_cycles',
  attributes: {
    code: code(),
    description: str({ maxLength: 100 }),
    probabilityCalculation: enumOf(['multiply', 'add', 'chancesOfSuccess', 'completed'], {
      default: 'multiply',
      required: true,
    }),
    blocked: bool(false),
    stages: { type: 'relation', relation: 'oneToMany', target: uidOf('sales-cycle-stage'), mappedBy: 'salesCycle' },
  },
});

export const salesCycleStage = contentType({
  singularName: 'sales-cycle-stage',
  pluralName: 'sales-cycle-stages',
  displayName: 'Sales Cycle Stage',
  collectionName: 'ms_sales_cycle_stages',
  attributes: {
    salesCycle: { type: 'relation', relation: 'manyToOne', target: uidOf('sales-cycle'), inversedBy: 'stages' },
    stage: int({ required: true, min: 1 }),
    description: str({ maxLength: 100 }),
    completedPercent: dec({ default: 0, min: 0, max: 100 }),
    chancesOfSuccessPercent: dec({ default: 0, min: 0, max: 100 }),
    quoteRequired: bool(false),
    allowSkip: bool(false),
  },
});
