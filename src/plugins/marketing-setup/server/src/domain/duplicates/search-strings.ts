/**
 * The Business Central duplicate rule (reference §4.1–§4.3): search-string setup lines, building a
 * contact's strings exactly as MakeContIndex does, and the hit computation.
 * Pure: no Strapi, no I/O. Broken setup lines throw `RuleViolation` with the line's field as path.
 */
import { RuleViolation } from '../errors';

export type SearchPart = 'first' | 'last';

export interface SearchLine {
  field: string;
  part: SearchPart;
  length: number;
}

export interface SearchString {
  field: string;
  part: SearchPart;
  value: string;
}

/**
 * Contact text fields a line may name (the reference allows any Contact Text/Code field; these are the
 * ones that identify a contact). Labels are the reference's captions, used in every message.
 */
export const SEARCH_FIELD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  name: 'Name',
  name2: 'Name 2',
  searchName: 'Search Name',
  address: 'Address',
  address2: 'Address 2',
  city: 'City',
  postCode: 'Post Code',
  county: 'County',
  phoneNo: 'Phone No.',
  mobilePhoneNo: 'Mobile Phone No.',
  faxNo: 'Fax No.',
  email: 'E-Mail',
  email2: 'E-Mail 2',
  homePage: 'Home Page',
  vatRegistrationNo: 'VAT Registration No.',
  registrationNumber: 'Registration Number',
});
export const SEARCH_FIELDS: readonly string[] = Object.freeze(Object.keys(SEARCH_FIELD_LABELS));

export const SEARCH_LENGTH_MIN = 2;
export const SEARCH_LENGTH_MAX = 10;
/** Search String is Text[10] in the reference. */
const STORED_MAX = 10;

/** The reference's default set: 8 fields × first/last, length 5 = 16 lines. */
const DEFAULT_FIELDS = [
  'name',
  'address',
  'city',
  'phoneNo',
  'vatRegistrationNo',
  'postCode',
  'email',
  'mobilePhoneNo',
];
export const DEFAULT_SEARCH_SETUP: readonly SearchLine[] = Object.freeze(
  DEFAULT_FIELDS.flatMap((field) =>
    (['first', 'last'] as const).map((part) => Object.freeze({ field, part, length: 5 })),
  ),
);

const label = (field: string) => SEARCH_FIELD_LABELS[field] ?? field;

/** Checks one setup line; returns it trimmed to the three known keys. */
export function validateSearchLine(line: { field?: unknown; part?: unknown; length?: unknown }): SearchLine {
  const { field, part, length } = line ?? {};
  if (typeof field !== 'string' || !SEARCH_FIELDS.includes(field)) {
    throw new RuleViolation(
      `"${String(field ?? '')}" cannot be used for duplicate search. Choose one of: ${SEARCH_FIELDS.map(label).join(', ')}.`,
      ['field'],
    );
  }
  if (part !== 'first' && part !== 'last') {
    throw new RuleViolation(`Part of Field for ${label(field)} must be "first" or "last".`, ['part']);
  }
  if (!Number.isInteger(length) || (length as number) < SEARCH_LENGTH_MIN || (length as number) > SEARCH_LENGTH_MAX) {
    throw new RuleViolation(
      `Length for ${label(field)} (${part}) must be a whole number from ${SEARCH_LENGTH_MIN} to ${SEARCH_LENGTH_MAX}, not ${String(length)}.`,
      ['length'],
    );
  }
  return { field, part, length: length as number };
}

/** Checks a whole setup: every line, and (field, part) unique as in the reference's primary key. */
export function validateSearchSetup(lines: readonly unknown[]): SearchLine[] {
  const seen = new Set<string>();
  return lines.map((raw, i) => {
    let line: SearchLine;
    try {
      line = validateSearchLine(raw as Parameters<typeof validateSearchLine>[0]);
    } catch (e) {
      if (e instanceof RuleViolation) throw new RuleViolation(e.message, [String(i), ...e.path]);
      throw e;
    }
    const key = `${line.field}|${line.part}`;
    if (seen.has(key)) {
      throw new RuleViolation(`${label(line.field)} (${line.part}) appears twice in the search string setup.`, [
        String(i),
        'field',
      ]);
    }
    seen.add(key);
    return line;
  });
}

/** MakeContIndex removes every space and each of these; other characters (@ ' * …) stay. */
const REMOVED_CHARACTERS = /[ +"&/,.;:\-_(){}#!£$\\]/g;

/** One field value → its search string for a line, or '' when nothing is left (not stored). */
export function searchStringFor(value: unknown, part: SearchPart, length: number): string {
  if (value === null || value === undefined) return '';
  const cleaned = String(value).replace(REMOVED_CHARACTERS, '');
  // Without surrogate pairs a UTF-16 unit is a code point: cut the string itself (the usual case, and the
  // search builds these for every candidate it scores).
  if (!SURROGATE.test(cleaned)) {
    const taken = part === 'first' ? cleaned.slice(0, length) : cleaned.slice(Math.max(0, cleaned.length - length));
    const upper = taken.toUpperCase();
    if (!SURROGATE.test(upper)) return upper.slice(0, STORED_MAX);
  }
  // Code points, not UTF-16 units, so an astral character is never cut in half.
  const chars = Array.from(cleaned);
  const taken = part === 'first' ? chars.slice(0, length) : chars.slice(Math.max(0, chars.length - length));
  return Array.from(taken.join('').toUpperCase()).slice(0, STORED_MAX).join('');
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** The contact's strings, one per setup line whose field is not blank once cleaned. */
export function buildSearchStrings(contact: Record<string, unknown>, lines: readonly SearchLine[]): SearchString[] {
  const out: SearchString[] = [];
  for (const line of lines) {
    const value = searchStringFor(contact?.[line.field], line.part, line.length);
    if (value) out.push({ field: line.field, part: line.part, value });
  }
  return out;
}

/** Number of (field, part, string) triples the two contacts share — the reference's "No. of Matching Strings". */
export function matchingStrings(a: readonly SearchString[], b: readonly SearchString[]): number {
  // A contact has at most one string per setup line (16 by default): comparing the lists directly is
  // cheaper than building key sets, and this runs once per candidate scored.
  let count = 0;
  outer: for (let i = 0; i < a.length; i++) {
    const s = a[i];
    for (let k = 0; k < i; k++) if (sameString(a[k], s)) continue outer; // a triple counts once
    for (const t of b) {
      if (sameString(t, s)) {
        count++;
        break;
      }
    }
  }
  return count;
}

const sameString = (x: SearchString, y: SearchString) =>
  x.value === y.value && x.field === y.field && x.part === y.part;

function assertHitPercent(hitPercent: number): void {
  if (!Number.isInteger(hitPercent) || hitPercent < 1 || hitPercent > 100) {
    throw new RuleViolation(`Search Hit % must be a whole number from 1 to 100, not ${String(hitPercent)}.`, [
      'searchHitPercent',
    ]);
  }
}

/**
 * Matches needed for a pair: ceil(N × Hit% / 100) where N is the number of setup lines — not the number
 * of strings the contact has, so blank fields make a pair harder to reach (reference §4.3).
 * N × Hit% is an integer, so the division by 100 is exact whenever it should be.
 */
export function requiredMatches(lineCount: number, hitPercent: number): number {
  assertHitPercent(hitPercent);
  return Math.ceil((lineCount * hitPercent) / 100);
}

/** The BC rule: at least one setup line and matching ≥ required. */
export function bcRuleFires(matching: number, lineCount: number, hitPercent: number): boolean {
  return lineCount > 0 && matching >= requiredMatches(lineCount, hitPercent);
}

/** Hit % as the reference shows it on Contact Duplicates: matching / lines × 100, rounded. */
export function reportedHitPercent(matching: number, lineCount: number): number {
  return lineCount > 0 ? Math.round((matching / lineCount) * 100) : 0;
}
