import type { Core } from '@strapi/strapi';
import { SETUP_DEFAULTS } from '../domain/setup';
import { UID } from '../utils/uids';

/** Relations of the setup that write rules read, with the record's numeric ids. */
const RELATIONS = [
  'defaultSalesperson', 'defaultTerritory', 'defaultCountryRegion', 'defaultLanguage',
  'defaultCompanySalutation', 'defaultPersonSalutation', 'defaultSalesCycle', 'contactNos', 'opportunityNos',
  'customerNos', 'vendorNos', 'bankAccountNos', 'busRelCodeForCustomers', 'busRelCodeForVendors', 'busRelCodeForBankAccounts',
] as const;
export type SetupRelation = (typeof RELATIONS)[number];

export type SetupRecord = Record<string, any> & { [K in (typeof RELATIONS)[number]]?: { id: number; documentId: string } | null };

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The setup as the write rules see it (inside the ambient transaction: the query engine joins it).
   * `relations` narrows what is populated, so a contact create reads only what it needs.
   */
  async get(relations: readonly (typeof RELATIONS)[number][] = RELATIONS): Promise<SetupRecord> {
    const row = await strapi.db.query(UID.setup).findOne({ populate: Object.fromEntries(relations.map((r) => [r, { select: ['id', 'documentId', 'code'] }])) });
    return row ?? { ...SETUP_DEFAULTS };
  },

  /** Creates the setup with the reference defaults on first boot (idempotent). */
  async ensure() {
    const existing = await strapi.documents(UID.setup).findFirst({});
    if (!existing) await strapi.documents(UID.setup).create({ data: { ...SETUP_DEFAULTS } as any });
  },
});
