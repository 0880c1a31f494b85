import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { DOCUMENT_KINDS, KIND_GROUPS, isDocumentKind } from '../../../shared/contracts/interactions';
import { getService } from '../utils/services';
import { idWhere, templateById, templateIdsByKind } from '../repositories/interaction-entries';
import { UID } from '../utils/uids';
import { recordAccess } from './record-access';

type TemplateRef = { documentId: string; code: string; name: string | null };
type TemplateRow = { id?: number; documentId: string; code: string; description?: string | null };
const toRef = (row: TemplateRow | null | undefined): TemplateRef | null =>
  row ? { documentId: row.documentId, code: row.code, name: row.description ?? null } : null;

/**
 * Admin API of interactions: the interaction template setup (a template per kind; null = not recorded)
 * and the contact side panel's timeline.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const setupDocs = () => strapi.documents(UID.interactionTemplateSetup);

  /**
   * { data: { <kind>: template | null }, meta: { groups, templates } } — templates feed the pickers. The
   * kinds' links are read from their link tables (one small query each) rather than a 25-relation populate.
   */
  const current = async () => {
    const templates = (await strapi
      .documents(UID.interactionTemplate)
      .findMany({ fields: ['code', 'description'], sort: 'code:asc', limit: 500 } as never)) as TemplateRow[];
    const byId = new Map(templates.map((t) => [t.id, t]));
    const data: Record<string, TemplateRef | null> = {};
    for (const [kind, id] of await templateIdsByKind(strapi, DOCUMENT_KINDS))
      data[kind] = id ? toRef(byId.get(id) ?? (await templateById(strapi, id))) : null;
    return { data, meta: { groups: KIND_GROUPS, templates: templates.map(toRef) } };
  };

  return {
    async templateSetup(ctx: Context) {
      ctx.body = await current();
    },

    /** Body: { <kind>: templateDocumentId | null, ... } — only the kinds given change. */
    async updateTemplateSetup(ctx: Context) {
      const body = ctx.request.body ?? {};
      if (typeof body !== 'object' || Array.isArray(body))
        throw new errors.ValidationError('Send an object of kind → template documentId (or null).');
      const data: Record<string, string | null> = {};
      for (const [kind, value] of Object.entries(body)) {
        if (!isDocumentKind(kind))
          throw new errors.ValidationError(`Unknown kind "${kind}". Known kinds: ${DOCUMENT_KINDS.join(', ')}.`, {
            errors: [{ path: [kind], message: `Unknown kind "${kind}".`, name: 'ValidationError' }],
          });
        if (value === null || value === '') {
          data[kind] = null;
          continue;
        }
        if (typeof value !== 'string') throw new errors.ValidationError(`${kind}: give a template documentId or null.`);
        if ((await idWhere(strapi, UID.interactionTemplate, { documentId: value })) === null)
          throw new errors.ValidationError(`${kind}: no interaction template ${value}.`, {
            errors: [{ path: [kind], message: `No interaction template ${value}.`, name: 'ValidationError' }],
          });
        data[kind] = value;
      }
      await getService(strapi, 'interactions').ensureSetup();
      const setup = await setupDocs().findFirst({ fields: ['documentId'] } as never);
      await setupDocs().update({ documentId: setup!.documentId, data } as never);
      ctx.body = await current();
    },

    async timeline(ctx: Context) {
      await recordAccess(strapi, ctx).authorize('timeline', { contact: ctx.params.documentId });
      ctx.body = await getService(strapi, 'interactions').timeline(ctx.params.documentId, ctx.query ?? {});
    },
  };
};
