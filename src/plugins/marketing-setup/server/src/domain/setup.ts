/**
 * Marketing Setup rules (reference §1): the reference defaults of a fresh install and the coupling of
 * the two duplicate switches. Pure: no Strapi, no I/O.
 */
import { RuleViolation } from './errors';

export const SETUP_DEFAULTS = {
  inheritSalesperson: true,
  inheritTerritory: true,
  inheritCountryRegion: true,
  inheritLanguage: true,
  inheritAddressDetails: true,
  inheritCommunicationDetails: true,
  inheritFormatRegion: true,
  maintainDuplSearchStrings: true,
  autosearchForDuplicates: true,
  searchHitPercent: 60,
  emailLoggingEnabled: false,
  emailBatchSize: 0,
  emailCheckIntervalSeconds: 300,
  emailImapPort: 993,
  emailImapTls: true,
} as const;

/**
 * Autosearch needs maintained search strings: switching autosearch on turns maintain on, switching
 * maintain off turns autosearch off (so "maintain off, autosearch on" can never be stored).
 * Returns the changes with the coupled flag added.
 */
export function coupleDuplicateFlags(
  stored: { maintainDuplSearchStrings: boolean; autosearchForDuplicates: boolean },
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...changes };
  if (changes.autosearchForDuplicates === true) out.maintainDuplSearchStrings = true;
  if (changes.maintainDuplSearchStrings === false) out.autosearchForDuplicates = false;
  const maintain = out.maintainDuplSearchStrings ?? stored.maintainDuplSearchStrings;
  if (out.autosearchForDuplicates === undefined && !maintain) out.autosearchForDuplicates = false;
  if ('searchHitPercent' in changes) {
    const hit = changes.searchHitPercent;
    if (typeof hit !== 'number' || !Number.isInteger(hit) || hit < 1 || hit > 100) {
      throw new RuleViolation('Search Hit % must be a whole number from 1 to 100.', ['searchHitPercent']);
    }
  }
  return out;
}

/** The setup is a single record the whole plugin reads: it is changed, never deleted. */
export const setupDeleteViolation = () =>
  new RuleViolation('The Marketing Setup cannot be deleted; change its fields instead.');
