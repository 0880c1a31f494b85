/**
 * How a write names the target of a to-one relation, in every shape Strapi 5 accepts, read in one place.
 *
 * The Content Manager sends `{ connect: [], disconnect: [] }` for a relation the admin did not touch, so an
 * empty list means "untouched" — never "clear" (reading it as "clear" wiped relations on every form save).
 * A `disconnect` that names a record other than the current target changes nothing, as in Strapi.
 */
import { RuleViolation } from './errors';

export type RelationRef = { documentId: string } | { id: number };
/** The record a relation points to now, as far as the caller knows it. */
export type RelationTarget = { id?: number | null; documentId?: string | null };

export type RelationChange =
  | { kind: 'untouched' }
  | { kind: 'clear' }
  | { kind: 'set'; ref: RelationRef }
  /** Clears the relation only when one of `refs` is the current target. */
  | { kind: 'disconnect'; refs: RelationRef[] };

const MAX_ID = 2147483647;
/** Strapi's documentIds are 24 lowercase letters and digits; hand-written ones are accepted if they look like ids. */
export const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const RELATION_KEYS = new Set(['connect', 'disconnect', 'set']);
/** Keys a target object may carry besides id/documentId (Content Manager and i18n add them). */
const TARGET_EXTRAS = new Set([
  'locale',
  'status',
  'position',
  'isTemporary',
  'label',
  'href',
  '__temp_key__',
  'apiData',
]);

const invalid = (field: string, why: string) =>
  new RuleViolation(`${field ? `"${field}"` : 'A relation'} ${why}`, field ? [field] : []);

function idOf(value: number, field: string): RelationRef {
  if (!Number.isInteger(value) || value < 1 || value > MAX_ID) {
    throw invalid(
      field,
      `must name a record by its documentId or by a whole id between 1 and ${MAX_ID}; ${value} is neither.`,
    );
  }
  return { id: value };
}

/** One target, as a plain value or an object: "docId", "12", 12, { documentId }, { id }. */
function refOf(value: unknown, field: string): RelationRef {
  if (typeof value === 'number') return idOf(value, field);
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return idOf(Number(value), field);
    if (DOCUMENT_ID.test(value)) return { documentId: value };
    throw invalid(field, 'must name a record by its documentId (letters and digits).');
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const unknown = Object.keys(v).filter((k) => k !== 'id' && k !== 'documentId' && !TARGET_EXTRAS.has(k));
    if (unknown.length) throw invalid(field, `has an unknown key "${unknown[0]}".`);
    if (v.documentId !== undefined && v.documentId !== null) return refOf(String(v.documentId), field);
    if (v.id !== undefined && v.id !== null && (typeof v.id === 'number' || typeof v.id === 'string'))
      return refOf(v.id, field);
  }
  throw invalid(field, 'must name a record: a documentId, an id, or { documentId } / { id }.');
}

const list = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

/** Reads relation input; a shape Strapi would not understand (e.g. `{}`) is a RuleViolation (400). */
export function readRelationChange(value: unknown, field = ''): RelationChange {
  if (value === undefined) return { kind: 'untouched' };
  if (value === null || value === '') return { kind: 'clear' };
  if (Array.isArray(value))
    return value.length ? { kind: 'set', ref: refOf(value[value.length - 1], field) } : { kind: 'clear' };
  if (typeof value !== 'object') return { kind: 'set', ref: refOf(value, field) };
  const v = value as Record<string, unknown>;
  if (!Object.keys(v).some((k) => RELATION_KEYS.has(k))) return { kind: 'set', ref: refOf(v, field) };
  const extra = Object.keys(v).find((k) => !RELATION_KEYS.has(k) && k !== 'options');
  if (extra) throw invalid(field, `has an unknown key "${extra}" next to connect / disconnect / set.`);
  if ('set' in v) {
    const set = list(v.set);
    return set.length ? { kind: 'set', ref: refOf(set[set.length - 1], field) } : { kind: 'clear' };
  }
  const connect = list(v.connect);
  const disconnect = list(v.disconnect).map((d) => refOf(d, field));
  if (connect.length) return { kind: 'set', ref: refOf(connect[connect.length - 1], field) };
  return disconnect.length ? { kind: 'disconnect', refs: disconnect } : { kind: 'untouched' };
}

/** Whether a reference names a known target (compared by documentId when both have one, else by id). */
export const isTarget = (ref: RelationRef, target: RelationTarget) =>
  'documentId' in ref
    ? !!target.documentId && ref.documentId === target.documentId
    : target.id != null && ref.id === target.id;

/**
 * The target after a write: a reference (set), null (cleared) or undefined (untouched).
 * `current` is the target before the write (null: none); when the caller does not know it (undefined),
 * a disconnect is read as clearing, so that the rules that refuse an empty relation still run.
 */
export function relationInput(
  value: unknown,
  current?: RelationTarget | null,
  field = '',
): RelationRef | null | undefined {
  const change = readRelationChange(value, field);
  switch (change.kind) {
    case 'untouched':
      return undefined;
    case 'clear':
      return null;
    case 'set':
      return change.ref;
    case 'disconnect':
      if (current === undefined) return null;
      return current && change.refs.some((r) => isTarget(r, current)) ? null : undefined;
  }
}

/** A relation input named a record that does not exist. */
export const missingTargetViolation = (field: string) =>
  new RuleViolation(`The ${field} given does not exist.`, [field]);

/** A relation input named a record that does not exist: `message` says which, for the field at `path`. */
export const missingRecordViolation = (message: string, path: string[]) => new RuleViolation(message, path);

/** The id in Strapi's words for a relation to a record that does not exist ('Document with id "x", locale "null" not found'). */
export function missingDocumentIdOf(message: unknown): string | null {
  const m = typeof message === 'string' ? /^Document with id "([^"]*)", locale "[^"]*" not found$/.exec(message) : null;
  return m ? m[1] : null;
}

/** The relation field of `data` whose input names the record `id`, or null. */
export function relationFieldNaming(
  attributes: Record<string, { type?: string }>,
  data: Record<string, unknown> | undefined | null,
  id: string,
): string | null {
  if (!data || typeof data !== 'object') return null;
  for (const [field, value] of Object.entries(data)) {
    if (attributes[field]?.type !== 'relation' || value === null || value === undefined) continue;
    if (JSON.stringify(value).includes(JSON.stringify(id).slice(1, -1))) return field;
  }
  return null;
}
