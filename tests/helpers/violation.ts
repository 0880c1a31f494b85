import { RuleViolation } from '../../src/plugins/marketing-setup/server/src/domain/errors';

/** Runs `fn`, expects a RuleViolation, and hands it back for message and path checks. */
export function violation(fn: () => unknown): RuleViolation {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RuleViolation);
    return e as RuleViolation;
  }
  throw new Error('expected a RuleViolation');
}
