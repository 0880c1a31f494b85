import setup from './setup';
import contact from './contact';
import opportunity from './opportunity';
import { noSeries, noSeriesLine } from './number-series';
import { bankAccount, businessRelation, contactBusinessRelation, customer, vendor } from './business-relations';
import { contactDuplicate, duplicateSearchSetup } from './duplicates';
import mergeLog from './merge-log';
import { interactionGroup, interactionLogEntry, interactionTemplate, interactionTemplateSetup } from './interactions';
import { interactionRule } from './interaction-rules';
import { emailReview } from './email-review';
import {
  countryRegion,
  language,
  salesCycle,
  salesCycleStage,
  salesperson,
  salutation,
  salutationFormula,
  territory,
} from './master-data';

/** Keys are the singular names (Strapi requires it): the UID is `plugin::marketing-setup.<key>`. */
export default {
  setup,
  contact,
  opportunity,
  'no-series': noSeries,
  'no-series-line': noSeriesLine,
  salesperson,
  territory,
  language,
  'country-region': countryRegion,
  salutation,
  'salutation-formula': salutationFormula,
  'sales-cycle': salesCycle,
  'sales-cycle-stage': salesCycleStage,
  'business-relation': businessRelation,
  'contact-business-relation': contactBusinessRelation,
  customer,
  vendor,
  'bank-account': bankAccount,
  'duplicate-search-setup': duplicateSearchSetup,
  'contact-duplicate': contactDuplicate,
  'merge-log': mergeLog,
  'interaction-group': interactionGroup,
  'interaction-template': interactionTemplate,
  'interaction-log-entry': interactionLogEntry,
  'interaction-template-setup': interactionTemplateSetup,
  'interaction-rule': interactionRule,
  'email-review': emailReview,
};
