/**
 * The Strapi side of company → person inheritance: loads the company and the setup as flat records
 * (relations as numeric ids), applies the domain rules to a person write, and propagates a company
 * change to its persons set-based (one statement per field group), inside the write's transaction.
 */
import type { Write } from '../repositories/unit-of-work';
import {
  applyDefaults,
  echoedInheritedFields,
  inheritFromCompany,
  nextOverrides,
  propagationPlan,
  INHERITABLE_FIELDS,
  type InheritFlags,
  type PropagationGroup,
} from '../domain/inheritance';
import { readRelationChange, type RelationRef } from '../domain/relation-input';
import { searchEmailOf } from '../domain/contact-fields';
import { validationError } from '../utils/errors';
import { columnOf, isPostgres, joinTableOf, tableOf } from '../repositories/tables';
import { UID } from '../utils/uids';
import { getService } from '../utils/services';
import { enqueueReindex } from '../duplicate-search/reindex-queue';
import { searchInputFields } from '../duplicate-search/search';

/** Contact relations that take part in inheritance and defaults, with their target types. */
export const RELATION_FIELDS: Record<string, string> = {
  salesperson: UID.salesperson,
  territory: UID.territory,
  countryRegion: UID.countryRegion,
  language: UID.language,
  salutation: UID.salutation,
};
const populateIds = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, { select: ['id'] }]));

/** A row from the query engine with relations populated → relations replaced by their ids. */
const flatten = (row: Record<string, any>, relations: string[]) => {
  const out = { ...row };
  for (const f of relations) out[f] = row[f]?.id ?? null;
  return out;
};

export const loadContactFlat = async (
  write: Write,
  where: Record<string, any>,
): Promise<Record<string, any> | null> => {
  const row = await write.strapi.db.query(UID.contact).findOne({
    where,
    populate: {
      ...populateIds(Object.keys(RELATION_FIELDS)),
      company: { select: ['id', 'documentId', 'type', 'name'] },
    },
  });
  return row ? { ...flatten(row, Object.keys(RELATION_FIELDS)), company: row.company ?? null } : null;
};

export const loadSetupFlat = async (write: Write) =>
  (await getService(write.strapi, 'setup').get(write.trx)) as Record<string, any> & InheritFlags;

/** The id of a referenced record of `uid`, or null when there is none. */
async function idOfRef(write: Write, uid: string, ref: RelationRef): Promise<number | null> {
  const row = await write.strapi.db.query(uid as any).findOne({ where: ref, select: ['id'] });
  return row ? Number(row.id) : null;
}

/**
 * Relation inputs of the inherited fields, resolved to numeric ids (so they compare with the company's).
 * Untouched relations (`{ connect: [], disconnect: [] }` from the Content Manager) are removed from `data`,
 * so they neither count as set by hand nor reach the write; `before` (flat) tells what a disconnect clears.
 */
export async function resolveRelationIds(write: Write, data: Record<string, any>, before?: Record<string, any> | null) {
  for (const [field, uid] of Object.entries(RELATION_FIELDS)) {
    const change = readRelationChange(data[field], field);
    if (change.kind === 'untouched') {
      delete data[field];
    } else if (change.kind === 'clear') {
      data[field] = null;
    } else if (change.kind === 'disconnect') {
      const current = before?.[field] ?? null;
      const named =
        current !== null && (await Promise.all(change.refs.map((r) => idOfRef(write, uid, r)))).includes(current);
      if (named) data[field] = null;
      else delete data[field];
    } else {
      const id = await idOfRef(write, uid, change.ref);
      if (id === null) throw validationError(`The ${field} given does not exist.`, [field]);
      data[field] = id;
    }
  }
}

/**
 * A person write: the fields the request sets become overrides where they differ from the company;
 * every other inheritable field takes the company's value when the person gets a (new) company; on
 * create, setup defaults then fill what is still blank. Mutates and returns `data`.
 */
export function applyPersonInheritance(
  setup: Record<string, any>,
  data: Record<string, any>,
  before: Record<string, any> | null,
  company: Record<string, any> | null,
  companyChanged: boolean,
) {
  // An inherited value sent back unchanged (the Content Manager sends the whole form) is no hand change.
  for (const f of echoedInheritedFields(before, data, before?.inheritanceOverrides ?? [])) delete data[f];
  const requestFields = INHERITABLE_FIELDS.filter((f) => data[f] !== undefined);
  const resulting = { ...(before ?? {}), ...data };
  const overrides = nextOverrides(company, resulting, before?.inheritanceOverrides ?? [], requestFields);
  if (company && companyChanged) Object.assign(data, inheritFromCompany(setup as InheritFlags, company, overrides));
  if (data.email !== undefined) data.searchEmail = searchEmailOf(data.email);
  if (!before) Object.assign(data, applyDefaults('person', { ...data }, setup));
  data.inheritanceOverrides = overrides;
  return data;
}

/** Persons of a company (the company itself excluded), as a subquery of contact ids. */
const personsOf = (write: Write, companyId: number) => {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  return write
    .trx(jt.name)
    .select(jt.joinColumn)
    .where(jt.inverseJoinColumn, companyId)
    .whereNot(jt.joinColumn, companyId);
};

/** SQL condition "this person has not overridden `key`" (inheritance_overrides is a JSON list). */
const notOverridden = (write: Write, key: string) => {
  const col = columnOf(write.strapi, UID.contact, 'inheritanceOverrides');
  return isPostgres(write.strapi)
    ? write.trx.raw(`NOT (coalesce(??::jsonb, '[]'::jsonb) \\? ?)`, [col, key])
    : write.trx.raw(`NOT EXISTS (SELECT 1 FROM json_each(coalesce(??, '[]')) WHERE value = ?)`, [col, key]);
};

/** The ids of the persons a plan group reaches. */
const targetsOf = (write: Write, companyId: number, group: PropagationGroup) => {
  const q = write.trx(tableOf(write.strapi, UID.contact)).select('id').whereIn('id', personsOf(write, companyId));
  return group.overrideKey ? q.where(notOverridden(write, group.overrideKey)) : q;
};

/** Copies each plan group to the company's persons that inherit it: one statement per group (two for a relation). */
export async function propagate(write: Write, companyId: number, plan: PropagationGroup[]) {
  const table = tableOf(write.strapi, UID.contact);
  const now = new Date();
  for (const group of plan) {
    const scalars: Record<string, any> = {};
    for (const [field, value] of Object.entries(group.values)) {
      if (RELATION_FIELDS[field]) await propagateRelation(write, companyId, group, field, value);
      else scalars[columnOf(write.strapi, UID.contact, field)] = value;
      if (field === 'email') scalars[columnOf(write.strapi, UID.contact, 'searchEmail')] = searchEmailOf(value);
    }
    if (Object.keys(scalars).length) {
      await write
        .trx(table)
        .whereIn('id', targetsOf(write, companyId, group))
        .update({ ...scalars, updated_at: now });
    }
  }
  await enqueueSearchReindex(write, companyId, plan);
}

/**
 * The persons whose duplicate-search input just changed go to the re-index queue, in one INSERT … SELECT
 * (the background worker re-indexes them): the set-based update ran none of their write rules.
 */
async function enqueueSearchReindex(write: Write, companyId: number, plan: PropagationGroup[]) {
  const reads = await searchInputFields(write);
  const searched = plan.filter((g) => Object.keys(g.values).some((f) => reads.has(f)));
  if (!searched.length) return;
  const [first, ...rest] = searched.map((g) => targetsOf(write, companyId, g));
  await enqueueReindex(write, rest.length ? first.union(rest) : first);
}

async function propagateRelation(
  write: Write,
  companyId: number,
  group: PropagationGroup,
  field: string,
  targetId: number | null,
) {
  const jt = joinTableOf(write.strapi, UID.contact, field);
  const { trx } = write;
  await trx(jt.name)
    .whereIn(jt.joinColumn, targetsOf(write, companyId, group))
    .delete();
  if (targetId === null) return;
  const rows = targetsOf(write, companyId, group)
    .clearSelect()
    .select('id', trx.raw('? AS target', [targetId]));
  await trx.into(trx.raw('?? (??, ??)', [jt.name, jt.joinColumn, jt.inverseJoinColumn])).insert(rows);
}

/** What a company update would change: the plan, plus which persons each group reaches. */
export async function previewPropagation(write: Write, companyId: number, plan: PropagationGroup[]) {
  const byPerson = new Map<number, Set<string>>();
  for (const group of plan) {
    for (const { id } of await targetsOf(write, companyId, group)) {
      if (!byPerson.has(id)) byPerson.set(id, new Set());
      group.fields.forEach((f) => byPerson.get(id)!.add(f));
    }
  }
  return byPerson;
}

export { propagationPlan };
