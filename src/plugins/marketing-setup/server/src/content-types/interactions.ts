import { EVALUATIONS, INFORMATION_FLOWS, INITIATED_BY, INTERACTION_CORRESPONDENCE_TYPES } from '../domain/interactions';
import { DOCUMENT_KINDS } from '../../../shared/contracts/interactions';
import { bool, code, contentType, date, dec, enumOf, int, refTo, str } from './fields';

/** Interaction groups (reference §6.1): a way to total interactions (letters, calls, meetings …). */
export const interactionGroup = contentType({
  singularName: 'interaction-group',
  pluralName: 'interaction-groups',
  displayName: 'Interaction Group',
  collectionName: 'ms_interaction_groups',
  attributes: { code: code(), description: str({ maxLength: 100 }) },
});

/** Interaction templates (reference §6.1): the values an interaction log entry starts from. */
export const interactionTemplate = contentType({
  singularName: 'interaction-template',
  pluralName: 'interaction-templates',
  displayName: 'Interaction Template',
  collectionName: 'ms_interaction_templates',
  attributes: {
    code: code(),
    interactionGroup: refTo('interaction-group'),
    description: str({ maxLength: 100 }),
    unitCost: dec({ default: 0, min: 0 }),
    unitDurationMin: dec({ default: 0, min: 0 }),
    informationFlow: enumOf([...INFORMATION_FLOWS]),
    initiatedBy: enumOf([...INITIATED_BY]),
    correspondenceType: enumOf([...INTERACTION_CORRESPONDENCE_TYPES]),
    ignoreContactCorrespondenceType: bool(false),
    language: refTo('language'),
  },
});

/**
 * One interaction with a contact (reference §6.2). The entry number and the contact's company are set
 * by the plugin (write-rules/interactions.ts), never by the caller.
 */
export const interactionLogEntry = contentType({
  singularName: 'interaction-log-entry',
  pluralName: 'interaction-log-entries',
  displayName: 'Interaction Log Entry',
  description: 'What happened with a contact: calls, meetings, e-mails, documents sent.',
  collectionName: 'ms_interaction_log_entries',
  attributes: {
    entryNo: int({ unique: true }),
    contact: refTo('contact'),
    contactCompany: refTo('contact'),
    date: date(),
    time: { type: 'time' },
    description: str({ maxLength: 100 }),
    subject: str({ maxLength: 100 }),
    informationFlow: enumOf([...INFORMATION_FLOWS]),
    initiatedBy: enumOf([...INITIATED_BY]),
    cost: dec({ default: 0, min: 0 }),
    durationMin: dec({ default: 0, min: 0 }),
    interactionTemplate: refTo('interaction-template'),
    interactionGroup: refTo('interaction-group'),
    salesperson: refTo('salesperson'),
    correspondenceType: enumOf([...INTERACTION_CORRESPONDENCE_TYPES]),
    documentKind: enumOf([...DOCUMENT_KINDS]),
    documentNo: str({ maxLength: 50 }),
    // The record the entry was logged for (e.g. api::sales-invoice.sales-invoice + its documentId).
    sourceUid: str({ maxLength: 255 }),
    sourceDocumentId: str({ maxLength: 255 }),
    attemptFailed: bool(false),
    evaluation: enumOf([...EVALUATIONS]),
    canceled: bool(false),
    opportunity: refTo('opportunity'),
    emailLogged: bool(false),
    messageId: str({ maxLength: 998 }),
    // "<contact id>:<message id>" of a logged e-mail; its unique index (indexes.ts) is what makes logging idempotent.
    emailLogKey: str({ maxLength: 1000, unique: true, private: true }),
    // The plain-text body of a logged e-mail, only when the setup stores bodies (domain bodyToStore: at most 64 KB).
    emailBody: { type: 'text' },
  },
});

/**
 * Interaction template setup (reference §6.3): the template used for each built-in kind; none = that
 * kind is not recorded. `lastEntryNo` is the counter the entry numbers are drawn from (row-locked).
 * The collection name is short on purpose: join tables are named after it plus the kind (PostgreSQL
 * cuts identifiers at 63 characters).
 */
export const interactionTemplateSetup = contentType({
  kind: 'singleType',
  singularName: 'interaction-template-setup',
  inContentManager: false,
  pluralName: 'interaction-template-setups',
  displayName: 'Interaction Template Setup',
  description: 'Which interaction template is used when a kind of interaction is recorded automatically.',
  collectionName: 'ms_int_tpl_setup',
  attributes: {
    ...Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, refTo('interaction-template')])),
    lastEntryNo: int({ default: 0, private: true }),
  },
});
