import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { uidOf } from '../content-types/fields';
import { isLookupType, LOOKUP_TYPES, refFields, toRef } from './shared';

const MAX_LIMIT = 500;

/**
 * GET /marketing-setup/lookups/:type?q=&limit= — the entries of a master-data table as
 * { documentId, code, name }, sorted by code, for the pickers of the settings page.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const { type } = ctx.params;
    if (!isLookupType(type)) {
      throw new errors.NotFoundError(`Unknown list "${type}". Known lists: ${Object.keys(LOOKUP_TYPES).join(', ')}.`);
    }
    const q = typeof ctx.query.q === 'string' ? ctx.query.q.trim() : '';
    const requested = Number.parseInt(String(ctx.query.limit ?? ''), 10);
    const limit = Number.isFinite(requested) && requested > 0 ? Math.min(requested, MAX_LIMIT) : 200;
    const filters = q ? { $or: [{ code: { $containsi: q } }, { [LOOKUP_TYPES[type]]: { $containsi: q } }] } : undefined;
    const uid = uidOf(type) as any;
    const [rows, total] = await Promise.all([
      strapi.documents(uid).findMany({ fields: refFields(type), filters, sort: 'code:asc', limit } as any),
      strapi.documents(uid).count({ filters } as any),
    ]);
    ctx.body = { data: rows.map((row: any) => toRef(type, row)), meta: { total, limit } };
  },
});
