/**
 * The records an imported row refers to: master data by code, the company by its No., and the contact
 * the row updates (by No., VAT Registration No. or e-mail). Read through Strapi's query engine, inside
 * the ambient transaction of the chunk or the dry run.
 */
import type { Core } from '@strapi/strapi';
import { CODE_RELATIONS, type CodeRelation, type MatchKey } from '../domain/contact-csv';
import { uidOf } from '../content-types/fields';
import { UID } from '../utils/uids';

/** The documentId of the master-data record with this code (case-insensitive), or null. */
export async function documentIdByCode(strapi: Core.Strapi, field: CodeRelation, code: string) {
  const row = await strapi.db.query(uidOf(CODE_RELATIONS[field])).findOne({
    where: { code: { $eqi: code } },
    select: ['documentId'],
  });
  return (row?.documentId as string | undefined) ?? null;
}

/** The contact with this No. (the company a person row names), or null. */
export async function contactByNo(strapi: Core.Strapi, no: string) {
  const row = await strapi.db.query(UID.contact).findOne({ where: { no }, select: ['documentId', 'type'] });
  return row ? { documentId: String(row.documentId), type: String(row.type) } : null;
}

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
}

/** Up to two contacts with the key's value (e-mail compared without case), oldest first. */
export async function contactsByKey(strapi: Core.Strapi, key: NonNullable<MatchKey>): Promise<MatchedContact[]> {
  const where = key.field === 'email' ? { email: { $eqi: key.value } } : { [key.field]: key.value };
  const rows = await strapi.db
    .query(UID.contact)
    .findMany({ where, select: ['id', 'documentId', 'no', 'name'], limit: 2, orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    id: Number(r.id),
    documentId: String(r.documentId),
    no: (r.no as string | null) ?? null,
    name: (r.name as string | null) ?? null,
  }));
}
