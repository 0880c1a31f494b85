import type { Core } from '@strapi/strapi';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { SETUP_RELATIONS, SETUP_SCALARS, validateSetupUpdate, type SetupRelation } from './validation';
import { blankToNull, fieldErrors, missingRefs, refFields, toRef, type LookupType } from './shared';

const RELATION_ENTRIES = Object.entries(SETUP_RELATIONS) as [SetupRelation, LookupType][];

/** The setup as the settings page edits it: scalar fields, and each relation as { documentId, code, name } or null. */
export async function readSetup(strapi: Core.Strapi) {
  const populate = Object.fromEntries(RELATION_ENTRIES.map(([field, type]) => [field, { fields: refFields(type) }]));
  let row: any = await strapi.documents(UID.setup).findFirst({ populate } as any);
  if (!row) {
    await getService(strapi, 'setup').ensure();
    row = await strapi.documents(UID.setup).findFirst({ populate } as any);
  }
  const data: Record<string, unknown> = { documentId: row.documentId, updatedAt: row.updatedAt ?? null };
  for (const field of SETUP_SCALARS) data[field] = row[field] ?? null;
  for (const [field, type] of RELATION_ENTRIES) data[field] = toRef(type, row[field]);
  return data;
}

/**
 * GET /marketing-setup/settings and PUT /marketing-setup/settings. The update goes through
 * strapi.documents(), so the plugin's write rules (duplicate-switch coupling, Search Hit % range) run
 * and answer with a ValidationError naming the field.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    ctx.body = { data: await readSetup(strapi) };
  },

  async update(ctx: any) {
    const input: Record<string, any> = await validateSetupUpdate(blankToNull(ctx.request.body));
    const refs = RELATION_ENTRIES.filter(([field]) => typeof input[field] === 'string').map(
      ([field, type]) => [field, type, input[field]] as [string, LookupType, string],
    );
    const problems = await missingRefs(strapi, refs);
    if (problems.length) throw fieldErrors(problems);

    const { documentId } = await readSetup(strapi);
    await strapi.documents(UID.setup).update({ documentId: documentId as string, data: input } as any);
    ctx.body = { data: await readSetup(strapi) };
  },
});
