/**
 * The records an imported row refers to: master data by code, the company by its No., and the contact
 * the row updates (by No., VAT Registration No. or e-mail). Read inside the ambient transaction of the chunk or
 * the dry run; a chunk's match keys at once.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CODE_RELATIONS, type CodeRelation, type MatchKey } from '../domain/contact-csv';
import { addressesOfField, normaliseAddress } from '../domain/email-logging';
import { uidOf } from '../content-types/fields';
import { UID } from '../utils/uids';
import { columnOf, joinTableOf, rowsOf, tableOf } from './tables';
import { transaction } from './unit-of-work';

/**
 * The master-data records whose code is this one without case (`ab` and `AB` both), for the domain's `pickByCode`
 * to choose from; up to ten.
 */
export async function recordsByCode(strapi: Core.Strapi, field: CodeRelation, code: string) {
  const rows = await strapi.db.query(uidOf(CODE_RELATIONS[field])).findMany({
    where: { code: { $eqi: code } },
    select: ['documentId', 'code'],
    orderBy: { id: 'asc' },
    limit: 10,
  });
  return rows.map((r) => ({ documentId: String(r.documentId), code: String(r.code) }));
}

/** The contact with this No. (the company a person row names), or null. */
export async function contactByNo(strapi: Core.Strapi, no: string) {
  const row = await strapi.db.query(UID.contact).findOne({ where: { no }, select: ['documentId', 'type'] });
  return row ? { documentId: String(row.documentId), type: String(row.type) } : null;
}

/**
 * Up to two companies with this name (without case or surrounding spaces): a hand-made file names the company a
 * person works for, not its No. `readable`: only those matching it (the importing admin's read conditions as a
 * filter); null: any.
 */
export async function companiesByName(strapi: Core.Strapi, name: string, readable: Record<string, unknown> | null) {
  const named = { type: 'company', name: { $eqi: name.trim() } };
  const rows = await strapi.db.query(UID.contact).findMany({
    where: readable ? { $and: [named, readable] } : named,
    select: ['documentId', 'type', 'no'],
    limit: 2,
  });
  return rows.map((r) => ({ documentId: String(r.documentId), type: String(r.type), no: (r.no as string) ?? null }));
}

/**
 * Up to five contacts with this name (without case; of `type` when given), oldest first, in the ambient
 * transaction: the contacts a row without a match key may stand for (domain `twinNameOf`). `LOWER(name)` is
 * indexed (migrations/indexes.ts).
 */
export const contactsNamed = (strapi: Core.Strapi, name: string, type?: string): Promise<MatchedContact[]> =>
  transaction(strapi, async ({ trx }) => {
    const col = (attribute: string) => columnOf(strapi, UID.contact, attribute);
    const result = await trx.raw(
      `SELECT id, ${col('documentId')} AS document_id, ${col('no')} AS no, ${col('name')} AS name,
        ${col('type')} AS type, ${col('vatRegistrationNo')} AS vat_registration_no, ${col('email')} AS email
      FROM ${tableOf(strapi, UID.contact)} WHERE LOWER(${col('name')}) = LOWER(?)${type ? ` AND ${col('type')} = ?` : ''}
      ORDER BY id LIMIT 5`,
      type ? [name, type] : [name],
    );
    return rowsOf<Record<string, unknown>>(result).map(matched);
  });

/** `contactByNo` for many Nos. at once: the contacts found, with their No. */
export async function contactsByNos(strapi: Core.Strapi, nos: string[]) {
  if (!nos.length) return [];
  const rows = await strapi.db
    .query(UID.contact)
    .findMany({ where: { no: { $in: nos } }, select: ['no', 'documentId', 'type'] });
  return rows.map((r) => ({ no: String(r.no), documentId: String(r.documentId), type: String(r.type) }));
}

export interface MatchedContact {
  id: number;
  documentId: string;
  no: string | null;
  name: string | null;
  type: string | null;
  /** The contact's other match values (an update that changes none of them changes what no key finds). */
  vatRegistrationNo: string | null;
  email: string | null;
}

const matched = (r: Record<string, unknown>): MatchedContact => ({
  id: Number(r.id),
  documentId: String(r.document_id),
  no: (r.no as string | null) ?? null,
  name: (r.name as string | null) ?? null,
  type: (r.type as string | null) ?? null,
  vatRegistrationNo: (r.vat_registration_no as string | null) ?? null,
  email: (r.email as string | null) ?? null,
});

/**
 * A stored VAT Registration No. as the domain's `vatMatchValue` reads one (upper case, no spaces, dots,
 * hyphens or slashes); the same expression is indexed (migrations/indexes.ts), so the lookup reads no table.
 */
export const vatKeySql = (column: string) =>
  `UPPER(REPLACE(REPLACE(REPLACE(REPLACE(${column}, ' ', ''), '.', ''), '-', ''), '/', ''))`;

/** Up to three contacts with the key's value, oldest first, as `contactsByKeys` finds them (in the ambient transaction). */
export const contactsByKey = (strapi: Core.Strapi, key: NonNullable<MatchKey>): Promise<MatchedContact[]> =>
  transaction(strapi, async ({ trx }) => (await contactsByKeys(strapi, trx, [key])).get(matchKeyId(key))!);

/** A match key as one string (field and value as the domain's `matchKeyOf` gives it), for `contactsByKeys`' answer. */
export const matchKeyId = (key: NonNullable<MatchKey>) => `${key.field}:${key.value}`;

/**
 * The contacts the match keys of many rows find, one statement per field (No., VAT Registration No., e-mail): by
 * `matchKeyId`, each key's up to three contacts, oldest first. E-mail is compared without case, VAT no. as
 * `vatKeySql` reads it; a person whose e-mail is its company's (inherited) does not own it and is left out (a
 * company is its own company: that link does not count), so a row with a company's e-mail finds the company, not
 * all its persons. An E-mail field holding several addresses ("a@x.be; b@x.be", which the field allows) is found by
 * each of them, as e-mail logging finds it. A key that finds none is there, empty.
 */
export async function contactsByKeys(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  keys: NonNullable<MatchKey>[],
): Promise<Map<string, MatchedContact[]>> {
  const out = new Map<string, MatchedContact[]>(keys.map((k) => [matchKeyId(k), []]));
  const table = tableOf(strapi, UID.contact);
  const col = (attribute: string) => columnOf(strapi, UID.contact, attribute);
  const link = joinTableOf(strapi, UID.contact, 'company');
  const inherited = `EXISTS (SELECT 1 FROM ${link.name} l
      JOIN ${table} co ON co.id = l.${link.inverseJoinColumn}
      WHERE l.${link.joinColumn} = c.id AND co.id <> c.id AND LOWER(co.${col('email')}) = LOWER(c.${col('email')}))`;
  const same = {
    no: `c.${col('no')} = v.k`,
    vatRegistrationNo: `${vatKeySql(`c.${col('vatRegistrationNo')}`)} = v.k`,
    email: `LOWER(c.${col('email')}) = LOWER(v.k) AND NOT ${inherited}`,
  };
  for (const field of ['no', 'vatRegistrationNo', 'email'] as const) {
    const values = [...new Set(keys.filter((k) => k.field === field).map((k) => k.value))];
    if (!values.length) continue;
    const result = await trx.raw(
      `WITH v(k) AS (VALUES ${values.map(() => '(?)').join(', ')})
      SELECT k, id, document_id, no, name, type, vat_registration_no, email FROM (SELECT v.k, c.id,
        c.${col('documentId')} AS document_id, c.${col('no')} AS no, c.${col('name')} AS name, c.${col('type')} AS type,
        c.${col('vatRegistrationNo')} AS vat_registration_no, c.${col('email')} AS email,
        row_number() OVER (PARTITION BY v.k ORDER BY c.id) AS rn
        FROM v JOIN ${table} c ON ${same[field]}) x WHERE rn <= 3 ORDER BY k, id`,
      values,
    );
    for (const r of rowsOf<Record<string, unknown>>(result))
      out.get(matchKeyId({ field, value: String(r.k) }))!.push(matched(r));
  }
  await addListedAddresses(strapi, trx, keys, out, inherited);
  return out;
}

/**
 * The contacts whose E-mail field holds several addresses, one of them an e-mail key's, added to that key's
 * contacts (oldest first, up to three). Such fields are few: read whole through the partial index of e-mail
 * logging (`_email_list_idx`, migrations/indexes.ts) and split by the domain's `addressesOfField`, without case.
 */
async function addListedAddresses(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  keys: NonNullable<MatchKey>[],
  out: Map<string, MatchedContact[]>,
  inherited: string,
) {
  const byAddress = new Map<string, string[]>();
  for (const k of keys) {
    const address = k.field === 'email' ? normaliseAddress(k.value) : null;
    if (address) byAddress.set(address, [...(byAddress.get(address) ?? []), matchKeyId(k)]);
  }
  if (!byAddress.size) return;
  const col = (attribute: string) => columnOf(strapi, UID.contact, attribute);
  const result = await trx.raw(
    `SELECT c.id, c.${col('documentId')} AS document_id, c.${col('no')} AS no, c.${col('name')} AS name,
      c.${col('type')} AS type, c.${col('vatRegistrationNo')} AS vat_registration_no, c.${col('email')} AS email
    FROM ${tableOf(strapi, UID.contact)} c
    WHERE (c.${col('searchEmail')} LIKE '%;%' OR c.${col('email2')} LIKE '%;%') AND c.${col('email')} LIKE '%;%'
      AND NOT ${inherited}
    ORDER BY c.id`,
  );
  const touched = new Set<string>();
  for (const r of rowsOf<Record<string, unknown>>(result))
    for (const address of addressesOfField(r.email))
      for (const id of [...new Set(byAddress.get(address) ?? [])]) {
        const list = out.get(id)!;
        if (!list.some((m) => m.id === Number(r.id))) list.push(matched(r));
        touched.add(id);
      }
  for (const id of touched)
    out.set(
      id,
      out
        .get(id)!
        .sort((a, b) => a.id - b.id)
        .slice(0, 3),
    );
}
