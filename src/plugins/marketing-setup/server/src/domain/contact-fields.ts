/**
 * A contact's own field rules (reference §2.1, §2.3, §2.9): name ⇄ name parts, search name,
 * search e-mail, phone / e-mail / VAT checks, and the pure part of a type change.
 * Pure: no Strapi, no I/O. Broken rules throw `RuleViolation` with the field as path.
 */
import { RuleViolation } from './errors';
import { ADDRESS_FIELDS, COMMUNICATION_FIELDS } from '../../../shared/contracts/contact-fields';
import { fitNamePart, NAME_PART_MAX, partsFromName, partsSpellName, splitNameWhole, type NameParts } from './names';
import { fieldLabel } from './field-labels';
import { longerThan, previewText } from './text-length';

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

export { type NameParts };

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
  const shown = previewText(text, 40);
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

const NAME_FIELDS = ['name', ...NAME_PART_FIELDS] as const;
type NamePartField = (typeof NAME_PART_FIELDS)[number];
/** A name part as stored: blank is null, spaces collapsed. */
const partValue = (v: unknown): string | null => (isBlank(v) ? null : collapse(String(v)));

/**
 * Parts taken from the name (`fields`), fitted to what a part holds (names.ts `fitNamePart`: whole words, never inside
 * a letter); each one shortened is said in `warnings` (the REST answer's `meta.warnings`). Parts a caller sent are
 * not among `fields`: one too long is refused, as without a name.
 */
function fitted(parts: NameParts, fields: readonly NamePartField[], warnings?: string[]): NameParts {
  const out = { ...parts };
  for (const f of fields) {
    const whole = parts[f];
    if (whole === null || !longerThan(whole, NAME_PART_MAX)) continue;
    out[f] = fitNamePart(whole);
    // Only composed (accents typed as marks): nothing lost, nothing to say.
    if (out[f] !== whole.normalize('NFC'))
      warnings?.push(
        `${label(f)} was shortened to ${NAME_PART_MAX} characters: "${whole}" is stored as "${out[f]}" ` +
          `(the name keeps it whole).`,
      );
  }
  return out;
}

/**
 * Name → First Name / Middle Name / Surname (names.ts `splitNameWhole`), each fitted to the NAME_PART_MAX characters a
 * part holds; a part shortened is said in `warnings`.
 */
export function splitName(name: string | null | undefined, email?: unknown, warnings?: string[]): NameParts {
  return fitted(splitNameWhole(name, email), NAME_PART_FIELDS, warnings);
}

/** A person's name as sent alone: kept as typed (spaces collapsed) and split into the parts. */
function nameSplit(name: unknown, email: unknown, warnings?: string[]): Record<string, unknown> {
  const typed = collapse(String(name ?? ''));
  return { name: typed, ...splitName(typed, email, warnings) };
}

/**
 * Parts sent (with or without a name): a name sent with only some of its parts fills the others from its other
 * words; else the parts sent win, the others come from the stored record. The name is rebuilt from the parts.
 * `filled` says whether the name's words filled them (the name and the parts then agree); `parts` are all of them.
 */
function namesFromParts(
  old: Record<string, unknown>,
  changes: Record<string, unknown>,
  warnings?: string[],
): { fields: Record<string, unknown>; filled: boolean; parts: NameParts } {
  const out: Record<string, unknown> = {};
  const sent: Partial<NameParts> = {};
  for (const f of NAME_PART_FIELDS) if (sets(changes, f)) sent[f] = partValue(changes[f]);
  const fromName = sets(changes, 'name') ? partsFromName(String(changes.name ?? ''), sent) : null;
  const taken = NAME_PART_FIELDS.filter((f) => !sets(changes, f));
  const filled = fromName && fitted(fromName, taken, warnings);
  const parts = {} as NameParts;
  for (const f of NAME_PART_FIELDS) {
    parts[f] = partValue(filled ? filled[f] : sets(changes, f) ? sent[f] : old[f]);
    if (filled || sets(changes, f)) out[f] = parts[f];
  }
  out.name = composeName(parts);
  return { fields: out, filled: !!filled, parts };
}

/** Which of a person's name and its parts a request changed, compared with the stored values. */
export interface NameEdit {
  /** The name sent differs from the stored one (spaces collapsed; a change of case is a change). */
  nameChanged: boolean;
  /** The parts sent that differ from the stored ones (blank = null). */
  changedParts: NamePartField[];
}

export function nameEditOf(before: Record<string, unknown>, changes: Record<string, unknown>): NameEdit {
  return {
    nameChanged: sets(changes, 'name') && collapse(String(changes.name ?? '')) !== collapse(String(before.name ?? '')),
    changedParts: NAME_PART_FIELDS.filter((f) => sets(changes, f) && partValue(changes[f]) !== partValue(before[f])),
  };
}

/**
 * The name and parts an update of a stored person writes, decided by the field the user changed (the reference
 * validates the field typed into: Name splits into the parts, a part rebuilds Name). Each value sent is compared
 * with the stored one, as the Content Manager sends the whole record and an import row every column:
 * - nothing changed: nothing is written (the name keeps what was typed, a title too): `{}`;
 * - the name changed, no part: the name wins and is split again; the unchanged parts sent are stale, except that
 *   a REST client's hint still counts (a name sent with some of its parts, each standing in it as whole words:
 *   those parts, the other words filling the rest);
 * - a part changed, not the name (or no name sent): the parts win and the name is rebuilt from them (a name sent
 *   with only some of its parts fills the others, as on create);
 * - both changed: the parts win when they agree with the name — a name sent with some of its parts that stand in
 *   it, or parts that spell the name (same words in any order, titles aside: the name is kept as typed); else a
 *   `RuleViolation` naming the fields, nothing written.
 * Null when neither the name nor a part was sent.
 */
export function personNameUpdate(
  before: Record<string, unknown>,
  changes: Record<string, unknown>,
  email?: unknown,
  warnings?: string[],
): Record<string, unknown> | null {
  const partsSent = NAME_PART_FIELDS.some((f) => sets(changes, f));
  if (!sets(changes, 'name') && !partsSent) return null;
  const { nameChanged, changedParts } = nameEditOf(before, changes);
  if (!nameChanged && changedParts.length === 0) return {};
  if (!partsSent) return nameSplit(changes.name, email, warnings);
  // Warnings of the parts filled from the name only once the name's parts are what is written.
  const notes: string[] = [];
  const fromParts = namesFromParts(before, changes, notes);
  const taking = (fields: Record<string, unknown>) => {
    warnings?.push(...notes);
    return fields;
  };
  if (!nameChanged) return taking(fromParts.fields);
  if (changedParts.length === 0)
    return fromParts.filled ? taking(fromParts.fields) : nameSplit(changes.name, email, warnings);
  if (fromParts.filled) return taking(fromParts.fields);
  // Not filled: the parts sent, the others as stored.
  const { parts } = fromParts;
  if (partsSpellName(String(changes.name ?? ''), parts)) {
    const sent = Object.fromEntries(NAME_PART_FIELDS.filter((f) => sets(changes, f)).map((f) => [f, parts[f]]));
    return { name: collapse(String(changes.name ?? '')), ...sent };
  }
  const typedParts = changedParts.map((f) => `${label(f)} "${parts[f] ?? ''}"`).join(' and ');
  throw new RuleViolation(
    `Name "${collapse(String(changes.name ?? ''))}" and ${typedParts} were both changed and do not agree ` +
      `(the parts make "${composeName(parts)}"): change the name or its parts, or make the parts spell the name.`,
    ['name', ...changedParts],
  );
}

/**
 * The field rules of a contact write: what it writes (`changes` with the derived fields). Non-blocking notes (a name
 * part shortened) are pushed on `warnings`, for the REST answer's `meta.warnings`.
 */
export function applyContactFieldRules(
  type: ContactType,
  before: Record<string, unknown> | null,
  changes: Record<string, unknown>,
  warnings?: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...changes };
  const isCreate = before === null;
  const old = before ?? {};
  const nameSent = sets(changes, 'name');

  if (type === 'person') {
    const email = sets(changes, 'email') ? changes.email : old.email;
    // An update of a stored person: what the request changed decides (a company becoming one is split as created).
    const names = !isCreate && old.type !== 'company' ? personNameUpdate(old, changes, email, warnings) : null;
    if (names) {
      for (const f of NAME_FIELDS) delete out[f];
      Object.assign(out, names);
    } else if (NAME_PART_FIELDS.some((f) => sets(changes, f)))
      Object.assign(out, namesFromParts(old, changes, warnings).fields);
    else if (nameSent) Object.assign(out, nameSplit(changes.name, email, warnings));
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

  // A search name sent back as stored (the Content Manager sends the whole form) is no hand edit: it follows the name.
  const searchNameSent =
    sets(changes, 'searchName') &&
    (isCreate || isBlank(changes.searchName) || upperOrNull(changes.searchName) !== old.searchName);
  if (!searchNameSent) delete out.searchName;
  if (searchNameSent) {
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
    longerThan(String(changes.registrationNumber ?? ''), REGISTRATION_NUMBER_MAX)
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

export function typeChangeFields(
  before: Record<string, unknown>,
  newType: ContactType,
  warnings?: string[],
): Record<string, unknown> {
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
  return { type: 'person', companyName: null, ...splitName(String(before.name ?? ''), before.email, warnings) };
}
