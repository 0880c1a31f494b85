/**
 * Company → person inheritance with explicit provenance (design.md §1, reference §2.5–2.7).
 *
 * Business Central guesses whether a person field was "manually modified" by comparing it with the
 * company's old value. We do not guess: every person keeps `inheritanceOverrides`, the override keys
 * of the fields set by hand. A field is inherited unless its key is in that list. The address block
 * (address, address2, postCode, city, county) is a single key, 'address', so a person never ends up
 * with half of one address and half of another.
 *
 * Pure functions: the adapter loads records, calls these, and writes the result.
 */
import { RuleViolation } from './errors';
import { searchEmailOf } from './contact-fields';
import {
  ADDRESS_KEY,
  FIELD_GROUPS,
  INHERITABLE_FIELDS,
  type FieldGroup,
  type InheritFlags,
} from '../../../shared/contracts/inheritance';

// The field groups are a contract the admin reads too; the rules below are this module's.
export { ADDRESS_KEY, FIELD_GROUPS, INHERITABLE_FIELDS, type FieldGroup, type InheritFlags };

const ADDRESS_FIELDS = FIELD_GROUPS.find((g) => g.block)!.fields;
const isAddressField = (field: string) => ADDRESS_FIELDS.includes(field);
const isInheritable = (field: string) => INHERITABLE_FIELDS.includes(field);

/** Override keys: a non-block field is its own key; the address block has the one key 'address'. */
export function overrideKeyOf(field: string): string {
  if (isAddressField(field)) return ADDRESS_KEY;
  if (isInheritable(field)) return field;
  throw new RuleViolation(`${field} is not an inheritable field.`, [field]);
}

/** Fields behind an override key; [] for an unknown key, so a stale key in stored data does no harm. */
export function fieldsOfOverrideKey(key: string): string[] {
  if (key === ADDRESS_KEY) return [...ADDRESS_FIELDS];
  return isInheritable(key) ? [key] : [];
}

/**
 * Comparable form of a value: null, undefined, '' and whitespace are all "blank" (null); strings are
 * trimmed. Relation keys may be numbers or strings, so they are compared as text.
 */
function norm(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const same = (a: unknown, b: unknown) => norm(a) === norm(b);
const blankToNull = (value: unknown) => (norm(value) === null ? null : value);

const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort();

/**
 * Values a person takes when it gets `company` (created with it, or moved to it). Unlike BC, which
 * overwrites some fields unconditionally and others only when "stale", every field that is not
 * overridden and whose flag is on takes the company's value, blanks included.
 */
export function inheritFromCompany(
  flags: InheritFlags,
  company: Record<string, unknown>,
  overrides: string[],
): Record<string, unknown> {
  const result: Record<string, unknown> = { companyName: blankToNull(company.name) };
  for (const group of FIELD_GROUPS) {
    if (!flags[group.flag]) continue;
    for (const field of group.fields) {
      if (!overrides.includes(overrideKeyOf(field))) result[field] = blankToNull(company[field]);
    }
  }
  return result;
}

/**
 * New override list after a person write. `person` holds the resulting values, `requestFields` the
 * fields the request itself set (inherited and default values are never passed, so never overrides).
 *
 * With a company: a field that ends up different from the company's current value is hand-set; equal
 * means inherited again. For the address block the whole block decides: it is overridden as long as
 * any of its five fields differs from the company's.
 * Without a company: a non-blank hand-set value is an override (so it survives a later assignment);
 * a blank one is not (the block: only when all five fields are blank).
 */
export function nextOverrides(
  company: Record<string, unknown> | null,
  person: Record<string, unknown>,
  overrides: string[],
  requestFields: string[],
): string[] {
  const keys = new Set(overrides);
  const touched = new Set(requestFields.filter(isInheritable).map(overrideKeyOf));
  const reference = company ?? {}; // no company: compare with "all blank"
  for (const key of touched) {
    const differs = fieldsOfOverrideKey(key).some((field) => !same(person[field], reference[field]));
    if (differs) keys.add(key);
    else keys.delete(key);
  }
  return sorted(keys);
}

/**
 * The inheritable fields a request sends back unchanged while they are inherited: the Content Manager
 * (and any client that saves the whole record) echoes every value of the form. Such an echo is not a
 * hand change: it must neither become an override nor, when the company changes in the same request,
 * keep the old company's value.
 */
export function echoedInheritedFields(
  before: Record<string, unknown> | null,
  request: Record<string, unknown>,
  overrides: string[],
): string[] {
  if (!before) return [];
  const overridden = new Set(overrides);
  return Object.keys(request).filter(
    (f) =>
      isInheritable(f) && request[f] !== undefined && !overridden.has(overrideKeyOf(f)) && same(request[f], before[f]),
  );
}

export interface PropagationGroup {
  /** Persons whose overrides contain this key are skipped; null = every person (companyName). */
  overrideKey: string | null;
  fields: string[];
  values: Record<string, unknown>;
}

/**
 * What a company update copies to its persons: one group per changed field (one for the whole
 * address block), each applied set-based to the persons not overriding its key. A field absent from
 * `after` is treated as unchanged, so the adapter may pass either the full record or the merged one.
 *
 * Decision: correspondenceType IS propagated. BC only copies it on assignment, which with explicit
 * provenance would be an arbitrary exception: an inherited value should follow the company.
 */
export function propagationPlan(
  flags: InheritFlags,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): PropagationGroup[] {
  const changed = (field: string) => field in after && !same(before[field], after[field]);
  const plan: PropagationGroup[] = [];
  if (changed('name')) {
    plan.push({ overrideKey: null, fields: ['companyName'], values: { companyName: blankToNull(after.name) } });
  }
  for (const group of FIELD_GROUPS) {
    if (!flags[group.flag]) continue;
    for (const keyed of keyedGroups(group, group.fields.filter(changed)))
      plan.push({ ...keyed, values: Object.fromEntries(keyed.fields.map((f) => [f, blankToNull(after[f])])) });
  }
  return plan;
}

/** Fields a person takes from its company again, unless its overrides hold `overrideKey`. */
export interface CatchUpGroup {
  overrideKey: string;
  fields: string[];
}

/** `fields` of a field group by override key: the address block as one (when any), every other field on its own. */
function keyedGroups(group: FieldGroup, fields: readonly string[]): CatchUpGroup[] {
  if (group.block) return fields.length ? [{ overrideKey: ADDRESS_KEY, fields: [...fields] }] : [];
  return fields.map((field) => ({ overrideKey: field, fields: [field] }));
}

/**
 * The field groups a setup write switches on (Inherit flag off before, on after), each as the override key and
 * fields a person catches up on: one group for the address block, one per field otherwise (as propagationPlan).
 *
 * Decision (BC does nothing here): while a flag is off, persons do not follow their company's changes of its
 * fields; when it goes back on, every person with a company that does not override the key takes the company's
 * current values, so that "inherited" is true again. A flag left as it was (or switched off) catches up nothing.
 */
export function switchedOnGroups(before: Partial<InheritFlags>, after: Partial<InheritFlags>): CatchUpGroup[] {
  const groups: CatchUpGroup[] = [];
  for (const group of FIELD_GROUPS)
    if (!before[group.flag] && after[group.flag]) groups.push(...keyedGroups(group, group.fields));
  return groups;
}

/**
 * Override keys a `reset-inheritance` removes. `fields` may name fields or override keys; absent or
 * empty means all. Named keys are returned even when not currently overridden, so the adapter
 * re-applies the company's value for every field the caller named.
 */
export function resetKeys(fields: string[] | undefined, overrides: string[]): string[] {
  if (fields === undefined || fields === null) return sorted(overrides);
  if (!Array.isArray(fields)) {
    throw new RuleViolation('fields must be a list of field names.', ['fields']);
  }
  if (fields.length === 0) return sorted(overrides);
  const unknown = fields.filter((f) => typeof f !== 'string' || !isInheritable(f));
  if (unknown.length) {
    throw new RuleViolation(
      `Unknown field(s) for reset-inheritance: ${unknown.map(String).join(', ')}. ` +
        `Inheritable fields are: ${INHERITABLE_FIELDS.join(', ')}.`,
      ['fields'],
    );
  }
  return sorted(fields.map(overrideKeyOf));
}

/** Contact field → setup field holding its default (salutation depends on the contact type). */
const DEFAULTS: [field: string, setupField: string][] = [
  ['salesperson', 'defaultSalesperson'],
  ['territory', 'defaultTerritory'],
  ['countryRegion', 'defaultCountryRegion'],
  ['language', 'defaultLanguage'],
  ['formatRegion', 'defaultFormatRegion'],
  ['correspondenceType', 'defaultCorrespondenceType'],
];

/**
 * Setup defaults for the fields still blank after inheritance ("inheritance overwrites defaults").
 * Returns only the fields to set. The adapter never passes these to nextOverrides: a default is not
 * hand-set. Unlike BC, a company's own salutation is kept; the default only fills a blank one.
 */
export function applyDefaults(
  type: 'company' | 'person',
  values: Record<string, unknown>,
  setup: Record<string, unknown>,
): Record<string, unknown> {
  const salutationDefault = type === 'company' ? 'defaultCompanySalutation' : 'defaultPersonSalutation';
  const pairs: [string, string][] = [...DEFAULTS, ['salutation', salutationDefault]];
  const result: Record<string, unknown> = {};
  for (const [field, setupField] of pairs) {
    if (norm(values[field]) === null && norm(setup[setupField]) !== null) result[field] = setup[setupField];
  }
  return result;
}

/**
 * A person write: the fields the request sets become overrides where they differ from the company;
 * every other inheritable field takes the company's value when the person gets a (new) company; on
 * create, setup defaults then fill what is still blank. Mutates and returns `data`.
 */
export function applyPersonInheritance(
  setup: InheritFlags & Record<string, unknown>,
  data: Record<string, unknown>,
  before: (Record<string, unknown> & { inheritanceOverrides?: string[] | null }) | null,
  company: Record<string, unknown> | null,
  companyChanged: boolean,
) {
  const overridden = before?.inheritanceOverrides ?? [];
  // An inherited value sent back unchanged (the Content Manager sends the whole form) is no hand change.
  for (const f of echoedInheritedFields(before, data, overridden)) delete data[f];
  const requestFields = INHERITABLE_FIELDS.filter((f) => data[f] !== undefined);
  const resulting = { ...(before ?? {}), ...data };
  const overrides = nextOverrides(company, resulting, overridden, requestFields);
  if (company && companyChanged) Object.assign(data, inheritFromCompany(setup, company, overrides));
  if (data.email !== undefined) data.searchEmail = searchEmailOf(data.email);
  if (!before) Object.assign(data, applyDefaults('person', { ...data }, setup));
  data.inheritanceOverrides = overrides;
  return data;
}

/**
 * An import row of a person whose company an earlier row of the same import changed: the cells of a field the
 * person inherits that still hold the company's value from before that change are the file's copy of the inherited
 * value (an export edited on the company's row only), not a hand change. They are dropped, so the person keeps
 * following the company instead of keeping the old value as its own. Per override key: the address block's cells
 * are dropped only all together (a row with a city of its own keeps its whole address).
 */
export function withoutStaleInherited(
  data: Record<string, unknown>,
  overrides: string[],
  companyBefore: Record<string, unknown>,
): Record<string, unknown> {
  const byKey = new Map<string, string[]>();
  for (const field of Object.keys(data).filter(isInheritable)) {
    const key = overrideKeyOf(field);
    byKey.set(key, [...(byKey.get(key) ?? []), field]);
  }
  const out = { ...data };
  for (const [key, fields] of byKey)
    if (!overrides.includes(key) && fields.every((f) => same(data[f], companyBefore[f])))
      for (const f of fields) delete out[f];
  if (out.companyName !== undefined && same(out.companyName, companyBefore.name)) delete out.companyName;
  return out;
}
