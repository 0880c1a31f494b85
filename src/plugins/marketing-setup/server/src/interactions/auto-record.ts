/**
 * Automatic interaction recording from any content type of the host application (issue 7 item 4,
 * reference §6.4). The document-service middleware hands every create / update / publish of an
 * `api::` type here: the type's enabled rules are read in one indexed query inside the write's
 * transaction (no cache another instance could make stale), and when a rule fires, the interaction is
 * recorded in that same transaction, so the document and its entry commit or roll back together.
 */
import type { Core } from '@strapi/strapi';
import { buildRecordInput, eventsOf, missingTemplateMessage, rulesFor } from '../domain/auto-recording';
import { type DocumentKind } from '../../../shared/contracts/interactions';
import { isHostType } from '../domain/auto-recording';
import { inTransaction, type Write } from '../repositories/unit-of-work';
import { enabledRules, readForRule, type StoredRule } from '../repositories/interaction-rules';
import { recordEntry } from '../operations/interaction-entries';
import { validationError } from '../utils/errors';

/** A document-service call as the middleware sees it (the part read here). */
interface DocumentCall {
  uid: string;
  action: string;
  params: Write['params'];
  contentType?: { options?: { draftAndPublish?: boolean } };
}

/** The row a write produced: the entry itself, or for a publish the (first) published version. */
const rowIdOf = (action: string, result: unknown): number | null => {
  const r = result as { id?: number; entries?: { id?: number }[] } | null | undefined;
  return (action === 'publish' ? r?.entries?.[0]?.id : r?.id) ?? null;
};

/**
 * Records what the fired rules say for the document a write produced. No contact → nothing (the
 * document is still saved). No usable template → nothing, or a 400 refusing the save if the rule is
 * required. Any failure of the recording itself fails the write (it is the same transaction).
 */
async function recordFor(write: Write, rules: StoredRule[], action: string, result: unknown) {
  const rowId = rowIdOf(action, result);
  if (!rowId) return;
  for (const rule of rules) {
    const read = await readForRule(write, rowId, rule);
    if (!read) return;
    // The contact person wins over the contact field's contact (the COALESCE order above).
    const contactId = read.sources.contact?.id ?? null;
    if (!contactId) continue;
    const input = buildRecordInput(rule, read.doc, { uid: write.uid, contactId, templateId: rule.templateId });
    // The rule's document kind was checked against the kinds when the rule was saved.
    const entry = await recordEntry(
      write,
      { ...input, documentKind: input.documentKind as DocumentKind | null },
      read.sources,
    );
    if (!entry && rule.required) {
      throw validationError(
        missingTemplateMessage(
          (write.strapi.contentTypes as unknown as Record<string, { info?: { displayName?: string } }>)[write.uid].info
            ?.displayName ?? write.uid,
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
export async function withAutoRecording<T>(strapi: Core.Strapi, ctx: DocumentCall, next: () => Promise<T>) {
  if (!isHostType(ctx.uid)) return next();
  const fired = eventsOf(ctx.action, ctx.params, !!ctx.contentType?.options?.draftAndPublish);
  if (!fired.length) return next();
  return inTransaction(
    strapi,
    ctx.uid,
    async (write) => {
      const rules = rulesFor(await enabledRules(strapi, write.trx, ctx.uid), fired);
      const result = await next();
      if (rules.length) await recordFor(write, rules, ctx.action, result);
      return result;
    },
    { action: ctx.action === 'create' ? 'create' : 'update', params: ctx.params },
  );
}
