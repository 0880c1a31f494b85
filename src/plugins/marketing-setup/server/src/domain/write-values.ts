/**
 * Values a write may store, derived from the content type's attributes (never listed per field): numbers
 * within their column, real dates and times, text without control characters and within its column,
 * relation input in a shape Strapi understands with ids that can exist, JSON without prototype keys.
 * Pure: the document middleware calls it for every create and update of a plugin type, whatever the
 * caller (REST, admin API, Content Manager, services), before anything is written.
 */
import { RuleViolation } from './errors';
import { enumValueLabels, fieldLabel } from './field-labels';
import { codePoint, controlCharacter, findUnsafeValue, type InputProblem } from './input-guard';
import { readRelationChange } from './relation-input';
import { longerThan, shortenText, textLength } from './text-length';

export interface AttributeSpec {
  type: string;
  relation?: string;
  min?: number | string; // Strapi types a biginteger bound as a string
  max?: number | string;
  maxLength?: number;
  enum?: string[];
  [key: string]: unknown;
}

/** Column ranges of Strapi 5's numeric columns (integer: int4, biginteger: int8, decimal: numeric(10,2), float: double). */
export const INT32 = { min: -2147483648, max: 2147483647 } as const;
export const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n } as const;
/** decimal(10,2): 8 digits before the point. */
export const DECIMAL_MAX = 99999999.99;
/** A `string` attribute is a varchar(255) column unless its maxLength says less. */
export const STRING_COLUMN_LENGTH = 255;

const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'password', 'enumeration']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;

const show = (v: unknown) => {
  const s = typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v));
  return longerThan(s, 60) ? `${shortenText(s, 57)}…` : s;
};

const realDate = (y: string, m: string, d: string) => {
  const date = new Date(Date.UTC(+y, +m - 1, +d));
  return date.getUTCFullYear() === +y && date.getUTCMonth() === +m - 1 && date.getUTCDate() === +d && +y >= 1;
};
const realTime = (h: string, mi: string, s = '0') => +h < 24 && +mi < 60 && +s < 60;
const realOffset = (z?: string) => !z || z === 'Z' || (+z.slice(1, 3) < 24 && +z.slice(-2) < 60);

/** A calendar date YYYY-MM-DD that exists (no 2023-02-29, no month 13). */
export const isRealDate = (v: string) => {
  const m = DATE.exec(v);
  return !!m && realDate(m[1], m[2], m[3]);
};
/** An ISO 8601 date-time whose parts exist (no 25:61:61). */
export const isRealDateTime = (v: string) => {
  const m = DATETIME.exec(v);
  return !!m && realDate(m[1], m[2], m[3]) && realTime(m[4], m[5], m[6]) && realOffset(m[7]);
};
/** A time of day HH:MM[:SS[.fff]]. */
export const isRealTime = (v: string) => {
  const m = TIME.exec(v);
  return !!m && realTime(m[1], m[2], m[3]);
};

const asNumber = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;

/** Messages name a field by its caption (field-labels.ts), as the admin's forms and the Content Manager show it. */
function numberProblem(attribute: string, a: AttributeSpec, v: unknown): string | null {
  const field = fieldLabel(attribute);
  if (a.type === 'biginteger') {
    const s = typeof v === 'number' ? (Number.isInteger(v) ? BigInt(v).toString() : '') : String(v).trim();
    if (!/^-?\d{1,20}$/.test(s)) return `${field} must be a whole number, not ${show(v)}.`;
    const b = BigInt(s);
    return b < INT64.min || b > INT64.max
      ? `${field} must be between ${INT64.min} and ${INT64.max}, not ${show(v)}.`
      : null;
  }
  const n = asNumber(v);
  if (!Number.isFinite(n)) return `${field} must be a finite number, not ${show(v)}.`;
  // Whole numbers are Strapi's validation's (and some types' own rules', with better words); the column's range is ours.
  if (a.type === 'integer' && (n < INT32.min || n > INT32.max))
    return `${field} must be between ${INT32.min} and ${INT32.max}, not ${show(v)}.`;
  if (a.type === 'decimal' && Math.abs(n) > DECIMAL_MAX)
    return `${field} must be between -${DECIMAL_MAX} and ${DECIMAL_MAX}, not ${show(v)}.`;
  return null;
}

function temporalProblem(attribute: string, type: string, v: unknown): string | null {
  const field = fieldLabel(attribute);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? `${field} is not a real ${type}.` : null;
  if (type === 'time')
    return typeof v === 'string' && isRealTime(v)
      ? null
      : `${field} must be a time of day (HH:MM or HH:MM:SS), not ${show(v)}.`;
  if (type === 'date') {
    // Strapi also takes a date-time for a date (it keeps the day); both must be real.
    return typeof v === 'string' && (isRealDate(v) || isRealDateTime(v))
      ? null
      : `${field} must be a real date (YYYY-MM-DD), not ${show(v)}.`;
  }
  return typeof v === 'string' && isRealDateTime(v)
    ? null
    : `${field} must be a real date and time (e.g. 2024-02-29T13:45:00Z), not ${show(v)}.`;
}

/** Half of a UTF-16 surrogate pair without its other half: no character at all (stored as U+FFFD). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first unpaired surrogate of a text (`"\ud800"` in JSON), as U+XXXX, or null. */
export function unpairedSurrogate(text: string): string | null {
  const m = UNPAIRED_SURROGATE.exec(text);
  return m ? codePoint(m[0]) : null;
}

function textProblem(attribute: string, a: AttributeSpec, v: unknown): string | null {
  if (typeof v !== 'string') return null; // wrong types are the scalar check's (utils/scalar-types.ts)
  const field = fieldLabel(attribute);
  // An enumeration takes only its values: checked before the write rules, which choose by it (e.g. linkToTable).
  if (a.type === 'enumeration' && a.enum && !a.enum.includes(v))
    return `${field} must be one of: ${a.enum.join(', ')}; not ${show(v)}.`;
  const broken = unpairedSurrogate(v);
  if (broken)
    return (
      `${field} contains a broken character (an unpaired UTF-16 surrogate, ${broken}); ` +
      'it cannot be stored: type the text again or paste it from another source.'
    );
  const cc = controlCharacter(v);
  if (cc) return `${field} contains a control character (${cc}); remove it.`;
  const limit =
    a.type === 'text' || a.type === 'richtext'
      ? a.maxLength
      : Math.min(a.maxLength ?? STRING_COLUMN_LENGTH, STRING_COLUMN_LENGTH);
  // Characters (code points), as PostgreSQL's varchar counts them: 50 emoji are 50 characters, not 100.
  return limit !== undefined && longerThan(v, limit)
    ? `${field} is too long: at most ${limit} characters (${textLength(v)} given).`
    : null;
}

/** The targets a relation input names one by one: items of a list, or of its connect / disconnect / set. */
function targetsOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return ['connect', 'disconnect', 'set'].flatMap((k) =>
      o[k] === undefined || o[k] === null ? [] : Array.isArray(o[k]) ? (o[k] as unknown[]) : [o[k]],
    );
  }
  return [];
}

/**
 * Relation input in the shapes Strapi 5 accepts, read by the one relation reader (relation-input.ts):
 * `{}` and other shapes are refused (they would be written as broken link rows); so are ids that cannot
 * exist (1.5, 1e308, 2^31, negative) — every target named, not only the one a to-one relation keeps.
 */
export function relationProblem(field: string, v: unknown): string | null {
  try {
    // Each target alone must name a record (null, '' or a list in a list name none: read as {}, refused).
    for (const target of targetsOf(v))
      readRelationChange(target === null || target === '' || Array.isArray(target) ? {} : target, field);
    readRelationChange(v, field);
    return null;
  } catch (err) {
    if (err instanceof RuleViolation) return err.message;
    throw err;
  }
}

/**
 * A to-one relation (one salesperson, one company) given several records to connect or set: Strapi would keep
 * one of them without a word, so the write is refused instead.
 */
export function toOneProblem(field: string, a: AttributeSpec, v: unknown): string | null {
  if (a.relation !== 'oneToOne' && a.relation !== 'manyToOne') return null;
  const many = (x: unknown) => (Array.isArray(x) ? x.length : 0);
  const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const given = Array.isArray(v) ? many(v) : Math.max(many(o?.connect), many(o?.set));
  return given > 1 ? `${fieldLabel(field)} takes one record; ${given} were given.` : null;
}

/**
 * A required choice (a contact's Type, an opportunity's status) sent as null: Strapi refused it in developer words
 * ("type must be a `string` type, but the final value was: `null`."); the message names the field and its options.
 */
function emptyChoiceProblem(field: string, a: AttributeSpec): string | null {
  if (a.type !== 'enumeration' || a.required !== true || !a.enum?.length) return null;
  const captions = enumValueLabels('en');
  const options = a.enum.map((v) => captions[v] ?? v);
  const list = options.length > 1 ? `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}` : options[0];
  return `${fieldLabel(field)} must not be empty: choose ${list}.`;
}

/** `locale` (of the data or of the write) on a type that is not localised: Strapi would store it. */
const localeProblem = (value: unknown, localized: boolean): InputProblem | null =>
  localized || value === null || value === undefined
    ? null
    : { path: ['locale'], message: `This content type is not localised: remove "locale" (${show(value)}).` };

/**
 * The first value of `data` its attribute's column cannot hold, or null. Unknown fields are Strapi's to
 * refuse. `opts.locale`: the locale the write was given outside its data (query or params).
 */
export function findWriteProblem(
  attributes: Record<string, AttributeSpec>,
  data: Record<string, unknown> | undefined | null,
  opts: { localized?: boolean; locale?: unknown } = {},
): InputProblem | null {
  const locale = localeProblem(opts.locale, !!opts.localized);
  if (locale) return locale;
  if (!data || typeof data !== 'object') return null;
  for (const [field, value] of Object.entries(data)) {
    if (field === 'locale') {
      const problem = localeProblem(value, !!opts.localized);
      if (problem) return problem;
    }
    const a = attributes[field];
    if (a && value === null) {
      const message = emptyChoiceProblem(field, a);
      if (message) return { path: [field], message };
    }
    if (!a || value === null || value === undefined) continue;
    let message: string | null = null;
    if (a.type === 'relation') message = relationProblem(field, value) ?? toOneProblem(field, a, value);
    else if (['integer', 'biginteger', 'decimal', 'float'].includes(a.type)) message = numberProblem(field, a, value);
    else if (['date', 'datetime', 'time', 'timestamp'].includes(a.type))
      message = temporalProblem(field, a.type === 'timestamp' ? 'datetime' : a.type, value);
    else if (TEXT_TYPES.has(a.type)) message = textProblem(field, a, value);
    else if (a.type === 'json' || a.type === 'blocks') {
      const problem = findUnsafeValue(value, [field]);
      if (problem) return problem;
    }
    if (message) return { path: [field], message };
  }
  return null;
}

/** String fields that are lists typed one per line in their admin form (the setup's "our domains"). */
const KEEPS_LINE_BREAKS = new Set(['emailOurDomains']);

/**
 * Characters that show nothing and change what a one-line value means to a search or a comparison: zero-width
 * space, non-joiner and joiner, word joiner, byte-order mark, and the bidirectional embeddings, overrides and
 * isolates. Pasted from a web page or a PDF ("Fabri\u200Bkam NV"), they made a name that looks like another
 * but is not found by it.
 */
export const INVISIBLE_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

/**
 * One-line fields (Strapi `string` and `email`; `text` keeps its lines) hold no line break or tab: each run of
 * them, with the spaces around it, becomes one space, and the ends are trimmed — "Straat 1\r\nbus 2" is stored
 * "Straat 1 bus 2", as a one-line input shows it and Business Central's fields hold it. Invisible characters
 * (INVISIBLE_CHARACTERS) are removed: "Fabri\u200Bkam NV" is stored "Fabrikam NV". Changes `data` in place.
 */
export function flattenOneLineValues(
  attributes: Record<string, AttributeSpec>,
  data: Record<string, unknown> | undefined | null,
): void {
  if (!data || typeof data !== 'object') return;
  for (const [field, value] of Object.entries(data)) {
    const type = attributes[field]?.type;
    if ((type !== 'string' && type !== 'email') || typeof value !== 'string') continue;
    const visible = value.replace(INVISIBLE_CHARACTERS, '');
    data[field] =
      KEEPS_LINE_BREAKS.has(field) || !/[\r\n\t]/.test(visible)
        ? visible
        : visible.replace(/[ ]*[\r\n\t][\s]*/g, ' ').trim();
  }
}

/** findWriteProblem as a thrown RuleViolation. */
export function assertWritableValues(...args: Parameters<typeof findWriteProblem>): void {
  const problem = findWriteProblem(...args);
  if (problem) throw new RuleViolation(problem.message, problem.path);
}
