/**
 * The records that carry a contact's history (opportunities, interaction log entries): each has
 * `contact` and `contactCompany` relations; re-pointing them is an update of their join rows.
 */
import type { Write } from './unit-of-work';
import { UID } from '../utils/uids';
import { joinTableOf } from './tables';

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
