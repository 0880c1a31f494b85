/**
 * What happens around a contact's life (reference §2.8, §2.11): deleting a company takes its persons
 * with it unless an open opportunity stands in the way; a person's history (opportunities, interaction
 * log entries) stays with the company it leaves (BC 24 behaviour); a deleted person's records move to its company.
 */
import type { Write } from '../repositories/unit-of-work';
import { validationError } from '../utils/errors';
import { joinTableOf } from '../repositories/tables';
import { UID } from '../utils/uids';

const OPEN = ['notStarted', 'inProgress'];

const personIdsOf = async (write: Write, companyId: number): Promise<number[]> => {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  const rows = await write
    .trx(jt.name)
    .select(jt.joinColumn)
    .where(jt.inverseJoinColumn, companyId)
    .whereNot(jt.joinColumn, companyId);
  return rows.map((r: any) => r[jt.joinColumn]);
};

/** Refuses the delete (nothing written) when the contact, or for a company any of its persons, has an open opportunity. */
export async function assertDeletable(write: Write, contact: Record<string, any>) {
  const ids = [contact.id, ...(contact.type === 'company' ? await personIdsOf(write, contact.id) : [])];
  const open = await write.strapi.db.query(UID.opportunity).findMany({
    where: { opportunityStatus: { $in: OPEN }, contact: { id: { $in: ids } } },
    select: ['id', 'no'],
    populate: { contact: { select: ['id', 'no', 'name'] } },
    limit: 5,
  });
  if (!open.length) return;
  const list = open.map((o: any) => `${o.no} (${o.contact?.no ?? o.contact?.name})`).join(', ');
  throw validationError(
    `Contact ${contact.no ?? contact.name} cannot be deleted because of open opportunities: ${list}. Close them first.`,
  );
}

/** Deletes the persons of a company, each through the document service so their own rules run. */
export async function deletePersonsOf(write: Write, companyId: number) {
  const ids = await personIdsOf(write, companyId);
  if (!ids.length) return;
  const persons = await write.strapi.db
    .query(UID.contact)
    .findMany({ where: { id: { $in: ids } }, select: ['documentId'] });
  for (const p of persons) await write.strapi.documents(UID.contact).delete({ documentId: p.documentId });
}

/**
 * The record types that carry a contact's history: each has `contact` and `contactCompany` relations
 * and follows the person-moves / person-deleted rules below.
 */
const HISTORY_TYPES = [UID.opportunity, UID.interactionLogEntry];

/** Re-points a person's opportunities and interaction log entries to its company (the person is being deleted). */
export async function repointToCompany(write: Write, personId: number, companyId: number) {
  for (const uid of HISTORY_TYPES) {
    const jt = joinTableOf(write.strapi, uid, 'contact');
    await write
      .trx(jt.name)
      .where(jt.inverseJoinColumn, personId)
      .update({ [jt.inverseJoinColumn]: companyId });
  }
}

/**
 * A person moves to another company (or leaves it): its opportunities and interaction log entries
 * recorded under the old company are re-pointed to that company, so the history stays where it happened.
 */
export async function moveHistoryToOldCompany(write: Write, personId: number, oldCompanyId: number) {
  for (const uid of HISTORY_TYPES) {
    const contact = joinTableOf(write.strapi, uid, 'contact');
    const company = joinTableOf(write.strapi, uid, 'contactCompany');
    await write
      .trx(contact.name)
      .where(contact.inverseJoinColumn, personId)
      .whereIn(
        contact.joinColumn,
        write.trx(company.name).select(company.joinColumn).where(company.inverseJoinColumn, oldCompanyId),
      )
      .update({ [contact.inverseJoinColumn]: oldCompanyId });
  }
}
