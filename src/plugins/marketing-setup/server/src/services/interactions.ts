/**
 * Interactions: recording an entry (for the automatic rules and manual logging), the template of a
 * built-in kind, and a contact's timeline. Entries are always created through the document service,
 * so the entry rules (number, template values, company) run for every caller.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  DOCUMENT_KINDS,
  pagination,
  parseTimelineQuery,
  type DocumentKind,
  type InformationFlow,
  type InitiatedBy,
} from '../domain/interactions';
import { RuleViolation } from '../domain/errors';
import { inTransaction, type Write } from '../repositories/unit-of-work';
import {
  completeEntry,
  insertEntries,
  insertEntry,
  lookUpTemplate,
  type EntrySources,
  type ExistingRefs,
} from '../interactions/entry-row';
import { notFound, toHttpError } from '../utils/errors';
import { columnOf, isPostgres, isoDate, joinTableOf, tableOf } from '../repositories/tables';
import { UID } from '../utils/uids';

export interface RecordInput {
  contactId: number;
  templateId?: number | null;
  documentKind?: DocumentKind | null;
  documentNo?: string | null;
  description?: string | null;
  subject?: string | null;
  sourceUid?: string;
  sourceDocumentId?: string;
  attemptFailed?: boolean;
  informationFlow?: InformationFlow;
  initiatedBy?: InitiatedBy;
  cost?: number;
  durationMin?: number;
  salespersonId?: number | null;
  opportunityId?: number | null;
  date?: string;
  time?: string;
  correspondenceType?: string | null;
  evaluation?: string | null;
  emailLogged?: boolean;
  messageId?: string | null;
  /** A logged e-mail's "<contact id>:<message id>" (unique in the database). */
  emailLogKey?: string | null;
  /** A logged e-mail's plain-text body (only when the setup stores bodies). */
  emailBody?: string | null;
}

/** The entry data of a recording, before the entry rules (completeEntry) complete it. */
function entryData(input: RecordInput) {
  const data: Record<string, any> = {
    contact: input.contactId,
    interactionTemplate: input.templateId ?? undefined,
    documentKind: input.documentKind ?? null,
    documentNo: input.documentNo ?? null,
    description: input.description ?? undefined,
    subject: input.subject ?? null,
    sourceUid: input.sourceUid ?? null,
    sourceDocumentId: input.sourceDocumentId ?? null,
    attemptFailed: input.attemptFailed ?? false,
    informationFlow: input.informationFlow,
    initiatedBy: input.initiatedBy,
    cost: input.cost,
    durationMin: input.durationMin,
    salesperson: input.salespersonId,
    opportunity: input.opportunityId ?? null,
    date: input.date,
    time: input.time,
    correspondenceType: input.correspondenceType ?? undefined,
    evaluation: input.evaluation ?? null,
    emailLogged: input.emailLogged ?? false,
    messageId: input.messageId ?? null,
    emailLogKey: input.emailLogKey ?? null,
    emailBody: input.emailBody ?? null,
  };
  for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
  return data;
}

/** Manual logging body (validated at the controller): contact and opportunity by documentId, template by code. */
export interface LogBody {
  contact: string;
  kind?: DocumentKind;
  template?: string;
  description?: string;
  subject?: string;
  date?: string;
  time?: string;
  attemptFailed?: boolean;
  cost?: number;
  durationMin?: number;
  informationFlow?: InformationFlow;
  initiatedBy?: InitiatedBy;
  evaluation?: string;
  correspondenceType?: string;
  salesperson?: string;
  opportunity?: string;
  documentNo?: string;
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
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const time = (v: unknown) => (v ? String(v).slice(0, 8) : null);

/** An entry as the API shows it: numbers as numbers, date YYYY-MM-DD, time HH:MM:SS, related records small. */
export const entryView = (e: Record<string, any>) => ({
  documentId: e.documentId,
  entryNo: num(e.entryNo),
  date: isoDate(e.date),
  time: time(e.time),
  description: e.description ?? null,
  subject: e.subject ?? null,
  informationFlow: e.informationFlow ?? null,
  initiatedBy: e.initiatedBy ?? null,
  cost: num(e.cost),
  durationMin: num(e.durationMin),
  attemptFailed: !!e.attemptFailed,
  evaluation: e.evaluation ?? null,
  canceled: !!e.canceled,
  correspondenceType: e.correspondenceType ?? null,
  documentKind: e.documentKind ?? null,
  documentNo: e.documentNo ?? null,
  sourceUid: e.sourceUid ?? null,
  sourceDocumentId: e.sourceDocumentId ?? null,
  emailLogged: !!e.emailLogged,
  messageId: e.messageId ?? null,
  emailBody: e.emailBody ?? null,
  contact: e.contact
    ? { documentId: e.contact.documentId, no: e.contact.no ?? null, name: e.contact.name ?? null }
    : null,
  contactCompany: e.contactCompany
    ? { documentId: e.contactCompany.documentId, no: e.contactCompany.no ?? null, name: e.contactCompany.name ?? null }
    : null,
  interactionTemplate: e.interactionTemplate
    ? {
        documentId: e.interactionTemplate.documentId,
        code: e.interactionTemplate.code,
        description: e.interactionTemplate.description ?? null,
      }
    : null,
  interactionGroup: e.interactionGroup
    ? {
        documentId: e.interactionGroup.documentId,
        code: e.interactionGroup.code,
        description: e.interactionGroup.description ?? null,
      }
    : null,
  salesperson: e.salesperson
    ? { documentId: e.salesperson.documentId, code: e.salesperson.code, name: e.salesperson.name ?? null }
    : null,
  opportunity: e.opportunity ? { documentId: e.opportunity.documentId, no: e.opportunity.no ?? null } : null,
  createdAt: e.createdAt == null ? null : new Date(e.createdAt).toISOString(),
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The id behind a documentId (or code) of `uid`; unknown → 400 naming the field. */
  const idOf = async (uid: string, where: Record<string, any>, field: string, label: string) => {
    const row = await strapi.db.query(uid as any).findOne({ where, select: ['id'] });
    if (!row) throw new RuleViolation(`No ${label} ${Object.values(where)[0]}.`, field);
    return row.id as number;
  };

  /**
   * Entries by id, in that order, with their related records, in a fixed number of statements whatever the
   * page size: the entries with the ids their link rows point to (a subquery per relation), then the related
   * records per type. Not one big join: without statistics (a fresh table) PostgreSQL multiplies the row
   * estimates of each left join, and a cost past jit_above_cost makes it JIT-compile the query (~0.5 s).
   */
  const loadEntries = async (ids: number[]) => {
    if (!ids.length) return [];
    const knex = strapi.db.connection as Knex;
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
    const rows = await q;
    // The related records, one statement per target type (contact and contact company share one).
    const related = new Map<string, Map<number, Record<string, any>>>();
    for (const target of new Set(Object.values(ENTRY_RELATIONS).map((r) => r.uid))) {
      const attrs = Object.entries(ENTRY_RELATIONS).filter(([, r]) => r.uid === target);
      const wanted = [...new Set(rows.flatMap((r: any) => attrs.map(([a]) => r[`${a}__id`]).filter((v) => v != null)))];
      const fields = attrs[0][1].fields;
      const found = wanted.length
        ? await knex(tableOf(strapi, target))
            .whereIn('id', wanted)
            .select('id', ...fields.map((f) => `${columnOf(strapi, target, f)} as ${f}`))
        : [];
      related.set(
        target,
        new Map(found.map((t: any) => [Number(t.id), Object.fromEntries(fields.map((f) => [f, t[f]]))])),
      );
    }
    const byId = new Map<number, Record<string, any>>();
    for (const r of rows) {
      const row: Record<string, any> = Object.fromEntries(ENTRY_FIELDS.map((f) => [f, r[f]]));
      for (const [attr, rel] of Object.entries(ENTRY_RELATIONS))
        row[attr] = r[`${attr}__id`] == null ? null : (related.get(rel.uid)!.get(Number(r[`${attr}__id`])) ?? null);
      byId.set(Number(r.id), row);
    }
    return ids.filter((id) => byId.has(id)).map((id) => entryView(byId.get(id)!));
  };

  /**
   * Count of a join of the contact's link rows with the template's link rows or the entries (by direction). Both sides come
   * sorted by entry id from their (key, entry) indexes, so a merge join of two index-only scans counts them;
   * PostgreSQL's estimates favour hashing ~100,000 rows instead, 3-4 times slower (docs/benchmarks.md). So on
   * PostgreSQL the count runs with hash joins off for that one statement (SET LOCAL, in its own transaction).
   */
  const countMerging = async (q: Knex.QueryBuilder): Promise<number> => {
    if (!isPostgres(strapi)) return Number((await q.count({ n: '*' }))[0].n);
    return (strapi.db.connection as Knex).transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_hashjoin = off');
      return Number((await q.clone().transacting(trx).count({ n: '*' }))[0].n);
    });
  };

  const service = {
    /** Creates the (empty) template setup at boot: its row also holds the entry-number counter. */
    async ensureSetup() {
      const existing = await strapi.db.query(UID.interactionTemplateSetup).findOne({ select: ['id'] });
      if (!existing) await strapi.documents(UID.interactionTemplateSetup).create({ data: {} as any });
    },

    /** The template set up for a built-in kind, or null (an empty setting means "do not record"). */
    async templateFor(write: Write, documentKind: DocumentKind) {
      if (!DOCUMENT_KINDS.includes(documentKind)) return null;
      return lookUpTemplate(write, { kind: documentKind });
    },

    /**
     * Records one entry inside the caller's transaction. The template is `templateId`, else the one set
     * up for `documentKind`; with neither nothing is recorded (null). The entry rules are the document
     * service's (completeEntry, shared); the entry is then inserted directly (insertEntry), so a
     * recording costs a few statements instead of a document-service create (docs/benchmarks.md).
     * `known`: the contact and template of `input` as the caller read them (entry-row.ts entrySourcesOf).
     */
    async record(write: Write, input: RecordInput, known?: EntrySources) {
      if (!input.templateId && !input.documentKind) return null;
      const data = entryData(input);
      const template = await completeEntry(write, data, true, {
        kind: input.templateId ? null : input.documentKind,
        known,
      });
      if (!template) return null;
      return insertEntry(write, data);
    },

    /**
     * Records many entries with a template each (a batch writer: e-mail logging) in a few statements
     * (insertEntries): `known` per input as in record, `existing` the optional relation ids the caller
     * read for the whole batch. An entry whose e-mail log key is already written is skipped. Returns the
     * entries written.
     */
    async recordMany(
      write: Write,
      items: { input: RecordInput & { templateId: number }; known?: EntrySources }[],
      existing?: ExistingRefs,
    ) {
      const datas: Record<string, any>[] = [];
      for (const { input, known } of items) {
        const data = entryData(input);
        if (await completeEntry(write, data, true, { known, existing })) datas.push(data);
      }
      return insertEntries(write, datas);
    },

    /** Manual logging (a call, a meeting, a cover sheet …), in its own transaction. */
    async log(body: LogBody) {
      const created = await inTransaction(strapi, UID.interactionLogEntry, async (write) => {
        const contactId = await idOf(UID.contact, { documentId: body.contact }, 'contact', 'contact');
        let templateId: number | null = null;
        if (body.template)
          templateId = await idOf(UID.interactionTemplate, { code: body.template }, 'template', 'interaction template');
        else if (body.kind) {
          templateId = (await service.templateFor(write, body.kind))?.id ?? null;
          if (!templateId)
            throw new RuleViolation(
              `No interaction template is set up for ${body.kind}; choose a template or set one up.`,
              'kind',
            );
        }
        if (!templateId) throw new RuleViolation('Give the kind of interaction or a template code.', 'template');
        return service.record(write, {
          contactId,
          templateId,
          documentKind: body.kind ?? null,
          documentNo: body.documentNo ?? null,
          description: body.description,
          subject: body.subject,
          attemptFailed: body.attemptFailed,
          informationFlow: body.informationFlow,
          initiatedBy: body.initiatedBy,
          cost: body.cost,
          durationMin: body.durationMin,
          date: body.date,
          time: body.time,
          evaluation: body.evaluation,
          correspondenceType: body.correspondenceType,
          ...(body.salesperson
            ? { salespersonId: await idOf(UID.salesperson, { code: body.salesperson }, 'salesperson', 'salesperson') }
            : {}),
          ...(body.opportunity
            ? {
                opportunityId: await idOf(
                  UID.opportunity,
                  { documentId: body.opportunity },
                  'opportunity',
                  'opportunity',
                ),
              }
            : {}),
        });
      });
      return (await loadEntries([Number(created!.id)]))[0];
    },

    /**
     * A contact's interactions, newest first. A company's timeline is every entry whose contact company
     * it is (its own and its persons'); a person's, the entries logged for that person.
     */
    async timeline(contactDocumentId: string, rawQuery: Record<string, unknown>) {
      let query;
      try {
        query = parseTimelineQuery(rawQuery);
      } catch (err) {
        throw toHttpError(err);
      }
      const contact = await strapi.db
        .query(UID.contact)
        .findOne({ where: { documentId: contactDocumentId }, select: ['id', 'type'] });
      if (!contact) throw notFound(`No contact with documentId ${contactDocumentId}.`);
      const knex = strapi.db.connection as Knex;
      const uid = UID.interactionLogEntry;
      const col = (a: string) => `e.${columnOf(strapi, uid, a)}`;
      const link = joinTableOf(strapi, uid, contact.type === 'company' ? 'contactCompany' : 'contact');
      let templateId: number | null = null;
      if (query.template) {
        const template = await strapi.db
          .query(UID.interactionTemplate)
          .findOne({ where: { code: query.template }, select: ['id'] });
        if (!template) throw toHttpError(new RuleViolation(`No interaction template ${query.template}.`, 'template'));
        templateId = template.id;
      }
      // The entries of the contact as link rows (l.entry), narrowed to the template's.
      const links = () => {
        const q = knex(`${link.name} as l`).where(`l.${link.inverseJoinColumn}`, contact.id);
        if (templateId) {
          const tl = joinTableOf(strapi, uid, 'interactionTemplate');
          q.join(`${tl.name} as t`, `t.${tl.joinColumn}`, `l.${link.joinColumn}`).where(
            `t.${tl.inverseJoinColumn}`,
            templateId,
          );
        }
        return q;
      };
      const withEntries = () => {
        const q = links().join(`${tableOf(strapi, uid)} as e`, 'e.id', `l.${link.joinColumn}`);
        if (query.from) q.where(col('date'), '>=', query.from);
        if (query.to) q.where(col('date'), '<=', query.to);
        if (query.direction) q.where(col('informationFlow'), query.direction);
        return q;
      };
      // Without a filter on the entries themselves the count reads the link index only (no join).
      const filtered = !!(query.from || query.to || query.direction);
      const count = filtered ? withEntries() : links();
      // A date range is selective (an index range on the date): there the planner's own choice is right.
      const merge = !!(templateId || query.direction) && !(query.from || query.to);
      const total = async () => (merge ? countMerging(count) : Number((await count.count({ n: '*' }))[0].n));
      const page = async () =>
        loadEntries(
          (
            await withEntries()
              .select('e.id')
              .orderBy([
                { column: col('date'), order: 'desc' },
                { column: col('time'), order: 'desc' },
                { column: col('entryNo'), order: 'desc' },
              ])
              .limit(query.pageSize)
              .offset((query.page - 1) * query.pageSize)
          ).map((r: any) => Number(r.id)),
        );
      // Two reads outside any transaction: the count and the page run side by side on two pool connections.
      const [n, data] = await Promise.all([total(), page()]);
      return { data, meta: { pagination: pagination(query.page, query.pageSize, n) } };
    },
  };
  return service;
};
