/**
 * The chips of a record's linked relations (`GET /content-manager/relations/:model/:id/:field`) never show a
 * documentId. The Content Manager answers a linked record the user may not read (the Author's "is creator": the
 * default salutation an Author's contact got was created by someone else) with its ids only, and the admin then
 * names the chip by its documentId. This middleware gives such a record a label (domain hiddenRelationLabel):
 * - master data (LOOKUP_TYPES: salutation, salesperson, territory …) of a type whose main field the role may read at
 *   all: its main field (else its code), as for a record the role created itself;
 * - anything else (another admin's contact, customer …, or a type the role may not read): "Not visible to your
 *   role", in the admin user's language, and nothing of the record.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PLUGIN } from '../content-types/fields';
import { hiddenRelationLabel } from '../domain/content-manager-layout';
import { LOOKUP_TYPES } from '../../../shared/contracts/lookups';
import { recordsByIds } from '../repositories/records';

const LINKED_PATH = /^\/content-manager\/relations\/([^/]+)\/[^/]+\/([^/]+)$/;
const PREFIX = `plugin::${PLUGIN}.`;
const MASTER_DATA = new Set(Object.keys(LOOKUP_TYPES).map((type) => PREFIX + type));

type Attribute = { type?: string; target?: string };
type Result = Record<string, unknown> & { id?: unknown };

/** The Content Manager's stored view of a type: the field that names a relation's records in its chips. */
async function chipField(strapi: Core.Strapi, model: string, field: string): Promise<string> {
  const contentManager = strapi.plugin('content-manager');
  const service = contentManager.service('content-types') as {
    findConfiguration(contentType: {
      uid: string;
    }): Promise<{ metadatas?: Record<string, { edit?: { mainField?: string } }> }>;
  };
  const configuration = await service.findConfiguration({ uid: model });
  return configuration.metadatas?.[field]?.edit?.mainField || 'id';
}

/** Whether the role may read this field of the type at all (conditions such as "is creator" aside). */
function mayReadField(strapi: Core.Strapi, userAbility: unknown, uid: string, field: string) {
  const contentManager = strapi.plugin('content-manager');
  const checker = contentManager.service('permission-checker') as {
    create(args: { userAbility: unknown; model: string }): { can: { read(entity: unknown, field: string): boolean } };
  };
  return checker.create({ userAbility, model: uid }).can.read(null, field) === true;
}

export const relationLabelsMiddleware = (strapi: Core.Strapi) => async (ctx: Context, next: () => Promise<unknown>) => {
  const linked = ctx.method === 'GET' ? LINKED_PATH.exec(ctx.path) : null;
  const model = linked && decodeURIComponent(linked[1]);
  if (!linked || !model?.startsWith(PREFIX)) return next();
  await next();
  const results = (ctx.body as { results?: unknown } | undefined)?.results;
  if (ctx.status !== 200 || !Array.isArray(results)) return;
  const field = decodeURIComponent(linked[2]);
  const attributes = (strapi.contentTypes as unknown as Record<string, { attributes?: Record<string, Attribute> }>)[
    model
  ]?.attributes;
  const target = attributes?.[field]?.target;
  const main = await chipField(strapi, model, field);
  const hidden = (results as Result[]).filter((r) => r && !(main in r) && typeof r.id === 'number');
  if (!target || !hidden.length) return;
  const dutch = String((ctx.state.user as { preferedLanguage?: unknown } | undefined)?.preferedLanguage ?? '')
    .toLowerCase()
    .startsWith('nl');
  const readable =
    MASTER_DATA.has(target) && main !== 'id' && mayReadField(strapi, ctx.state.userAbility, target, main);
  const ids = hidden.map((r) => r.id as number);
  const rows = readable ? await recordsByIds(strapi, target, ids, [main, 'code']) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const r of hidden) {
    const row = byId.get(r.id as number);
    r[main] = hiddenRelationLabel(row ? { value: row[main], code: row.code } : null, dutch);
  }
};
