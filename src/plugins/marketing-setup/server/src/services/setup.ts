import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { SETUP_DEFAULTS } from '../domain/setup';
import { UID } from '../utils/uids';
import { forgetSetup, loadSetup, type FlatSetup } from '../repositories/setup';

export type { FlatSetup };

/** The Marketing Setup: read once per transaction (repositories/setup.ts), created on first boot. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The setup inside transaction `trx` (cached for that transaction), or outside any transaction. */
  get(trx?: Knex.Transaction): Promise<FlatSetup> {
    return loadSetup(strapi, trx);
  },

  /** A write to the setup makes the cached copy of its transaction stale. */
  forget(trx: Knex.Transaction) {
    forgetSetup(trx);
  },

  /** Creates the setup with the reference defaults on first boot (idempotent). */
  async ensure() {
    const existing = await strapi.documents(UID.setup).findFirst({});
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document service types `data` per content type of the host's registry
    if (!existing) await strapi.documents(UID.setup).create({ data: { ...SETUP_DEFAULTS } as any });
  },
});
