/**
 * A company's persons: who they are, and company → person propagation, set-based (one statement per
 * field group, two for a relation) so a company with 10,000 persons updates in well under a second.
 */
import type { Knex } from 'knex';
import type { Write } from './unit-of-work';
import type { CatchUpGroup, PropagationGroup } from '../domain/inheritance';
import { searchEmailOf } from '../domain/contact-fields';
import { UID } from '../utils/uids';
import { columnOf, isPostgres, joinTableOf, tableOf } from './tables';
import { RELATION_FIELDS } from './contacts';

/** Persons of a company (the company itself excluded), as a subquery of contact ids. */
const personsOf = (write: Write, companyId: number) => {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  return write
    .trx(jt.name)
    .select(jt.joinColumn)
    .where(jt.inverseJoinColumn, companyId)
    .whereNot(jt.joinColumn, companyId);
};

/** The ids of a company's persons. */
export async function personIdsOf(write: Write, companyId: number): Promise<number[]> {
  const jt = joinTableOf(write.strapi, UID.contact, 'company');
  const rows: Record<string, unknown>[] = await personsOf(write, companyId);
  return rows.map((r) => Number(r[jt.joinColumn]));
}

export async function countPersons(write: Write, companyId: number): Promise<number> {
  const [{ n }] = await personsOf(write, companyId).clearSelect().count({ n: '*' });
  return Number(n);
}

/**
 * SQL condition "this person has not overridden `key`" (inheritance_overrides is a JSON list); `alias`
 * qualifies the column where the contacts table is joined to itself.
 */
const notOverridden = (write: Write, key: string, alias?: string) => {
  const column = columnOf(write.strapi, UID.contact, 'inheritanceOverrides');
  const col = alias ? `${alias}.${column}` : column;
  return isPostgres(write.strapi)
    ? write.trx.raw(`NOT (coalesce(??::jsonb, '[]'::jsonb) \\? ?)`, [col, key])
    : write.trx.raw(`NOT EXISTS (SELECT 1 FROM json_each(coalesce(??, '[]')) WHERE value = ?)`, [col, key]);
};

/** The ids of the persons a plan group reaches (a query with one id column). */
const targetsOf = (write: Write, companyId: number, group: PropagationGroup) => {
  const q = write.trx(tableOf(write.strapi, UID.contact)).select('id').whereIn('id', personsOf(write, companyId));
  return group.overrideKey ? q.where(notOverridden(write, group.overrideKey)) : q;
};

/** The ids of the persons any of the groups reach, as one query (for INSERT … SELECT). */
export function personsReachedBy(write: Write, companyId: number, groups: PropagationGroup[]): Knex.QueryBuilder {
  const [first, ...rest] = groups.map((g) => targetsOf(write, companyId, g));
  return rest.length ? first.union(rest) : first;
}

/** Copies each plan group to the company's persons that inherit it: one statement per group (two for a relation). */
export async function propagateToPersons(write: Write, companyId: number, plan: PropagationGroup[]) {
  const table = tableOf(write.strapi, UID.contact);
  const now = new Date();
  for (const group of plan) {
    const scalars: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(group.values)) {
      if (RELATION_FIELDS[field]) await propagateRelation(write, companyId, group, field, value as number | null);
      else scalars[columnOf(write.strapi, UID.contact, field)] = value;
      if (field === 'email')
        scalars[columnOf(write.strapi, UID.contact, 'searchEmail')] = searchEmailOf(value as string | null);
    }
    if (Object.keys(scalars).length) {
      await write
        .trx(table)
        .whereIn('id', targetsOf(write, companyId, group))
        .update({ ...scalars, updated_at: now });
    }
  }
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

/** What a company update would change: which persons each group reaches, and which fields. */
export async function previewPropagation(write: Write, companyId: number, plan: PropagationGroup[]) {
  const byPerson = new Map<number, Set<string>>();
  for (const group of plan) {
    for (const { id } of (await targetsOf(write, companyId, group)) as { id: number }[]) {
      if (!byPerson.has(id)) byPerson.set(id, new Set());
      group.fields.forEach((f) => byPerson.get(id)!.add(f));
    }
  }
  return byPerson;
}

/**
 * Catching up after an Inherit flag went back on (domain switchedOnGroups): every person with a company, not
 * overriding the group's key, whose value of a group field differs from its company's. As a query of ids (`p.id`),
 * for the re-index queue; the person is `p`, its company `c`.
 */
export function personsBehindCompany(write: Write, group: CatchUpGroup): Knex.QueryBuilder {
  const { trx, strapi } = write;
  const table = tableOf(strapi, UID.contact);
  const link = joinTableOf(strapi, UID.contact, 'company');
  return trx(`${table} as p`)
    .select('p.id')
    .join(`${link.name} as l`, `l.${link.joinColumn}`, 'p.id')
    .join(`${table} as c`, 'c.id', `l.${link.inverseJoinColumn}`)
    .where(behindCompany(write, group));
}

/** SQL condition over person p and its company c: p is not c, does not override the key, and differs in a field. */
function behindCompany(write: Write, group: CatchUpGroup) {
  const differs = group.fields.map((f) => differsFromCompany(write, f));
  return write.trx.raw(`?? <> ?? AND ? AND (${differs.map(() => '?').join(' OR ')})`, [
    'c.id',
    'p.id',
    notOverridden(write, group.overrideKey, 'p'),
    ...differs,
  ]);
}

/** SQL condition "person p's `field` differs from its company c's" (NULL-safe; a relation by its target id). */
function differsFromCompany(write: Write, field: string) {
  const { trx, strapi } = write;
  if (!RELATION_FIELDS[field]) {
    const col = columnOf(strapi, UID.contact, field);
    return trx.raw('?? IS DISTINCT FROM ??', [`p.${col}`, `c.${col}`]);
  }
  const jt = joinTableOf(strapi, UID.contact, field);
  const target = (alias: string, of: string) =>
    trx(`${jt.name} as ${alias}`)
      .select(`${alias}.${jt.inverseJoinColumn}`)
      .whereRaw('?? = ??', [`${alias}.${jt.joinColumn}`, `${of}.id`])
      .limit(1);
  return trx.raw('(?) IS DISTINCT FROM (?)', [target('pt', 'p'), target('ct', 'c')]);
}

/**
 * The persons behind their company (personsBehindCompany) take its values of the group, set-based: one
 * UPDATE … FROM for the scalar columns; for a relation the persons' updated_at, then delete + insert … select on
 * its join table. Only those persons are written (updated_at bumped): an open form of any other stays current.
 */
export async function catchUpWithCompany(write: Write, group: CatchUpGroup) {
  const { trx, strapi } = write;
  const table = tableOf(strapi, UID.contact);
  const now = new Date();
  const scalars = group.fields.filter((f) => !RELATION_FIELDS[f]);
  if (scalars.length) {
    const link = joinTableOf(strapi, UID.contact, 'company');
    const columns = scalars.map((f) => columnOf(strapi, UID.contact, f));
    if (scalars.includes('email')) columns.push(columnOf(strapi, UID.contact, 'searchEmail'));
    await trx.raw(
      `UPDATE ?? AS p SET ${columns.map(() => '?? = ??').join(', ')}, ?? = ? ` +
        'FROM ?? AS l JOIN ?? AS c ON ?? = ?? WHERE ?? = ?? AND ?',
      [
        table,
        ...columns.flatMap((col) => [col, `c.${col}`]),
        'updated_at',
        now,
        link.name,
        table,
        'c.id',
        `l.${link.inverseJoinColumn}`,
        `l.${link.joinColumn}`,
        'p.id',
        behindCompany(write, { ...group, fields: scalars }),
      ],
    );
  }
  for (const field of group.fields.filter((f) => RELATION_FIELDS[f])) {
    const one = { ...group, fields: [field] };
    const jt = joinTableOf(strapi, UID.contact, field);
    await trx(table).whereIn('id', personsBehindCompany(write, one)).update({ updated_at: now });
    await trx(jt.name).whereIn(jt.joinColumn, personsBehindCompany(write, one)).delete();
    // Now without a link of their own: those whose company has one take it.
    const rows = personsBehindCompany(write, one)
      .join(`${jt.name} as cl`, `cl.${jt.joinColumn}`, 'c.id')
      .clearSelect()
      .select('p.id', `cl.${jt.inverseJoinColumn}`);
    await trx.into(trx.raw('?? (??, ??)', [jt.name, jt.joinColumn, jt.inverseJoinColumn])).insert(rows);
  }
}
