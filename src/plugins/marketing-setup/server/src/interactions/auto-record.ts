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
  buildRecordInput,
  eventsOf,
  missingTemplateMessage,
  partyKindOf,
  rulesFor,
  type PartyKind,
} from '../domain/auto-recording';
import { isHostType } from '../write-rules/interaction-rules';
import type { Write } from '../repositories/unit-of-work';
import { toHttpError, validationError } from '../utils/errors';
import { getService } from '../utils/services';
import { columnOf, joinTableOf, tableOf } from '../repositories/tables';
import { entrySourcesOf, joinContactColumns, joinTemplateColumns } from './entry-row';
import type { DocumentKind } from '../domain/interactions';
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
  const fields = [
    'events',
    'enabled',
    'required',
    'documentKind',
    'contactField',
    'contactPersonField',
    'documentNoField',
    'descriptionField',
  ];
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
  return write
    .trx(`${tableOf(write.strapi, uid)} as br`)
    .join(`${party.name} as bp`, `bp.${party.joinColumn}`, 'br.id')
    .join(`${contact.name} as bc`, `bc.${contact.joinColumn}`, 'br.id')
    .where(`bp.${party.inverseJoinColumn}`, partyId)
    .where(`br.${columnOf(write.strapi, uid, 'linkToTable')}`, kind)
    .orderBy('br.id')
    .limit(1)
    .select(`bc.${contact.inverseJoinColumn}`);
}

/**
 * What one rule needs of the document a write produced, in one statement: the document's number and
 * description fields; the contact (the contact person field wins, else the contact field's contact —
 * a contact itself, or the one linked with the customer / vendor) with what an entry takes from it;
 * and the rule's template (or the one set up for its kind) with its group (entry-row.ts columns).
 */
async function readForRule(write: Write, id: number, rule: StoredRule) {
  const { strapi, uid, trx } = write;
  const attributes = (strapi.contentTypes as any)[uid].attributes as Record<string, any>;
  const q = trx(`${tableOf(strapi, uid)} as d`).where('d.id', id);
  const select: Record<string, string>[] = [{ id: 'd.id' }, { documentId: `d.${columnOf(strapi, uid, 'documentId')}` }];
  for (const f of [rule.documentNoField, rule.descriptionField]) {
    if (f && attributes[f] && attributes[f].type !== 'relation') select.push({ [f]: `d.${columnOf(strapi, uid, f)}` });
  }
  const candidates: unknown[] = [];
  [rule.contactPersonField, rule.contactField].forEach((f, i) => {
    const kind = f && attributes[f]?.type === 'relation' ? partyKindOf(attributes[f].target) : null;
    if (!f || !kind) return;
    const jt = joinTableOf(strapi, uid, f);
    q.leftJoin(`${jt.name} as j${i}`, `j${i}.${jt.joinColumn}`, 'd.id');
    const target = trx.ref(`j${i}.${jt.inverseJoinColumn}`);
    candidates.push(kind === 'contact' ? target : linkedContactQuery(write, kind, target));
  });
  if (candidates.length) {
    // (SQLite has no one-argument COALESCE.)
    const contactId =
      candidates.length === 1
        ? trx.raw('?', candidates as any[])
        : trx.raw(`COALESCE(${candidates.map(() => '?').join(', ')})`, candidates as any[]);
    q.leftJoin(`${tableOf(strapi, UID.contact)} as c`, 'c.id', contactId);
    joinContactColumns(write, q);
  }
  const template = rule.templateId
    ? { id: rule.templateId }
    : rule.documentKind
      ? { kind: rule.documentKind as DocumentKind }
      : null;
  if (template) joinTemplateColumns(write, q, template);
  const row = await q.first(...select);
  return row ? { doc: row as Record<string, any>, sources: entrySourcesOf(row) } : null;
}

/**
 * Records what the fired rules say for the document a write produced. No contact → nothing (the
 * document is still saved). No usable template → nothing, or a 400 refusing the save if the rule is
 * required. Any failure of the recording itself fails the write (it is the same transaction).
 */
async function recordFor(write: Write, rules: StoredRule[], action: string, result: any) {
  const rowId = rowIdOf(action, result);
  if (!rowId) return;
  for (const rule of rules) {
    const read = await readForRule(write, rowId, rule);
    if (!read) return;
    // The contact person wins over the contact field's contact (the COALESCE order above).
    const contactId = read.sources.contact?.id ?? null;
    if (!contactId) continue;
    const input = buildRecordInput(rule, read.doc, { uid: write.uid, contactId, templateId: rule.templateId });
    const entry = await getService(write.strapi, 'interactions').record(write, input as any, read.sources);
    if (!entry && rule.required) {
      throw validationError(
        missingTemplateMessage(
          (write.strapi.contentTypes as any)[write.uid].info?.displayName ?? write.uid,
          rule.documentKind,
        ),
        [],
      );
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
        const write: Write = {
          strapi,
          uid: ctx.uid,
          action: ctx.action === 'create' ? 'create' : 'update',
          params: ctx.params,
          trx,
        };
        await recordFor(write, rules, ctx.action, result);
      }
      return result;
    });
  } catch (err) {
    throw toHttpError(err);
  }
}
