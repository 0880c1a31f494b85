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

/**
 * The bounds of the e-mail logging numbers, worded for the person who fills them in. The settings page's
 * route (validation/admin/settings.ts) and every other write (write-rules/setup.ts) say the same.
 */
export const SETUP_NUMBER_BOUNDS = {
  emailBatchSize: { min: 0, message: 'Enter 0 (no limit) or a positive number.' },
  emailCheckIntervalSeconds: { min: 10, message: 'Check at most every 10 seconds: enter 10 or more.' },
  emailImapPort: { min: 1, max: 65535, message: 'Enter a port from 1 to 65535.' },
} as const satisfies Record<string, { min: number; max?: number; message: string }>;

/** A setup change with an e-mail logging number out of its bounds is refused in those words. */
export function assertSetupNumbers(changes: Record<string, unknown>): void {
  for (const [field, bounds] of Object.entries(SETUP_NUMBER_BOUNDS) as [
    string,
    { min: number; max?: number; message: string },
  ][]) {
    const v = changes[field];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) continue; // blank, or not a number: the type checks say so
    if (n < bounds.min || (bounds.max !== undefined && n > bounds.max))
      throw new RuleViolation(bounds.message, [field]);
  }
}

/** The setup is a single record the whole plugin reads: it is changed, never deleted. */
export const setupDeleteViolation = () =>
  new RuleViolation('The Marketing Setup cannot be deleted; change its fields instead.');
