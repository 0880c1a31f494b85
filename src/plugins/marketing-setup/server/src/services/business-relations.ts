import type { Core } from '@strapi/strapi';
import {
  alreadyLinkedViolation,
  assertCodeSet,
  contactToTargetFields,
  linkHolder,
  newTargetFrom,
  pick,
  privacyViolation,
  targetToContactFields,
  KIND_LABEL,
  type LinkKind,
} from '../domain/business-relations';
import { KIND_UID, linkRows, loadTarget } from '../repositories/business-relations';
import { loadContactFlat } from '../repositories/contacts';
import { setupCodes } from '../operations/business-relations';
import { inTransaction as runInTransaction, type Write } from '../repositories/unit-of-work';
import { notFound } from '../utils/errors';
import { withSync } from '../utils/sync-context';
import { UID } from '../utils/uids';

/** Document service `data`: typed per content type of the host's registry, which a plugin cannot import. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type DocumentData = any;

/** "Create as" and "Link with existing" (reference §5.2, §5.3), each one transaction. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const inTransaction = <T>(fn: (write: Write) => Promise<T>) => runInTransaction(strapi, UID.contact, fn);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document service types uids by the host's registry; these are the plugin's own
  const documentsOf = (kind: LinkKind) => strapi.documents(KIND_UID[kind] as any);

  /** The contact that holds links of `kind` for `documentId` (its company for a person), with the setup code. */
  const holderFor = async (write: Write, documentId: string, kind: LinkKind) => {
    const contact = await loadContactFlat(write, { documentId });
    if (!contact) throw notFound(`No contact with documentId ${documentId}.`);
    const blocked = privacyViolation(contact, kind);
    if (blocked) throw blocked;
    const codeId = (await setupCodes(write))[kind];
    assertCodeSet(kind, codeId);
    const company =
      contact.type === 'person' && contact.company ? await loadContactFlat(write, { id: contact.company.id }) : null;
    const holder = linkHolder(kind, contact, company);
    const holderBlocked = privacyViolation(holder, kind);
    if (holderBlocked) throw holderBlocked;
    const existing = (await linkRows(write, { contact: { id: holder.id }, linkToTable: kind })).find((r) => r[kind]);
    if (existing) throw alreadyLinkedViolation(String(holder.no), kind, String(existing[kind]!.no));
    return { holder, codeId: codeId! };
  };

  const link = (holderId: number, codeId: number, kind: LinkKind, targetId: number) =>
    strapi.documents(UID.contactBusinessRelation).create({
      data: { contact: holderId, businessRelation: codeId, linkToTable: kind, [kind]: targetId } as DocumentData,
    });

  return {
    /** Creates the customer / vendor / bank account from the contact (its company for a person) and links it. */
    createAs(documentId: string, kind: LinkKind) {
      return inTransaction(async (write) => {
        const { holder, codeId } = await holderFor(write, documentId, kind);
        const target = await withSync({ fromContact: true, origin: { uid: UID.contact, id: holder.id } }, () =>
          documentsOf(kind).create({ data: newTargetFrom(kind, holder) as DocumentData }),
        );
        await link(holder.id, codeId, kind, target.id as number);
        return documentsOf(kind).findOne({ documentId: target.documentId });
      });
    },

    /** Links an existing record and syncs once, from the contact (`master: 'contact'`) or from the record. */
    linkExisting(documentId: string, kind: LinkKind, targetDocumentId: string, master: 'contact' | 'target') {
      return inTransaction(async (write) => {
        const { holder, codeId } = await holderFor(write, documentId, kind);
        const target = await loadTarget(write, kind, { documentId: targetDocumentId });
        if (!target) throw notFound(`No ${KIND_LABEL[kind].toLowerCase()} with documentId ${targetDocumentId}.`);
        await link(holder.id, codeId, kind, target.id); // refuses a record linked elsewhere
        if (master === 'contact') {
          await withSync({ origin: { uid: UID.contact, id: holder.id } }, () =>
            documentsOf(kind).update({
              documentId: target.documentId,
              data: pick(contactToTargetFields(kind), holder) as DocumentData,
            }),
          );
        } else {
          await withSync({ origin: { uid: KIND_UID[kind], id: target.id } }, () =>
            strapi.documents(UID.contact).update({
              documentId: holder.documentId,
              data: pick(targetToContactFields(kind), target) as DocumentData,
            }),
          );
        }
        return documentsOf(kind).findOne({ documentId: target.documentId });
      });
    },
  };
};
