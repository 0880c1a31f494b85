import type { Core } from '@strapi/strapi';
import { yup, validateYupSchema } from '@strapi/utils';
import { getService } from '../utils/services';

/** The merge request (content API and admin API alike); which fields may be taken is the domain's rule. */
export const mergeBody = yup.object({
  duplicate: yup.string().required('Name the duplicate contact (its documentId) in duplicate.'),
  fields: yup.array(yup.string().required()).optional(),
  dryRun: yup.boolean().optional(),
}).noUnknown().strict();

export const validateMergeBody = (body: unknown) => validateYupSchema(mergeBody)(body ?? {});

/**
 * POST /contacts/:documentId/merge   { duplicate, fields?, dryRun? }  → the dry-run plan, or the merge done
 * POST /merge-log/:documentId/undo                                     → both contacts restored
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async merge(ctx: any) {
    const body = await validateMergeBody(ctx.request.body);
    ctx.body = { data: await getService(strapi, 'merge').merge(ctx.params.documentId, body as any) };
  },
  async undo(ctx: any) {
    await validateYupSchema(yup.object({}).noUnknown())(ctx.request.body ?? {});
    ctx.body = { data: await getService(strapi, 'merge').undo(ctx.params.documentId) };
  },
});
