/**
 * Automatic interaction recording (reference §6.3, §6.4): an admin's rule "when an entry of content type
 * X is created / updated / published, record an interaction". This module holds the pure parts: what a
 * valid rule is (checked against a description of the content type), which fields of a type can serve
 * as contact / number / description, which events a write fires, which contact an entry gets, and the
 * record input built from a document. Pure: no Strapi, no I/O.
 */
import { RuleViolation } from './errors';

export const RULE_EVENTS = ['create', 'update', 'publish'] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

/** What a contact field may point to: a contact directly, or a customer / vendor resolved through its business relation. */
export const PARTY_TARGETS = {
  contact: 'plugin::marketing-setup.contact',
  customer: 'plugin::marketing-setup.customer',
  vendor: 'plugin::marketing-setup.vendor',
} as const;
export type PartyKind = keyof typeof PARTY_TARGETS;

export const partyKindOf = (target: unknown): PartyKind | null =>
  (Object.keys(PARTY_TARGETS) as PartyKind[]).find((k) => PARTY_TARGETS[k] === target) ?? null;

/** Attribute types whose value can be a document number / a description (converted to text). */
const NUMBER_TYPES = ['string', 'text', 'uid', 'email', 'enumeration', 'integer', 'biginteger'];
const DESCRIPTION_TYPES = ['string', 'text', 'richtext', 'uid', 'email', 'enumeration'];
/** One related record per document: a to-many relation would not say which contact an entry is for. */
const TO_ONE = ['manyToOne', 'oneToOne'];

export interface AttributeDescription {
  type: string;
  relation?: string;
  target?: string;
}
/** What the rules need to know of a content type (from strapi.contentTypes). */
export interface ContentTypeDescription {
  uid: string;
  displayName: string;
  draftAndPublish: boolean;
  attributes: Record<string, AttributeDescription>;
}

export type FieldUse = 'contact' | 'contactPerson' | 'documentNo' | 'description';
export interface UsableField {
  name: string;
  type: string;
  target?: string;
  usableAs: FieldUse[];
}

/** How each field of a type can be used in a rule (fields usable for nothing are left out). */
export function usableFields(ct: ContentTypeDescription): UsableField[] {
  const out: UsableField[] = [];
  for (const [name, attr] of Object.entries(ct.attributes)) {
    const usableAs: FieldUse[] = [];
    if (attr.type === 'relation') {
      const kind = partyKindOf(attr.target);
      if (kind && TO_ONE.includes(attr.relation ?? ''))
        usableAs.push('contact', ...(kind === 'contact' ? (['contactPerson'] as const) : []));
    } else {
      if (NUMBER_TYPES.includes(attr.type)) usableAs.push('documentNo');
      if (DESCRIPTION_TYPES.includes(attr.type)) usableAs.push('description');
    }
    if (usableAs.length) out.push({ name, type: attr.type, ...(attr.target ? { target: attr.target } : {}), usableAs });
  }
  return out;
}

/** A rule as stored (relations as ids or null). */
export interface RuleDraft {
  contentType?: string | null;
  events?: unknown;
  interactionTemplate?: number | null;
  documentKind?: string | null;
  contactField?: string | null;
  contactPersonField?: string | null;
  documentNoField?: string | null;
  descriptionField?: string | null;
  required?: boolean | null;
  enabled?: boolean | null;
}

/**
 * Rules listen to the host application's own content types (`api::…`): those are the documents a user would want
 * logged (quotes, invoices, orders). Plugin and core types (users, files, the CRM's own records) are left out.
 */
export const isHostType = (uid: string) => uid.startsWith('api::');

const USE_LABEL: Record<FieldUse, string> = {
  contact: 'a relation (to one) to a contact, customer or vendor',
  contactPerson: 'a relation (to one) to a contact',
  documentNo: 'a text or whole-number field',
  description: 'a text field',
};

/**
 * Checks a whole rule against the content type it names (`ct` null: no such type). Throws a
 * RuleViolation naming the field; returns the events normalised (unique, in the canonical order).
 */
export function validateRule(rule: RuleDraft, ct: ContentTypeDescription | null): RuleEvent[] {
  if (!rule.contentType) throw new RuleViolation('Choose the content type the rule listens to.', 'contentType');
  if (!ct)
    throw new RuleViolation(
      isHostType(String(rule.contentType))
        ? `There is no content type ${rule.contentType} in this application.`
        : `Rules listen to this application's own content types (api::…); ${rule.contentType} is not one of them.`,
      'contentType',
    );
  const events = rule.events;
  if (!Array.isArray(events) || events.length === 0) {
    throw new RuleViolation('Choose at least one event: create, update or publish.', 'events');
  }
  const unknown = events.filter((e) => !RULE_EVENTS.includes(e as RuleEvent));
  if (unknown.length)
    throw new RuleViolation(
      `Unknown event ${unknown.map((e) => JSON.stringify(e)).join(', ')}: use create, update or publish.`,
      'events',
    );
  if (events.includes('publish') && !ct.draftAndPublish) {
    throw new RuleViolation(
      `${ct.displayName} has no draft & publish, so its entries are never published: choose create or update.`,
      'events',
    );
  }
  if (!rule.interactionTemplate && !rule.documentKind) {
    throw new RuleViolation(
      'Choose an interaction template or a document kind (whose template is taken from the Interaction Template Setup).',
      'interactionTemplate',
    );
  }
  const fields = new Map(usableFields(ct).map((f) => [f.name, f]));
  const check = (key: keyof RuleDraft, use: FieldUse, needed: boolean) => {
    const name = rule[key] as string | null | undefined;
    if (!name) {
      if (needed)
        throw new RuleViolation(
          `Choose the field of ${ct.displayName} that holds the contact, customer or vendor.`,
          key,
        );
      return;
    }
    if (!ct.attributes[name]) throw new RuleViolation(`${ct.displayName} has no field "${name}".`, key);
    if (!fields.get(name)?.usableAs.includes(use)) {
      throw new RuleViolation(
        `The field "${name}" of ${ct.displayName} cannot be used here: choose ${USE_LABEL[use]}.`,
        key,
      );
    }
  };
  check('contactField', 'contact', true);
  check('contactPersonField', 'contactPerson', false);
  check('documentNoField', 'documentNo', false);
  check('descriptionField', 'description', false);
  return RULE_EVENTS.filter((e) => events.includes(e));
}

/**
 * The events one document-service call fires. A create or update that also publishes (`status:
 * 'published'`, what the REST API does on a draft & publish type) fires `publish` too: the document
 * is published by it, although no separate publish call goes through the middleware.
 */
export function eventsOf(
  action: string,
  params: { status?: string } | undefined,
  draftAndPublish: boolean,
): RuleEvent[] {
  if (action === 'publish') return ['publish'];
  if (action !== 'create' && action !== 'update') return [];
  return draftAndPublish && params?.status === 'published' ? [action, 'publish'] : [action];
}

/** The enabled rules that one write fires (a rule fires once even when two of its events match). */
export const rulesFor = <R extends { events?: unknown; enabled?: boolean | null }>(rules: R[], fired: RuleEvent[]) =>
  rules.filter(
    (r) => r.enabled !== false && Array.isArray(r.events) && fired.some((e) => (r.events as string[]).includes(e)),
  );

/** Document field values become text: blank is "not given" (the template's description is used then). */
export function textOf(value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s.slice(0, max);
}

export interface AutoRecordInput {
  contactId: number;
  /** null: the template set up for `documentKind`. */
  templateId: number | null;
  documentKind: string | null;
  documentNo: string | null;
  description: string | null;
  sourceUid: string;
  sourceDocumentId: string;
}

/** What one rule records for one document. */
export function buildRecordInput(
  rule: Pick<RuleDraft, 'documentKind' | 'documentNoField' | 'descriptionField'>,
  doc: Record<string, unknown>,
  source: { uid: string; contactId: number; templateId: number | null },
): AutoRecordInput {
  return {
    contactId: source.contactId,
    templateId: source.templateId,
    documentKind: rule.documentKind ?? null,
    documentNo: rule.documentNoField ? textOf(doc[rule.documentNoField], 50) : null,
    description: rule.descriptionField ? textOf(doc[rule.descriptionField], 100) : null,
    sourceUid: source.uid,
    sourceDocumentId: doc.documentId as string,
  };
}

/** The message of a required rule without a usable template. */
export const missingTemplateMessage = (typeName: string, documentKind: string | null | undefined) =>
  documentKind
    ? `${typeName} entries must be recorded as interactions, but no interaction template is set for the document kind "${documentKind}". Set one in the Interaction Template Setup, or make the rule optional.`
    : `${typeName} entries must be recorded as interactions, but the rule's interaction template no longer exists. Choose another template, or make the rule optional.`;

/** The stored fields of an auto-recording rule (what a write may set, what the admin list shows). */
export const RULE_FIELDS = [
  'contentType',
  'events',
  'documentKind',
  'contactField',
  'contactPersonField',
  'documentNoField',
  'descriptionField',
  'required',
  'enabled',
] as const;
