import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/services';
import { emptyBody, parse, validateMergeBody } from '../validation/content-api';

/**
 * POST /contacts/:documentId/merge   { duplicate, fields?, dryRun? }  → the dry-run plan, or the merge done
 * POST /merge-log/:documentId/undo                                     → both contacts restored
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async merge(ctx: Context) {
    const body = validateMergeBody(ctx.request.body);
    ctx.body = { data: await getService(strapi, 'merge').merge(ctx.params.documentId, body) };
  },
  async undo(ctx: Context) {
    parse(emptyBody, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'merge').undo(ctx.params.documentId) };
  },
});
