import { errors } from '@strapi/utils';
import { RuleViolation } from '../domain/errors';

/** A 400 with a human message and the field path, in the shape the admin's error handler reads. */
export const validationError = (message: string, path: string[] = []) =>
  new errors.ValidationError(message, { errors: [{ path, message, name: 'ValidationError' }] });

/** Domain rule violations become ValidationErrors; everything else passes through untouched. */
export const toHttpError = (err: unknown) =>
  err instanceof RuleViolation ? validationError(err.message, err.path) : err;

export const notFound = (message: string) => new errors.NotFoundError(message);
