import type { Core, Modules } from '@strapi/strapi';
import { WRITE_RULES } from '../write-rules';
import { PLUGIN_UIDS } from '../utils/uids';
import { validationError } from '../utils/errors';
import { inTransaction, type Write } from '../repositories/unit-of-work';
import type { StoredDocument } from '../write-rules/types';
import { assertWriteInput } from '../utils/scalar-types';
import { withAutoRecording } from '../interactions/auto-record';

const WRITES = new Set(['create', 'update', 'delete']);
const NUMBERED = new Set(Object.keys(WRITE_RULES));

/**
 * The single entry point for every write to the plugin's content types (REST, admin, services).
 * It opens a transaction around the write, so that numbering, derived fields and follow-up writes
 * commit or roll back together with it, and hands the write to the content type's rule module.
 */
export const documentsMiddleware: (strapi: Core.Strapi) => Modules.Documents.Middleware.Middleware =
  (strapi) => async (ctx, next) => {
    if (!PLUGIN_UIDS.has(ctx.uid)) return withAutoRecording(strapi, ctx, async () => next());
    if (ctx.action === 'clone' && NUMBERED.has(ctx.uid)) {
      // Cloning would copy a unique number and skip the rules; a new record is the way.
      throw validationError('Records of this type cannot be duplicated; create a new one instead.');
    }
    if (ctx.action === 'create' || ctx.action === 'update')
      assertWriteInput(ctx.contentType as unknown as Parameters<typeof assertWriteInput>[0], ctx.params);
    const handler = WRITE_RULES[ctx.uid]?.[ctx.action as Write['action']];
    if (!WRITES.has(ctx.action) || !handler) return next();
    return inTransaction(strapi, ctx.uid, (write) => handler(write, next as () => Promise<StoredDocument>), {
      action: ctx.action as Write['action'],
      params: ctx.params as Write['params'],
    });
  };
