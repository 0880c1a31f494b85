import { errors } from '@strapi/utils';
import { RuleViolation } from '../domain/errors';

/** A 400 with a human message and the field path, in the shape the admin's error handler reads. */
export const validationError = (message: string, path: string[] = []) =>
  new errors.ValidationError(message, { errors: [{ path, message, name: 'ValidationError' }] });

/** A unique index refused a value (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE): two writes raced for it. */
const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/** Domain rule violations and unique-index races become ValidationErrors; anything else passes through. */
export const toHttpError = (err: unknown) => {
  if (err instanceof RuleViolation) return validationError(err.message, err.path);
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
