/**
 * The input guard's rules: what no request to the plugin may carry, whatever the route. Pure: the route
 * middleware (middlewares/input-guard.ts) hands it the parsed body, query and path params and turns the
 * first problem into a 400. The checks exist because the layers behind them fail badly on such input:
 * PostgreSQL refuses a NUL byte (a 500), `constructor`/`__proto__` keys crash validation, and deeply
 * nested arrays overflow the stack of recursive validators.
 */
import { RuleViolation } from './errors';
import { fieldLabel, hasFieldLabel } from './field-labels';
import { DOCUMENT_ID } from './relation-input';
import { shortenText } from './text-length';

/** Deepest nesting of objects and arrays a request may have; real payloads stay under 8. */
export const MAX_DEPTH = 20;
/** Keys that reach an object's prototype; never data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Control characters, except tab, line feed and carriage return (fine in text). DEL included. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/**
 * A document id in a URL, as in relation input (relation-input.ts): Strapi's documentIds are 24 lowercase
 * letters and digits; up to 64 letters, digits, - or _ are accepted (imported ids); anything else (dots,
 * slashes, spaces, control characters) cannot name a record.
 */
export { DOCUMENT_ID };

export interface InputProblem {
  path: string[];
  message: string;
}

/**
 * How a message names the place of a value: a record's field by its caption ("Starting No.", not `startingNo`, nor
 * `data.startingNo`), as the admin's forms show it; anything else (a query parameter, a path parameter, a list item)
 * by its path.
 */
const label = (path: string[]) => {
  const last = path[path.length - 1];
  if (last !== undefined && hasFieldLabel(last)) return fieldLabel(last);
  return path.length ? path.join('.') : 'The request body';
};
/** A character's code point as U+XXXX. */
export const codePoint = (s: string) => `U+${s.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** A text without its control characters (tab, line feed and carriage return kept), each replaced by `by`. */
export const withoutControlCharacters = (text: string, by = '') => text.replace(new RegExp(CONTROL.source, 'g'), by);

/** The first control character of a text (tab, line feed and carriage return allowed), as U+XXXX, or null. */
export function controlCharacter(text: string): string | null {
  const m = CONTROL.exec(text);
  return m ? codePoint(m[0]) : null;
}

/** The place of a key within a value, in the middle of a sentence ("… (in the request body).", "… (in Company)."). */
const within = (path: string[]) => (path.length ? label(path) : 'the request body');

/** How a message names the record a body writes: "a Contact record", or "this record" when the route does not say. */
const recordPhrase = (record?: string) =>
  record ? `${/^[aeiou]/i.test(record) ? 'an' : 'a'} ${record} record` : 'this record';

/**
 * The message for a key of a record's data that is no field of it: Strapi's "Invalid key colour" and a prototype key
 * (`__proto__`, `constructor`) alike. `record`: the record type's name, when the route knows it ("Contact").
 */
export const notAFieldMessage = (key: string, record?: string) =>
  `There is no field "${key}" on ${recordPhrase(record)}; leave it out.`;

const controlProblem = (path: string[], text: string): InputProblem | null => {
  const cc = controlCharacter(text);
  return cc ? { path, message: `${label(path)} contains a control character (${cc}); remove it.` } : null;
};

/**
 * Walks a parsed JSON-like value breadth-first (iteratively: no stack to overflow) and returns the first
 * problem: a control character in a string or key, a key that reaches a prototype, or nesting deeper than
 * `maxDepth` containers. `root` prefixes the reported paths (e.g. ['query']).
 */
export function findUnsafeValue(value: unknown, root: string[] = [], maxDepth = MAX_DEPTH): InputProblem | null {
  const queue: { value: unknown; path: string[]; depth: number }[] = [{ value, path: root, depth: 0 }];
  for (let i = 0; i < queue.length; i++) {
    const { value: v, path, depth } = queue[i];
    if (typeof v === 'string') {
      const p = controlProblem(path, v);
      if (p) return p;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > maxDepth) {
      return {
        path,
        message: `${label(root)} is nested too deeply (more than ${maxDepth} levels of objects or lists).`,
      };
    }
    const entries: [string, unknown][] = Array.isArray(v)
      ? v.map((item, index) => [String(index), item])
      : Object.entries(v);
    for (const [key, item] of entries) {
      const at = [...path, key];
      if (FORBIDDEN_KEYS.has(key))
        return { path: at, message: `The key "${key}" is not allowed (in ${within(path)}).` };
      const p = controlProblem(at, key);
      if (p)
        return {
          path: path,
          message: `A key in ${within(path)} contains a control character (${controlCharacter(key)}); remove it.`,
        };
      queue.push({ value: item, path: at, depth: depth + 1 });
    }
  }
  return null;
}

/** Whether a route parameter names a record: `id`, `documentId` or `…DocumentId`. */
export const isIdParam = (name: string) => name === 'id' || name === 'documentId' || name.endsWith('DocumentId');

/** The first problem in a route's path parameters: control characters anywhere, malformed record ids. */
export function findUnsafeParam(params: Record<string, unknown>): InputProblem | null {
  for (const [name, raw] of Object.entries(params ?? {})) {
    const value = String(raw ?? '');
    const p = controlProblem([name], value);
    if (p) return p;
    if (isIdParam(name) && !DOCUMENT_ID.test(value)) {
      return {
        path: [name],
        message: `"${shortenText(value, 80)}" is not a valid ${name} (1 to 64 letters, digits, - or _).`,
      };
    }
  }
  return null;
}

/**
 * Highest page a list serves (REST and admin lists alike): further pages are empty anyway, and offsets beyond it
 * lose precision.
 */
export const MAX_PAGE = 1_000_000;

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
const kindOf = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'string'
        ? 'a text'
        : typeof v === 'object'
          ? 'an object'
          : `a ${typeof v}`;

/**
 * A body's `data` — the record to write, on every route that takes one — is an object of fields. Strapi's core
 * update answered 200 and wrote nothing for `{ "data": [] }`; one rule for every route, not one per route.
 */
export function findMalformedData(body: unknown): InputProblem | null {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !hasOwn(body, 'data')) return null;
  const data = (body as Record<string, unknown>).data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) return null;
  return {
    path: ['data'],
    message: `data must be an object of the fields to write ({ "data": { "name": "…" } }), not ${kindOf(data)}.`,
  };
}

/** The smallest value of each pagination parameter (`limit` may also be -1: all, up to the API's cap). */
const PAGINATION_MIN: Record<string, number> = { page: 1, pageSize: 1, start: 0, limit: 1 };

/**
 * A list's `pagination` in the query: page and pageSize whole numbers from 1 (page at most MAX_PAGE), start
 * from 0, limit from 1 or -1. Strapi's core list routes (5.54) quietly read pageSize -5 as 1 (its Document
 * Service refuses the same value: "Expected an integer > 0"); the admin lists already refuse such values
 * (validation/admin/fields.ts). pageSize and limit above the API's maxLimit stay Strapi's: read as maxLimit.
 */
export function findBadPagination(query: unknown): InputProblem | null {
  if (!query || typeof query !== 'object' || !hasOwn(query, 'pagination')) return null;
  const pagination = (query as Record<string, unknown>).pagination;
  if (!pagination || typeof pagination !== 'object' || Array.isArray(pagination))
    return {
      path: ['query', 'pagination'],
      message:
        'Give pagination as pagination[page] and pagination[pageSize], or pagination[start] and pagination[limit].',
    };
  for (const [key, min] of Object.entries(PAGINATION_MIN)) {
    if (!hasOwn(pagination, key)) continue;
    const raw = (pagination as Record<string, unknown>)[key];
    const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : null;
    const n = text !== null && /^-?\d{1,16}$/.test(text) ? Number(text) : NaN;
    const fits = (n >= min || (key === 'limit' && n === -1)) && !(key === 'page' && n > MAX_PAGE);
    if (fits) continue;
    const range = key === 'page' ? `from 1 to ${MAX_PAGE}` : key === 'limit' ? 'from 1 (or -1: all)' : `from ${min}`;
    return {
      path: ['query', 'pagination', key],
      message: `pagination[${key}] must be a whole number ${range}; ${text === null ? kindOf(raw) : `"${text}"`} is not one.`,
    };
  }
  return null;
}

/** Operators that combine conditions: a list of condition objects each. */
const GROUP_OPERATORS: ReadonlySet<string> = new Set(['$and', '$or']);
/** Operators that compare a field with one value (a list of values: any of them matches, as Strapi reads it). */
const VALUE_OPERATORS: ReadonlySet<string> = new Set([
  '$eq',
  '$eqi',
  '$ne',
  '$nei',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$startsWith',
  '$startsWithi',
  '$endsWith',
  '$endsWithi',
]);
const LIST_OPERATORS: ReadonlySet<string> = new Set(['$in', '$notIn']);
const PRESENCE_OPERATORS: ReadonlySet<string> = new Set(['$null', '$notNull']);
const BOOLEAN_TEXT: ReadonlySet<string> = new Set(['true', 'false', '1', '0']);

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Highest record id: every plugin table's `id` is a 32-bit integer column. */
export const MAX_ID = 2_147_483_647;
/**
 * Whether a filter value compared with `id` fits its integer column: a whole number (as text, the query's form,
 * or a number) no larger than MAX_ID; 0 and below are fine (they match nothing, `filters[id][$gt]=0` is common),
 * as is null. PostgreSQL refuses anything else with a 500 ("invalid input syntax for type integer", "out of range
 * for type integer"): Strapi's query engine does not cast an id filter, as it does the values of typed fields.
 */
const isFilterId = (v: unknown): boolean => {
  if (v === null) return true;
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : null;
  return text !== null && /^-?\d{1,10}$/.test(text) && Math.abs(Number(text)) <= MAX_ID;
};
/** A filter path as the query writes it: filters[company][id][$eq]. */
const bracketed = (path: string[]) =>
  path[0] +
  path
    .slice(1)
    .map((k) => `[${k}]`)
    .join('');

/**
 * The shape of a query's `filters` (Strapi's filter syntax), before Strapi's query engine reads them: it answers a
 * 500 to a shape it cannot read — `filters[$or][0][$and]=x` ("Operator $and must be an array"),
 * `filters[id][$gt][$lt]=1` (an object bound as an SQL value). The rules: `filters` is an object of conditions;
 * `$and` / `$or` a list of conditions (objects); `$not` a condition (on a field also a value); a comparison
 * (`$eq`, `$ne`, `$lt`, `$gt`, `$contains`, `$startsWith`, …) a single value — text, number, true/false or null —
 * or a list of them (any of which matches); `$in` / `$notIn` a value or a list of values; `$between` a list of two
 * values; `$null` / `$notNull` true or false. A field name takes a value, a list of values, or an object of
 * operators — or, for a relation, of the related type's fields. Unknown operators are left to Strapi (a 400).
 * `root` prefixes the reported paths (['query'] for a query's filters, [] for a body's).
 */
export function findBadFilters(filters: unknown, root: string[] = ['query']): InputProblem | null {
  // `filters=` (nothing) is no filter, as Strapi reads it.
  if (filters === undefined || filters === null || filters === '') return null;
  const at = (path: string[], message: string): InputProblem => ({
    path: [...root, ...path],
    message: `${path.join('.')} ${message}`,
  });
  const value = (v: unknown) => (typeof v === 'string' ? `"${shortenText(v, 80)}"` : kindOf(v));
  const noScalar = (v: unknown) => (Array.isArray(v) ? 'a list' : kindOf(v));
  /** A value compared with a record's `id` (an integer column) that the column cannot hold: the first one. */
  const badId = (v: unknown, path: string[]): InputProblem | null => {
    const items = Array.isArray(v) ? v : [v];
    const i = items.findIndex((item) => !isFilterId(item));
    if (i < 0) return null;
    const item = items[i];
    const where = Array.isArray(v) ? [...path, String(i)] : path;
    const shown = typeof item === 'number' ? String(item) : value(item);
    return {
      path: [...root, ...where],
      message: `${bracketed(where)} must be a whole number from 1 to ${MAX_ID}; ${shown} is not one.`,
    };
  };
  /** A single value, or a list of single values; the problem at the first element that is not one. */
  const values = (v: unknown, path: string[], what: string, onId = false): InputProblem | null => {
    if (isScalar(v)) return onId ? badId(v, path) : null;
    if (!Array.isArray(v)) return at(path, `must be ${what}, not ${noScalar(v)}.`);
    const i = v.findIndex((item) => !isScalar(item));
    if (i >= 0) return at([...path, String(i)], `must be a single value, not ${noScalar(v[i])}.`);
    return onId ? badId(v, path) : null;
  };
  if (!isPlainObject(filters))
    return at(['filters'], `must be an object of conditions (filters[field][$eq]=value), not ${noScalar(filters)}.`);
  // Breadth-first, without recursion: each entry is an object of conditions, operators or a relation's fields.
  const queue: { object: Record<string, unknown>; path: string[]; onField: boolean; onId?: boolean }[] = [
    { object: filters, path: ['filters'], onField: false },
  ];
  for (let q = 0; q < queue.length; q++) {
    const { object, path, onField, onId } = queue[q];
    for (const [key, v] of Object.entries(object)) {
      const here = [...path, key];
      if (GROUP_OPERATORS.has(key)) {
        if (!Array.isArray(v))
          return at(
            here,
            `must be a list of conditions (filters[${key}][0][field]=value), not ${v === null ? 'null' : kindOf(v)}.`,
          );
        for (const [i, item] of v.entries()) {
          if (!isPlainObject(item))
            return at(
              [...here, String(i)],
              `must be a condition (an object such as filters[${key}][${i}][field]=value), not ${noScalar(item)}.`,
            );
          queue.push({ object: item, path: [...here, String(i)], onField: false });
        }
      } else if (key === '$not') {
        if (isPlainObject(v)) queue.push({ object: v, path: here, onField, onId });
        else if (!onField)
          return at(here, `must be a condition (an object such as $not[field]=value), not ${noScalar(v)}.`);
        else {
          const p = values(v, here, 'a single value or a condition', onId);
          if (p) return p;
        }
      } else if (VALUE_OPERATORS.has(key)) {
        const p = values(v, here, 'a single value', onId);
        if (p) return p;
      } else if (LIST_OPERATORS.has(key)) {
        const p = values(v, here, 'a list of values', onId);
        if (p) return p;
      } else if (key === '$between') {
        if (!Array.isArray(v) || v.length !== 2)
          return at(
            here,
            `must be a list of two values (${key}[0]=from&${key}[1]=to), not ${Array.isArray(v) ? `a list of ${v.length}` : value(v)}.`,
          );
        const p = values(v, here, 'a list of two values', onId);
        if (p) return p;
      } else if (PRESENCE_OPERATORS.has(key)) {
        if (typeof v !== 'boolean' && !(isScalar(v) && v !== null && BOOLEAN_TEXT.has(String(v))))
          return at(here, `must be true or false, not ${value(v)}.`);
      } else if (key.startsWith('$')) {
        // Another operator ($jsonSupersetOf) or none: Strapi's query validation answers for it.
        continue;
      } else if (isPlainObject(v)) {
        queue.push({ object: v, path: here, onField: true, onId: key === 'id' });
      } else {
        const p = values(v, here, 'a single value, a list of values or an object of operators', key === 'id');
        if (p) return p;
      }
    }
  }
  return null;
}

/**
 * Prototype keys (`__proto__`, `constructor`, `prototype`) at the top of a body whose route ignores the keys it does not
 * know — a Content Manager record, a REST core route's body beside its `data` — are no field either, so they are
 * ignored as those are: taken out of `body` (in place; JSON.parse made them own keys, never a prototype). Anywhere else
 * they are refused (findUnsafeValue; in a REST body's `data`, as no field of the record). Returns the keys taken out.
 */
export function dropIgnoredPrototypeKeys(body: unknown): string[] {
  if (!isPlainObject(body)) return [];
  const found = Object.keys(body).filter((key) => FORBIDDEN_KEYS.has(key));
  for (const key of found) delete body[key];
  return found;
}

/** A prototype key among the fields of a body's `data`: no field of the record, refused as any unknown field is. */
function prototypeKeyInData(body: unknown, record?: string): InputProblem | null {
  if (!isPlainObject(body) || !isPlainObject(body.data)) return null;
  const key = Object.keys(body.data).find((k) => FORBIDDEN_KEYS.has(k));
  return key === undefined ? null : { path: ['data', key], message: notAFieldMessage(key, record) };
}

/** A body's `filters` (the export's POST), in Strapi's filter syntax: findBadFilters, paths from the body. */
const bodyFilters = (body: unknown) =>
  isPlainObject(body) && hasOwn(body, 'filters') ? findBadFilters(body.filters, []) : null;

/**
 * Everything a request brings: path params, query and body. Returns the first problem, or null. `record`: the name of
 * the record type the route writes, for the message of a key in `data` that is no field of it.
 */
export function findUnsafeInput(input: {
  params?: Record<string, unknown>;
  query?: unknown;
  body?: unknown;
  record?: string;
}): InputProblem | null {
  return (
    findUnsafeParam(input.params ?? {}) ??
    findUnsafeValue(input.query ?? {}, ['query']) ??
    prototypeKeyInData(input.body, input.record) ??
    findUnsafeValue(input.body, []) ??
    findBadPagination(input.query) ??
    findBadFilters(isPlainObject(input.query) ? input.query.filters : undefined) ??
    bodyFilters(input.body) ??
    findMalformedData(input.body)
  );
}

/** findUnsafeInput as a thrown RuleViolation (the adapters map it to a 400). */
export function assertSafeInput(input: Parameters<typeof findUnsafeInput>[0]): void {
  const problem = findUnsafeInput(input);
  if (problem) throw new RuleViolation(problem.message, problem.path);
}

/** Whether an error is one of the casts of a filter value: its name, or (Strapi's query validation) its message. */
const named =
  (name: string, message: RegExp) =>
  (e: { name?: string; message?: string }): string | null =>
    e.name === name || (e.name === 'ValidationError' && message.test(e.message ?? '')) ? '' : null;

/**
 * What a query's filter value must be, by the error Strapi throws when it cannot cast one: a plain Error for
 * numbers (a 500 without this), a 400 that does not say which filter for dates and times.
 */
const CAST_FAILURES: {
  test: (e: { name?: string; message?: string }) => string | null;
  kind: string;
  fits: (v: string) => boolean;
}[] = [
  {
    // The value is in the message.
    test: (e) => /^Expected a valid (?:Number|BigInteger), got ([\s\S]*)$/.exec(e.message ?? '')?.[1] ?? null,
    kind: 'a number',
    fits: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  },
  {
    test: named('InvalidDateFormat', /^Invalid (date )?format, expected (yyyy-MM-dd|YYYY-MM-DD)/),
    kind: 'a date (yyyy-mm-dd)',
    fits: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v.trim()),
  },
  {
    test: named(
      'InvalidDatetimeFormat',
      /^Invalid format, expected (a timestamp or an ISO date|an ISO compatible date)/,
    ),
    kind: 'a date and time (ISO 8601, e.g. 2026-12-01T09:30:00Z)',
    fits: (v) => /^\d+$/.test(v) || !Number.isNaN(Date.parse(v)),
  },
  {
    test: named('InvalidTimeFormat', /^Invalid time format/),
    kind: 'a time (hh:mm:ss)',
    fits: (v) => /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(v.trim()),
  },
];

/** Whether a key (or a field named in a list or a "field:asc" sort) occurs anywhere in a query part. */
function namesKey(part: unknown, key: string): boolean {
  if (typeof part === 'string') return part === key || part.split(/[,:]/)[0] === key;
  if (Array.isArray(part)) return part.some((p) => namesKey(p, key));
  if (part && typeof part === 'object')
    return Object.entries(part as Record<string, unknown>).some(([k, v]) => k === key || namesKey(v, key));
  return false;
}

/** The parts of a query that name fields. */
const QUERY_PARTS = ['filters', 'sort', 'fields'] as const;

/** The filter leaves of a query (path from `filters`, value), operators ($gt, $or, 0…) included in the path. */
function* filterLeaves(value: unknown, path: string[]): Generator<[string[], string]> {
  if (typeof value === 'string') yield [path, value];
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) yield* filterLeaves(v, [...path, k]);
}

/**
 * A query filter value of the wrong type for its field (`filters[fuzzyScore][$gt]=abc`), from the error Strapi's
 * database layer threw casting it — a plain Error for numbers, which would be a 500. Names the field and the
 * value when the query shows which leaf it was; null for any other error.
 */
export function filterValueProblem(
  error: unknown,
  query: Record<string, unknown> | undefined,
  body?: unknown,
  record?: string,
): InputProblem | null {
  if (!(error instanceof Error)) return null;
  // Strapi names an unknown field in its own words ("Invalid key nope"), for the query and for a body's data alike.
  const unknownKey = error.name === 'ValidationError' ? /^Invalid key (.+)$/.exec(error.message)?.[1] : undefined;
  const queried = (o: unknown) => {
    const q = (o ?? {}) as Record<string, unknown>;
    return QUERY_PARTS.find((part) => namesKey(q[part], unknownKey!));
  };
  const part = unknownKey ? (queried(query) ?? queried(body)) : undefined;
  if (unknownKey && part)
    return {
      path: [part, unknownKey],
      message: `There is no field "${unknownKey}" to filter, sort or select by here.`,
    };
  const data = (body as { data?: unknown } | undefined)?.data;
  if (unknownKey && data && typeof data === 'object' && namesKey(data, unknownKey))
    return { path: ['data', unknownKey], message: notAFieldMessage(unknownKey, record) };
  for (const failure of CAST_FAILURES) {
    const value = failure.test(error);
    if (value === null) continue;
    for (const [path, leaf] of filterLeaves(query?.filters, ['filters'])) {
      if (failure.fits(leaf) || (value !== '' && leaf !== value)) continue;
      const field = [...path].reverse().find((k) => !k.startsWith('$') && !/^\d+$/.test(k)) ?? 'filters';
      return {
        path: ['query', ...path],
        message: `The filter on ${field} needs ${failure.kind}; "${leaf}" is not one.`,
      };
    }
    return { path: ['query', 'filters'], message: `A filter value is not ${failure.kind}.` };
  }
  return null;
}

/**
 * The headline of a refusal with several field messages: yup's "2 errors occurred" tells a person nothing, so the
 * first field's message stands in for it ("Choose at least one event: create, update or publish. (1 more below)");
 * null when the headline says something already.
 */
export function headlineOf(message: unknown, errors: readonly { message?: unknown }[] | undefined): string | null {
  if (typeof message !== 'string' || !/^\d+ errors occurred$/.test(message)) return null;
  const first = errors?.find((e) => typeof e.message === 'string' && e.message)?.message as string | undefined;
  if (!first) return null;
  const more = (errors?.length ?? 1) - 1;
  return more > 0 ? `${first} (${more} more below)` : first;
}

const TYPE_WORDS: Record<string, [one: string, many: string]> = {
  array: ['a list', 'lists'],
  string: ['a text', 'texts'],
  number: ['a number', 'numbers'],
  boolean: ['true or false', 'true/false values'],
  object: ['an object', 'objects'],
  date: ['a date', 'dates'],
};
/** zod's "Invalid input: expected array, received string" (maybe after "fields: ") and yup's "must be a `array` type". */
const ZOD_TYPE = /^(?:[^:]+: )?Invalid input: expected (\w+), received \w+$/;
const YUP_TYPE = /^\S+ must be a `(\w+)` type, but the final value was: /;

/**
 * A validator's wrong-type message (zod's or yup's, in a route's body check) in plain words, from the field's path:
 * "fields must be a list." for `{"fields": "phoneNo"}`, "fields must be a list of texts." for `{"fields": [1, 2]}`;
 * null for any other message. One place for every route, content API and admin API alike.
 */
export function plainTypeMessage(message: unknown, path: readonly unknown[] | undefined): string | null {
  if (typeof message !== 'string') return null;
  const expected = (ZOD_TYPE.exec(message) ?? YUP_TYPE.exec(message))?.[1];
  const words = expected ? TYPE_WORDS[expected] : undefined;
  if (!words) return null;
  const keys = (path ?? []).map(String);
  const last = keys.length - 1;
  if (last > 0 && /^\d+$/.test(keys[last])) return `${keys.slice(0, last).join('.')} must be a list of ${words[1]}.`;
  return `${keys.length ? keys.join('.') : 'The request body'} must be ${words[0]}.`;
}
