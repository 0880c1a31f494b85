import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { SETUP_DEFAULTS } from '../domain/setup';
import type { InheritFlags } from '../domain/inheritance';
import { UID } from '../utils/uids';
import { joinTableOf, tableOf } from './tables';
import { perTransaction } from './per-transaction';

/**
 * The setup as the write rules see it: scalar fields by attribute name, relations as numeric ids (or null).
 * Fields are read by name from Strapi's metadata, so their types are only known to each caller.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read by field name from metadata; many callers (other areas too) read it untyped
export type FlatSetup = Record<string, any>;

/** An attribute of the setup as Strapi's metadata describes it (the part read here). */
interface SetupAttribute {
  type: string;
  columnName?: string;
  joinTable?: unknown;
}

const cached = perTransaction<FlatSetup>();

/**
 * Reading the setup is on every write's path, so it is one statement (the setup row with a scalar
 * subquery per relation), read at most once per transaction.
 */
async function query(strapi: Core.Strapi, trx: Knex.Transaction | Knex): Promise<FlatSetup> {
  const attributes = strapi.db.metadata.get(UID.setup).attributes as unknown as Record<string, SetupAttribute>;
  const q = trx(`${tableOf(strapi, UID.setup)} as s`).first();
  const scalars: [string, string][] = [];
  for (const [name, attr] of Object.entries(attributes)) {
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
  const row = (await q) as FlatSetup | undefined;
  if (!row) return { ...SETUP_DEFAULTS };
  // SQLite returns booleans as 0/1.
  for (const [name, attr] of Object.entries(attributes))
    if (attr.type === 'boolean' && row[name] !== null) row[name] = !!row[name];
  return row;
}

/** The setup inside transaction `trx` (cached for that transaction), or outside any transaction. */
export function loadSetup(strapi: Core.Strapi, trx?: Knex.Transaction): Promise<FlatSetup> {
  if (!trx) return query(strapi, strapi.db.connection);
  return cached.get(trx, () => query(strapi, trx));
}

/** A write to the setup makes the cached copy of its transaction stale. */
export function forgetSetup(trx: Knex.Transaction) {
  cached.forget(trx);
}

/** The stored setup row's duplicate switches, Inherit flags and e-mail connection (null before the first boot created it). */
export async function storedSetupRow(strapi: Core.Strapi) {
  return (await strapi.db.query(UID.setup).findOne({})) as
    | ({
        maintainDuplSearchStrings: boolean;
        autosearchForDuplicates: boolean;
        emailImapHost?: string | null;
        emailQueueFolder?: string | null;
        emailStorageFolder?: string | null;
      } & Partial<InheritFlags>)
    | null;
}
