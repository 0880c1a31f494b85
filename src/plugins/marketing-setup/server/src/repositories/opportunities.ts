/** Opportunities and sales cycles, as the contact and opportunity write rules read them. */
import type { Core } from '@strapi/strapi';
import type { Row } from './contacts';
import { UID } from '../utils/uids';

const OPEN = ['notStarted', 'inProgress'];

/** How many opportunities name the contact as contact or as company. */
export const countOpportunities = (strapi: Core.Strapi, contactId: number) =>
  strapi.db
    .query(UID.opportunity)
    .count({ where: { $or: [{ contact: { id: contactId } }, { contactCompany: { id: contactId } }] } });

/** Up to five open opportunities of the contacts, with their contact's number and name. */
export async function openOpportunitiesOf(strapi: Core.Strapi, contactIds: number[]) {
  return (await strapi.db.query(UID.opportunity).findMany({
    where: { opportunityStatus: { $in: OPEN }, contact: { id: { $in: contactIds } } },
    select: ['id', 'no'],
    populate: { contact: { select: ['id', 'no', 'name'] } },
    limit: 5,
  })) as { id: number; no: string; contact: { no: string | null; name: string | null } | null }[];
}

/** A stored opportunity with its sales cycle, contact and company as references. */
export async function findOpportunity(strapi: Core.Strapi, documentId: string) {
  return (await strapi.db.query(UID.opportunity).findOne({
    where: { documentId },
    populate: {
      salesCycle: { select: ['id', 'documentId'] },
      contact: { select: ['id', 'documentId'] },
      contactCompany: { select: ['id'] },
      salesperson: { select: ['id', 'documentId'] },
    },
  })) as
    | (Row & {
        no: string;
        opportunityStatus: string;
        salesCycle: { id: number; documentId: string } | null;
        contact: { id: number; documentId: string } | null;
        contactCompany: { id: number } | null;
        salesperson: { id: number; documentId: string } | null;
      })
    | null;
}

export interface StoredSalesCycle {
  id: number;
  code: string;
  blocked: boolean;
  probabilityCalculation: string;
  stages?: { stage: number; completedPercent: unknown; chancesOfSuccessPercent: unknown }[];
}

/** A sales cycle with its stages (null when there is none). */
export async function findSalesCycle(strapi: Core.Strapi, where: { id: number } | { documentId: string }) {
  return (await strapi.db
    .query(UID.salesCycle)
    .findOne({ where, populate: { stages: true } })) as StoredSalesCycle | null;
}

/** A contact with its company's id (null when there is none). */
export async function contactWithCompany(strapi: Core.Strapi, where: { id: number } | { documentId: string }) {
  return (await strapi.db.query(UID.contact).findOne({
    where,
    populate: { company: { select: ['id'] }, salesperson: { select: ['id'] } },
  })) as (Row & { type: string; company: { id: number } | null; salesperson: { id: number } | null }) | null;
}
