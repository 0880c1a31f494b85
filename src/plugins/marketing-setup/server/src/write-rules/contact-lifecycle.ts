/**
 * What happens around a contact's life (reference §2.8, §2.11): deleting a company takes its persons
 * with it unless an open opportunity stands in the way; a person's history (opportunities, interaction
 * log entries) stays with the company it leaves (BC 24 behaviour); a deleted person's records move to its company.
 */
import type { Write } from '../repositories/unit-of-work';
import { deleteViolation } from '../domain/contact-lifecycle';
import { personIdsOf } from '../repositories/company-persons';
import { contactsByIds } from '../repositories/contacts';
import { openOpportunitiesOf } from '../repositories/opportunities';
import { UID } from '../utils/uids';

/** Refuses the delete (nothing written) when the contact, or for a company any of its persons, has an open opportunity. */
export async function assertDeletable(
  write: Write,
  contact: { id: number; type: unknown; no?: string | null; name?: string | null },
) {
  const ids = [contact.id, ...(contact.type === 'company' ? await personIdsOf(write, contact.id) : [])];
  const violation = deleteViolation(contact, await openOpportunitiesOf(write.strapi, ids));
  if (violation) throw violation;
}

/** Deletes the persons of a company, each through the document service so their own rules run. */
export async function deletePersonsOf(write: Write, companyId: number) {
  const ids = await personIdsOf(write, companyId);
  if (!ids.length) return;
  for (const p of await contactsByIds(write, ids, ['documentId']))
    await write.strapi.documents(UID.contact).delete({ documentId: p.documentId });
}
