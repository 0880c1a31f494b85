import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { validateSetupUpdate } from '../validation/admin/settings';
import type { LookupType } from '../../../shared/contracts/lookups';
import {
  SETUP_RELATIONS,
  SETUP_SCALARS,
  type SetupData,
  type SetupRelation,
  type SetupResponse,
} from '../../../shared/contracts/settings';
import { blankToNull, fieldErrors, missingRefs, refFields, toRef } from './shared';

/** An example of the body, for the message of a body that is no object. */
const SETTINGS_BODY = '{ "searchHitPercent": 60 }';

const RELATION_ENTRIES = Object.entries(SETUP_RELATIONS) as [SetupRelation, LookupType][];

/** The setup as the settings page edits it: scalar fields, and each relation as { documentId, code, name } or null. */
export async function readSetup(strapi: Core.Strapi): Promise<SetupData> {
  const populate = Object.fromEntries(RELATION_ENTRIES.map(([field, type]) => [field, { fields: refFields(type) }]));
  let row = await strapi.documents(UID.setup).findFirst({ populate });
  if (!row) {
    await getService(strapi, 'setup').ensure();
    row = await strapi.documents(UID.setup).findFirst({ populate });
  }
  // ensure() has just created the single setup row.
  const setup = row!;
  const data: Record<string, unknown> = { documentId: setup.documentId, updatedAt: setup.updatedAt ?? null };
  for (const field of SETUP_SCALARS) data[field] = setup[field] ?? null;
  for (const [field, type] of RELATION_ENTRIES) data[field] = toRef(type, setup[field]);
  return data as SetupData;
}

/**
 * GET /marketing-setup/settings and PUT /marketing-setup/settings. The update goes through
 * strapi.documents(), so the plugin's write rules (duplicate-switch coupling, Search Hit % range) run
 * and answer with a ValidationError naming the field.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const body: SetupResponse = { data: await readSetup(strapi) };
    ctx.body = body;
  },

  async update(ctx: Context) {
    const input: Record<string, unknown> = await validateSetupUpdate(blankToNull(ctx.request.body, SETTINGS_BODY));
    const refs = RELATION_ENTRIES.filter(([field]) => typeof input[field] === 'string').map(
      ([field, type]) => [field, type, input[field]] as [string, LookupType, string],
    );
    const problems = await missingRefs(strapi, refs);
    if (problems.length) throw fieldErrors(problems);

    const { documentId } = await readSetup(strapi);
    await strapi.documents(UID.setup).update({ documentId, data: input });
    const body: SetupResponse = { data: await readSetup(strapi) };
    ctx.body = body;
  },
});
