import { uidOf } from '../content-types/fields';

export const UID = {
  setup: uidOf('setup'),
  contact: uidOf('contact'),
  opportunity: uidOf('opportunity'),
  noSeries: uidOf('no-series'),
  noSeriesLine: uidOf('no-series-line'),
  salesperson: uidOf('salesperson'),
  territory: uidOf('territory'),
  language: uidOf('language'),
  countryRegion: uidOf('country-region'),
  salutation: uidOf('salutation'),
  salutationFormula: uidOf('salutation-formula'),
  salesCycle: uidOf('sales-cycle'),
  salesCycleStage: uidOf('sales-cycle-stage'),
  businessRelation: uidOf('business-relation'),
  contactBusinessRelation: uidOf('contact-business-relation'),
  customer: uidOf('customer'),
  vendor: uidOf('vendor'),
  bankAccount: uidOf('bank-account'),
  duplicateSearchSetup: uidOf('duplicate-search-setup'),
  contactDuplicate: uidOf('contact-duplicate'),
  mergeLog: uidOf('merge-log'),
  interactionGroup: uidOf('interaction-group'),
  interactionTemplate: uidOf('interaction-template'),
  interactionLogEntry: uidOf('interaction-log-entry'),
  interactionTemplateSetup: uidOf('interaction-template-setup'),
  interactionRule: uidOf('interaction-rule'),
  emailReview: uidOf('email-review'),
} as const;

export type PluginUid = (typeof UID)[keyof typeof UID];
export const PLUGIN_UIDS: ReadonlySet<string> = new Set(Object.values(UID));
