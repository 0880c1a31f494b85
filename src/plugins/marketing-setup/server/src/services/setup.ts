import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { SETUP_DEFAULTS } from '../domain/setup';
import { UID } from '../utils/uids';
import { joinTableOf, tableOf } from '../repositories/tables';
import { perTransaction } from '../repositories/per-transaction';

/** The setup as the write rules see it: scalar fields by attribute name, relations as numeric ids (or null). */
export type FlatSetup = Record<string, any>;

/**
 * Reading the setup is on every write's path, so it is one statement (the setup row with a scalar
 * subquery per relation), read at most once per transaction.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cached = perTransaction<FlatSetup>();

  const query = async (trx: Knex.Transaction | Knex): Promise<FlatSetup> => {
    const meta = strapi.db.metadata.get(UID.setup as any);
    const table = tableOf(strapi, UID.setup);
    const q = trx(`${table} as s`).first();
    const scalars: [string, string][] = [];
    for (const [name, attr] of Object.entries(meta.attributes) as [string, any][]) {
      if (attr.type === 'relation') {
        if (!attr.joinTable) continue; // createdBy / updatedBy: not read here
        const jt = joinTableOf(strapi, UID.setup, name);
        // A scalar subquery per relation: as cheap to plan as it is to run (15 joins were not).
        q.select(trx(jt.name).select(jt.inverseJoinColumn).whereRaw('?? = s.id', [jt.joinColumn]).limit(1).as(name));
      } else if (attr.columnName) {
        scalars.push([name, attr.columnName]);
      }
    }
    q.select(scalars.map(([name, col]) => `s.${col} as ${name}`));
    const row = await q;
    if (!row) return { ...SETUP_DEFAULTS };
    // SQLite returns booleans as 0/1.
    for (const [name, attr] of Object.entries(meta.attributes) as [string, any][])
      if (attr.type === 'boolean' && row[name] !== null) row[name] = !!row[name];
    return row;
  };

  return {
    /** The setup inside transaction `trx` (cached for that transaction), or outside any transaction. */
    get(trx?: Knex.Transaction): Promise<FlatSetup> {
      if (!trx) return query(strapi.db.connection);
      return cached.get(trx, () => query(trx));
    },

    /** A write to the setup makes the cached copy of its transaction stale. */
    forget(trx: Knex.Transaction) {
      cached.forget(trx);
    },

    /** Creates the setup with the reference defaults on first boot (idempotent). */
    async ensure() {
      const existing = await strapi.documents(UID.setup).findFirst({});
      if (!existing) await strapi.documents(UID.setup).create({ data: { ...SETUP_DEFAULTS } as any });
    },
  };
};
