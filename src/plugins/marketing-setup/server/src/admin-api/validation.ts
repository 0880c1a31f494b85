/**
 * Request validation at the edge of the admin API: shapes, types and the limits of the schema, with
 * messages a non-developer understands. Business rules (the duplicate switches, Search Hit %, number
 * formats of a series line) stay in the domain and arrive as ValidationErrors from the document
 * middleware, in the same `details.errors[{ path, message }]` shape.
 */
import { validateYupSchema, yup } from '@strapi/utils';
import { CORRESPONDENCE_TYPES } from '../content-types/fields';

/** Relation fields of the setup and the master-data type each one points to. */
export const SETUP_RELATIONS = {
  defaultSalesperson: 'salesperson',
  defaultTerritory: 'territory',
  defaultCountryRegion: 'country-region',
  defaultLanguage: 'language',
  defaultCompanySalutation: 'salutation',
  defaultPersonSalutation: 'salutation',
  defaultSalesCycle: 'sales-cycle',
  contactNos: 'no-series',
  opportunityNos: 'no-series',
  customerNos: 'no-series',
  vendorNos: 'no-series',
  bankAccountNos: 'no-series',
  busRelCodeForCustomers: 'business-relation',
  busRelCodeForVendors: 'business-relation',
  busRelCodeForBankAccounts: 'business-relation',
} as const;
export type SetupRelation = keyof typeof SETUP_RELATIONS;

export const SETUP_BOOLEANS = [
  'inheritSalesperson',
  'inheritTerritory',
  'inheritCountryRegion',
  'inheritLanguage',
  'inheritAddressDetails',
  'inheritCommunicationDetails',
  'inheritFormatRegion',
  'maintainDuplSearchStrings',
  'autosearchForDuplicates',
  'emailLoggingEnabled',
  'emailImapTls',
  'emailStoreBodies',
] as const;

export const SETUP_SCALARS = [
  ...SETUP_BOOLEANS,
  'defaultFormatRegion',
  'defaultCorrespondenceType',
  'searchHitPercent',
  'emailQueueFolder',
  'emailStorageFolder',
  'emailBatchSize',
  'emailCheckIntervalSeconds',
  'emailImapHost',
  'emailImapPort',
  'emailImapUser',
  'emailOurDomains',
] as const;

const yesNo = () => yup.boolean().typeError('Choose on or off.');
const text = (max: number) =>
  yup.string().nullable().typeError('Enter text.').max(max, `Use at most ${max} characters.`);
const wholeNumber = () => yup.number().nullable().typeError('Enter a number.').integer('Enter a whole number.');
const documentRef = () => yup.string().nullable().typeError('Choose an entry from the list.');

const strictObject = (shape: Record<string, yup.AnySchema>) =>
  yup.object(shape).noUnknown(true, (p: any) => `These fields cannot be set here: ${p.unknown}.`);

const setupSchema = strictObject({
  ...Object.fromEntries(SETUP_BOOLEANS.map((f) => [f, yesNo()])),
  ...Object.fromEntries(Object.keys(SETUP_RELATIONS).map((f) => [f, documentRef()])),
  defaultFormatRegion: text(80),
  defaultCorrespondenceType: yup
    .mixed()
    .nullable()
    .oneOf([...CORRESPONDENCE_TYPES, null], 'Choose hard copy, e-mail or leave it blank.'),
  // The 1..100 rule of Search Hit % is a business rule: the domain checks it (coupleDuplicateFlags).
  searchHitPercent: yup.number().nullable().typeError('Enter a number.'),
  emailQueueFolder: text(250),
  emailStorageFolder: text(250),
  emailBatchSize: wholeNumber().min(0, 'Enter 0 (no limit) or a positive number.'),
  emailCheckIntervalSeconds: wholeNumber().min(10, 'Check at most every 10 seconds: enter 10 or more.'),
  emailImapHost: text(255),
  emailImapPort: wholeNumber().min(1, 'Enter a port from 1 to 65535.').max(65535, 'Enter a port from 1 to 65535.'),
  emailImapUser: text(255),
  // The domain list itself is checked by the domain rule (parseOurDomains), which names a bad entry.
  emailOurDomains: text(1000),
});

export const validateSetupUpdate = validateYupSchema(setupSchema);

const seriesShape = {
  code: yup.string().typeError('Enter a code.').max(20, 'Use at most 20 characters.'),
  description: text(100),
  defaultNos: yesNo(),
  manualNos: yesNo(),
  dateOrder: yesNo(),
};

export const validateSeriesCreate = validateYupSchema(
  strictObject({ ...seriesShape, code: seriesShape.code.required('Enter a code.') }),
);
export const validateSeriesUpdate = validateYupSchema(strictObject(seriesShape));

const number20 = () => text(20);
const lineShape = {
  lineNo: wholeNumber().min(0, 'Enter 0 or a positive number.'),
  startingDate: yup
    .string()
    .nullable()
    .typeError('Enter a date.')
    .matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter a date as YYYY-MM-DD.', excludeEmptyString: true }),
  startingNo: number20(),
  endingNo: number20(),
  warningNo: number20(),
  incrementBy: wholeNumber().min(1, 'Enter 1 or more.'),
  lastNoUsed: number20(),
  open: yesNo(),
  allowGaps: yesNo(),
};

export const validateLine = validateYupSchema(strictObject(lineShape));
