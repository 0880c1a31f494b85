import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import { WRITE_RULES } from '../write-rules';
import { PLUGIN_UIDS, UID } from '../utils/uids';
import { revisionOf } from '../domain/revision';
import { checked, validationError } from '../utils/errors';
import { assertCodeNotBlank, hasRequiredCode } from '../domain/codes';
import { inTransaction, type Write } from '../repositories/unit-of-work';
import type { StoredDocument } from '../write-rules/types';
import { assertWriteInput } from '../utils/scalar-types';
import { withAutoRecording } from '../interactions/auto-record';
import { assertReadableContacts } from '../admin-api/contact-references';
import { missingDocumentIdOf, relationFieldNaming } from '../domain/relation-input';
import { fieldLabel } from '../domain/field-labels';

const WRITES = new Set(['create', 'update', 'delete']);
/**
 * Set while a write is being served: the writes it makes in turn (an interaction entry a rule records, the merge's
 * moves) are the plugin's, not the admin's, and are not narrowed to what the admin may read.
 */
const serving = new AsyncLocalStorage<true>();
const NUMBERED = new Set(Object.keys(WRITE_RULES));

/**
 * The single entry point for every write to the plugin's content types (REST, admin, services).
 * It opens a transaction around the write, so that numbering, derived fields and follow-up writes
 * commit or roll back together with it, and hands the write to the content type's rule module.
 */
export const documentsMiddleware: (strapi: Core.Strapi) => Modules.Documents.Middleware.Middleware =
  (strapi) => async (ctx, next) => {
    if (WRITES.has(ctx.action) && !serving.getStore()) return serving.run(true, () => write(strapi, ctx, next, true));
    return write(strapi, ctx, next, false);
  };

async function write(
  strapi: Core.Strapi,
  ctx: Parameters<Modules.Documents.Middleware.Middleware>[0],
  next: Parameters<Modules.Documents.Middleware.Middleware>[1],
  outermost: boolean,
) {
  if (!PLUGIN_UIDS.has(ctx.uid)) return withAutoRecording(strapi, ctx, async () => next());
  if (ctx.action === 'clone' && NUMBERED.has(ctx.uid)) {
    // Cloning would copy a unique number and skip the rules; a new record is the way.
    throw validationError('Records of this type cannot be duplicated; create a new one instead.');
  }
  if (ctx.action === 'create' || ctx.action === 'update') {
    assertWriteInput(ctx.contentType as unknown as Parameters<typeof assertWriteInput>[0], ctx.params);
    // Every code table (a type with a required code): a blank code is refused, on every API.
    if (hasRequiredCode(ctx.contentType.attributes as Parameters<typeof hasRequiredCode>[0]))
      checked(() =>
        assertCodeNotBlank(ctx.action as 'create' | 'update', (ctx.params as { data?: Record<string, unknown> }).data),
      );
    // An admin may point a record only at contacts its role may read.
    if (outermost)
      await assertReadableContacts(
        strapi,
        ctx.contentType.attributes as Record<string, { type?: string; target?: string }>,
        (ctx.params as { data?: Record<string, unknown> }).data,
      );
  }
  const handler = WRITE_RULES[ctx.uid]?.[ctx.action as Write['action']];
  try {
    const result =
      !WRITES.has(ctx.action) || !handler
        ? await next()
        : await inTransaction(strapi, ctx.uid, (write) => handler(write, next as () => Promise<StoredDocument>), {
            action: ctx.action as Write['action'],
            params: ctx.params as Write['params'],
          });
    return ctx.uid === UID.contact ? withRevisions(result) : result;
  } catch (err) {
    throw namedMissingRelation(err, ctx);
  }
}

/** Contacts as read or written, each with its revision (domain/revision.ts) taken from its updatedAt. */
function withRevisions<T>(result: T): T {
  const docs = Array.isArray(result) ? result : [result];
  for (const doc of docs)
    if (doc && typeof doc === 'object' && 'updatedAt' in doc)
      (doc as Record<string, unknown>).revision = revisionOf((doc as { updatedAt: unknown }).updatedAt);
  return result;
}

/**
 * Strapi refuses a relation to a record that does not exist with 'Document with id "x", locale "null" not found',
 * naming neither the field nor the record type: said again naming the field, as the plugin's own rules do.
 */
function namedMissingRelation(err: unknown, ctx: Parameters<Modules.Documents.Middleware.Middleware>[0]) {
  const id = missingDocumentIdOf((err as Error | undefined)?.message);
  if (id === null) return err;
  const field = relationFieldNaming(
    ctx.contentType.attributes as Record<string, { type?: string }>,
    (ctx.params as { data?: Record<string, unknown> }).data,
    id,
  );
  if (!field) return err;
  return validationError(`The ${fieldLabel(field)} given does not exist.`, [field]);
}
