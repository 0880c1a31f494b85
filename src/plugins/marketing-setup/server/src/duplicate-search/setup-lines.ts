/**
 * The search-string setup lines: seeded once with the reference default, and read at most once per
 * transaction (every contact write needs them).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { DEFAULT_SEARCH_SETUP, type SearchLine } from '../domain/duplicates/search-strings';
import { tableOf } from '../repositories/tables';
import { UID } from '../utils/uids';
import { perTransaction } from '../repositories/per-transaction';

const lines = perTransaction<SearchLine[]>();

/** The setup lines inside `trx` (cached for that transaction), in a stable order. */
export const searchLines = (strapi: Core.Strapi, trx: Knex.Transaction): Promise<SearchLine[]> =>
  lines.get(trx, async () => {
    const rows: any[] = await trx(tableOf(strapi, UID.duplicateSearchSetup))
      .select('field', 'part', 'length')
      .orderBy('id');
    return rows.map((r) => ({ field: r.field, part: r.part, length: Number(r.length) }));
  });

/** A write to the setup lines makes the cached copy of its transaction stale. */
export const forgetSearchLines = (trx: Knex.Transaction) => lines.forget(trx);

const SEEDED = { type: 'plugin', name: 'marketing-setup', key: 'duplicateSearchSetupSeeded' } as const;

/**
 * Creates the reference's 16 lines on first boot. A flag in Strapi's store, not "the table is empty",
 * decides: a user who deletes every line does not get them back at the next restart.
 */
export async function seedSearchSetup(strapi: Core.Strapi) {
  if (await strapi.store.get(SEEDED)) return;
  if ((await strapi.db.query(UID.duplicateSearchSetup).count({})) === 0) {
    for (const line of DEFAULT_SEARCH_SETUP)
      await strapi.documents(UID.duplicateSearchSetup).create({ data: { ...line } as any });
  }
  await strapi.store.set({ ...SEEDED, value: true });
}
