/**
 * Writing interaction log entries, one place for every path: the document-service rule (REST, Content
 * Manager), manual logging, automatic recording and e-mail logging all complete an entry with the same
 * rules (reference §6.2: template values where none were given, the contact's company, its salesperson
 * and correspondence type, date and time, the next entry number); the recordings then insert it
 * directly (a few statements instead of a document-service create, docs/benchmarks.md) and send the
 * events the document service would.
 */
import {
  applyEntryDefaults,
  assertEntryContact,
  assertEntryValues,
  entryDataOf,
  type RecordInput,
} from '../domain/interactions';
import { type DocumentKind } from '../../../shared/contracts/interactions';
import { RuleViolation } from '../domain/errors';
import { assertWritableValues, type AttributeSpec } from '../domain/write-values';
import { relationInput, type RelationRef } from '../domain/relation-input';
import { EVENTS, emitAfterCommit, emitEntriesCreated } from '../events';
import type { Write } from '../repositories/unit-of-work';
import {
  ENTRY_LINKS,
  idOfRef,
  insertEntryRow,
  insertEntryRows,
  loadRecordedEntry,
  lookUpContactAndTemplate,
  type EntryData,
  type EntrySources,
  type TemplateRef,
} from '../repositories/interaction-entries';
import { UID } from '../utils/uids';

const STRIPPED = ['entryNo', 'contactCompany'];
/** Ids of the optional relations that a caller read for a whole batch of entries (they exist). */
export type ExistingRefs = Partial<Record<'interactionGroup' | 'salesperson' | 'opportunity', ReadonlySet<number>>>;
const refLabel = (ref: RelationRef) => ('id' in ref ? ref.id : ref.documentId);

/** The id behind a relation input of `uid`, checked to exist; undefined = not given, null = cleared. */
async function resolveRef(write: Write, uid: string, field: string, value: unknown, label: string) {
  const ref = relationInput(value, undefined, field);
  if (ref === undefined || ref === null) return ref;
  const id = await idOfRef(write, uid, ref);
  if (id === null) throw new RuleViolation(`The ${label} given (${refLabel(ref)}) does not exist.`, field);
  return id;
}

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
  data: EntryData,
  isCreate: boolean,
  { kind, known, existing }: { kind?: DocumentKind | null; known?: EntrySources; existing?: ExistingRefs } = {},
) {
  for (const f of STRIPPED) delete data[f];
  assertEntryValues(data);
  // The entry may be inserted directly (insertEntry), past the document middleware's column checks.
  assertWritableValues(
    write.strapi.getModel(UID.interactionLogEntry).attributes as unknown as Record<string, AttributeSpec>,
    data,
  );
  // On create there is no current target: an untouched relation (the Content Manager's empty connect) is no contact.
  const current = isCreate ? null : undefined;
  const contactRef = relationInput(data.contact, current, 'contact');
  assertEntryContact(isCreate, contactRef);
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
    const given = data[field];
    const id =
      typeof given === 'number' && existing?.[field]?.has(given)
        ? given
        : await resolveRef(write, uid, field, given, label);
    if (id !== undefined) data[field] = id;
    else delete data[field]; // untouched: the defaults below may fill it
  }
  if (templateInput !== undefined || (isCreate && template)) data.interactionTemplate = template?.id ?? null;
  applyEntryDefaults(data, { isCreate, template, contact });
  return template;
}

/** An entry as written by a recording: its data with the id, documentId and number it got. */
export type WrittenEntry = EntryData & { id: number; documentId: string; entryNo: number };

/**
 * Records one entry inside the caller's transaction. The template is `templateId`, else the one set
 * up for `documentKind`; with neither nothing is recorded (null). `known`: the contact and template of
 * `input` as the caller read them (repositories/interaction-entries.ts entrySourcesOf).
 */
export async function recordEntry(write: Write, input: RecordInput, known?: EntrySources) {
  if (!input.templateId && !input.documentKind) return null;
  const data = entryDataOf(input);
  const template = await completeEntry(write, data, true, {
    kind: input.templateId ? null : input.documentKind,
    known,
  });
  if (!template) return null;
  const entry: WrittenEntry = { ...data, ...(await insertEntryRow(write, data)) };
  await emitCreated(write, [entry]);
  return entry;
}

/**
 * Records many entries with a template each (a batch writer: e-mail logging) in a few statements:
 * `known` per input as in recordEntry, `existing` the optional relation ids the caller read for the
 * whole batch. An entry whose e-mail log key is already written is skipped. Returns the entries written.
 */
export async function recordEntries(
  write: Write,
  items: { input: RecordInput & { templateId: number }; known?: EntrySources }[],
  existing?: ExistingRefs,
) {
  const datas: EntryData[] = [];
  for (const { input, known } of items) {
    const data = entryDataOf(input);
    if (await completeEntry(write, data, true, { known, existing })) datas.push(data);
  }
  const entries: WrittenEntry[] = await insertEntryRows(write, datas);
  await emitCreated(write, entries);
  return entries;
}

/**
 * Strapi's `entry.create` for the entries as written (events.ts), and the plugin's
 * `interaction.recorded` (read after the commit, only when a webhook listens).
 */
async function emitCreated(write: Write, entries: WrittenEntry[]) {
  const { strapi } = write;
  const uid = UID.interactionLogEntry;
  const payloads = entries.map((entry) => {
    const payload: Record<string, unknown> = { ...entry };
    for (const a of ENTRY_LINKS) payload[a] = entry[a] == null ? null : { id: Number(entry[a]) };
    return payload;
  });
  await emitEntriesCreated(strapi, uid, payloads);
  for (const entry of entries) await emitRecorded(strapi, entry.id);
}

const EVENT_FIELDS = [
  'documentId',
  'entryNo',
  'date',
  'time',
  'description',
  'subject',
  'documentKind',
  'documentNo',
  'informationFlow',
  'initiatedBy',
  'emailLogged',
  'messageId',
  'sourceUid',
  'sourceDocumentId',
] as const;

/** `interaction.recorded` (and `email.logged` for a logged e-mail): the entry with its contact and template. */
export async function emitRecorded(strapi: Write['strapi'], id: number) {
  const load = async () => {
    const entry = await loadRecordedEntry(strapi, id);
    if (!entry) return null;
    return {
      entry: Object.fromEntries(EVENT_FIELDS.map((f) => [f, entry[f]])),
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
