/**
 * The data of interaction log entries: what an entry is written with (its contact and template, read in
 * one statement), the entry-number counter, the direct inserts of automatic recording and e-mail logging,
 * and the timeline's reads.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { type TemplateValues } from '../domain/interactions';
import { isDocumentKind, type DocumentKind } from '../../../shared/contracts/interactions';
import type { RelationRef } from '../domain/relation-input';
import type { Write } from './unit-of-work';
import { columnOf, isPostgres, joinTableOf, tableOf } from './tables';
import { withPlannerSettings } from './planner';
import { UID } from '../utils/uids';

/** A database row as knex returns it. */
export type Row = Record<string, unknown>;
/** An entry's data as the document service takes it (attribute names; relations as ids). */
export type EntryData = Record<string, unknown>;

export type EntryTemplate = TemplateValues & { code: string; documentId: string };
/** What an entry takes from its contact. */
export interface EntryContact {
  id: number;
  companyId: number | null;
  salespersonId: number | null;
  correspondenceType: string | null;
}
export interface EntrySources {
  contact: EntryContact | null;
  template: EntryTemplate | null;
}
/** A template by id / documentId, or the one set up for a built-in kind. */
export type TemplateRef = RelationRef | { kind: DocumentKind };

/** Rows per `IN (…)` list and per multi-row insert: within SQLite's 500 terms of a compound SELECT and the bind limits. */
const CHUNK = 500;
const INSERT_ROWS = 250;

const TEMPLATE_FIELDS = [
  'documentId',
  'code',
  'description',
  'unitCost',
  'unitDurationMin',
  'informationFlow',
  'initiatedBy',
  'correspondenceType',
  'ignoreContactCorrespondenceType',
];
/** The entry's relations, all many-to-one link tables. */
export const ENTRY_LINKS = [
  'contact',
  'contactCompany',
  'interactionTemplate',
  'interactionGroup',
  'salesperson',
  'opportunity',
] as const;

const whereRef = (q: Knex.QueryBuilder, strapi: Core.Strapi, uid: string, alias: string, ref: RelationRef) =>
  'id' in ref
    ? q.where(`${alias}.id`, ref.id)
    : q.where(`${alias}.${columnOf(strapi, uid, 'documentId')}`, ref.documentId);

/**
 * The columns an entry takes from its contact (c_*: id, company, salesperson, correspondence type), joined
 * onto a query in which `c` is the contact row.
 */
export function joinContactColumns(strapi: Core.Strapi, q: Knex.QueryBuilder) {
  const company = joinTableOf(strapi, UID.contact, 'company');
  const salesperson = joinTableOf(strapi, UID.contact, 'salesperson');
  return q
    .leftJoin(`${company.name} as cc`, `cc.${company.joinColumn}`, 'c.id')
    .leftJoin(`${salesperson.name} as cs`, `cs.${salesperson.joinColumn}`, 'c.id')
    .select({
      c_id: 'c.id',
      c_company: `cc.${company.inverseJoinColumn}`,
      c_salesperson: `cs.${salesperson.inverseJoinColumn}`,
      c_correspondence: `c.${columnOf(strapi, UID.contact, 'correspondenceType')}`,
    });
}

/** The contact with what the entry takes from it: one statement. */
const contactQuery = (write: Write, ref: RelationRef) =>
  whereRef(
    joinContactColumns(write.strapi, write.trx(`${tableOf(write.strapi, UID.contact)} as c`)).limit(1),
    write.strapi,
    UID.contact,
    'c',
    ref,
  );

/** The template (by reference, or the one set up for a kind) with its group id: one statement (columns t_*). */
function templateQuery(write: Write, ref: TemplateRef) {
  const { strapi, trx } = write;
  const group = joinTableOf(strapi, UID.interactionTemplate, 'interactionGroup');
  const select: Record<string, string> = { t_id: 't.id', t_group: `tg.${group.inverseJoinColumn}` };
  for (const f of TEMPLATE_FIELDS) select[`t_${f}`] = `t.${columnOf(strapi, UID.interactionTemplate, f)}`;
  let q: Knex.QueryBuilder;
  if ('kind' in ref) {
    const setup = joinTableOf(strapi, UID.interactionTemplateSetup, ref.kind);
    q = trx(`${setup.name} as s`).join(
      `${tableOf(strapi, UID.interactionTemplate)} as t`,
      't.id',
      `s.${setup.inverseJoinColumn}`,
    );
  } else {
    q = whereRef(trx(`${tableOf(strapi, UID.interactionTemplate)} as t`), strapi, UID.interactionTemplate, 't', ref);
  }
  return q.leftJoin(`${group.name} as tg`, `tg.${group.joinColumn}`, 't.id').select(select).limit(1);
}

/** The template's columns (t_*) side by side with a one-row query (a left join on true: no template → nulls). */
export function joinTemplateColumns(write: Write, q: Knex.QueryBuilder, ref: TemplateRef) {
  if ('kind' in ref && !isDocumentKind(ref.kind)) return q;
  return q
    .leftJoin(templateQuery(write, ref).as('t'), function on() {
      this.on(write.trx.raw('1 = 1'));
    })
    .select('t.*');
}

const idOrNull = (v: unknown) => (v == null ? null : Number(v));
const toContact = (r: Row): EntryContact => ({
  id: Number(r.c_id),
  companyId: idOrNull(r.c_company),
  salespersonId: idOrNull(r.c_salesperson),
  correspondenceType: (r.c_correspondence as string | null) ?? null,
});
const toTemplate = (r: Row): EntryTemplate => ({
  id: Number(r.t_id),
  documentId: r.t_documentId as string,
  code: r.t_code as string,
  description: (r.t_description as string | null) ?? null,
  unitCost: (r.t_unitCost as number | string | null) ?? 0,
  unitDurationMin: (r.t_unitDurationMin as number | string | null) ?? 0,
  informationFlow: (r.t_informationFlow as EntryTemplate['informationFlow']) ?? null,
  initiatedBy: (r.t_initiatedBy as EntryTemplate['initiatedBy']) ?? null,
  correspondenceType: (r.t_correspondenceType as string | null) ?? null,
  ignoreContactCorrespondenceType: !!r.t_ignoreContactCorrespondenceType,
  groupId: idOrNull(r.t_group),
});

/** The contact and template of a row holding the c_* / t_* columns. */
export const entrySourcesOf = (row: Row | undefined): EntrySources => ({
  contact: row?.c_id != null ? toContact(row) : null,
  template: row?.t_id != null ? toTemplate(row) : null,
});

/** The contact and the template an entry is written with, in one statement when both are asked for. */
export async function lookUpContactAndTemplate(
  write: Write,
  contact: RelationRef | null,
  template: TemplateRef | null,
) {
  let row: Row | undefined;
  if (contact && template)
    row = await joinTemplateColumns(
      write,
      write.trx.from(contactQuery(write, contact).as('c')).select('c.*'),
      template,
    ).first();
  else if (contact) row = await contactQuery(write, contact).first();
  else if (template && !('kind' in template && !isDocumentKind(template.kind)))
    row = await templateQuery(write, template).first();
  return entrySourcesOf(row);
}

/** The template set up for a kind (or by reference), or null. */
export const lookUpTemplate = async (write: Write, ref: TemplateRef) =>
  (await lookUpContactAndTemplate(write, null, ref)).template;

/** Contacts by id, each with the template (the columns the entry rules take): a batch writer's read. */
export async function sourcesOfContacts(write: Write, contactIds: number[], template: TemplateRef) {
  const sources = new Map<number, EntrySources>();
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    const q = joinContactColumns(write.strapi, write.trx(`${tableOf(write.strapi, UID.contact)} as c`)).whereIn(
      'c.id',
      contactIds.slice(i, i + CHUNK),
    );
    for (const row of (await joinTemplateColumns(write, q, template)) as Row[])
      sources.set(Number(row.c_id), entrySourcesOf(row));
  }
  return sources;
}

/** Which of `ids` are records of `uid`. */
export async function existingIds(write: Write, uid: string, ids: number[]) {
  const found = new Set<number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of (await write
      .trx(tableOf(write.strapi, uid))
      .whereIn('id', ids.slice(i, i + CHUNK))
      .select('id')) as Row[])
      found.add(Number(r.id));
  }
  return found;
}

/** The id of the record of `uid` a relation reference points to, or null. */
export async function idOfRef(write: Write, uid: string, ref: RelationRef): Promise<number | null> {
  const row = await whereRef(
    write.trx(`${tableOf(write.strapi, uid)} as x`).select('x.id'),
    write.strapi,
    uid,
    'x',
    ref,
  ).first();
  return row ? Number(row.id) : null;
}

/** The id of the record of `uid` matching `where` (documentId, code), or null. */
export async function idWhere(strapi: Core.Strapi, uid: string, where: Record<string, unknown>) {
  const row = await strapi.db
    .query(uid as Parameters<Core.Strapi['db']['query']>[0])
    .findOne({ where, select: ['id'] });
  return row ? Number(row.id) : null;
}

/** The counter the entry numbers come from: the template setup's lastEntryNo. */
const counter = (write: Write) => ({
  table: tableOf(write.strapi, UID.interactionTemplateSetup),
  column: columnOf(write.strapi, UID.interactionTemplateSetup, 'lastEntryNo'),
});
const bump = (write: Write, by = 1) => {
  const { table, column } = counter(write);
  return write.trx(table).update({ [column]: write.trx.raw('COALESCE(??, 0) + ?', [column, by]) }, [column]);
};

/** Whether the template setup (the counter's row) exists. */
export const templateSetupExists = async (strapi: Core.Strapi) =>
  !!(await strapi.db.query(UID.interactionTemplateSetup).findOne({ select: ['id'] }));

/** The setup row was deleted from the database: recreate it, its counter continuing after the last entry. */
async function restoreCounter(write: Write) {
  const { table, column } = counter(write);
  const [{ max }] = await write
    .trx(tableOf(write.strapi, UID.interactionLogEntry))
    .max({ max: columnOf(write.strapi, UID.interactionLogEntry, 'entryNo') });
  await write.strapi.documents(UID.interactionTemplateSetup).create({ data: {} });
  await write.trx(table).update({ [column]: Number(max ?? 0) });
}

/** Draws `n` numbers at once; returns the last (the counter row is recreated when it went missing). */
async function draw(write: Write, n: number): Promise<number> {
  const { column } = counter(write);
  let [row] = await bump(write, n);
  if (!row) {
    await restoreCounter(write);
    [row] = await bump(write, n);
  }
  return Number(row[column]);
}

/**
 * The next entry number: one UPDATE … RETURNING on the setup row takes its row lock until the write's
 * transaction ends (the technique of the gapless number series), so numbers are sequential and unique
 * across instances; a rolled-back write gives its number back.
 */
export const nextEntryNo = (write: Write) => draw(write, 1);

/** The entry's own columns (scalars, timestamps, a new documentId made the way Strapi makes it) and its link rows. */
function entryRows(strapi: Core.Strapi, data: EntryData) {
  const uid = UID.interactionLogEntry;
  const attributes = strapi.db.metadata.get(uid).attributes as unknown as Record<
    string,
    { type: string; default?: unknown }
  >;
  const now = new Date();
  const row: Row = {
    [columnOf(strapi, uid, 'documentId')]: (attributes.documentId.default as () => string)(),
    [columnOf(strapi, uid, 'createdAt')]: now,
    [columnOf(strapi, uid, 'updatedAt')]: now,
    // No draft & publish: Strapi stores every entry as published, at its creation.
    [columnOf(strapi, uid, 'publishedAt')]: now,
  };
  for (const [name, attr] of Object.entries(attributes)) {
    if (
      attr.type === 'relation' ||
      name === 'id' ||
      name === 'documentId' ||
      name === 'entryNo' ||
      columnOf(strapi, uid, name) in row
    )
      continue;
    const value = data[name] !== undefined ? data[name] : typeof attr.default === 'function' ? undefined : attr.default;
    if (value !== undefined) row[columnOf(strapi, uid, name)] = value;
  }
  const links = ENTRY_LINKS.filter((a) => data[a] != null).map((a) => ({
    ...joinTableOf(strapi, uid, a),
    attribute: a,
    target: Number(data[a]),
  }));
  return { row, links };
}

type Link = ReturnType<typeof entryRows>['links'][number];
/** A link row's columns and values; order columns (if the relation has any) put the entry last. */
function linkValues(write: Write, link: Link, entry: Knex.Raw | number) {
  const cols = [link.joinColumn, link.inverseJoinColumn];
  const vals: (Knex.Raw | number)[] = [entry, link.target];
  if (link.orderColumn) {
    cols.push(link.orderColumn);
    vals.push(1);
  }
  if (link.inverseOrderColumn) {
    cols.push(link.inverseOrderColumn);
    vals.push(
      write.trx.raw('(SELECT COALESCE(MAX(??), 0) + 1 FROM ?? WHERE ?? = ?)', [
        link.inverseOrderColumn,
        link.name,
        link.inverseJoinColumn,
        link.target,
      ]),
    );
  }
  return { cols, vals };
}

/**
 * Inserts a completed entry directly, in the write's transaction: the entry number, the row and its link
 * rows. On PostgreSQL this is one statement (data-modifying CTEs: counter, entry, links); on SQLite
 * (in-process) one per table. Returns { id, documentId, entryNo }, or null on PostgreSQL when the setup row is missing.
 */
async function insertRows(write: Write, data: EntryData) {
  const { strapi, trx } = write;
  const uid = UID.interactionLogEntry;
  const table = tableOf(strapi, uid);
  const entryNoColumn = columnOf(strapi, uid, 'entryNo');
  const { row, links } = entryRows(strapi, data);
  const columns = Object.keys(row);
  const documentId = row[columnOf(strapi, uid, 'documentId')] as string;
  if (!isPostgres(strapi)) {
    const entryNo = await nextEntryNo(write);
    const [inserted] = await trx(table).insert({ ...row, [entryNoColumn]: entryNo }, ['id']);
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    for (const link of links) {
      const { cols, vals } = linkValues(write, link, id);
      await trx(link.name).insert(Object.fromEntries(cols.map((c, i) => [c, vals[i]])));
    }
    return { id, documentId, entryNo };
  }
  const { table: counterTable, column: counterColumn } = counter(write);
  const bindings: unknown[] = [counterTable, counterColumn, counterColumn, counterColumn];
  let sql = 'WITH n AS (UPDATE ?? SET ?? = COALESCE(??, 0) + 1 RETURNING ?? AS entry_no)';
  sql += `, e AS (INSERT INTO ?? (${columns.map(() => '??').join(', ')}, ??) SELECT ${columns.map(() => '?').join(', ')}, n.entry_no FROM n RETURNING id, ?? AS entry_no)`;
  bindings.push(table, ...columns, entryNoColumn, ...columns.map((c) => row[c]), entryNoColumn);
  links.forEach((link, i) => {
    const { cols, vals } = linkValues(write, link, trx.raw('e.id'));
    sql += `, l${i} AS (INSERT INTO ?? (${cols.map(() => '??').join(', ')}) SELECT ${vals.map(() => '?').join(', ')} FROM e)`;
    bindings.push(link.name, ...cols, ...vals);
  });
  sql += ' SELECT id, entry_no FROM e';
  const { rows } = await trx.raw(sql, bindings as Knex.RawBinding[]);
  return rows.length ? { id: Number(rows[0].id), documentId, entryNo: Number(rows[0].entry_no) } : null;
}

/** Inserts one completed entry; returns its id, documentId and entry number. */
export async function insertEntryRow(write: Write, data: EntryData) {
  const created = await insertRows(write, data);
  if (created) return created;
  await restoreCounter(write);
  return (await insertRows(write, data))!;
}

/**
 * Inserts completed entries in a fixed number of statements whatever their number, for a batch writer
 * (e-mail logging): the numbers drawn at once (one UPDATE … RETURNING adds n to the counter, under the
 * same row lock as nextEntryNo), one multi-row insert of the rows, one of the link rows per link table
 * (plus one read of the current order per table that keeps one). A row whose e-mail log key is already
 * in the table is skipped (ON CONFLICT DO NOTHING on its unique index; a null key never conflicts), and
 * the numbers of the skipped rows are given back so the numbering stays gapless. Returns the rows
 * written (data with id, documentId, entryNo), in the order of `datas`.
 */
export async function insertEntryRows(write: Write, datas: EntryData[]) {
  if (!datas.length) return [];
  const { strapi, trx } = write;
  const uid = UID.interactionLogEntry;
  const table = tableOf(strapi, uid);
  const col = (a: string) => columnOf(strapi, uid, a);
  const { table: counterTable, column: counterColumn } = counter(write);
  const first = (await draw(write, datas.length)) - datas.length + 1;
  const prepared = datas.map((data, i) => ({ data, ...entryRows(strapi, data), entryNo: first + i }));
  const docId = (p: (typeof prepared)[number]) => p.row[col('documentId')] as string;
  const written = new Map<string, { id: number; entryNo: number }>();
  for (let i = 0; i < prepared.length; i += INSERT_ROWS) {
    const rows = prepared.slice(i, i + INSERT_ROWS).map((p) => ({ ...p.row, [col('entryNo')]: p.entryNo }));
    const back = (await trx(table)
      .insert(rows)
      .onConflict(col('emailLogKey'))
      .ignore()
      .returning(['id', `${col('documentId')} as documentId`, `${col('entryNo')} as entryNo`])) as Row[];
    for (const r of back) written.set(r.documentId as string, { id: Number(r.id), entryNo: Number(r.entryNo) });
  }
  const kept = prepared.filter((p) => written.has(docId(p)));
  if (kept.length < prepared.length) {
    // Rows skipped as already logged (a writer outside the job's lock): close the gap they left; the counter row is still ours.
    for (const [i, p] of kept.entries()) {
      const w = written.get(docId(p))!;
      if (w.entryNo !== first + i)
        await trx(table)
          .where('id', w.id)
          .update({ [col('entryNo')]: first + i });
      w.entryNo = first + i;
    }
    await trx(counterTable).update({ [counterColumn]: first + kept.length - 1 });
  }
  for (const attribute of ENTRY_LINKS) {
    const links = kept.flatMap((p) =>
      p.links.filter((l) => l.attribute === attribute).map((l) => ({ link: l, entry: written.get(docId(p))!.id })),
    );
    if (!links.length) continue;
    const { link } = links[0];
    // The entry goes last in each target's order, as linkValues does for one entry.
    const next = new Map<number, number>();
    if (link.inverseOrderColumn) {
      const targets = [...new Set(links.map((l) => l.link.target))];
      for (let i = 0; i < targets.length; i += INSERT_ROWS) {
        const rows = (await trx(link.name)
          .whereIn(link.inverseJoinColumn, targets.slice(i, i + INSERT_ROWS))
          .groupBy(link.inverseJoinColumn)
          .select({ target: link.inverseJoinColumn })
          .max({ max: link.inverseOrderColumn })) as Row[];
        for (const r of rows) next.set(Number(r.target), Number(r.max ?? 0));
      }
    }
    const rows = links.map(({ link: l, entry }) => {
      const row: Record<string, number> = { [l.joinColumn]: entry, [l.inverseJoinColumn]: l.target };
      if (l.orderColumn) row[l.orderColumn] = 1;
      if (l.inverseOrderColumn) {
        const n = (next.get(l.target) ?? 0) + 1;
        next.set(l.target, n);
        row[l.inverseOrderColumn] = n;
      }
      return row;
    });
    for (let i = 0; i < rows.length; i += INSERT_ROWS) await trx(link.name).insert(rows.slice(i, i + INSERT_ROWS));
  }
  return kept.map((p) => ({ ...p.data, ...written.get(docId(p))!, documentId: docId(p) }));
}

/** An entry with its contact, company, template and salesperson (what the webhook events send), or null. */
export async function loadRecordedEntry(strapi: Core.Strapi, id: number) {
  const ref = { select: ['documentId', 'no', 'name'] };
  const entry = await strapi.db.query(UID.interactionLogEntry).findOne({
    where: { id },
    populate: {
      contact: ref,
      contactCompany: ref,
      interactionTemplate: { select: ['documentId', 'code', 'description'] },
      salesperson: { select: ['code', 'name'] },
    },
  });
  return (entry as Row | null) ?? null;
}

/** The related records an entry is shown with, and their fields. */
const ENTRY_RELATIONS: Record<string, { uid: string; fields: string[] }> = {
  contact: { uid: UID.contact, fields: ['documentId', 'no', 'name'] },
  contactCompany: { uid: UID.contact, fields: ['documentId', 'no', 'name'] },
  interactionTemplate: { uid: UID.interactionTemplate, fields: ['documentId', 'code', 'description'] },
  interactionGroup: { uid: UID.interactionGroup, fields: ['documentId', 'code', 'description'] },
  salesperson: { uid: UID.salesperson, fields: ['documentId', 'code', 'name'] },
  opportunity: { uid: UID.opportunity, fields: ['documentId', 'no'] },
};
const ENTRY_FIELDS = [
  'documentId',
  'entryNo',
  'date',
  'time',
  'description',
  'subject',
  'informationFlow',
  'initiatedBy',
  'cost',
  'durationMin',
  'attemptFailed',
  'evaluation',
  'canceled',
  'correspondenceType',
  'documentKind',
  'documentNo',
  'sourceUid',
  'sourceDocumentId',
  'emailLogged',
  'messageId',
  'emailBody',
  'createdAt',
];

/**
 * Entries by id, in that order, with their related records (attribute → { fields } or null), in a fixed
 * number of statements whatever the page size: the entries with the ids their link rows point to (a
 * subquery per relation), then the related records per type. Not one big join: without statistics (a
 * fresh table) PostgreSQL multiplies the row estimates of each left join, and a cost past jit_above_cost
 * makes it JIT-compile the query (~0.5 s).
 */
export async function loadEntries(strapi: Core.Strapi, ids: number[]): Promise<Row[]> {
  if (!ids.length) return [];
  const knex = strapi.db.connection;
  const uid = UID.interactionLogEntry;
  const q = knex(`${tableOf(strapi, uid)} as e`)
    .whereIn('e.id', ids)
    .select('e.id');
  for (const f of ENTRY_FIELDS) q.select(`e.${columnOf(strapi, uid, f)} as ${f}`);
  for (const attr of Object.keys(ENTRY_RELATIONS)) {
    const jt = joinTableOf(strapi, uid, attr);
    q.select(
      knex(jt.name).select(jt.inverseJoinColumn).where(jt.joinColumn, knex.ref('e.id')).limit(1).as(`${attr}__id`),
    );
  }
  const rows = (await q) as Row[];
  // The related records, one statement per target type (contact and contact company share one).
  const related = new Map<string, Map<number, Row>>();
  for (const target of new Set(Object.values(ENTRY_RELATIONS).map((r) => r.uid))) {
    const attrs = Object.entries(ENTRY_RELATIONS).filter(([, r]) => r.uid === target);
    const wanted = [...new Set(rows.flatMap((r) => attrs.map(([a]) => r[`${a}__id`]).filter((v) => v != null)))];
    const fields = attrs[0][1].fields;
    const found = (
      wanted.length
        ? await knex(tableOf(strapi, target))
            .whereIn('id', wanted as number[])
            .select('id', ...fields.map((f) => `${columnOf(strapi, target, f)} as ${f}`))
        : []
    ) as Row[];
    related.set(target, new Map(found.map((t) => [Number(t.id), Object.fromEntries(fields.map((f) => [f, t[f]]))])));
  }
  const byId = new Map<number, Row>();
  for (const r of rows) {
    const row: Row = Object.fromEntries(ENTRY_FIELDS.map((f) => [f, r[f]]));
    for (const [attr, rel] of Object.entries(ENTRY_RELATIONS))
      row[attr] = r[`${attr}__id`] == null ? null : (related.get(rel.uid)!.get(Number(r[`${attr}__id`])) ?? null);
    byId.set(Number(r.id), row);
  }
  return ids.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
}

/**
 * Count of a join of the contact's link rows with the template's link rows or the entries (by direction). Both sides come
 * sorted by entry id from their (key, entry) indexes, so a merge join of two index-only scans counts them;
 * PostgreSQL's estimates favour hashing ~100,000 rows instead, 3-4 times slower (docs/benchmarks.md). So on
 * PostgreSQL the count runs with hash joins off for that one statement (repositories/planner.ts, in its own transaction).
 */
async function countMerging(strapi: Core.Strapi, q: Knex.QueryBuilder): Promise<number> {
  if (!isPostgres(strapi)) return Number((await q.count({ n: '*' }))[0].n);
  return strapi.db.connection.transaction((trx) =>
    withPlannerSettings(trx, { enable_hashjoin: 'off' }, async () =>
      Number((await q.clone().transacting(trx).count({ n: '*' }))[0].n),
    ),
  );
}

/** The timeline's filters, as parsed (domain parseTimelineQuery) and resolved to ids. */
export interface TimelineFilter {
  contactId: number;
  /** A company's timeline is every entry whose contact company it is; a person's, the entries logged for it. */
  company: boolean;
  templateId: number | null;
  from?: string | null;
  to?: string | null;
  direction?: string | null;
  page: number;
  pageSize: number;
}

/** A contact's id and type by documentId, or null. */
export async function contactById(strapi: Core.Strapi, documentId: string) {
  const row = await strapi.db.query(UID.contact).findOne({ where: { documentId }, select: ['id', 'type'] });
  return row ? { id: Number(row.id), type: row.type as string } : null;
}

/**
 * One page of a contact's entries, newest first (their ids), and how many there are: two reads outside
 * any transaction, started at once so that they run side by side on two pool connections.
 */
export function timelinePage(strapi: Core.Strapi, f: TimelineFilter) {
  const knex = strapi.db.connection;
  const uid = UID.interactionLogEntry;
  const col = (a: string) => `e.${columnOf(strapi, uid, a)}`;
  const link = joinTableOf(strapi, uid, f.company ? 'contactCompany' : 'contact');
  // The entries of the contact as link rows (l.entry), narrowed to the template's.
  const links = () => {
    const q = knex(`${link.name} as l`).where(`l.${link.inverseJoinColumn}`, f.contactId);
    if (f.templateId) {
      const tl = joinTableOf(strapi, uid, 'interactionTemplate');
      q.join(`${tl.name} as t`, `t.${tl.joinColumn}`, `l.${link.joinColumn}`).where(
        `t.${tl.inverseJoinColumn}`,
        f.templateId,
      );
    }
    return q;
  };
  const withEntries = () => {
    const q = links().join(`${tableOf(strapi, uid)} as e`, 'e.id', `l.${link.joinColumn}`);
    if (f.from) q.where(col('date'), '>=', f.from);
    if (f.to) q.where(col('date'), '<=', f.to);
    if (f.direction) q.where(col('informationFlow'), f.direction);
    return q;
  };
  // Without a filter on the entries themselves the count reads the link index only (no join).
  const filtered = !!(f.from || f.to || f.direction);
  const count = filtered ? withEntries() : links();
  // A date range is selective (an index range on the date): there the planner's own choice is right.
  const merge = !!(f.templateId || f.direction) && !(f.from || f.to);
  const total = async () => (merge ? countMerging(strapi, count) : Number((await count.count({ n: '*' }))[0].n));
  const page = async () =>
    (
      (await withEntries()
        .select('e.id')
        .orderBy([
          { column: col('date'), order: 'desc' },
          { column: col('time'), order: 'desc' },
          { column: col('entryNo'), order: 'desc' },
        ])
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)) as Row[]
    ).map((r) => Number(r.id));
  return { total: total(), ids: page() };
}

/** The template id each kind of the interaction template setup names (null: none), one small query per link table. */
export async function templateIdsByKind(strapi: Core.Strapi, kinds: readonly DocumentKind[]) {
  const out = new Map<DocumentKind, number | null>();
  for (const kind of kinds) {
    const jt = joinTableOf(strapi, UID.interactionTemplateSetup, kind);
    const link = await strapi.db.connection(jt.name).first(jt.inverseJoinColumn);
    out.set(kind, idOrNull(link?.[jt.inverseJoinColumn]));
  }
  return out;
}

/** A template's code and description by id, or null. */
export async function templateById(strapi: Core.Strapi, id: number) {
  const row = await strapi.db
    .query(UID.interactionTemplate)
    .findOne({ where: { id }, select: ['documentId', 'code', 'description'] });
  return (row as { documentId: string; code: string; description: string | null } | null) ?? null;
}
