/**
 * Business relations: the contact business relation rows (links of contacts with customers, vendors,
 * bank accounts or a plain code), the linked records themselves, and the contacts' computed
 * `businessRelation` column.
 */
import type { Core } from '@strapi/strapi';
import type { Write } from './unit-of-work';
import type { Row } from './contacts';
import { LINK_KINDS, type BusinessRelationValue, type LinkKind } from '../domain/business-relations';
import { UID } from '../utils/uids';
import { columnOf, tableOf } from './tables';

export const KIND_UID: Record<LinkKind, string> = {
  customer: UID.customer,
  vendor: UID.vendor,
  bankAccount: UID.bankAccount,
};
const TARGET_RELATIONS = ['countryRegion', 'territory', 'language', 'salesperson', 'purchaser'];

/** A linked record or contact as a link row names it. */
export interface LinkedRef {
  id: number;
  documentId: string;
  no: string | null;
  name?: string | null;
}

/** A contact business relation row with its contact, code and linked record. */
export type LinkRow = Row & {
  title?: string | null;
  linkToTable: LinkKind | 'none';
  contact: LinkedRef | null;
  businessRelation: { id: number; documentId: string; code: string } | null;
} & Partial<Record<LinkKind, LinkedRef | null>>;

/** The record a link row links to (null for a plain code, or when the record is gone). */
export const linkedRecordOf = (row: LinkRow): LinkedRef | null =>
  row.linkToTable !== 'none' ? (row[row.linkToTable] ?? null) : null;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the query engine types uids by the host's registry; these are the plugin's own
const query = (strapi: Core.Strapi, uid: string) => strapi.db.query(uid as any);

/** A customer / vendor / bank account with its relations as ids. */
export async function loadTarget(write: Pick<Write, 'strapi'>, kind: LinkKind, where: Record<string, unknown>) {
  const attrs = write.strapi.getModel(KIND_UID[kind] as Parameters<Core.Strapi['getModel']>[0]).attributes as Record<
    string,
    unknown
  >;
  const rels = TARGET_RELATIONS.filter((r) => attrs[r]);
  const row = (await query(write.strapi, KIND_UID[kind]).findOne({
    where,
    populate: Object.fromEntries(rels.map((r) => [r, { select: ['id'] }])),
  })) as Row | null;
  if (!row) return null;
  for (const r of rels) row[r] = (row[r] as { id: number } | null)?.id ?? null;
  return row;
}

/** The id of a customer / vendor / bank account by documentId (null when there is none). */
export async function targetIdOf(strapi: Core.Strapi, kind: LinkKind, documentId: string): Promise<number | null> {
  const row = await query(strapi, KIND_UID[kind]).findOne({ where: { documentId }, select: ['id'] });
  return row ? Number(row.id) : null;
}

/** The link rows of contacts, with the linked record's id. */
export async function linkRows(write: Pick<Write, 'strapi'>, where: Record<string, unknown>): Promise<LinkRow[]> {
  return (await write.strapi.db.query(UID.contactBusinessRelation).findMany({
    where,
    populate: {
      businessRelation: { select: ['id', 'documentId', 'code'] },
      contact: { select: ['id', 'documentId', 'no', 'name'] },
      ...Object.fromEntries(LINK_KINDS.map((r) => [r, { select: ['id', 'documentId', 'no'] }])),
    },
  })) as LinkRow[];
}

/** Stores a link row's title (its other fields and relations untouched; inside the ambient transaction). */
export async function setLinkRowTitle(strapi: Core.Strapi, id: number, title: string | null) {
  await strapi.db.query(UID.contactBusinessRelation).update({ where: { id }, data: { title } });
}

/** Deletes link rows (a contact or a linked record is being deleted; the other side stays). */
export async function removeLinksOf(strapi: Core.Strapi, where: Record<string, unknown>) {
  await strapi.db.query(UID.contactBusinessRelation).deleteMany({ where });
}

/** A contact's id, number and type (null when there is none). */
export async function contactBrief(strapi: Core.Strapi, id: number) {
  return (await strapi.db.query(UID.contact).findOne({ where: { id }, select: ['id', 'no', 'type'] })) as {
    id: number;
    no: string;
    type: string;
  } | null;
}

/** Stores the computed `businessRelation` of the contacts `ids`; only rows whose value changes are written. */
export async function setBusinessRelation(write: Write, value: BusinessRelationValue, ids: number[]) {
  const table = tableOf(write.strapi, UID.contact);
  const column = columnOf(write.strapi, UID.contact, 'businessRelation');
  for (let i = 0; i < ids.length; i += 5000) {
    await write
      .trx(table)
      .whereIn('id', ids.slice(i, i + 5000))
      .where((q) => q.whereNot(column, value).orWhereNull(column))
      .update({ [column]: value });
  }
}
