import type { Core } from '@strapi/strapi';
import {
  assertCodeSet,
  linkHolder,
  newTargetFrom,
  pick,
  alreadyLinkedMessage,
  contactToTargetFields,
  targetToContactFields,
  KIND_LABEL,
  type LinkKind,
} from '../domain/business-relations';
import { KIND_UID, linkRows, loadTarget, setupCodes } from '../write-rules/business-relations';
import { loadContactFlat } from '../write-rules/inheritance';
import { inTransaction as runInTransaction, type Write } from '../repositories/unit-of-work';
import { notFound, validationError } from '../utils/errors';
import { withSync } from '../utils/sync-context';
import { UID } from '../utils/uids';

/** "Create as" and "Link with existing" (reference §5.2, §5.3), each one transaction. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const inTransaction = <T>(fn: (write: Write) => Promise<T>) => runInTransaction(strapi, UID.contact, fn);

  /** The contact that holds links of `kind` for `documentId` (its company for a person), with the setup code. */
  const holderFor = async (write: Write, documentId: string, kind: LinkKind) => {
    const contact = await loadContactFlat(write, { documentId });
    if (!contact) throw notFound(`No contact with documentId ${documentId}.`);
    if (contact.privacyBlocked)
      throw validationError(
        `Contact ${contact.no} is privacy blocked; it cannot be linked with a ${KIND_LABEL[kind].toLowerCase()}.`,
        ['privacyBlocked'],
      );
    const codeId = (await setupCodes(write))[kind];
    assertCodeSet(kind, codeId);
    const company =
      contact.type === 'person' && contact.company ? await loadContactFlat(write, { id: contact.company.id }) : null;
    const holder = linkHolder(kind, contact as Record<string, any> & { type: string }, company as any) as Record<
      string,
      any
    >;
    if (holder.privacyBlocked)
      throw validationError(
        `Contact ${holder.no} is privacy blocked; it cannot be linked with a ${KIND_LABEL[kind].toLowerCase()}.`,
        ['privacyBlocked'],
      );
    const existing = (await linkRows(write, { contact: { id: holder.id }, linkToTable: kind })).find(
      (r: any) => r[kind],
    );
    if (existing) throw validationError(alreadyLinkedMessage(holder.no, kind, existing[kind].no), ['kind']);
    return { holder, codeId: codeId! };
  };

  const link = (write: Write, holderId: number, codeId: number, kind: LinkKind, targetId: number) =>
    strapi
      .documents(UID.contactBusinessRelation)
      .create({ data: { contact: holderId, businessRelation: codeId, linkToTable: kind, [kind]: targetId } as any });

  return {
    /** Creates the customer / vendor / bank account from the contact (its company for a person) and links it. */
    createAs(documentId: string, kind: LinkKind) {
      return inTransaction(async (write) => {
        const { holder, codeId } = await holderFor(write, documentId, kind);
        const target = await withSync({ fromContact: true, origin: { uid: UID.contact, id: holder.id } }, () =>
          strapi.documents(KIND_UID[kind] as any).create({ data: newTargetFrom(kind, holder) as any }),
        );
        await link(write, holder.id, codeId, kind, target.id as number);
        return strapi.documents(KIND_UID[kind] as any).findOne({ documentId: target.documentId });
      });
    },

    /** Links an existing record and syncs once, from the contact (`master: 'contact'`) or from the record. */
    linkExisting(documentId: string, kind: LinkKind, targetDocumentId: string, master: 'contact' | 'target') {
      return inTransaction(async (write) => {
        const { holder, codeId } = await holderFor(write, documentId, kind);
        const target = await loadTarget(write, kind, { documentId: targetDocumentId });
        if (!target) throw notFound(`No ${KIND_LABEL[kind].toLowerCase()} with documentId ${targetDocumentId}.`);
        await link(write, holder.id, codeId, kind, target.id); // refuses a record linked elsewhere
        if (master === 'contact') {
          await withSync({ origin: { uid: UID.contact, id: holder.id } }, () =>
            strapi
              .documents(KIND_UID[kind] as any)
              .update({ documentId: target.documentId, data: pick(contactToTargetFields(kind), holder) as any }),
          );
        } else {
          await withSync({ origin: { uid: KIND_UID[kind], id: target.id } }, () =>
            strapi
              .documents(UID.contact)
              .update({ documentId: holder.documentId, data: pick(targetToContactFields(kind), target) as any }),
          );
        }
        return strapi.documents(KIND_UID[kind] as any).findOne({ documentId: target.documentId });
      });
    },
  };
};
