import { RuleViolation, StaleWrite } from './errors';

/**
 * Optimistic concurrency for contacts. A contact's `revision` is the moment of its last write (its updatedAt, to the
 * millisecond) as a reader saw it. The Content Manager's form sends every field of the record back on save — also the
 * ones the user never touched —, so a form left open while the company's new address reached its persons would save
 * the old address as the person's own. A form (or API client) that sends the revision it read is refused when the
 * contact was written since, as Business Central refuses a page that is no longer up to date. Without a revision the
 * write goes through as before (last write wins).
 */

/** The revision of a record last written at `updatedAt` (Date, ISO text or epoch ms), or null when unknown. */
export function revisionOf(updatedAt: unknown): string | null {
  if (updatedAt === null || updatedAt === undefined || updatedAt === '') return null;
  const date = updatedAt instanceof Date ? updatedAt : new Date(updatedAt as string | number);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The refusal of a write that sent `sent` as the revision it read, when the record's last write is `storedUpdatedAt`;
 * null when the write may go through (no revision sent, or the same one). A revision that is no date is a 400.
 */
export function staleRevision(sent: unknown, storedUpdatedAt: unknown, what = 'contact'): StaleWrite | null {
  if (sent === undefined || sent === null || sent === '') return null;
  const read = typeof sent === 'string' ? revisionOf(sent) : null;
  if (read === null)
    throw new RuleViolation(
      `Revision must be the value read with the ${what} (a date and time such as 2026-12-07T10:15:00.000Z), or left out.`,
      'revision',
    );
  const current = revisionOf(storedUpdatedAt);
  if (current === null || read === current) return null;
  const at = current.slice(11, 19);
  return new StaleWrite(
    `This ${what} was changed after you opened it (last saved at ${at} UTC, by another user or by a change of its ` +
      `company). Nothing was saved: reload the page to see the current values, then make your change again.`,
  );
}
