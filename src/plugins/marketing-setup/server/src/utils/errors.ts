import { errors } from '@strapi/utils';
import { RuleViolation, StaleWrite } from '../domain/errors';

/** A 400 with a human message and the field path, in the shape the admin's error handler reads. */
export const validationError = (message: string, path: string[] = []) =>
  new errors.ValidationError(message, { errors: [{ path, message, name: 'ValidationError' }] });

/** A unique index refused a value (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE): two writes raced for it. */
const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/**
 * A 409 Conflict with a human message. Strapi answers an http-errors `HttpError` with its own status; that class is
 * abstract (it throws when constructed), so this error takes its prototype instead — no dependency of our own on
 * http-errors, the one Strapi's error middleware checks against.
 */
class ConflictError extends Error {
  readonly status = 409;
  readonly statusCode = 409;
  readonly expose = true;
  readonly details = {};
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
Object.setPrototypeOf(ConflictError.prototype, errors.HttpError.prototype);

export const conflict = (message: string) => new ConflictError(message);

/** Domain rule violations and unique-index races become ValidationErrors, a stale write a 409; anything else passes through. */
export const toHttpError = (err: unknown) => {
  if (err instanceof RuleViolation) return validationError(err.message, err.path);
  if (err instanceof StaleWrite) return conflict(err.message);
  if (isUniqueViolation(err))
    return validationError('This number or code was just taken by another write; try again.', []);
  return err;
};

export const notFound = (message: string) => new errors.NotFoundError(message);

/**
 * A 403 with a message the user sees. Strapi's authorize middleware turns any other ForbiddenError
 * thrown by a handler into a bare "Forbidden"; a PolicyError (a ForbiddenError) keeps its message.
 */
export const forbidden = (message: string) => new errors.PolicyError(message);

/** Runs a synchronous domain rule; its refusal (a RuleViolation) becomes the 400 the caller answers. */
export const checked = <T>(rule: () => T): T => {
  try {
    return rule();
  } catch (err) {
    throw toHttpError(err);
  }
};
