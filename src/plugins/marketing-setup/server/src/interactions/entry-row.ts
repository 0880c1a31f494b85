/**
 * A log entry's complete row from what a caller gives, with the fewest reads: the entry rules
 * (reference §6.2: template values where none were given, the contact's company, its salesperson and
 * correspondence type, date and time, the next entry number) in one module, shared by the
 * document-service rule (REST, Content Manager, services) and the direct insert automatic recording
 * uses (one statement on PostgreSQL, see insertEntry), so both paths write the same entry.
 */
import type { Knex } from 'knex';
import type { Write } from '../repositories/unit-of-work';
import {
  assertEntryValues,
  isDocumentKind,
  normalizeTime,
  withTemplateDefaults,
  type DocumentKind,
  type TemplateValues,
} from '../domain/interactions';
import { RuleViolation } from '../domain/errors';
import { assertWritableValues } from '../domain/write-values';
import { EVENTS, emitAfterCommit } from '../events';
import { relationInput, type RelationRef } from '../domain/relation-input';
import { columnOf, isPostgres, joinTableOf, tableOf, today } from '../repositories/tables';
import { UID } from '../utils/uids';

export type EntryTemplate = TemplateValues & { code: string; documentId: string };
/** What an entry takes from its contact. */
export interface EntryContact {
  id: number;
  companyId: number | null;
  salespersonId: number | null;
  correspondenceType: string | null;
}
/** A template by id / documentId, or the one set up for a built-in kind. */
export type TemplateRef = RelationRef | { kind: DocumentKind };

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

const whereRef = (q: Knex.QueryBuilder, write: Write, uid: string, alias: string, ref: RelationRef) =>
  'id' in ref
    ? q.where(`${alias}.id`, ref.id)
    : q.where(`${alias}.${columnOf(write.strapi, uid, 'documentId')}`, ref.documentId);

/**
 * The columns an entry takes from its contact (c_*: id, company, salesperson, correspondence type), joined
 * onto a query in which `c` is the contact row; with contactQuery, or inside a caller's own read.
 */
export function joinContactColumns(write: Write, q: Knex.QueryBuilder) {
  const { strapi } = write;
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
    joinContactColumns(write, write.trx(`${tableOf(write.strapi, UID.contact)} as c`)).limit(1),
    write,
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
    q = whereRef(trx(`${tableOf(strapi, UID.interactionTemplate)} as t`), write, UID.interactionTemplate, 't', ref);
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

const toContact = (r: Record<string, any>): EntryContact => ({
  id: Number(r.c_id),
  companyId: r.c_company == null ? null : Number(r.c_company),
  salespersonId: r.c_salesperson == null ? null : Number(r.c_salesperson),
  correspondenceType: r.c_correspondence ?? null,
});
const toTemplate = (r: Record<string, any>): EntryTemplate => ({
  id: Number(r.t_id),
  documentId: r.t_documentId,
  code: r.t_code,
  description: r.t_description ?? null,
  unitCost: r.t_unitCost ?? 0,
  unitDurationMin: r.t_unitDurationMin ?? 0,
  informationFlow: r.t_informationFlow ?? null,
  initiatedBy: r.t_initiatedBy ?? null,
  correspondenceType: r.t_correspondenceType ?? null,
  ignoreContactCorrespondenceType: !!r.t_ignoreContactCorrespondenceType,
  groupId: r.t_group == null ? null : Number(r.t_group),
});

/** The contact and template of a row holding the c_* / t_* columns. */
export const entrySourcesOf = (row: Record<string, any> | undefined): EntrySources => ({
  contact: row?.c_id != null ? toContact(row) : null,
  template: row?.t_id != null ? toTemplate(row) : null,
});
export interface EntrySources {
  contact: EntryContact | null;
  template: EntryTemplate | null;
}

/** The contact and the template an entry is written with, in one statement when both are asked for. */
export async function lookUpContactAndTemplate(
  write: Write,
  contact: RelationRef | null,
  template: TemplateRef | null,
) {
  let row: Record<string, any> | undefined;
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

/** The id behind a relation input of `uid`, checked to exist; undefined = not given, null = cleared. */
export async function resolveRef(write: Write, uid: string, field: string, value: unknown, label: string) {
  const ref = relationInput(value, undefined, field);
  if (ref === undefined || ref === null) return ref;
  const row = await whereRef(
    write.trx(`${tableOf(write.strapi, uid)} as x`).select('x.id'),
    write,
    uid,
    'x',
    ref,
  ).first();
  if (!row)
    throw new RuleViolation(`The ${label} given (${'id' in ref ? ref.id : ref.documentId}) does not exist.`, field);
  return Number(row.id);
}

const STRIPPED = ['entryNo', 'contactCompany'];
/** Ids of the optional relations that a caller read for a whole batch of entries (they exist). */
export type ExistingRefs = Partial<Record<'interactionGroup' | 'salesperson' | 'opportunity', ReadonlySet<number>>>;
const refLabel = (ref: RelationRef) => ('id' in ref ? ref.id : ref.documentId);

/**
 * Checks and completes the data of a new or changed entry in place: relations become ids, the
 * template's values fill what was not given, the contact gives the company (and, on create, the
 * salesperson and correspondence type), date and time default to now. On create without a template
 * in `data`, `kind` names the kind whose set-up template is used. `known`: the contact and template
 * the caller already read (in the same statement as its own read), for the contact and template of
 * `data`. Returns the template used (or null).
 */
export async function completeEntry(
  write: Write,
  data: Record<string, any>,
  isCreate: boolean,
  { kind, known, existing }: { kind?: DocumentKind | null; known?: EntrySources; existing?: ExistingRefs } = {},
) {
  for (const f of STRIPPED) delete data[f];
  assertEntryValues(data);
  // The entry may be inserted directly (insertEntry), past the document middleware's column checks.
  assertWritableValues(write.strapi.getModel(UID.interactionLogEntry).attributes as any, data);
  // On create there is no current target: an untouched relation (the Content Manager's empty connect) is no contact.
  const current = isCreate ? null : undefined;
  const contactRef = relationInput(data.contact, current, 'contact');
  if (isCreate ? !contactRef : contactRef === null)
    throw new RuleViolation('An interaction log entry needs a contact.', 'contact');
  if (contactRef === undefined) delete data.contact;
  const templateInput = relationInput(data.interactionTemplate, current, 'interactionTemplate');
  if (templateInput === undefined) delete data.interactionTemplate;
  const templateRef: TemplateRef | null =
    templateInput ?? (isCreate && templateInput === undefined && kind ? { kind } : null);
  const { contact, template } = known ?? (await lookUpContactAndTemplate(write, contactRef ?? null, templateRef));
  if (contactRef && !contact)
    throw new RuleViolation(`The contact given (${refLabel(contactRef)}) does not exist.`, 'contact');
  if (templateInput && !template)
    throw new RuleViolation(
      `The interaction template given (${refLabel(templateInput)}) does not exist.`,
      'interactionTemplate',
    );
  if (contact) {
    data.contact = contact.id;
    data.contactCompany = contact.companyId;
  }
  for (const [field, uid, label] of [
    ['interactionGroup', UID.interactionGroup, 'interaction group'],
    ['salesperson', UID.salesperson, 'salesperson'],
    ['opportunity', UID.opportunity, 'opportunity'],
  ] as const) {
    // An id the caller already found in one read for its whole batch is not looked up again.
    const id =
      typeof data[field] === 'number' && existing?.[field]?.has(data[field])
        ? data[field]
        : await resolveRef(write, uid, field, data[field], label);
    if (id !== undefined) data[field] = id;
    else delete data[field]; // untouched: the defaults below may fill it
  }
  if (templateInput !== undefined || (isCreate && template)) data.interactionTemplate = template?.id ?? null;
  // A new entry, or a new template: the template's values where none were given.
  if (isCreate || template)
    Object.assign(data, withTemplateDefaults(data, template, contact?.correspondenceType ?? null));
  if (isCreate) {
    data.date ??= today();
    data.time ??= new Date().toISOString().slice(11, 23);
    if (data.salesperson === undefined && contact?.salespersonId) data.salesperson = contact.salespersonId;
  }
  if (typeof data.time === 'string') data.time = normalizeTime(data.time);
  return template;
}

/** The counter the entry numbers come from: the template setup's lastEntryNo. */
const counter = (write: Write) => ({
  table: tableOf(write.strapi, UID.interactionTemplateSetup),
  column: columnOf(write.strapi, UID.interactionTemplateSetup, 'lastEntryNo'),
});
const bump = (write: Write) => {
  const { table, column } = counter(write);
  return write.trx(table).update({ [column]: write.trx.raw('COALESCE(??, 0) + 1', [column]) }, [column]);
};

/** The setup row was deleted from the database: recreate it, its counter continuing after the last entry. */
async function restoreCounter(write: Write) {
  const { table, column } = counter(write);
  const [{ max }] = await write
    .trx(tableOf(write.strapi, UID.interactionLogEntry))
    .max({ max: columnOf(write.strapi, UID.interactionLogEntry, 'entryNo') });
  await write.strapi.documents(UID.interactionTemplateSetup).create({ data: {} as any });
  await write.trx(table).update({ [column]: Number(max ?? 0) });
}

/**
 * The next entry number: one UPDATE … RETURNING on the setup row takes its row lock until the write's
 * transaction ends (the technique of the gapless number series), so numbers are sequential and unique
 * across instances; a rolled-back write gives its number back.
 */
export async function nextEntryNo(write: Write): Promise<number> {
  const { column } = counter(write);
  let [row] = await bump(write);
  if (!row) {
    await restoreCounter(write);
    [row] = await bump(write);
  }
  return Number(row[column]);
}

/** The entry's own columns (scalars, timestamps, a new documentId made the way Strapi makes it) and its link rows. */
function entryRows(write: Write, data: Record<string, any>) {
  const { strapi } = write;
  const uid = UID.interactionLogEntry;
  const attributes = strapi.db.metadata.get(uid as any).attributes as Record<string, any>;
  const now = new Date();
  const row: Record<string, any> = {
    [columnOf(strapi, uid, 'documentId')]: attributes.documentId.default(),
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
  const vals: any[] = [entry, link.target];
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
 * Inserts a completed entry (completeEntry) directly, in the write's transaction: the entry number,
 * the row and its link rows. On PostgreSQL this is one statement (data-modifying CTEs: counter, entry,
 * links); on SQLite (in-process) one per table. Used by automatic recording, where the document
 * service would send ~20 statements per entry (relation checks, one insert per link, a reload, the event's full populate).
 * Returns { id, documentId, entryNo }, or null on PostgreSQL when the setup row is missing.
 */
async function insertRows(write: Write, data: Record<string, any>) {
  const { strapi, trx } = write;
  const uid = UID.interactionLogEntry;
  const table = tableOf(strapi, uid);
  const entryNoColumn = columnOf(strapi, uid, 'entryNo');
  const { row, links } = entryRows(write, data);
  const columns = Object.keys(row);
  const documentId = row[columnOf(strapi, uid, 'documentId')];
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
  const bindings: any[] = [counterTable, counterColumn, counterColumn, counterColumn];
  let sql = 'WITH n AS (UPDATE ?? SET ?? = COALESCE(??, 0) + 1 RETURNING ?? AS entry_no)';
  sql += `, e AS (INSERT INTO ?? (${columns.map(() => '??').join(', ')}, ??) SELECT ${columns.map(() => '?').join(', ')}, n.entry_no FROM n RETURNING id, ?? AS entry_no)`;
  bindings.push(table, ...columns, entryNoColumn, ...columns.map((c) => row[c]), entryNoColumn);
  links.forEach((link, i) => {
    const { cols, vals } = linkValues(write, link, trx.raw('e.id'));
    sql += `, l${i} AS (INSERT INTO ?? (${cols.map(() => '??').join(', ')}) SELECT ${vals.map(() => '?').join(', ')} FROM e)`;
    bindings.push(link.name, ...cols, ...vals);
  });
  sql += ' SELECT id, entry_no FROM e';
  const { rows } = await trx.raw(sql, bindings);
  return rows.length ? { id: Number(rows[0].id), documentId, entryNo: Number(rows[0].entry_no) } : null;
}

export async function insertEntry(write: Write, data: Record<string, any>) {
  let created = await insertRows(write, data);
  if (!created) {
    await restoreCounter(write);
    created = await insertRows(write, data);
  }
  const entry = { ...data, ...created! };
  await emitCreated(write, [entry]);
  return entry;
}

/** Rows per multi-row insert: within SQLite's 500 terms of a compound SELECT (knex's multi-row form there) and the bind limits. */
const INSERT_ROWS = 250;

/**
 * Inserts completed entries (completeEntry) in a fixed number of statements whatever their number, for a
 * batch writer (e-mail logging): the numbers drawn at once (one UPDATE … RETURNING adds n to the counter,
 * under the same row lock as nextEntryNo), one multi-row insert of the rows, one of the link rows per
 * link table (plus one read of the current order per table that keeps one). A row whose e-mail log key
 * is already in the table is skipped (ON CONFLICT DO NOTHING on its unique index; a null key never
 * conflicts), and the numbers of the skipped rows are given back so the numbering stays gapless.
 * Returns the rows written, in the order of `datas`, as insertEntry does.
 */
export async function insertEntries(write: Write, datas: Record<string, any>[]) {
  if (!datas.length) return [];
  const { strapi, trx } = write;
  const uid = UID.interactionLogEntry;
  const table = tableOf(strapi, uid);
  const col = (a: string) => columnOf(strapi, uid, a);
  const { table: counterTable, column: counterColumn } = counter(write);
  const draw = () =>
    trx(counterTable).update({ [counterColumn]: trx.raw('COALESCE(??, 0) + ?', [counterColumn, datas.length]) }, [
      counterColumn,
    ]);
  let [drawn] = await draw();
  if (!drawn) {
    await restoreCounter(write);
    [drawn] = await draw();
  }
  const first = Number(drawn[counterColumn]) - datas.length + 1;
  const prepared = datas.map((data, i) => ({ data, ...entryRows(write, data), entryNo: first + i }));
  const written = new Map<string, { id: number; entryNo: number }>();
  for (let i = 0; i < prepared.length; i += INSERT_ROWS) {
    const rows = prepared.slice(i, i + INSERT_ROWS).map((p) => ({ ...p.row, [col('entryNo')]: p.entryNo }));
    const back = await trx(table)
      .insert(rows)
      .onConflict(col('emailLogKey'))
      .ignore()
      .returning(['id', `${col('documentId')} as documentId`, `${col('entryNo')} as entryNo`]);
    for (const r of back as any[]) written.set(r.documentId, { id: Number(r.id), entryNo: Number(r.entryNo) });
  }
  const kept = prepared.filter((p) => written.has(p.row[col('documentId')]));
  if (kept.length < prepared.length) {
    // Rows skipped as already logged (a writer outside the job's lock): close the gap they left; the counter row is still ours.
    for (const [i, p] of kept.entries()) {
      const w = written.get(p.row[col('documentId')])!;
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
      p.links
        .filter((l) => l.attribute === attribute)
        .map((l) => ({ link: l, entry: written.get(p.row[col('documentId')])!.id })),
    );
    if (!links.length) continue;
    const { link } = links[0];
    // The entry goes last in each target's order, as linkValues does for one entry.
    const next = new Map<number, number>();
    if (link.inverseOrderColumn) {
      const targets = [...new Set(links.map((l) => l.link.target))];
      for (let i = 0; i < targets.length; i += INSERT_ROWS) {
        const rows = await trx(link.name)
          .whereIn(link.inverseJoinColumn, targets.slice(i, i + INSERT_ROWS))
          .groupBy(link.inverseJoinColumn)
          .select({ target: link.inverseJoinColumn })
          .max({ max: link.inverseOrderColumn });
        for (const r of rows as any[]) next.set(Number(r.target), Number(r.max ?? 0));
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
  const entries = kept.map((p): Record<string, any> & { id: number; entryNo: number; documentId: string } => ({
    ...p.data,
    ...written.get(p.row[col('documentId')])!,
    documentId: p.row[col('documentId')],
  }));
  await emitCreated(write, entries);
  return entries;
}

/**
 * Strapi's `entry.create` event (webhooks, audit) after the commit, as the document service sends it,
 * but with the entry as written (relations as { id }) instead of a reload with every relation populated;
 * and the plugin's `interaction.recorded` (read after the commit, only when a webhook listens).
 */
async function emitCreated(write: Write, entries: Record<string, any>[]) {
  const { strapi } = write;
  const uid = UID.interactionLogEntry;
  const payloads = entries.map((entry) => {
    const payload: Record<string, any> = { ...entry };
    for (const a of ENTRY_LINKS) payload[a] = entry[a] == null ? null : { id: Number(entry[a]) };
    return payload;
  });
  // One commit hook for a whole batch.
  await strapi.db.transaction(async ({ onCommit }: any) => {
    onCommit(() =>
      payloads.forEach((entry) =>
        strapi.eventHub.emit('entry.create', { model: strapi.getModel(uid as any).modelName, uid, entry }),
      ),
    );
  });
  for (const entry of entries) await emitRecorded(strapi, entry.id);
}

/** `interaction.recorded` (and `email.logged` for a logged e-mail): the entry with its contact and template. */
export async function emitRecorded(strapi: Write['strapi'], id: number) {
  const load = async () => {
    const ref = { select: ['documentId', 'no', 'name'] };
    const entry: any = await strapi.db.query(UID.interactionLogEntry as any).findOne({
      where: { id },
      populate: {
        contact: ref,
        contactCompany: ref,
        interactionTemplate: { select: ['documentId', 'code', 'description'] },
        salesperson: { select: ['code', 'name'] },
      },
    });
    if (!entry) return null;
    const {
      documentId,
      entryNo,
      date,
      time,
      description,
      subject,
      documentKind,
      documentNo,
      informationFlow,
      initiatedBy,
      emailLogged,
      messageId,
      sourceUid,
      sourceDocumentId,
    } = entry;
    return {
      entry: {
        documentId,
        entryNo,
        date,
        time,
        description,
        subject,
        documentKind,
        documentNo,
        informationFlow,
        initiatedBy,
        emailLogged,
        messageId,
        sourceUid,
        sourceDocumentId,
      },
      contact: entry.contact,
      company: entry.contactCompany,
      template: entry.interactionTemplate,
      salesperson: entry.salesperson,
    };
  };
  // One read serves both events when both are listened to.
  let loaded: ReturnType<typeof load> | undefined;
  const once = () => (loaded ??= load());
  await emitAfterCommit(strapi, EVENTS.interactionRecorded, once);
  await emitAfterCommit(strapi, EVENTS.emailLogged, async () => {
    const info = await once();
    return info?.entry.emailLogged ? info : null;
  });
}
