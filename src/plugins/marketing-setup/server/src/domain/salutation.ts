/**
 * Salutation formulas (reference §8): a text with placeholders %1..%5, each bound to a name part of
 * the contact. Decision (design.md §1): an empty name part disappears together with one surrounding
 * space, whatever follows it, so "Dear Mr. %1 %2 %3," without surname gives "Dear Mr. John," where
 * Business Central gives "Dear Mr. John ,".
 */
import { RuleViolation } from './errors';

export type NamePartKind = '' | 'jobTitle' | 'firstName' | 'middleName' | 'surname' | 'initials' | 'companyName';
export type SalutationType = 'formal' | 'informal';

export interface SalutationFormula {
  /** Language code; null/blank = the formula used when the contact's language has none. */
  language: string | null;
  type: SalutationType;
  text: string;
  name1?: NamePartKind;
  name2?: NamePartKind;
  name3?: NamePartKind;
  name4?: NamePartKind;
  name5?: NamePartKind;
}

/** BC's Salutation result is Text[260]. */
export const MAX_SALUTATION_LENGTH = 260;

const code = (language: string | null | undefined) => (language ?? '').trim().toUpperCase();
const typeLabel = (type: SalutationType) => (type === 'informal' ? 'Informal' : 'Formal');
const languageLabel = (language: string | null) => (code(language) === '' ? '(no language)' : code(language));

/**
 * The formula for `type` in `language`, falling back to the formula without a language (as BC's Word
 * templates do, and as a user expects when only a generic formula exists).
 * `contactLabel` (the contact's number) only serves the error message.
 */
export function pickFormula(
  formulas: SalutationFormula[],
  type: SalutationType,
  language: string | null,
  contactLabel: string,
): SalutationFormula {
  const ofType = formulas.filter((f) => f.type === type);
  const wanted = code(language);
  const formula =
    (wanted !== '' ? ofType.find((f) => code(f.language) === wanted) : undefined) ??
    ofType.find((f) => code(f.language) === '');
  if (!formula) {
    throw new RuleViolation(
      `You have to set up the salutation formula of the type ${typeLabel(type)} in ${languageLabel(language)} ` +
        `language for the ${contactLabel} contact.`,
      ['salutation'],
    );
  }
  if ((formula.text ?? '').trim() === '') {
    throw new RuleViolation(
      `The salutation formula of the type ${typeLabel(type)} in ${languageLabel(formula.language)} language ` +
        `has no salutation text.`,
      ['salutation'],
    );
  }
  return formula;
}

/** Value of one name part; a company's own name stands in for its company name when that is blank. */
function namePart(kind: NamePartKind | undefined, contact: Record<string, unknown>): string {
  if (!kind) return '';
  let value = contact[kind];
  if (kind === 'companyName' && (value ?? '') === '' && contact.type === 'company') value = contact.name;
  return typeof value === 'string' ? value.trim() : value == null ? '' : String(value);
}

/**
 * The salutation text for `contact`. One pass over the formula text, so a value that itself contains
 * "%2" is never substituted again. An empty part removes its placeholder plus the space after it, or
 * failing that the space before it (so no space is left in front of punctuation).
 */
export function renderSalutation(formula: SalutationFormula, contact: Record<string, unknown>): string {
  const parts = [formula.name1, formula.name2, formula.name3, formula.name4, formula.name5].map((k) =>
    namePart(k, contact),
  );
  const text = formula.text ?? '';
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const digit = text[i + 1];
    if (ch !== '%' || digit === undefined || digit < '1' || digit > '5') {
      out += ch;
      i += 1;
      continue;
    }
    const value = parts[Number(digit) - 1];
    i += 2;
    if (value !== '') {
      out += value;
    } else if (text[i] === ' ') {
      i += 1; // "%2 " → ""
    } else if (out.endsWith(' ')) {
      out = out.slice(0, -1); // " %3," → ","
    }
  }
  // Collapse runs of spaces (e.g. from several adjacent empty parts), then enforce BC's length.
  return out.replace(/ {2,}/g, ' ').trim().slice(0, MAX_SALUTATION_LENGTH).trim();
}
