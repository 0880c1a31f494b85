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
import { columnOf, joinTableOf, tableOf } from '../utils/tables';
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
  templateId: number | null;
}

/** JSON and booleans come back as text / 0-1 from SQLite and as values from PostgreSQL. */
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The enabled rules of one content type with their template id: one statement on the indexed
 * content-type column, in the write's transaction. This runs for every create / update / publish of a
 * host type, so it is kept to a single round trip (the query engine would add one per relation).
 */
async function enabledRules(strapi: Core.Strapi, trx: Knex.Transaction, uid: string): Promise<StoredRule[]> {
  const col = (a: string) => `r.${columnOf(strapi, UID.interactionRule, a)}`;
  const jt = joinTableOf(strapi, UID.interactionRule, 'interactionTemplate');
  const fields = ['events', 'enabled', 'required', 'documentKind', 'contactField', 'contactPersonField', 'documentNoField', 'descriptionField'];
  const rows = await trx(`${tableOf(strapi, UID.interactionRule)} as r`)
    .leftJoin(`${jt.name} as l`, `l.${jt.joinColumn}`, 'r.id')
    .where(col('contentType'), uid)
    .where(col('enabled'), true)
    .select('r.id', { templateId: `l.${jt.inverseJoinColumn}` }, ...fields.map((f) => ({ [f]: col(f) })));
  return rows.map((r: any) => ({ ...r, events: json(r.events), enabled: !!r.enabled, required: !!r.required }));
}

/** The row a write produced: the entry itself, or for a publish the (first) published version. */
const rowIdOf = (action: string, result: any): number | null =>
  (action === 'publish' ? result?.entries?.[0]?.id : result?.id) ?? null;

/**
 * The contact linked with a customer / vendor through its contact business relation (BC: the contact of
 * the party), as a one-value subquery on the party id (a column of the document query).
 */
function linkedContactQuery(write: Write, kind: Exclude<PartyKind, 'contact'>, partyId: Knex.Ref<string, any>) {
  const uid = UID.contactBusinessRelation;
  const party = joinTableOf(write.strapi, uid, kind);
  const contact = joinTableOf(write.strapi, uid, 'contact');
  return write.trx(`${tableOf(write.strapi, uid)} as b`)
    .join(`${party.name} as p`, `p.${party.joinColumn}`, 'b.id')
    .join(`${contact.name} as c`, `c.${contact.joinColumn}`, 'b.id')
    .where(`p.${party.inverseJoinColumn}`, partyId)
    .where(`b.${columnOf(write.strapi, uid, 'linkToTable')}`, kind)
    .orderBy('b.id')
    .limit(1)
    .select(`c.${contact.inverseJoinColumn}`);
}

/** The column of the document query holding the contact a relation field leads to. */
const contactKey = (field: string) => `${field}__contact`;

/**
 * The document with the fields the rules read, in one statement: scalar fields as values, relation
 * fields as the related id (one left join per relation's link table), and for a customer / vendor field
 * the contact linked with it (a subquery), so the rules need no further read to find their contact.
 */
async function loadDocument(write: Write, id: number, rules: StoredRule[]) {
  const { strapi, uid } = write;
  const attributes = (strapi.contentTypes as any)[uid].attributes as Record<string, any>;
  const relations = new Set<string>();
  const scalars = new Set<string>();
  for (const r of rules) {
    for (const f of [r.contactField, r.contactPersonField]) if (f && attributes[f]?.type === 'relation') relations.add(f);
    for (const f of [r.documentNoField, r.descriptionField]) if (f && attributes[f] && attributes[f].type !== 'relation') scalars.add(f);
  }
  const q = write.trx(`${tableOf(strapi, uid)} as d`).where('d.id', id);
  const select: (Record<string, string> | Knex.QueryBuilder)[] = [{ id: 'd.id' }, { documentId: `d.${columnOf(strapi, uid, 'documentId')}` }];
  for (const f of scalars) select.push({ [f]: `d.${columnOf(strapi, uid, f)}` });
  [...relations].forEach((f, i) => {
    const jt = joinTableOf(strapi, uid, f);
    q.leftJoin(`${jt.name} as j${i}`, `j${i}.${jt.joinColumn}`, 'd.id');
    select.push({ [f]: `j${i}.${jt.inverseJoinColumn}` });
    const kind = partyKindOf(attributes[f].target);
    if (kind && kind !== 'contact') select.push(linkedContactQuery(write, kind, write.trx.ref(`j${i}.${jt.inverseJoinColumn}`)).as(contactKey(f)));
  });
  return q.first(...(select as any[]));
}

/** The contact of a rule's contact field on a document: a contact itself, or the customer's / vendor's contact. */
function partyContactId(write: Write, field: string, doc: Record<string, any>): number | null {
  if (doc[field] == null) return null;
  const kind = partyKindOf((write.strapi.contentTypes as any)[write.uid].attributes[field]?.target);
  if (!kind) return null;
  const id = kind === 'contact' ? doc[field] : doc[contactKey(field)];
  return id == null ? null : Number(id);
}

/**
 * Records what the fired rules say for the document a write produced. No contact → nothing (the
 * document is still saved). No usable template → nothing, or a 400 refusing the save if the rule is
 * required. Any failure of the recording itself fails the write (it is the same transaction).
 */
async function recordFor(write: Write, rules: StoredRule[], action: string, result: any) {
  const rowId = rowIdOf(action, result);
  if (!rowId) return;
  const doc = await loadDocument(write, rowId, rules);
  if (!doc) return;
  for (const rule of rules) {
    const person = rule.contactPersonField ? doc[rule.contactPersonField] : null;
    const contactId = chooseContact(person, person ? null : partyContactId(write, rule.contactField, doc));
    if (!contactId) continue;
    // The rule's template, else the one set up for its kind (record() looks that up); null: none usable.
    const entry = await getService(write.strapi, 'interactions').record(write, buildRecordInput(rule, doc, { uid: write.uid, contactId, templateId: rule.templateId }) as any);
    if (!entry && rule.required) {
      throw validationError(missingTemplateMessage((write.strapi.contentTypes as any)[write.uid].info?.displayName ?? write.uid, rule.documentKind), []);
    }
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
      const rules = rulesFor(await enabledRules(strapi, trx, ctx.uid), fired);
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
