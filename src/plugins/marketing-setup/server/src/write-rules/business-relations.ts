/**
 * The Strapi side of business relations: contact ⇄ customer / vendor / bank account sync inside the
 * write's transaction, contacts created for records created directly, link-row checks, and the
 * contact's computed `businessRelation`.
 */
import type { Write } from '../repositories/unit-of-work';
import type { WriteRules } from './types';
import {
  alreadyLinkedMessage,
  businessRelationOf,
  changedFields,
  contactToTargetFields,
  pick,
  targetToContactFields,
  ALL_SYNCED_FIELDS,
  KIND_LABEL,
  LINK_KINDS,
  type LinkKind,
  type RelationRow,
} from '../domain/business-relations';
import { getService } from '../utils/services';
import { relationInput } from '../domain/relation-input';
import { validationError } from '../utils/errors';
import { columnOf, joinTableOf, tableOf } from '../repositories/tables';
import { syncContext, withSync } from '../utils/sync-context';
import { UID } from '../utils/uids';
import { assignNumber, checkRenumber } from './numbering';

export const KIND_UID: Record<LinkKind, string> = {
  customer: UID.customer,
  vendor: UID.vendor,
  bankAccount: UID.bankAccount,
};
export const CODE_FIELD: Record<LinkKind, string> = {
  customer: 'busRelCodeForCustomers',
  vendor: 'busRelCodeForVendors',
  bankAccount: 'busRelCodeForBankAccounts',
};
const NOS_FIELD: Record<LinkKind, string> = {
  customer: 'customerNos',
  vendor: 'vendorNos',
  bankAccount: 'bankAccountNos',
};
const TARGET_RELATIONS = ['countryRegion', 'territory', 'language', 'salesperson', 'purchaser'];

export const setupCodes = async (write: Write) => {
  const setup = await getService(write.strapi, 'setup').get(write.trx);
  return Object.fromEntries(LINK_KINDS.map((k) => [k, setup[CODE_FIELD[k]] ?? null])) as Record<
    LinkKind,
    number | null
  >;
};

/** A customer / vendor / bank account with its relations as ids. */
export async function loadTarget(write: Write, kind: LinkKind, where: Record<string, any>) {
  const attrs = write.strapi.getModel(KIND_UID[kind] as any).attributes as Record<string, any>;
  const rels = TARGET_RELATIONS.filter((r) => attrs[r]);
  const row = await write.strapi.db
    .query(KIND_UID[kind] as any)
    .findOne({ where, populate: Object.fromEntries(rels.map((r) => [r, { select: ['id'] }])) });
  if (!row) return null;
  for (const r of rels) row[r] = row[r]?.id ?? null;
  return row;
}

/** The link rows of contacts, with the linked record's id. */
export async function linkRows(write: Write, where: Record<string, any>) {
  return write.strapi.db.query(UID.contactBusinessRelation).findMany({
    where,
    populate: {
      businessRelation: { select: ['id', 'documentId', 'code'] },
      ...Object.fromEntries(['contact', ...LINK_KINDS].map((r) => [r, { select: ['id', 'documentId', 'no'] }])),
    },
  });
}
const linkedRecordOf = (row: any) => (row.linkToTable !== 'none' ? row[row.linkToTable] : null);

/**
 * Recomputes `businessRelation`. Scope 'contact': this contact only (a person that got or changed its
 * company: its own relations plus its company's). Scope 'company': the contact's company and all its
 * persons (a link row changed). Only rows whose value changes are written.
 */
export async function recomputeBusinessRelation(
  write: Write,
  contactId: number,
  scope: 'contact' | 'company' = 'company',
) {
  const companyLink = joinTableOf(write.strapi, UID.contact, 'company');
  const [own] = await write
    .trx(companyLink.name)
    .where(companyLink.joinColumn, contactId)
    .select(companyLink.inverseJoinColumn);
  const companyId: number | null = own?.[companyLink.inverseJoinColumn] ?? null;
  const ids: number[] =
    scope === 'company' && companyId
      ? [
          companyId,
          ...(await write
            .trx(companyLink.name)
            .where(companyLink.inverseJoinColumn, companyId)
            .whereNot(companyLink.joinColumn, companyId)
            .pluck(companyLink.joinColumn)),
        ]
      : [contactId];
  const rows = await linkRows(write, {
    contact: { id: { $in: companyId && !ids.includes(companyId) ? [...ids, companyId] : ids } },
  });
  const codes = await setupCodes(write);
  const rowsByContact = new Map<number, RelationRow[]>();
  for (const r of rows) {
    if (!r.contact) continue;
    const list = rowsByContact.get(r.contact.id) ?? [];
    list.push({
      linkToTable: r.linkToTable,
      businessRelationId: r.businessRelation?.id ?? null,
      linked: !!linkedRecordOf(r),
    });
    rowsByContact.set(r.contact.id, list);
  }
  const companyRows = companyId ? (rowsByContact.get(companyId) ?? []) : [];
  const idsByValue = new Map<string, number[]>();
  for (const id of ids) {
    const ownRows = rowsByContact.get(id) ?? [];
    const value = businessRelationOf(id === companyId ? ownRows : [...ownRows, ...companyRows], codes);
    const group = idsByValue.get(value) ?? [];
    group.push(id);
    idsByValue.set(value, group);
  }
  const table = tableOf(write.strapi, UID.contact);
  const column = columnOf(write.strapi, UID.contact, 'businessRelation');
  for (const [value, group] of idsByValue) {
    for (let i = 0; i < group.length; i += 5000) {
      await write
        .trx(table)
        .whereIn('id', group.slice(i, i + 5000))
        .where((q) => q.whereNot(column, value).orWhereNull(column))
        .update({ [column]: value });
    }
  }
}

/** A contact changed: its own links get the changed synced fields (not the record the change came from). */
export async function pushContactToTargets(
  write: Write,
  contactId: number,
  before: Record<string, any>,
  after: Record<string, any>,
) {
  // Most contact writes change no synced field: then there is nothing to look up.
  if (!changedFields([...ALL_SYNCED_FIELDS], before, after).length) return;
  const rows = await linkRows(write, { contact: { id: contactId }, linkToTable: { $ne: 'none' } });
  const { origin } = syncContext();
  for (const row of rows) {
    const kind = row.linkToTable as LinkKind;
    const target = linkedRecordOf(row);
    if (!target || (origin?.uid === KIND_UID[kind] && origin.id === target.id)) continue;
    const fields = changedFields(contactToTargetFields(kind), before, after);
    if (!fields.length) continue;
    await withSync({ origin: { uid: UID.contact, id: contactId } }, () =>
      write.strapi
        .documents(KIND_UID[kind] as any)
        .update({ documentId: target.documentId, data: pick(fields, after) as any }),
    );
  }
}

/** Deletes a contact's link rows (the contact is being deleted; the customers stay). */
export async function removeLinksOf(write: Write, where: Record<string, any>) {
  await write.strapi.db.query(UID.contactBusinessRelation).deleteMany({ where });
}

/** Rules for customers, vendors and bank accounts. */
export function targetRules(kind: LinkKind): WriteRules {
  const uid = KIND_UID[kind];
  return {
    async create(write, next) {
      const data = (write.params.data ??= {});
      await assignNumber(write, NOS_FIELD[kind], KIND_LABEL[kind]);
      const created = await next();
      const codeId = (await setupCodes(write))[kind];
      if (syncContext().fromContact || !codeId) return created;
      // Created directly: a company contact of its own, with no marketing defaults, linked to it.
      const record = await loadTarget(write, kind, { id: created.id });
      const contact = await withSync({ origin: { uid, id: created.id }, noDefaults: true }, () =>
        write.strapi.documents(UID.contact).create({
          data: {
            ...pick(targetToContactFields(kind), record!),
            type: kind === 'customer' && data.contactType === 'person' ? 'person' : 'company',
          } as any,
        }),
      );
      await write.strapi.documents(UID.contactBusinessRelation).create({
        data: { contact: contact.id, businessRelation: codeId, linkToTable: kind, [kind]: created.id } as any,
      });
      return created;
    },

    async update(write, next) {
      write.params.data ??= {};
      const before = await loadTarget(write, kind, { documentId: write.params.documentId });
      if (!before) return next();
      await checkRenumber(write, before, NOS_FIELD[kind]);
      const updated = await next();
      const { origin } = syncContext();
      if (origin?.uid === UID.contact) return updated; // this write is the sync itself
      const after = await loadTarget(write, kind, { id: before.id });
      const fields = changedFields(targetToContactFields(kind), before, after!);
      if (!fields.length) return updated;
      for (const row of await linkRows(write, { [kind]: { id: before.id } })) {
        if (!row.contact) continue;
        await withSync({ origin: { uid, id: before.id } }, () =>
          write.strapi
            .documents(UID.contact)
            .update({ documentId: row.contact.documentId, data: pick(fields, after!) as any }),
        );
      }
      return updated;
    },

    async delete(write, next) {
      const before = await write.strapi.db
        .query(uid as any)
        .findOne({ where: { documentId: write.params.documentId }, select: ['id'] });
      if (!before) return next();
      const rows = await linkRows(write, { [kind]: { id: before.id } });
      await removeLinksOf(write, { [kind]: { id: before.id } });
      const result = await next();
      for (const row of rows) if (row.contact) await recomputeBusinessRelation(write, row.contact.id);
      return result;
    },
  };
}

/** Checks a link row (merged with its stored values) before it is written. */
async function checkLinkRow(write: Write, row: Record<string, any>, selfId: number | null) {
  if (!row.contact) throw validationError('A contact business relation needs a contact.', ['contact']);
  if (!row.businessRelation)
    throw validationError('A contact business relation needs a business relation code.', ['businessRelation']);
  const contact = await write.strapi.db
    .query(UID.contact)
    .findOne({ where: { id: row.contact }, select: ['id', 'no', 'type'] });
  if (!contact) throw validationError('The contact given does not exist.', ['contact']);
  const kind = row.linkToTable as LinkKind | 'none';
  const codes = await setupCodes(write);
  const others = (await linkRows(write, { contact: { id: contact.id } })).filter((r: any) => r.id !== selfId);
  if (others.some((r: any) => r.businessRelation?.id === row.businessRelation)) {
    throw validationError(`Contact ${contact.no} already has this business relation.`, ['businessRelation']);
  }
  if (kind === 'none') {
    const reserved = LINK_KINDS.find((k) => codes[k] === row.businessRelation);
    if (reserved)
      throw validationError(
        `This business relation code is used when a contact is linked with a ${KIND_LABEL[reserved].toLowerCase()}; link a ${KIND_LABEL[reserved].toLowerCase()} instead.`,
        ['businessRelation'],
      );
    return;
  }
  const targetId = row[kind];
  if (!targetId) throw validationError(`Choose the ${KIND_LABEL[kind].toLowerCase()} this relation links to.`, [kind]);
  const sameKind = others.find((r: any) => r.linkToTable === kind && linkedRecordOf(r));
  if (sameKind)
    throw validationError(alreadyLinkedMessage(contact.no, kind, linkedRecordOf(sameKind).no), ['linkToTable']);
  const elsewhere = (await linkRows(write, { [kind]: { id: targetId } })).find((r: any) => r.id !== selfId);
  if (elsewhere) {
    throw validationError(
      `${KIND_LABEL[kind]} ${linkedRecordOf(elsewhere).no} is already linked with contact ${elsewhere.contact?.no}.`,
      [kind],
    );
  }
}

/** The id a relation input names (undefined: untouched; null: cleared), checked to exist; `current`: its target before. */
const refId = async (
  write: Write,
  uid: string,
  value: unknown,
  field: string,
  current: { id: number; documentId: string } | null = null,
) => {
  const ref = relationInput(value, current, field);
  if (!ref) return ref;
  if ('id' in ref) return ref.id;
  const row = await write.strapi.db.query(uid as any).findOne({ where: ref, select: ['id'] });
  if (!row) throw validationError('A record given for this relation does not exist.', []);
  return row.id as number;
};

/** Link rows: validated, and every change recomputes the contacts' `businessRelation`. */
export const contactBusinessRelationRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    const row: Record<string, any> = { linkToTable: data.linkToTable ?? 'none' };
    row.contact = await refId(write, UID.contact, data.contact, 'contact');
    row.businessRelation = await refId(write, UID.businessRelation, data.businessRelation, 'businessRelation');
    for (const k of LINK_KINDS) row[k] = await refId(write, KIND_UID[k], data[k], k);
    await checkLinkRow(write, row, null);
    const created = await next();
    await recomputeBusinessRelation(write, row.contact);
    return created;
  },
  async update(write, next) {
    const data = (write.params.data ??= {});
    const [stored] = await linkRows(write, { documentId: write.params.documentId });
    if (!stored) return next();
    const row: Record<string, any> = { linkToTable: data.linkToTable ?? stored.linkToTable };
    const merged = async (field: string, uid: string) => {
      const id = await refId(write, uid, data[field], field, stored[field] ?? null);
      return id === undefined ? (stored[field]?.id ?? null) : id;
    };
    row.contact = await merged('contact', UID.contact);
    row.businessRelation = await merged('businessRelation', UID.businessRelation);
    for (const k of LINK_KINDS) row[k] = await merged(k, KIND_UID[k]);
    await checkLinkRow(write, row, stored.id);
    const updated = await next();
    for (const id of new Set([stored.contact?.id, row.contact].filter(Boolean)))
      await recomputeBusinessRelation(write, id);
    return updated;
  },
  async delete(write, next) {
    const [stored] = await linkRows(write, { documentId: write.params.documentId });
    const result = await next();
    if (stored?.contact) await recomputeBusinessRelation(write, stored.contact.id);
    return result;
  },
};
