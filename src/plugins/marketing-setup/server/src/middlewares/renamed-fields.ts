import type { Context } from 'koa';
import { renamedFieldViolation } from '../domain/opportunity';
import { toHttpError } from '../utils/errors';

/**
 * Route middleware of the opportunity's REST create and update: a client written for an earlier release
 * that still sends `status` learns the new field name (a 400 naming it), instead of Strapi's "Invalid key".
 */
export const renamedOpportunityFields = async (ctx: Context, next: () => Promise<unknown>) => {
  const violation = renamedFieldViolation(ctx.request?.body?.data);
  if (violation) throw toHttpError(violation);
  return next();
};
