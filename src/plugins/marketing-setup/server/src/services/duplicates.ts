import type { Core } from '@strapi/strapi';
import { inTransaction as runInTransaction, type Write } from '../repositories/unit-of-work';
import { searchDuplicates } from '../duplicate-search/search';
import { contactByDocumentId } from '../repositories/duplicate-contacts';
import { pairsOf, pairsWithContacts } from '../repositories/duplicate-pairs';
import { notFound } from '../utils/errors';
import { UID } from '../utils/uids';
import { reversedFieldScore } from '../domain/duplicate-search';
import type { FieldScore } from '../domain/duplicates';

/** Duplicate search on demand, and the stored pairs of a contact. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const inTransaction = <T>(fn: (write: Write) => Promise<T>) => runInTransaction(strapi, UID.contact, fn);

  const mustFind = async (write: Write, documentId: string) => {
    const contact = await contactByDocumentId(write, documentId);
    if (!contact) throw notFound(`No contact with documentId ${documentId}.`);
    return contact;
  };

  return {
    /**
     * Rebuilds the contact's search strings and pairs now, whatever the switches (a person asked for
     * it), and returns the duplicates found (pairs marked separate are left out).
     */
    findFor(documentId: string) {
      return inTransaction(async (write) => searchDuplicates(write, await mustFind(write, documentId), false));
    },

    /** The stored pairs of a contact, newest first; separate ones only when asked for. */
    listFor(documentId: string, includeSeparate: boolean) {
      return inTransaction(async (write) => {
        const contact = await mustFind(write, documentId);
        const pairs = (await pairsOf(write, contact.id)).filter((p) => includeSeparate || !p.separate);
        const rows = await pairsWithContacts(
          write,
          pairs.map((p) => p.id),
        );
        return rows.map((r) => {
          const asked = r.contact?.id === contact.id;
          const other = asked ? r.duplicateContact : r.contact;
          // The breakdown's values are stored contact first; turned so the asking contact's come first.
          const breakdown = ((r.breakdown ?? []) as FieldScore[]).map((f) => (asked ? f : reversedFieldScore(f)));
          return {
            pairDocumentId: r.documentId,
            documentId: other?.documentId,
            no: other?.no ?? null,
            name: other?.name ?? null,
            matchingStrings: r.matchingStrings,
            hitPercent: r.hitPercent,
            fuzzyScore: Number(r.fuzzyScore),
            rules: r.rules ?? [],
            breakdown,
            separateContacts: !!r.separateContacts,
          };
        });
      });
    },
  };
};
