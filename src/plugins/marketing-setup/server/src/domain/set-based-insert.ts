/**
 * Whether a new contact whose rules have all run may be inserted set-based (import chunks), and how: its
 * values split into the row's columns and its links. Strapi's own create checks the values against the
 * schema (type, length, enumeration, required, unique); a value that check could refuse is not judged here
 * — the answer is null and the record goes through Strapi's write, whose validation words the refusal as
 * for any other write. So the set-based path never accepts what the document service would refuse.
 * Pure: no Strapi, no I/O.
 */
import type { AttributeSpec } from './write-values';
import { longerThan, textLength } from './text-length';

const TEXT = new Set(['string', 'text']);

/** Whether Strapi's validation of the create can only accept `value` for `attr` (a scalar attribute). */
function fits(attr: AttributeSpec, value: unknown): boolean {
  if (value === null) return attr.required !== true;
  if (attr.unique === true) return false; // Strapi asks the database
  if (TEXT.has(attr.type)) {
    if (typeof value !== 'string') return false;
    if (typeof attr.maxLength === 'number' && longerThan(value, attr.maxLength)) return false;
    if (typeof attr.minLength === 'number' && textLength(value) < attr.minLength) return false;
    return attr.regex === undefined;
  }
  if (attr.type === 'enumeration') return typeof value === 'string' && (attr.enum ?? []).includes(value);
  if (attr.type === 'boolean') return typeof value === 'boolean';
  if (attr.type === 'json') return true;
  return false; // numbers, dates, media, components …: left to Strapi
}

export interface InsertSplit {
  /** Column values by attribute name. */
  values: Record<string, unknown>;
  /** Relation attribute → id of the linked record. */
  links: Record<string, number>;
}

/**
 * The planned values of a new contact as a row and its links, or null when Strapi's own write must run for
 * it. `companyId`: the person's company as the rules resolved it (`fields.company` holds the request's
 * reference to it).
 */
export function splitForInsert(
  attributes: Readonly<Record<string, AttributeSpec>>,
  fields: Readonly<Record<string, unknown>>,
  companyId: number | null,
): InsertSplit | null {
  const values: Record<string, unknown> = {};
  const links: Record<string, number> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const attr = attributes[field];
    if (!attr) return null;
    if (attr.type === 'relation') {
      if (attr.relation !== 'manyToOne') return null;
      if (field === 'company') {
        if (value === null) continue;
        if (companyId === null) return null;
        links.company = companyId;
      } else if (value !== null) {
        if (typeof value !== 'number' || !Number.isInteger(value)) return null;
        links[field] = value;
      }
      continue;
    }
    if (!fits(attr, value)) return null;
    values[field] = value;
  }
  for (const [field, attr] of Object.entries(attributes)) {
    if (attr.required === true && attr.type !== 'relation' && values[field] === undefined && attr.default === undefined)
      return null;
  }
  return { values, links };
}

/**
 * The planned values of a contact update as column values and links (null: unlink), or null when Strapi's
 * own write must run for it. Only the fields the update writes are judged; a person's company is not changed
 * this way (`company` in the fields: null).
 */
export function splitForUpdate(
  attributes: Readonly<Record<string, AttributeSpec>>,
  fields: Readonly<Record<string, unknown>>,
): { values: Record<string, unknown>; links: Record<string, number | null> } | null {
  const values: Record<string, unknown> = {};
  const links: Record<string, number | null> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const attr = attributes[field];
    if (!attr || field === 'company') return null;
    if (attr.type === 'relation') {
      if (attr.relation !== 'manyToOne') return null;
      if (value !== null && (typeof value !== 'number' || !Number.isInteger(value))) return null;
      links[field] = value;
      continue;
    }
    if (!fits(attr, value)) return null;
    values[field] = value;
  }
  return { values, links };
}
