/**
 * The Strapi side of business relations: contact ⇄ customer / vendor / bank account sync inside the
 * write's transaction, contacts created for records created directly, link-row checks, and the
 * contact's computed `businessRelation`.
 */
import type { Write } from '../repositories/unit-of-work';
import type { StoredDocument, WriteRules } from './types';
import {
  changedFields,
  contactToTargetFields,
  linkRowShapeViolation,
  linkRowViolation,
  pick,
  targetToContactFields,
  ALL_SYNCED_FIELDS,
  KIND_LABEL,
  LINK_KINDS,
  type LinkKind,
  type LinkRowInput,
  type OtherLink,
} from '../domain/business-relations';
import { relationInput, missingRecordViolation } from '../domain/relation-input';
import {
  contactBrief,
  KIND_UID,
  linkedRecordOf,
  linkRows,
  loadTarget,
  removeLinksOf,
  targetIdOf,
  type LinkRow,
} from '../repositories/business-relations';
import { idOfRecord } from '../repositories/records';
import { recomputeBusinessRelation, refreshLinkRowTitles, setupCodes } from '../operations/business-relations';
import { syncContext, withSync } from '../utils/sync-context';
import { UID } from '../utils/uids';
import { assignNumber, checkRenumber } from './numbering';

const NOS_FIELD: Record<LinkKind, string> = {
  customer: 'customerNos',
  vendor: 'vendorNos',
  bankAccount: 'bankAccountNos',
};

/** The document service of a customer / vendor / bank account. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document service types uids by the host's registry; these are the plugin's own
const documentsOf = (write: Write, kind: LinkKind) => write.strapi.documents(KIND_UID[kind] as any);
/** Document service `data`: typed per content type of the host's registry, which a plugin cannot import. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type DocumentData = any;

/** A contact changed: its own links get the changed synced fields (not the record the change came from). */
export async function pushContactToTargets(
  write: Write,
  contactId: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
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
      documentsOf(write, kind).update({ documentId: target.documentId, data: pick(fields, after) as DocumentData }),
    );
  }
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
          } as DocumentData,
        }),
      );
      await write.strapi.documents(UID.contactBusinessRelation).create({
        data: { contact: contact.id, businessRelation: codeId, linkToTable: kind, [kind]: created.id } as DocumentData,
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
        const contact = row.contact;
        if (!contact) continue;
        await withSync({ origin: { uid, id: before.id } }, () =>
          write.strapi
            .documents(UID.contact)
            .update({ documentId: contact.documentId, data: pick(fields, after!) as DocumentData }),
        );
      }
      return updated;
    },

    async delete(write, next) {
      const id = await targetIdOf(write.strapi, kind, write.params.documentId);
      if (id === null) return next();
      const rows = await linkRows(write, { [kind]: { id } });
      await removeLinksOf(write.strapi, { [kind]: { id } });
      const result = await next();
      for (const row of rows) if (row.contact) await recomputeBusinessRelation(write, row.contact.id);
      return result;
    },
  };
}

/** A stored link row as the domain's checks compare it. */
const otherLink = (r: LinkRow): OtherLink => {
  const linked = linkedRecordOf(r);
  return {
    businessRelationId: r.businessRelation?.id ?? null,
    linkToTable: r.linkToTable,
    linked: !!linked,
    linkedNo: linked?.no ?? null,
    contactNo: r.contact?.no ?? null,
  };
};

/** Checks a link row (merged with its stored values) before it is written. */
async function checkLinkRow(write: Write, row: LinkRowInput, selfId: number | null) {
  const shape = linkRowShapeViolation(row);
  if (shape) throw shape;
  const contact = await contactBrief(write.strapi, row.contact!);
  if (!contact) throw missingRecordViolation('The contact given does not exist.', ['contact']);
  const codes = await setupCodes(write);
  const others = (await linkRows(write, { contact: { id: contact.id } })).filter((r) => r.id !== selfId);
  const kind = row.linkToTable;
  const targetId = kind === 'none' ? null : row[kind];
  const elsewhere = targetId
    ? (await linkRows(write, { [kind]: { id: targetId } })).find((r) => r.id !== selfId)
    : undefined;
  const violation = linkRowViolation(
    row,
    contact.no,
    others.map(otherLink),
    codes,
    elsewhere ? { ...otherLink(elsewhere), linkedNo: elsewhere[kind as LinkKind]?.no ?? null } : null,
  );
  if (violation) throw violation;
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
  const id = await idOfRecord(write.strapi, uid, ref);
  // The field's path, as every other refused relation names it (the admin shows the message at the field).
  if (id === null)
    throw missingRecordViolation(`The ${field} given (documentId "${ref.documentId}") does not exist.`, [field]);
  return id;
};

/** Link rows: validated, and every change recomputes the contacts' `businessRelation`. */
export const contactBusinessRelationRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    const row: LinkRowInput = {
      linkToTable: data.linkToTable ?? 'none',
      contact: (await refId(write, UID.contact, data.contact, 'contact')) ?? null,
      businessRelation: (await refId(write, UID.businessRelation, data.businessRelation, 'businessRelation')) ?? null,
    };
    for (const k of LINK_KINDS) row[k] = (await refId(write, KIND_UID[k], data[k], k)) ?? null;
    await checkLinkRow(write, row, null);
    const created = await next();
    await recomputeBusinessRelation(write, row.contact!);
    return created;
  },
  async update(write, next) {
    const data = (write.params.data ??= {});
    const [stored] = await linkRows(write, { documentId: write.params.documentId });
    if (!stored) return next();
    const merged = async (field: 'contact' | 'businessRelation' | LinkKind, uid: string) => {
      const current = stored[field] ?? null;
      const id = await refId(write, uid, data[field], field, current);
      return id === undefined ? (current?.id ?? null) : id;
    };
    const row: LinkRowInput = {
      linkToTable: data.linkToTable ?? stored.linkToTable,
      contact: await merged('contact', UID.contact),
      businessRelation: await merged('businessRelation', UID.businessRelation),
    };
    for (const k of LINK_KINDS) row[k] = await merged(k, KIND_UID[k]);
    await checkLinkRow(write, row, stored.id);
    const updated = await next();
    for (const id of new Set([stored.contact?.id, row.contact].filter((v): v is number => !!v)))
      await recomputeBusinessRelation(write, id);
    return updated;
  },
  async delete(write, next) {
    const [stored] = await linkRows(write, { documentId: write.params.documentId });
    const result: StoredDocument = await next();
    if (stored?.contact) await recomputeBusinessRelation(write, stored.contact.id);
    return result;
  },
};

/** Business relation codes: the link rows with a code are titled by it, so a changed code retitles them. */
export const businessRelationRules: WriteRules = {
  async update(write, next) {
    const updated = await next();
    if (write.params.data && 'code' in write.params.data)
      await refreshLinkRowTitles(write, { businessRelation: { id: updated.id } });
    return updated;
  },
};
