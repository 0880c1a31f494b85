import type { Core } from '@strapi/strapi';
import { validateYupSchema, yup } from '@strapi/utils';
import { validateMergeBody } from '../controllers/merge';
import { PERMISSIONS } from '../permissions';
import { forbidden } from '../utils/errors';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { recordAccess } from './record-access';

const listQuery = yup
  .object({
    page: yup.number().integer().min(1).default(1),
    pageSize: yup.number().integer().min(1).max(100).default(25),
  })
  .noUnknown();

/**
 * Admin API of the merge (a dry run and the list need duplicates.review; a real merge and an undo need duplicates.merge;
 * and on the contacts themselves what domain/record-permissions says — update the survivor, delete the duplicate):
 *  POST /marketing-setup/contacts/:documentId/merge         { duplicate, fields?, dryRun? }
 *  POST /marketing-setup/merge-logs/:documentId/undo
 *  GET  /marketing-setup/merge-logs?page&pageSize
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const mayMerge = (ctx: any) => {
    if (!ctx.state.userAbility?.can(PERMISSIONS.duplicatesMerge))
      throw forbidden('You may review duplicates but not merge them.');
  };
  return {
    async merge(ctx: any) {
      const body = await validateMergeBody(ctx.request.body);
      if (!body.dryRun) mayMerge(ctx);
      await recordAccess(strapi, ctx).authorize(body.dryRun ? 'mergeDryRun' : 'merge', {
        survivor: ctx.params.documentId,
        duplicate: body.duplicate,
      });
      ctx.body = { data: await getService(strapi, 'merge').merge(ctx.params.documentId, body as any) };
    },
    async undo(ctx: any) {
      const log: any = await strapi
        .documents(UID.mergeLog as any)
        .findOne({ documentId: ctx.params.documentId, fields: ['survivorDocumentId'] } as any);
      // An unknown log is the service's 404; a known one needs the rights to change the survivor and re-create the duplicate.
      if (log) await recordAccess(strapi, ctx).authorize('undo', { survivor: log.survivorDocumentId });
      ctx.body = { data: await getService(strapi, 'merge').undo(ctx.params.documentId) };
    },
    async list(ctx: any) {
      const q = await validateYupSchema(listQuery, { strict: false })(ctx.query ?? {}); // query strings: cast "2" to 2
      ctx.body = await getService(strapi, 'merge').list(Number(q.page), Number(q.pageSize));
    },
  };
};
