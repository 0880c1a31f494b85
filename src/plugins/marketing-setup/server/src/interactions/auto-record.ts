/**
 * Automatic interaction recording from any content type of the host application (issue 7 item 4,
 * reference §6.4). The document-service middleware hands every create / update / publish of an
 * `api::` type here: the type's enabled rules are read in one indexed query inside the write's
 * transaction (no cache another instance could make stale), and when a rule fires, the interaction is
 * recorded in that same transaction, so the document and its entry commit or roll back together.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  buildRecordInput, chooseContact, eventsOf, missingTemplateMessage, partyKindOf, rulesFor, type PartyKind,
} from '../domain/auto-recording';
import { isHostType } from '../write-rules/interaction-rules';
import type { Write } from '../write-rules/types';
import { toHttpError, validationError } from '../utils/errors';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';

interface StoredRule {
  id: number;
  events: unknown;
  enabled: boolean;
  required: boolean;
  documentKind: string | null;
  contactField: string;
  contactPersonField: string | null;
  documentNoField: string | null;
  descriptionField: string | null;
  interactionTemplate: { id: number } | null;
}

const RULE_SELECT = ['id', 'events', 'enabled', 'required', 'documentKind', 'contactField', 'contactPersonField', 'documentNoField', 'descriptionField'];

/** The enabled rules of one content type (the ambient transaction's connection is used). */
const enabledRules = (strapi: Core.Strapi, uid: string): Promise<StoredRule[]> =>
  strapi.db.query(UID.interactionRule as any).findMany({
    where: { contentType: uid, enabled: true },
    select: RULE_SELECT,
    populate: { interactionTemplate: { select: ['id'] } },
  }) as Promise<StoredRule[]>;

/** The row a write produced: the entry itself, or for a publish the (first) published version. */
const rowIdOf = (action: string, result: any): number | null =>
  (action === 'publish' ? result?.entries?.[0]?.id : result?.id) ?? null;

/** The contact linked with a customer / vendor through its contact business relation (BC: the contact of the party). */
async function linkedContactId(strapi: Core.Strapi, kind: Exclude<PartyKind, 'contact'>, partyId: number): Promise<number | null> {
  const link: any = await strapi.db.query(UID.contactBusinessRelation as any).findOne({
    where: { linkToTable: kind, [kind]: { id: partyId } },
    select: ['id'],
    populate: { contact: { select: ['id'] } },
  });
  return link?.contact?.id ?? null;
}

/** The document with the fields the rules read; relations as { id }. */
async function loadDocument(strapi: Core.Strapi, uid: string, id: number, rules: StoredRule[]) {
  const attributes = (strapi.contentTypes as any)[uid].attributes as Record<string, any>;
  const relations = new Set<string>();
  const scalars = new Set<string>(['id', 'documentId']);
  for (const r of rules) {
    for (const f of [r.contactField, r.contactPersonField]) if (f && attributes[f]?.type === 'relation') relations.add(f);
    for (const f of [r.documentNoField, r.descriptionField]) if (f && attributes[f] && attributes[f].type !== 'relation') scalars.add(f);
  }
  return strapi.db.query(uid as any).findOne({
    where: { id },
    select: [...scalars],
    populate: Object.fromEntries([...relations].map((f) => [f, { select: ['id'] }])),
  });
}

/** The contact of a rule's contact field on a document: a contact itself, or the customer's / vendor's contact. */
async function partyContactId(strapi: Core.Strapi, uid: string, field: string, doc: Record<string, any>) {
  const id: number | undefined = doc[field]?.id;
  if (!id) return null;
  const kind = partyKindOf((strapi.contentTypes as any)[uid].attributes[field]?.target);
  if (!kind) return null;
  return kind === 'contact' ? id : linkedContactId(strapi, kind, id);
}

/** The template a rule records with: its own, else the one set up for its document kind; null when neither. */
async function templateIdFor(write: Write, rule: StoredRule): Promise<number | null> {
  if (rule.interactionTemplate?.id) return rule.interactionTemplate.id;
  if (!rule.documentKind) return null;
  const template: any = await getService(write.strapi, 'interactions').templateFor(write, rule.documentKind as any);
  return template?.id ?? null;
}

/**
 * Records what the fired rules say for the document a write produced. No contact → nothing (the
 * document is still saved). No usable template → nothing, or a 400 refusing the save if the rule is
 * required. Any failure of the recording itself fails the write (it is the same transaction).
 */
async function recordFor(write: Write, rules: StoredRule[], action: string, result: any) {
  const rowId = rowIdOf(action, result);
  if (!rowId) return;
  const doc = await loadDocument(write.strapi, write.uid, rowId, rules);
  if (!doc) return;
  const typeName = (write.strapi.contentTypes as any)[write.uid].info?.displayName ?? write.uid;
  for (const rule of rules) {
    const person = rule.contactPersonField ? doc[rule.contactPersonField]?.id : null;
    const contactId = chooseContact(person, person ? null : await partyContactId(write.strapi, write.uid, rule.contactField, doc));
    if (!contactId) continue;
    const templateId = await templateIdFor(write, rule);
    if (!templateId) {
      if (rule.required) throw validationError(missingTemplateMessage(typeName, rule.documentKind), []);
      continue;
    }
    await getService(write.strapi, 'interactions').record(
      write,
      buildRecordInput(rule, doc, { uid: write.uid, contactId, templateId }) as any,
    );
  }
}

/**
 * The middleware step for writes outside the plugin. Only create / update / publish of host types
 * are looked at; each such write runs in one transaction with the rule lookup and the recording.
 */
export async function withAutoRecording(strapi: Core.Strapi, ctx: any, next: () => Promise<any>) {
  if (!isHostType(ctx.uid)) return next();
  const fired = eventsOf(ctx.action, ctx.params, !!ctx.contentType?.options?.draftAndPublish);
  if (!fired.length) return next();
  try {
    return await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      const rules = rulesFor(await enabledRules(strapi, ctx.uid), fired);
      const result = await next();
      if (rules.length) {
        const write: Write = { strapi, uid: ctx.uid, action: ctx.action === 'create' ? 'create' : 'update', params: ctx.params, trx };
        await recordFor(write, rules, ctx.action, result);
      }
      return result;
    });
  } catch (err) {
    throw toHttpError(err);
  }
}
