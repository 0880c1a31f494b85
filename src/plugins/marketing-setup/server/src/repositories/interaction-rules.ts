/**
 * The data of auto-recording rules: a content type's enabled rules (read on every write of a host type,
 * so one indexed statement), what one rule needs of the document a write produced, and a stored rule.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { partyKindOf, type PartyKind } from '../domain/auto-recording';
import { type DocumentKind } from '../../../shared/contracts/interactions';
import type { RelationRef } from '../domain/relation-input';
import type { Write } from './unit-of-work';
import { columnOf, joinTableOf, tableOf } from './tables';
import { entrySourcesOf, joinContactColumns, joinTemplateColumns, type Row } from './interaction-entries';
import { UID } from '../utils/uids';

export interface StoredRule {
  id: number;
  events: unknown;
  enabled: boolean;
  required: boolean;
  documentKind: string | null;
  contactField: string;
  contactPersonField: string | null;
  documentNoField: string | null;
  descriptionField: string | null;
  templateId: number | null;
}

/** JSON and booleans come back as text / 0-1 from SQLite and as values from PostgreSQL. */
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The enabled rules of one content type with their template id: one statement on the indexed
 * content-type column, in the write's transaction (the query engine would add one per relation).
 */
export async function enabledRules(strapi: Core.Strapi, trx: Knex.Transaction, uid: string): Promise<StoredRule[]> {
  const col = (a: string) => `r.${columnOf(strapi, UID.interactionRule, a)}`;
  const jt = joinTableOf(strapi, UID.interactionRule, 'interactionTemplate');
  const fields = [
    'events',
    'enabled',
    'required',
    'documentKind',
    'contactField',
    'contactPersonField',
    'documentNoField',
    'descriptionField',
  ];
  const rows = (await trx(`${tableOf(strapi, UID.interactionRule)} as r`)
    .leftJoin(`${jt.name} as l`, `l.${jt.joinColumn}`, 'r.id')
    .where(col('contentType'), uid)
    .where(col('enabled'), true)
    .select('r.id', { templateId: `l.${jt.inverseJoinColumn}` }, ...fields.map((f) => ({ [f]: col(f) })))) as Row[];
  return rows.map((r) => ({
    ...(r as unknown as StoredRule),
    events: json(r.events),
    enabled: !!r.enabled,
    required: !!r.required,
  }));
}

/**
 * The contact linked with a customer / vendor through its contact business relation (BC: the contact of
 * the party), as a one-value subquery on the party id (a column of the document query).
 */
function linkedContactQuery(write: Write, kind: Exclude<PartyKind, 'contact'>, partyId: Knex.Ref<string, object>) {
  const uid = UID.contactBusinessRelation;
  const party = joinTableOf(write.strapi, uid, kind);
  const contact = joinTableOf(write.strapi, uid, 'contact');
  return write
    .trx(`${tableOf(write.strapi, uid)} as br`)
    .join(`${party.name} as bp`, `bp.${party.joinColumn}`, 'br.id')
    .join(`${contact.name} as bc`, `bc.${contact.joinColumn}`, 'br.id')
    .where(`bp.${party.inverseJoinColumn}`, partyId)
    .where(`br.${columnOf(write.strapi, uid, 'linkToTable')}`, kind)
    .orderBy('br.id')
    .limit(1)
    .select(`bc.${contact.inverseJoinColumn}`);
}

/** A host content type's attributes as the rule reads them. */
type HostAttributes = Record<string, { type?: string; target?: string }>;

/**
 * What one rule needs of the document a write produced, in one statement: the document's number and
 * description fields; the contact (the contact person field wins, else the contact field's contact —
 * a contact itself, or the one linked with the customer / vendor) with what an entry takes from it;
 * and the rule's template (or the one set up for its kind) with its group.
 */
export async function readForRule(write: Write, id: number, rule: StoredRule) {
  const { strapi, uid, trx } = write;
  const attributes = (strapi.contentTypes as unknown as Record<string, { attributes: HostAttributes }>)[uid].attributes;
  const q = trx(`${tableOf(strapi, uid)} as d`).where('d.id', id);
  const select: Record<string, string>[] = [{ id: 'd.id' }, { documentId: `d.${columnOf(strapi, uid, 'documentId')}` }];
  for (const f of [rule.documentNoField, rule.descriptionField]) {
    if (f && attributes[f] && attributes[f].type !== 'relation') select.push({ [f]: `d.${columnOf(strapi, uid, f)}` });
  }
  const candidates: (Knex.Ref<string, object> | Knex.QueryBuilder)[] = [];
  [rule.contactPersonField, rule.contactField].forEach((f, i) => {
    const kind = f && attributes[f]?.type === 'relation' ? partyKindOf(attributes[f].target) : null;
    if (!f || !kind) return;
    const jt = joinTableOf(strapi, uid, f);
    q.leftJoin(`${jt.name} as j${i}`, `j${i}.${jt.joinColumn}`, 'd.id');
    const target = trx.ref(`j${i}.${jt.inverseJoinColumn}`);
    candidates.push(kind === 'contact' ? target : linkedContactQuery(write, kind, target));
  });
  if (candidates.length) {
    // (SQLite has no one-argument COALESCE.)
    const contactId =
      candidates.length === 1
        ? trx.raw('?', candidates)
        : trx.raw(`COALESCE(${candidates.map(() => '?').join(', ')})`, candidates);
    q.leftJoin(`${tableOf(strapi, UID.contact)} as c`, 'c.id', contactId);
    joinContactColumns(strapi, q);
  }
  const template = rule.templateId
    ? { id: rule.templateId }
    : rule.documentKind
      ? { kind: rule.documentKind as DocumentKind }
      : null;
  if (template) joinTemplateColumns(write, q, template);
  const row = (await q.first(...select)) as Row | undefined;
  return row ? { doc: row, sources: entrySourcesOf(row) } : null;
}

/** A template's id by reference, or null. */
export async function templateIdOf(strapi: Core.Strapi, ref: RelationRef): Promise<number | null> {
  const row = await strapi.db.query(UID.interactionTemplate).findOne({ where: ref, select: ['id'] });
  return row ? Number(row.id) : null;
}

/** A rule as stored, with its template's id and documentId, or null. */
export async function storedRule(strapi: Core.Strapi, documentId: string) {
  const row = await strapi.db.query(UID.interactionRule).findOne({
    where: { documentId },
    populate: { interactionTemplate: { select: ['id', 'documentId'] } },
  });
  return (row as (Row & { interactionTemplate?: { id: number; documentId: string } | null }) | null) ?? null;
}
