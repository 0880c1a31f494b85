import type { WriteRules } from './types';
import { UID } from '../utils/uids';
import { contactRules } from './contact';
import { opportunityRules } from './opportunity';
import { lineRules, seriesRules } from './number-series';
import { setupRules } from './setup';

/** Which rule module handles writes to which content type. Later features plug in here. */
export const WRITE_RULES: Record<string, WriteRules> = {
  [UID.contact]: contactRules,
  [UID.opportunity]: opportunityRules,
  [UID.noSeries]: seriesRules,
  [UID.noSeriesLine]: lineRules,
  [UID.setup]: setupRules,
};
