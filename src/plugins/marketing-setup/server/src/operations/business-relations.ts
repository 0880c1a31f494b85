/**
 * A contact's computed `businessRelation` (reference §2.10) and the setup's business relation codes:
 * shared by the contact and link-row write rules and the merge service.
 */
import type { Write } from '../repositories/unit-of-work';
import {
  businessRelationOf,
  linkRowTitle,
  LINK_KINDS,
  type LinkKind,
  type RelationRow,
} from '../domain/business-relations';
import { loadSetup } from '../repositories/setup';
import { companyIdOf } from '../repositories/contacts';
import { personIdsOf } from '../repositories/company-persons';
import {
  linkedRecordOf,
  linkRows,
  setBusinessRelation,
  setLinkRowTitle,
  type LinkRow,
} from '../repositories/business-relations';

export const CODE_FIELD: Record<LinkKind, string> = {
  customer: 'busRelCodeForCustomers',
  vendor: 'busRelCodeForVendors',
  bankAccount: 'busRelCodeForBankAccounts',
};

/** The setup's business relation code of each kind (null where none is set). */
export const setupCodes = async (write: Pick<Write, 'strapi' | 'trx'>) => {
  const setup = await loadSetup(write.strapi, write.trx);
  return Object.fromEntries(LINK_KINDS.map((k) => [k, (setup[CODE_FIELD[k]] as number | null) ?? null])) as Record<
    LinkKind,
    number | null
  >;
};

/** Writes the title of each link row whose stored one is not what its contact and code make now. */
async function storeTitles(write: Pick<Write, 'strapi'>, rows: LinkRow[]) {
  for (const row of rows) {
    const title = linkRowTitle(row.contact, row.businessRelation?.code);
    if ((row.title ?? null) !== title) await setLinkRowTitle(write.strapi, row.id as number, title);
  }
}

/**
 * The titles of the link rows `where` selects, after a change of what they are made of (a contact's name or number,
 * a business relation code), or rows stored before titles were (`{ title: { $null: true } }`, at start-up).
 */
export const refreshLinkRowTitles = async (write: Pick<Write, 'strapi'>, where: Record<string, unknown>) =>
  storeTitles(write, await linkRows(write, where));

/**
 * `businessRelation` of contacts, each with its company (or null): its own link rows, plus its company's for a
 * person. One read of the link rows for all of them; only rows whose value changes are written.
 */
async function recompute(write: Write, contacts: { id: number; companyId: number | null }[]) {
  if (!contacts.length) return;
  const all = new Set<number>();
  for (const c of contacts) {
    all.add(c.id);
    if (c.companyId) all.add(c.companyId);
  }
  const rows = await linkRows(write, { contact: { id: { $in: [...all] } } });
  await storeTitles(write, rows);
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
  const idsByValue = new Map<ReturnType<typeof businessRelationOf>, number[]>();
  for (const { id, companyId } of contacts) {
    const ownRows = rowsByContact.get(id) ?? [];
    const companyRows = companyId ? (rowsByContact.get(companyId) ?? []) : [];
    const value = businessRelationOf(id === companyId ? ownRows : [...ownRows, ...companyRows], codes);
    const group = idsByValue.get(value) ?? [];
    group.push(id);
    idsByValue.set(value, group);
  }
  for (const [value, group] of idsByValue) await setBusinessRelation(write, value, group);
}

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
  const companyId = await companyIdOf(write, contactId);
  const ids: number[] =
    scope === 'company' && companyId ? [companyId, ...(await personIdsOf(write, companyId))] : [contactId];
  await recompute(
    write,
    ids.map((id) => ({ id, companyId })),
  );
}

/** Scope 'contact' for many new persons at once (an import chunk's), each with the company it was created with. */
export const recomputeNewPersons = (write: Write, persons: { id: number; companyId: number }[]) =>
  recompute(write, persons);
