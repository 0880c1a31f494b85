/**
 * The Content Manager's relation pickers to contacts search by name and by number, the pickers of a
 * company link (a person's company) offer companies only, and options and chips read "CT000001 Fabrikam NV".
 *
 * The picker lists what `GET /content-manager/relations/:model/:field` returns; that controller searches
 * `_q` in the main field only and has no hook for a filter per field. This server middleware rewrites
 * the picker's query before it reaches the controller: `_q` becomes filters (domain
 * contactPickerFilters), which the controller sanitises against the user's read permissions like any
 * filter and then combines with its own (already linked, omitted ids …).
 *
 * The picker also filters its loaded options by their shown text, so a number finds something only when
 * the option shows it: the answers of the picker and of the linked relations (the chips) name a contact
 * "<No.> <Name>" (domain contactCaption), computed per answer rather than stored, so it is never stale.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PLUGIN, uidOf } from '../content-types/fields';
import { contactCaption, contactPickerFilters } from '../domain/content-manager-layout';
import { COMPANY_PICKERS } from './layouts';
import { contactsByIds } from '../repositories/contacts';

const PICKER_PATH = /^\/content-manager\/relations\/([^/]+)\/([^/]+)$/;
const LINKED_PATH = /^\/content-manager\/relations\/([^/]+)\/[^/]+\/([^/]+)$/;
const CONTACT = uidOf('contact');
const PREFIX = `plugin::${PLUGIN}.`;

/** The relation field a picker request is about, when it links to contacts. */
const contactRelation = (strapi: Core.Strapi, model: string, field: string) => {
  const attribute = (
    strapi.contentTypes as unknown as Record<
      string,
      { attributes?: Record<string, { type?: string; target?: string }> }
    >
  )[model]?.attributes?.[field];
  return attribute?.type === 'relation' && attribute.target === CONTACT;
};

/** Names each contact of a picker answer "<No.> <Name>" (one query for the numbers). */
type PickerResult = { id?: unknown; name?: unknown } | null;

async function captionContacts(strapi: Core.Strapi, results: PickerResult[]) {
  const ids = results.map((r) => r?.id).filter((id) => typeof id === 'number');
  if (!ids.length) return;
  const rows = await contactsByIds({ strapi }, ids as number[], ['id', 'no', 'name']);
  const byId = new Map(rows.map((r) => [r.id as number, r as unknown as { no: string | null; name: string | null }]));
  for (const r of results) {
    const row = r && byId.get(r.id as number);
    if (row && 'name' in r) r.name = contactCaption(row.no, row.name);
  }
}

export const contactPickerMiddleware = (strapi: Core.Strapi) => async (ctx: Context, next: () => Promise<unknown>) => {
  if (ctx.method !== 'GET' || !ctx.path.startsWith('/content-manager/relations/')) return next();
  const picker = PICKER_PATH.exec(ctx.path);
  const linked = picker ? null : LINKED_PATH.exec(ctx.path);
  const [, rawModel, rawField] = picker ?? linked ?? [];
  const model = rawModel && decodeURIComponent(rawModel);
  const field = rawField && decodeURIComponent(rawField);
  if (!model || !field || !contactRelation(strapi, model, field)) return next();
  if (picker) {
    const companiesOnly =
      model.startsWith(PREFIX) && (COMPANY_PICKERS[model.slice(PREFIX.length)] ?? []).includes(field);
    const { _q: search, filters, ...query } = ctx.query;
    const extra = contactPickerFilters(search, companiesOnly);
    if (extra.length) ctx.query = { ...query, filters: { $and: [...(filters ? [filters] : []), ...extra] } };
  }
  await next();
  const results = (ctx.body as { results?: unknown } | undefined)?.results;
  if (ctx.status === 200 && Array.isArray(results)) await captionContacts(strapi, results);
};
