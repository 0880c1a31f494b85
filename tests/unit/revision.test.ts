import { revisionOf, staleRevision } from '../../src/plugins/marketing-setup/server/src/domain/revision';
import { RuleViolation, StaleWrite } from '../../src/plugins/marketing-setup/server/src/domain/errors';

const SAVED = '2026-12-07T10:15:30.123Z';

describe("revision: the moment of a record's last write", () => {
  test('read the same from a Date, ISO text (any offset) or epoch milliseconds; unknown is null', () => {
    expect(revisionOf(new Date(SAVED))).toBe(SAVED);
    expect(revisionOf('2026-12-07T11:15:30.123+01:00')).toBe(SAVED);
    expect(revisionOf(Date.parse(SAVED))).toBe(SAVED);
    expect([revisionOf(null), revisionOf(undefined), revisionOf(''), revisionOf('yesterday')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  test('no revision sent, or the one of the last write: the write goes through', () => {
    expect(staleRevision(undefined, SAVED)).toBeNull();
    expect(staleRevision(null, SAVED)).toBeNull();
    expect(staleRevision('', SAVED)).toBeNull();
    expect(staleRevision(SAVED, new Date(SAVED))).toBeNull();
  });

  test('an older revision: refused with the time of the last write, in words a user acts on', () => {
    const refusal = staleRevision('2026-12-07T10:15:29.999Z', SAVED);
    expect(refusal).toBeInstanceOf(StaleWrite);
    expect(refusal!.message).toBe(
      'This contact was changed after you opened it (last saved at 10:15:30 UTC, by another user or by a change of ' +
        'its company). Nothing was saved: reload the page to see the current values, then make your change again.',
    );
  });

  test('a revision that is no date is a broken rule on the field (a 400), not a conflict', () => {
    expect(() => staleRevision('yesterday', SAVED)).toThrow(RuleViolation);
    expect(() => staleRevision({ at: SAVED }, SAVED)).toThrow(
      'Revision must be the value read with the contact (a date and time such as 2026-12-07T10:15:00.000Z), or left out.',
    );
  });
});
