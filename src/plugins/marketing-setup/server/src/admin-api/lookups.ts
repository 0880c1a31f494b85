import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { uidOf } from '../content-types/fields';
import { LOOKUP_TYPES, type LookupResponse } from '../../../shared/contracts/lookups';
import { isLookupType, refFields, toRef } from './shared';
import { documents } from '../utils/documents';

const MAX_LIMIT = 500;

/**
 * GET /marketing-setup/lookups/:type?q=&limit= — the entries of a master-data table as
 * { documentId, code, name }, sorted by code, for the pickers of the settings page.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { type } = ctx.params;
    if (!isLookupType(type)) {
      throw new errors.NotFoundError(`Unknown list "${type}". Known lists: ${Object.keys(LOOKUP_TYPES).join(', ')}.`);
    }
    const q = typeof ctx.query.q === 'string' ? ctx.query.q.trim() : '';
    const requested = Number.parseInt(String(ctx.query.limit ?? ''), 10);
    const limit = Number.isFinite(requested) && requested > 0 ? Math.min(requested, MAX_LIMIT) : 200;
    const filters = q ? { $or: [{ code: { $containsi: q } }, { [LOOKUP_TYPES[type]]: { $containsi: q } }] } : undefined;
    const uid = uidOf(type);
    const [rows, total] = await Promise.all([
      documents(strapi, uid).findMany({ fields: refFields(type), filters, sort: 'code:asc', limit }),
      documents(strapi, uid).count({ filters }),
    ]);
    const body: LookupResponse = {
      data: rows.map((row) => toRef(type, row)!),
      meta: { total, limit },
    };
    ctx.body = body;
  },
});
