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
