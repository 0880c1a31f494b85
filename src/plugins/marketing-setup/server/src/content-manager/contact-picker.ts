/**
 * The Content Manager's relation pickers to contacts search by name and by number, and the pickers of a
 * company link (a person's company) offer companies only.
 *
 * The picker lists what `GET /content-manager/relations/:model/:field` returns; that controller searches
 * `_q` in the main field only and has no hook for a filter per field. This server middleware rewrites
 * the picker's query before it reaches the controller: `_q` becomes filters (domain
 * contactPickerFilters), which the controller sanitises against the user's read permissions like any
 * filter and then combines with its own (already linked, omitted ids …).
 */
import type { Core } from '@strapi/strapi';
import { PLUGIN, uidOf } from '../content-types/fields';
import { contactPickerFilters } from '../domain/content-manager-layout';
import { COMPANY_PICKERS } from './layouts';

const PICKER_PATH = /^\/content-manager\/relations\/([^/]+)\/([^/]+)$/;
const CONTACT = uidOf('contact');
const PREFIX = `plugin::${PLUGIN}.`;

export const contactPickerMiddleware = (strapi: Core.Strapi) => async (ctx: any, next: () => Promise<unknown>) => {
  const match = ctx.method === 'GET' ? PICKER_PATH.exec(ctx.path) : null;
  if (match) {
    const model = decodeURIComponent(match[1]);
    const field = decodeURIComponent(match[2]);
    const attribute = (strapi.contentTypes as any)[model]?.attributes?.[field];
    if (attribute?.type === 'relation' && attribute.target === CONTACT) {
      const companiesOnly = model.startsWith(PREFIX) && (COMPANY_PICKERS[model.slice(PREFIX.length)] ?? []).includes(field);
      const { _q: search, filters, ...query } = ctx.query;
      const extra = contactPickerFilters(search, companiesOnly);
      if (extra.length) {
        ctx.query = { ...query, filters: { $and: [...(filters ? [filters] : []), ...extra] } };
      }
    }
  }
  return next();
};
