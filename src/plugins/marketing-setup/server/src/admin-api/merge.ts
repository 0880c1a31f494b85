import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validateMergeBody } from '../validation/content-api';
import { validateMergeLogQuery } from '../validation/admin/merge';
import { PERMISSIONS } from '../permissions';
import { forbidden } from '../utils/errors';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { recordAccess } from './record-access';
import { documents } from '../utils/documents';
import { differencesShown, type Difference } from '../domain/hidden-fields';

/**
 * Admin API of the merge (a dry run and the list need duplicates.review; a real merge and an undo need duplicates.merge;
 * and on the contacts themselves what domain/record-permissions says — update the survivor, delete the duplicate):
 *  POST /marketing-setup/contacts/:documentId/merge         { duplicate, fields?, dryRun? }
 *  POST /marketing-setup/merge-logs/:documentId/undo
 *  GET  /marketing-setup/merge-logs?page&pageSize
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const mayMerge = (ctx: Context) => {
    if (!ctx.state.userAbility?.can(PERMISSIONS.duplicatesMerge))
      throw forbidden('You may review duplicates but not merge them.');
  };
  return {
    async merge(ctx: Context) {
      const body = validateMergeBody(ctx.request.body);
      if (!body.dryRun) mayMerge(ctx);
      const access = recordAccess(strapi, ctx);
      const { survivor, duplicate } = await access.authorize(body.dryRun ? 'mergeDryRun' : 'merge', {
        survivor: ctx.params.documentId,
        duplicate: body.duplicate,
      });
      const result = await getService(strapi, 'merge').merge(ctx.params.documentId, body);
      if (body.dryRun && survivor && duplicate && 'differences' in result) {
        // Field-level read permissions: a differing field the role may not read on either contact shows no value.
        const differences = result.differences as Difference[];
        const fields = differences.map((d) => d.field);
        const onSurvivor = new Set(access.readable(survivor, fields));
        const onDuplicate = new Set(access.readable(duplicate, fields));
        const hidden = (f: string) => !onSurvivor.has(f) || !onDuplicate.has(f);
        ctx.body = { data: { ...result, differences: differencesShown(differences, hidden) } };
        return;
      }
      ctx.body = { data: result };
    },
    async undo(ctx: Context) {
      const log = await documents(strapi, UID.mergeLog).findOne({
        documentId: ctx.params.documentId,
        fields: ['survivorDocumentId'],
      });
      // An unknown log is the service's 404; a known one needs the rights to change the survivor and re-create the duplicate.
      if (log) await recordAccess(strapi, ctx).authorize('undo', { survivor: log.survivorDocumentId as string });
      ctx.body = { data: await getService(strapi, 'merge').undo(ctx.params.documentId) };
    },
    async list(ctx: Context) {
      const q = await validateMergeLogQuery(ctx.query);
      ctx.body = await getService(strapi, 'merge').list(Number(q.page), Number(q.pageSize));
    },
  };
};
