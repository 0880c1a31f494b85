/**
 * Business relations (reference §2.10, §5): which fields a contact shares with its customer, vendor
 * or bank account, in which direction, and the contact's computed `businessRelation`.
 * Pure: no Strapi, no I/O. Relation-valued fields are opaque keys (the adapter passes ids).
 */
import { RuleViolation } from './errors';
import { ADDRESS_FIELDS, COMMUNICATION_FIELDS } from '../../../shared/contracts/contact-fields';
import { contactCaption } from './content-manager-layout';

export type LinkKind = 'customer' | 'vendor' | 'bankAccount';
export type BusinessRelationValue = 'none' | 'customer' | 'vendor' | 'bankAccount' | 'other' | 'multiple';
export const LINK_KINDS: readonly LinkKind[] = ['customer', 'vendor', 'bankAccount'];

export const KIND_LABEL: Record<LinkKind, string> = {
  customer: 'Customer',
  vendor: 'Vendor',
  bankAccount: 'Bank Account',
};
const KIND_PLURAL: Record<LinkKind, string> = {
  customer: 'Customers',
  vendor: 'Vendors',
  bankAccount: 'Bank Accounts',
};

/** Fields with the same meaning on both sides (BC's TransferFields by field number). */
const SHARED: string[] = [
  'name',
  'searchName',
  'name2',
  ...ADDRESS_FIELDS,
  'countryRegion',
  // A customer, vendor or bank account has no extension or pager number.
  ...COMMUNICATION_FIELDS.filter((f) => f !== 'extensionNo' && f !== 'pager'),
  'territory',
  'language',
  'formatRegion',
  'vatRegistrationNo',
  'registrationNumber',
  'privacyBlocked',
];

/**
 * Contact → target. Customers also take the salesperson and the contact type. Vendors keep their own
 * purchaser; banks take no salesperson. Registration Number is not copied to a bank (BC puts it in the
 * bank's Format Region, a quirk we do not repeat).
 */
export function contactToTargetFields(kind: LinkKind): string[] {
  if (kind === 'customer') return [...SHARED, 'salesperson'];
  if (kind === 'bankAccount') return SHARED.filter((f) => f !== 'registrationNumber');
  return SHARED;
}

/** Target → contact: the same fields; only a customer's salesperson comes back (vendor/bank keep the contact's). */
export const targetToContactFields = (kind: LinkKind): string[] => contactToTargetFields(kind);

/** Every field a contact shares with any kind of linked record (the customer's list is the widest). */
export const ALL_SYNCED_FIELDS: readonly string[] = contactToTargetFields('customer');

const norm = (v: unknown) =>
  v === undefined || v === null || v === '' ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** The synced fields whose value differs between `before` and `after` (a field absent from `after` is unchanged). */
export function changedFields(
  fields: string[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  return fields.filter((f) => f in after && norm(before[f]) !== norm(after[f]));
}

/** Picks `fields` from `source`, blanks as null. */
export function pick(fields: string[], source: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, source[f] === undefined || source[f] === '' ? null : source[f]]));
}

/** The values a new customer / vendor / bank account gets from its contact. */
export function newTargetFrom(kind: LinkKind, contact: Record<string, unknown>): Record<string, unknown> {
  const out = pick(contactToTargetFields(kind), contact);
  if (kind === 'customer') out.contactType = contact.type;
  // The company's name is the customer's name (a person under a company never gets here: the company does).
  return out;
}

export interface RelationRow {
  linkToTable: 'none' | LinkKind;
  businessRelationId: number | null;
  linked: boolean;
}

/**
 * Reference §2.10: relations considered are the contact's own plus, for a person, its company's.
 * None → none. Exactly one, linked with the setup code of its kind → that kind. One unlinked → other.
 * Anything else → multiple.
 */
export function businessRelationOf(
  rows: RelationRow[],
  setupCodes: Record<LinkKind, number | null>,
): BusinessRelationValue {
  if (rows.length === 0) return 'none';
  if (rows.length === 1) {
    const [row] = rows;
    if (row.linkToTable !== 'none' && row.linked && row.businessRelationId === setupCodes[row.linkToTable])
      return row.linkToTable;
    return row.linkToTable === 'none' ? 'other' : 'multiple';
  }
  return 'multiple';
}

/** The setup code for a kind must be set before contacts and records of that kind can be linked. */
export function assertCodeSet(kind: LinkKind, codeId: number | null) {
  if (!codeId) {
    throw new RuleViolation(
      `Set "Bus. Rel. Code for ${KIND_PLURAL[kind]}" in the Marketing Setup before linking contacts with ${KIND_PLURAL[kind].toLowerCase()}.`,
      ['kind'],
    );
  }
}

/** Who holds the link: a person with a company links through its company; vendors and banks need a company. */
export function linkHolder<T extends { type: string; no?: string | null }>(
  kind: LinkKind,
  contact: T,
  company: T | null,
): T {
  if (contact.type === 'person' && company) return company;
  if (contact.type === 'person' && kind !== 'customer') {
    throw new RuleViolation(
      `Contact ${contact.no} is a person without a company; a ${KIND_LABEL[kind].toLowerCase()} can only be created for a company.`,
      ['kind'],
    );
  }
  return contact;
}

export const alreadyLinkedMessage = (contactNo: string, kind: LinkKind, targetNo: string) =>
  `Contact ${contactNo} already has a Contact Business Relation with ${KIND_LABEL[kind]} ${targetNo}.`;

/** A contact business relation row as a write leaves it: ids of its contact, code and linked record. */
export type LinkRowInput = {
  linkToTable: LinkKind | 'none';
  contact: number | null;
  businessRelation: number | null;
} & Partial<Record<LinkKind, number | null>>;

/** Another stored link row, as the checks compare it. */
export interface OtherLink {
  businessRelationId: number | null;
  linkToTable: LinkKind | 'none';
  /** Whether it links to a record that exists, and that record's number. */
  linked: boolean;
  linkedNo: string | null;
  contactNo?: string | null;
}

/** A link row needs a contact and a code; null when it has both. */
export function linkRowShapeViolation(row: LinkRowInput): RuleViolation | null {
  if (!row.contact) return new RuleViolation('A contact business relation needs a contact.', ['contact']);
  if (!row.businessRelation)
    return new RuleViolation('A contact business relation needs a business relation code.', ['businessRelation']);
  return null;
}

/**
 * Checks a link row (reference §5.1) against the contact's other rows (`others`) and the row, if any,
 * that already links the same record to another contact (`elsewhere`): a code once per contact; the
 * setup's link codes only with a linked record; one record of each kind per contact; a record linked
 * with one contact only. Null when the row may be written.
 */
export function linkRowViolation(
  row: LinkRowInput,
  contactNo: string,
  others: OtherLink[],
  codes: Record<LinkKind, number | null>,
  elsewhere: OtherLink | null,
): RuleViolation | null {
  if (others.some((r) => r.businessRelationId === row.businessRelation))
    return new RuleViolation(`Contact ${contactNo} already has this business relation.`, ['businessRelation']);
  const kind = row.linkToTable;
  if (kind === 'none') {
    const reserved = LINK_KINDS.find((k) => codes[k] === row.businessRelation);
    if (!reserved) return null;
    const label = KIND_LABEL[reserved].toLowerCase();
    return new RuleViolation(
      `This business relation code is used when a contact is linked with a ${label}; link a ${label} instead.`,
      ['businessRelation'],
    );
  }
  if (!row[kind])
    return new RuleViolation(`Choose the ${KIND_LABEL[kind].toLowerCase()} this relation links to.`, [kind]);
  const sameKind = others.find((r) => r.linkToTable === kind && r.linked);
  if (sameKind)
    return new RuleViolation(alreadyLinkedMessage(contactNo, kind, String(sameKind.linkedNo)), ['linkToTable']);
  if (elsewhere)
    return new RuleViolation(
      `${KIND_LABEL[kind]} ${elsewhere.linkedNo} is already linked with contact ${elsewhere.contactNo}.`,
      [kind],
    );
  return null;
}

/** A privacy-blocked contact cannot be linked with a customer, vendor or bank account. */
export function privacyViolation(contact: { no?: string | null; privacyBlocked?: unknown }, kind: LinkKind) {
  if (!contact.privacyBlocked) return null;
  return new RuleViolation(
    `Contact ${contact.no} is privacy blocked; it cannot be linked with a ${KIND_LABEL[kind].toLowerCase()}.`,
    ['privacyBlocked'],
  );
}

/** "Create as" / "Link with existing": the holder already has a record of this kind linked. */
export const alreadyLinkedViolation = (contactNo: string, kind: LinkKind, targetNo: string) =>
  new RuleViolation(alreadyLinkedMessage(contactNo, kind, targetNo), ['kind']);

/**
 * The name of a link row, as the Content Manager titles it and names it in lists: its contact as every contact
 * picker names one, and its business relation code ("CT000001 Fabrikam NV – CUST"); either part may be missing.
 */
export const linkRowTitle = (
  contact: { no?: unknown; name?: unknown } | null,
  code: string | null | undefined,
): string | null =>
  [contact ? contactCaption(contact.no, contact.name) : '', code ?? ''].filter(Boolean).join(' – ') || null;
