/**
 * A broken business rule, raised by the pure domain modules. It knows nothing of Strapi:
 * the adapter layer turns it into a `ValidationError` (HTTP 400) with `path` in `details.errors`.
 */
export class RuleViolation extends Error {
  readonly path: string[];

  constructor(message: string, path: string | string[] = []) {
    super(message);
    this.name = 'RuleViolation';
    this.path = Array.isArray(path) ? path : [path];
  }
}

/**
 * A save made from a stale copy of a record: someone (another user, or the company's change reaching its persons)
 * wrote the record after the form or client read it. The adapter layer answers 409 Conflict; nothing is written.
 */
export class StaleWrite extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleWrite';
  }
}
