/**
 * Interactions: manual logging, the template of a built-in kind, the template setup and a contact's
 * timeline. Entries are completed by the entry rules (operations/interaction-entries.ts) on every path.
 */
import type { Core } from '@strapi/strapi';
import { pagination, parseTimelineQuery, type InformationFlow, type InitiatedBy } from '../domain/interactions';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/contracts/interactions';
import { RuleViolation } from '../domain/errors';
import { inTransaction, type Write } from '../repositories/unit-of-work';
import { recordEntry } from '../operations/interaction-entries';
import {
  contactById,
  idWhere,
  loadEntries,
  lookUpTemplate,
  templateSetupExists,
  timelinePage,
  type Row,
} from '../repositories/interaction-entries';
import { checked, notFound, toHttpError } from '../utils/errors';
import { isoDate } from '../repositories/tables';
import { UID } from '../utils/uids';

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

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const time = (v: unknown) => (v ? String(v).slice(0, 8) : null);
const text = (v: unknown) => (v as string | null | undefined) ?? null;
/** A related record as shown: the fields asked for, missing ones null. */
const small = (v: unknown, fields: string[]) => {
  if (!v) return null;
  const r = v as Row;
  return Object.fromEntries(fields.map((f, i) => [f, i === 0 ? r[f] : (r[f] ?? null)]));
};

/** An entry as the API shows it: numbers as numbers, date YYYY-MM-DD, time HH:MM:SS, related records small. */
export const entryView = (e: Row) => ({
  documentId: e.documentId,
  entryNo: num(e.entryNo),
  date: isoDate(e.date),
  time: time(e.time),
  description: text(e.description),
  subject: text(e.subject),
  informationFlow: text(e.informationFlow),
  initiatedBy: text(e.initiatedBy),
  cost: num(e.cost),
  durationMin: num(e.durationMin),
  attemptFailed: !!e.attemptFailed,
  evaluation: text(e.evaluation),
  canceled: !!e.canceled,
  correspondenceType: text(e.correspondenceType),
  documentKind: text(e.documentKind),
  documentNo: text(e.documentNo),
  sourceUid: text(e.sourceUid),
  sourceDocumentId: text(e.sourceDocumentId),
  emailLogged: !!e.emailLogged,
  messageId: text(e.messageId),
  emailBody: text(e.emailBody),
  contact: small(e.contact, ['documentId', 'no', 'name']),
  contactCompany: small(e.contactCompany, ['documentId', 'no', 'name']),
  interactionTemplate: small(e.interactionTemplate, ['documentId', 'code', 'description']),
  interactionGroup: small(e.interactionGroup, ['documentId', 'code', 'description']),
  salesperson: small(e.salesperson, ['documentId', 'code', 'name']),
  opportunity: small(e.opportunity, ['documentId', 'no']),
  createdAt: e.createdAt == null ? null : new Date(e.createdAt as string).toISOString(),
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The id behind a documentId (or code) of `uid`; unknown → 400 naming the field. */
  const idOf = async (uid: string, where: Record<string, string>, field: string, label: string) => {
    const id = await idWhere(strapi, uid, where);
    if (id === null) throw new RuleViolation(`No ${label} ${Object.values(where)[0]}.`, field);
    return id;
  };

  const service = {
    /** Creates the (empty) template setup at boot: its row also holds the entry-number counter. */
    async ensureSetup() {
      if (!(await templateSetupExists(strapi)))
        await strapi.documents(UID.interactionTemplateSetup).create({ data: {} });
    },

    /** The template set up for a built-in kind, or null (an empty setting means "do not record"). */
    async templateFor(write: Write, documentKind: DocumentKind) {
      if (!DOCUMENT_KINDS.includes(documentKind)) return null;
      return lookUpTemplate(write, { kind: documentKind });
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
        return recordEntry(write, {
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
      return (await loadEntries(strapi, [Number(created!.id)])).map(entryView)[0];
    },

    /**
     * A contact's interactions, newest first. A company's timeline is every entry whose contact company
     * it is (its own and its persons'); a person's, the entries logged for that person.
     */
    async timeline(contactDocumentId: string, rawQuery: Record<string, unknown>) {
      const query = checked(() => parseTimelineQuery(rawQuery));
      const contact = await contactById(strapi, contactDocumentId);
      if (!contact) throw notFound(`No contact with documentId ${contactDocumentId}.`);
      let templateId: number | null = null;
      if (query.template) {
        templateId = await idWhere(strapi, UID.interactionTemplate, { code: query.template });
        if (templateId === null)
          throw toHttpError(new RuleViolation(`No interaction template ${query.template}.`, 'template'));
      }
      const { total, ids } = timelinePage(strapi, {
        contactId: contact.id,
        company: contact.type === 'company',
        templateId,
        from: query.from,
        to: query.to,
        direction: query.direction,
        page: query.page,
        pageSize: query.pageSize,
      });
      // The count and the page run side by side (two pool connections, outside any transaction).
      const [n, data] = await Promise.all([
        total,
        ids.then(async (page) => (await loadEntries(strapi, page)).map(entryView)),
      ]);
      return { data, meta: { pagination: pagination(query.page, query.pageSize, n) } };
    },
  };
  return service;
};
