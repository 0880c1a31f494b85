/**
 * Interactions (reference §6): the document kinds of the interaction template setup, how a log entry
 * takes its values from its template, the checks on entry values, and the timeline query. Pure rules.
 */
import { RuleViolation } from './errors';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/contracts/interactions';

export const INFORMATION_FLOWS = ['inbound', 'outbound'] as const;
export const INITIATED_BY = ['us', 'them'] as const;
export const EVALUATIONS = ['veryPositive', 'positive', 'neutral', 'negative', 'veryNegative'] as const;
export const INTERACTION_CORRESPONDENCE_TYPES = ['hardCopy', 'email', 'fax'] as const;
export type InformationFlow = (typeof INFORMATION_FLOWS)[number];
export type InitiatedBy = (typeof INITIATED_BY)[number];

/** The template values an entry takes over. */
export interface TemplateValues {
  id: number;
  description: string | null;
  unitCost: number | string | null;
  unitDurationMin: number | string | null;
  informationFlow: InformationFlow | null;
  initiatedBy: InitiatedBy | null;
  correspondenceType: string | null;
  ignoreContactCorrespondenceType: boolean;
  groupId: number | null;
}

/** The values of an entry a caller may give; undefined = not given (take the template's). */
export interface EntryValues {
  description?: string | null;
  cost?: number | string | null;
  durationMin?: number | string | null;
  informationFlow?: InformationFlow | null;
  initiatedBy?: InitiatedBy | null;
  correspondenceType?: string | null;
  interactionGroup?: number | null;
}

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * An entry's values with the template's filled in where the caller gave none (reference §6.2: cost :=
 * unit cost, duration := unit duration, flow, initiated by, group, description). Explicit values win.
 * Correspondence type: the contact's preferred one unless the template says to ignore it.
 */
export function withTemplateDefaults(
  values: EntryValues,
  template: TemplateValues | null,
  contactCorrespondenceType: string | null = null,
): Required<EntryValues> {
  const pick = <T>(own: T | undefined | null, fallback: T | null): T | null => (given(own) ? (own as T) : fallback);
  const templateCorrespondence = template
    ? template.ignoreContactCorrespondenceType
      ? template.correspondenceType
      : (contactCorrespondenceType ?? template.correspondenceType)
    : contactCorrespondenceType;
  return {
    description: pick(values.description, template?.description ?? null),
    cost: Number(pick(values.cost, template?.unitCost ?? 0) ?? 0),
    durationMin: Number(pick(values.durationMin, template?.unitDurationMin ?? 0) ?? 0),
    informationFlow: pick(values.informationFlow, template?.informationFlow ?? null),
    initiatedBy: pick(values.initiatedBy, template?.initiatedBy ?? null),
    correspondenceType: pick(values.correspondenceType, templateCorrespondence ?? null),
    interactionGroup: pick(values.interactionGroup, template?.groupId ?? null),
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;

/** A calendar date written YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}
export const isTimeOfDay = (v: unknown): v is string => typeof v === 'string' && TIME.test(v);

/** A time as HH:MM:SS.mmm (what Strapi's time attribute stores). */
export const normalizeTime = (v: string) => {
  const [hms, ms = '000'] = v.split('.');
  return `${hms.length === 5 ? `${hms}:00` : hms}.${ms.padEnd(3, '0')}`;
};

const nonNegative = (label: string, path: string, v: unknown) => {
  if (v === undefined || v === null || v === '') return;
  const n = Number(v);
  if (typeof v === 'boolean' || !Number.isFinite(n)) throw new RuleViolation(`${label} must be a number.`, path);
  if (n < 0) throw new RuleViolation(`${label} cannot be negative.`, path);
};
const oneOf = (label: string, path: string, allowed: readonly string[], v: unknown) => {
  if (v === undefined || v === null) return;
  if (!allowed.includes(v as string)) throw new RuleViolation(`${label} must be one of: ${allowed.join(', ')}.`, path);
};

/** Checks the values of a log entry before it is written. */
export function assertEntryValues(v: Record<string, unknown>) {
  nonNegative('Cost', 'cost', v.cost);
  nonNegative('Duration', 'durationMin', v.durationMin);
  oneOf('Information flow', 'informationFlow', INFORMATION_FLOWS, v.informationFlow);
  oneOf('Initiated by', 'initiatedBy', INITIATED_BY, v.initiatedBy);
  oneOf('Evaluation', 'evaluation', EVALUATIONS, v.evaluation);
  oneOf('Correspondence type', 'correspondenceType', INTERACTION_CORRESPONDENCE_TYPES, v.correspondenceType);
  oneOf('Document kind', 'documentKind', DOCUMENT_KINDS, v.documentKind);
  if (v.date !== undefined && v.date !== null && !isIsoDate(v.date))
    throw new RuleViolation(`Date "${String(v.date)}" is not a date (use YYYY-MM-DD).`, 'date');
  if (v.time !== undefined && v.time !== null && !isTimeOfDay(v.time))
    throw new RuleViolation(`Time "${String(v.time)}" is not a time of day (use HH:MM or HH:MM:SS).`, 'time');
}

/** Checks a template's values (reference §6.1: unit cost and duration ≥ 0). */
export function assertTemplateValues(v: Record<string, unknown>) {
  nonNegative('Unit cost', 'unitCost', v.unitCost);
  nonNegative('Unit duration', 'unitDurationMin', v.unitDurationMin);
  oneOf('Information flow', 'informationFlow', INFORMATION_FLOWS, v.informationFlow);
  oneOf('Initiated by', 'initiatedBy', INITIATED_BY, v.initiatedBy);
  oneOf('Correspondence type', 'correspondenceType', INTERACTION_CORRESPONDENCE_TYPES, v.correspondenceType);
}

/** Timeline query: page (1-based), page size (1..100), date range, template code, direction. */
export interface TimelineQuery {
  page: number;
  pageSize: number;
  from: string | null;
  to: string | null;
  template: string | null;
  direction: InformationFlow | null;
}
export const TIMELINE_PAGE_SIZE = 25;
export const TIMELINE_PAGE_SIZE_MAX = 100;

const positiveInt = (label: string, v: unknown, dflt: number, max = Number.MAX_SAFE_INTEGER) => {
  if (v === undefined || v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new RuleViolation(`${label} must be a whole number of at least 1.`, label);
  if (n > max) throw new RuleViolation(`${label} can be at most ${max}.`, label);
  return n;
};

/** Parses the timeline's query string; anything wrong is a RuleViolation (400). */
export function parseTimelineQuery(q: Record<string, unknown>): TimelineQuery {
  const known = new Set(['page', 'pageSize', 'from', 'to', 'template', 'direction']);
  const unknown = Object.keys(q).filter((k) => !known.has(k));
  if (unknown.length) throw new RuleViolation(`Unknown query parameter(s): ${unknown.join(', ')}.`, unknown[0]);
  const text = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));
  const from = text(q.from);
  const to = text(q.to);
  if (from && !isIsoDate(from)) throw new RuleViolation(`"from" (${from}) is not a date (use YYYY-MM-DD).`, 'from');
  if (to && !isIsoDate(to)) throw new RuleViolation(`"to" (${to}) is not a date (use YYYY-MM-DD).`, 'to');
  if (from && to && from > to) throw new RuleViolation('"from" is after "to".', 'from');
  const direction = text(q.direction);
  oneOf('direction', 'direction', INFORMATION_FLOWS, direction ?? undefined);
  return {
    page: positiveInt('page', q.page, 1),
    pageSize: positiveInt('pageSize', q.pageSize, TIMELINE_PAGE_SIZE, TIMELINE_PAGE_SIZE_MAX),
    from,
    to,
    template: text(q.template),
    direction: direction as InformationFlow | null,
  };
}

export const pagination = (page: number, pageSize: number, total: number) => ({
  page,
  pageSize,
  pageCount: Math.ceil(total / pageSize),
  total,
});

/** What a recording (automatic, e-mail logging, manual logging) gives for one entry; relations as ids. */
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

/**
 * The entry data of a recording, before the entry rules complete it: attribute names, relations as ids;
 * what was not given is left out (so the template's value is taken), text and flags get their empty value.
 */
export function entryDataOf(input: RecordInput): Record<string, unknown> {
  const data: Record<string, unknown> = {
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

/** A new entry needs a contact, and a change cannot clear it (undefined: not touched by a change). */
export function assertEntryContact(isCreate: boolean, contactRef: unknown) {
  if (isCreate ? !contactRef : contactRef === null)
    throw new RuleViolation('An interaction log entry needs a contact.', 'contact');
}

/**
 * The values an entry takes from its template, its contact and the clock, on top of what was given:
 * a new entry (or one given a new template) takes the template's values where none were given; a new
 * entry is dated now and gets its contact's salesperson unless one was given (or cleared); a time is
 * stored as HH:MM:SS.mmm. Changes `data` in place.
 */
export function applyEntryDefaults(
  data: Record<string, unknown>,
  {
    isCreate,
    template,
    contact,
    now = new Date(),
  }: {
    isCreate: boolean;
    template: TemplateValues | null;
    contact: { salespersonId: number | null; correspondenceType: string | null } | null;
    now?: Date;
  },
) {
  if (isCreate || template)
    Object.assign(data, withTemplateDefaults(data as EntryValues, template, contact?.correspondenceType ?? null));
  if (isCreate) {
    data.date ??= now.toISOString().slice(0, 10);
    data.time ??= now.toISOString().slice(11, 23);
    if (data.salesperson === undefined && contact?.salespersonId) data.salesperson = contact.salespersonId;
  }
  if (typeof data.time === 'string') data.time = normalizeTime(data.time);
}
