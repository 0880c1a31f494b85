import type { WriteRules } from './types';
import { UID } from '../utils/uids';
import { contactRules } from './contact';
import { opportunityRules } from './opportunity';
import { lineRules, seriesRules } from './number-series';
import { setupRules } from './setup';
import { businessRelationRules, contactBusinessRelationRules, targetRules } from './business-relations';
import { contactDuplicateRules, searchSetupRules } from './duplicates';
import { logEntryRules, templateRules, templateSetupRules } from './interactions';
import { interactionRuleRules } from './interaction-rules';

/** Which rule module handles writes to which content type. Later features plug in here. */
export const WRITE_RULES: Record<string, WriteRules> = {
  [UID.contact]: contactRules,
  [UID.opportunity]: opportunityRules,
  [UID.noSeries]: seriesRules,
  [UID.noSeriesLine]: lineRules,
  [UID.setup]: setupRules,
  [UID.contactBusinessRelation]: contactBusinessRelationRules,
  [UID.businessRelation]: businessRelationRules,
  [UID.customer]: targetRules('customer'),
  [UID.vendor]: targetRules('vendor'),
  [UID.bankAccount]: targetRules('bankAccount'),
  [UID.duplicateSearchSetup]: searchSetupRules,
  [UID.contactDuplicate]: contactDuplicateRules,
  [UID.interactionLogEntry]: logEntryRules,
  [UID.interactionTemplate]: templateRules,
  [UID.interactionTemplateSetup]: templateSetupRules,
  [UID.interactionRule]: interactionRuleRules,
};
