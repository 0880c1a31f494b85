/**
 * A contact's own field rules (reference §2.1, §2.3, §2.9): name ⇄ name parts, search name,
 * search e-mail, phone / e-mail / VAT checks, and the pure part of a type change.
 * Pure: no Strapi, no I/O. Broken rules throw `RuleViolation` with the field as path.
 */
import { RuleViolation } from './errors';
import { ADDRESS_FIELDS, COMMUNICATION_FIELDS } from '../../../shared/contracts/contact-fields';
import { partsFromName, splitName, type NameParts } from './names';
import { fieldLabel } from './field-labels';

/**
 * A contact's details after its names, in the reference's order: address, communication, people and codes,
 * registration. One list for the CSV columns and the fields a merge may take.
 */
export const CONTACT_DETAIL_FIELDS = [
  ...ADDRESS_FIELDS,
  'countryRegion',
  // E-mail 2 stands after E-mail, as on the reference's card.
  ...COMMUNICATION_FIELDS.flatMap((f) => (f === 'email' ? (['email', 'email2'] as const) : [f])),
  'salesperson',
  'territory',
  'language',
  'formatRegion',
  'correspondenceType',
  'salutation',
  'vatRegistrationNo',
  'registrationNumber',
  'privacyBlocked',
] as const;

export type ContactType = 'company' | 'person';

export { splitName, type NameParts };

const REGISTRATION_NUMBER_MAX = 20;

/** Human labels (the reference's captions), used in every message. */
const label = (field: string) => fieldLabel(field);

/**
 * Fields that refuse letters. BC checks Phone No. and Mobile Phone No.; we add Fax No. because a fax
 * number is a phone number. Telex No. is left free: telex numbers and answer-backs may carry letters.
 */
export const PHONE_FIELDS: readonly string[] = Object.freeze(['phoneNo', 'mobilePhoneNo', 'faxNo']);
const EMAIL_FIELDS = ['email', 'email2'] as const;
const NAME_PART_FIELDS = ['firstName', 'middleName', 'surname'] as const;
/** Fields that make no sense on a company; silently cleared there (as BC does on a type change). */
const PERSON_ONLY_FIELDS = [...NAME_PART_FIELDS, 'jobTitle'] as const;

const isBlank = (v: unknown): boolean => v === null || v === undefined || String(v).trim() === '';
const upperOrNull = (v: unknown): string | null => (isBlank(v) ? null : String(v).trim().toUpperCase());
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const collapse = (s: string) => s.trim().replace(/\s+/g, ' ');
/** A key counts as "set by the request" when present and not undefined. */
const sets = (changes: Record<string, unknown>, key: string) =>
  Object.prototype.hasOwnProperty.call(changes, key) && changes[key] !== undefined;

export function composeName(p: NameParts): string {
  return [p.firstName, p.middleName, p.surname]
    .filter((x) => !isBlank(x))
    .map((x) => collapse(String(x)))
    .join(' ');
}

export function nextSearchName(
  oldName: string | null,
  oldSearchName: string | null,
  newName: string | null,
): string | null {
  // A search name still equal to the old name was never hand-edited, so it follows the name.
  const following = isBlank(oldSearchName) || oldSearchName === (oldName ?? '').toUpperCase();
  return following ? upperOrNull(newName) : oldSearchName;
}

/**
 * Most digits a phone number has: 15 (the international maximum, E.164) after a "00" international prefix, plus
 * a "(0)" written in ("+32 (0)475 …").
 */
export const PHONE_MAX_DIGITS = 18;
/** What a phone number may hold besides digits: spaces and the usual separators; "+" only at the start. */
const PHONE_CHARS = /^\+?[\d\s()./-]*$/u;

/**
 * A phone number holds digits, spaces, the separators ( ) . / - and a + at the start, with 1 to
 * PHONE_MAX_DIGITS digits ("+32 475 12 34 56", "0032475123456", "0475/12.34.56", "(0)475 12 34 56"). Letters
 * are refused as the reference refuses them, so an extension ("ext 12", "x12") is written elsewhere.
 */
export function assertPhone(field: string, value: unknown): void {
  if (isBlank(value)) return;
  const text = String(value).trim();
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  if (/\p{L}/u.test(text)) {
    throw new RuleViolation(`${label(field)} must not contain letters ("${shown}").`, [field]);
  }
  if (!PHONE_CHARS.test(text)) {
    const odd = [...text].find((c, i) => !/[\d\s()./-]/u.test(c) && !(c === '+' && i === 0));
    throw new RuleViolation(
      `${label(field)} may hold only digits, spaces, ( ) . / - and a + at the start; "${odd}" is not allowed ("${shown}").`,
      [field],
    );
  }
  const digits = text.replace(/\D/g, '').length;
  if (digits === 0) throw new RuleViolation(`${label(field)} has no digits ("${shown}").`, [field]);
  if (digits > PHONE_MAX_DIGITS)
    throw new RuleViolation(
      `${label(field)} has ${digits} digits; a phone number has at most ${PHONE_MAX_DIGITS} ("${shown}").`,
      [field],
    );
}

// Pragmatic syntax check: local@domain.tld, no spaces, no empty dot-separated pieces.
const EMAIL_RE =
  /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@([\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}]{2,}$/u;

export function assertEmail(field: string, value: unknown): void {
  if (isBlank(value)) return;
  // Several addresses separated by ';' are allowed; empty entries (e.g. a trailing ';') are ignored.
  for (const address of String(value)
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean)) {
    if (!EMAIL_RE.test(address)) {
      throw new RuleViolation(`${label(field)}: "${address}" is not a valid e-mail address.`, [field]);
    }
  }
}

/**
 * Fields of a contact the plugin fills in, never a caller (REST, the Content Manager, an import): Company Name
 * (a company's own name, a person's company's name), No. Series (the series the number was drawn from), the
 * inheritance overrides and the business relation. A value sent for one is ignored — the field keeps the value
 * its rule gives, as Search E-Mail, which follows the e-mail — so a client that saves the whole record back
 * is not refused.
 */
export const MAINTAINED_CONTACT_FIELDS: readonly string[] = Object.freeze([
  'companyName',
  'noSeries',
  'inheritanceOverrides',
  'businessRelation',
]);

/** The write's data without the fields the plugin maintains (`MAINTAINED_CONTACT_FIELDS`); mutates `data`. */
export function withoutMaintainedFields<T extends Record<string, unknown>>(data: T): T {
  for (const f of MAINTAINED_CONTACT_FIELDS) delete data[f];
  return data;
}

/** Search E-Mail: the e-mail upper-cased (derived, also when the e-mail was inherited or propagated). */
export const searchEmailOf = (email: unknown): string | null => upperOrNull(email);

export function normaliseVat(value: unknown): string | null {
  return upperOrNull(value);
}

export function applyContactFieldRules(
  type: ContactType,
  before: Record<string, unknown> | null,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...changes };
  const isCreate = before === null;
  const old = before ?? {};
  const nameSent = sets(changes, 'name');

  if (type === 'person') {
    const email = sets(changes, 'email') ? changes.email : old.email;
    if (NAME_PART_FIELDS.some((f) => sets(changes, f))) {
      const sent: Partial<NameParts> = {};
      for (const f of NAME_PART_FIELDS)
        if (sets(changes, f)) sent[f] = isBlank(changes[f]) ? null : collapse(String(changes[f]));
      // A name sent with some of its parts: the other words of the name fill the others.
      const filled = nameSent ? partsFromName(String(changes.name ?? ''), sent) : null;
      // Else parts win over a name sent alongside them; unsent parts come from the stored record.
      const parts = {} as NameParts;
      for (const f of NAME_PART_FIELDS) {
        const v = filled ? filled[f] : sets(changes, f) ? sent[f] : old[f];
        parts[f] = isBlank(v) ? null : collapse(String(v));
        if (filled || sets(changes, f)) out[f] = parts[f];
      }
      out.name = composeName(parts);
    } else if (nameSent) {
      out.name = collapse(String(changes.name ?? ''));
      Object.assign(out, splitName(String(out.name), email));
    }
  } else {
    if (nameSent) out.name = collapse(String(changes.name ?? ''));
    if (nameSent || isCreate) out.companyName = isBlank(out.name ?? old.name) ? null : (out.name ?? old.name);
    for (const f of PERSON_ONLY_FIELDS) {
      if (sets(changes, f) || !isBlank(old[f])) out[f] = null;
    }
  }

  // A contact needs a name: on create, and whenever a write touches it.
  const nameTouched = 'name' in out && out.name !== undefined;
  if ((isCreate || nameTouched) && isBlank(nameTouched ? out.name : old.name)) {
    throw new RuleViolation('Name must not be blank.', ['name']);
  }

  if (sets(changes, 'searchName')) {
    // Hand-set: kept (upper-cased). Blanking it makes it follow the name again.
    out.searchName = upperOrNull(changes.searchName) ?? upperOrNull(out.name ?? old.name);
  } else if (isCreate || (nameTouched && out.name !== old.name)) {
    out.searchName = nextSearchName(textOrNull(old.name), textOrNull(old.searchName), textOrNull(out.name));
  }

  // Search E-Mail is derived only; a value sent for it is replaced.
  if (isCreate || sets(changes, 'email') || sets(changes, 'searchEmail')) {
    out.searchEmail = upperOrNull(sets(changes, 'email') ? changes.email : old.email);
  }

  if (sets(changes, 'vatRegistrationNo')) out.vatRegistrationNo = normaliseVat(changes.vatRegistrationNo);
  for (const f of PHONE_FIELDS) if (sets(changes, f)) assertPhone(f, changes[f]);
  for (const f of EMAIL_FIELDS) {
    if (!sets(changes, f)) continue;
    assertEmail(f, changes[f]);
    // Spaces around an address (pasted from a mail client) are no part of it: stored, they broke exact lookups.
    if (typeof changes[f] === 'string') out[f] = (changes[f] as string).trim();
  }
  if (
    sets(changes, 'registrationNumber') &&
    String(changes.registrationNumber ?? '').length > REGISTRATION_NUMBER_MAX
  ) {
    throw new RuleViolation(`Registration Number must be at most ${REGISTRATION_NUMBER_MAX} characters long.`, [
      'registrationNumber',
    ]);
  }
  return out;
}

/** Why a type change may be refused; all but the VAT one need the database, so the adapter checks them. */
export type TypeChangeRefusal =
  'hasPersons' | 'hasOpportunities' | 'hasInteractions' | 'hasBusinessRelations' | 'hasVatRegistrationNo';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The message for a refused type change. `detail` is a count, or the VAT number for 'hasVatRegistrationNo'. */
export function typeChangeRefusal(reason: TypeChangeRefusal, contactNo: string, detail: number | string = 0): string {
  const c = `Contact ${contactNo}`;
  const n = Number(detail) || 0;
  switch (reason) {
    case 'hasPersons':
      return `${c} cannot become a person because ${plural(n, 'person belongs', 'persons belong')} to it.`;
    case 'hasOpportunities':
      return `${c} cannot change type because it has ${plural(n, 'opportunity', 'opportunities')}.`;
    case 'hasInteractions':
      return `${c} cannot change type because it has ${plural(n, 'logged interaction', 'logged interactions')}.`;
    case 'hasBusinessRelations':
      return `${c} cannot become a person because it has ${plural(n, 'business relation', 'business relations')}; remove them first.`;
    case 'hasVatRegistrationNo':
      return `${c} cannot become a person because it has a VAT Registration No. (${detail}); clear it first.`;
  }
}

/** Same message, ready to throw (path ['type']). */
export function typeChangeViolation(
  reason: TypeChangeRefusal,
  contactNo: string,
  detail?: number | string,
): RuleViolation {
  return new RuleViolation(typeChangeRefusal(reason, contactNo, detail), ['type']);
}

export function typeChangeFields(before: Record<string, unknown>, newType: ContactType): Record<string, unknown> {
  if (newType !== 'company' && newType !== 'person') {
    throw new RuleViolation(`Type must be "company" or "person", not "${newType}".`, ['type']);
  }
  if (before.type === newType) return {};
  if (newType === 'company') {
    return {
      type: 'company',
      firstName: null,
      middleName: null,
      surname: null,
      jobTitle: null,
      companyName: isBlank(before.name) ? null : before.name,
    };
  }
  if (!isBlank(before.vatRegistrationNo)) {
    throw typeChangeViolation('hasVatRegistrationNo', String(before.no ?? ''), String(before.vatRegistrationNo));
  }
  return { type: 'person', companyName: null, ...splitName(String(before.name ?? ''), before.email) };
}
