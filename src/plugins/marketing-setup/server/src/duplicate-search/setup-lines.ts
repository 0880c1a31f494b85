/** The search-string setup lines, seeded once with the reference default. */
import type { Core } from '@strapi/strapi';
import { DEFAULT_SEARCH_SETUP } from '../domain/duplicates/search-strings';
import { lineCount } from '../repositories/search-setup-lines';
import { UID } from '../utils/uids';
import { documents } from '../utils/documents';

const SEEDED = { type: 'plugin', name: 'marketing-setup', key: 'duplicateSearchSetupSeeded' } as const;

/**
 * Creates the reference's 16 lines on first boot. A flag in Strapi's store, not "the table is empty",
 * decides: a user who deletes every line does not get them back at the next restart.
 */
export async function seedSearchSetup(strapi: Core.Strapi) {
  if (await strapi.store.get(SEEDED)) return;
  if ((await lineCount(strapi)) === 0) {
    for (const line of DEFAULT_SEARCH_SETUP)
      await documents(strapi, UID.duplicateSearchSetup).create({ data: { ...line } });
  }
  await strapi.store.set({ ...SEEDED, value: true });
}
