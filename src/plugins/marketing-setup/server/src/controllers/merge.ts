import type { Core } from '@strapi/strapi';
import { getService } from '../utils/services';
import { emptyBody, mergeBody, parse } from '../validation/content-api';

/** The merge request (content API and admin API alike); which fields may be taken is the domain's rule. */
export const validateMergeBody = (body: unknown) => parse(mergeBody, body);

/**
 * POST /contacts/:documentId/merge   { duplicate, fields?, dryRun? }  → the dry-run plan, or the merge done
 * POST /merge-log/:documentId/undo                                     → both contacts restored
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async merge(ctx: any) {
    const body = validateMergeBody(ctx.request.body);
    ctx.body = { data: await getService(strapi, 'merge').merge(ctx.params.documentId, body) };
  },
  async undo(ctx: any) {
    parse(emptyBody, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'merge').undo(ctx.params.documentId) };
  },
});
