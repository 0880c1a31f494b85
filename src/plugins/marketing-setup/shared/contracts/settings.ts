/**
 * Contract of the admin API's settings page (GET/PUT /marketing-setup/settings), shared by the server
 * (admin-api/settings.ts, validation/admin/settings.ts) and the admin UI.
 */
import type { LookupType, RecordRef } from './lookups';

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
} as const satisfies Record<string, LookupType>;
export type SetupRelation = keyof typeof SETUP_RELATIONS;

/** The Inherit flags: which company fields a person takes over (domain/inheritance.ts). */
export const SETUP_INHERIT_FLAGS = [
  'inheritSalesperson',
  'inheritTerritory',
  'inheritCountryRegion',
  'inheritLanguage',
  'inheritAddressDetails',
  'inheritCommunicationDetails',
  'inheritFormatRegion',
] as const;

/** The e-mail logging fields of the setup (the IMAP job reads these): yes/no fields, then values. */
export const EMAIL_SETUP_BOOLEANS = ['emailLoggingEnabled', 'emailImapTls', 'emailStoreBodies'] as const;
export const EMAIL_SETUP_VALUES = [
  'emailQueueFolder',
  'emailStorageFolder',
  'emailBatchSize',
  'emailCheckIntervalSeconds',
  'emailImapHost',
  'emailImapPort',
  'emailImapUser',
  'emailOurDomains',
] as const;
export const EMAIL_SETUP_FIELDS = [...EMAIL_SETUP_BOOLEANS, ...EMAIL_SETUP_VALUES] as const;

export const SETUP_BOOLEANS = [
  ...SETUP_INHERIT_FLAGS,
  'maintainDuplSearchStrings',
  'autosearchForDuplicates',
  ...EMAIL_SETUP_BOOLEANS,
] as const;

export const SETUP_SCALARS = [
  ...SETUP_BOOLEANS,
  'defaultFormatRegion',
  'defaultCorrespondenceType',
  'searchHitPercent',
  ...EMAIL_SETUP_VALUES,
] as const;

export type SetupScalar = (typeof SETUP_SCALARS)[number];

/** The setup as the settings page edits it: scalar fields, and each relation as a RecordRef or null. */
export type SetupData = { documentId: string; updatedAt: string | null } & Record<SetupScalar, unknown> &
  Record<SetupRelation, RecordRef | null>;

export interface SetupResponse {
  data: SetupData;
}
