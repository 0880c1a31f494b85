import { factories } from '@strapi/strapi';
import type { UID } from '@strapi/strapi';
import type { Context } from 'koa';
import contentTypes from '../content-types';
import { uidOf } from '../content-types/fields';
import { takeDuplicates, takeWarnings } from '../utils/request-state';
import { notFound } from '../utils/errors';
import contactActions from './contact-actions';
import merge from './merge';
import interactions from './interactions';
import openapi from './openapi';
import { adminControllers } from '../admin-api';

/**
 * Core REST controllers for every content type. Creates and updates also return the non-blocking
 * warnings the write rules raised (e.g. a number series that will soon run out) in `meta.warnings`,
 * and, for a contact saved with autosearch on, the duplicates found in `meta.duplicates`.
 */
const withWarnings = (uid: UID.ContentType) =>
  factories.createCoreController(uid, ({ strapi }) => ({
    async create(ctx) {
      return addWarnings(ctx, (await super.create(ctx)) as CoreResponse);
    },
    async update(ctx) {
      return addWarnings(ctx, (await super.update(ctx)) as CoreResponse);
    },
    /**
     * Strapi's core delete answers 204 whether or not the documentId names a record; an unknown record is a 404
     * here, as GET and PUT of the same id answer (otherwise the core delete, step by step).
     */
    async delete(ctx) {
      if (strapi.contentType(uid)?.kind !== 'collectionType') return super.delete(ctx);
      const { id } = ctx.params;
      await this.validateQuery!(ctx);
      const sanitizedQuery = await this.sanitizeQuery!(ctx);
      const service = strapi.service(uid as never) as unknown as CoreService;
      const result = await service.delete(id, sanitizedQuery);
      if (result?.deletedEntries === 0)
        throw notFound(`No ${strapi.contentType(uid).info.displayName} with documentId ${id}.`);
      ctx.status = 204;
    },
  }));

/** The core service's delete, as the core controller calls it: how many entries it deleted. */
type CoreService = { delete(documentId: string, query: unknown): Promise<{ deletedEntries?: number } | undefined> };

/** What a core controller's create/update answers, as far as the warnings read it. */
type CoreResponse = { data?: { documentId?: string }; meta?: Record<string, unknown> } | null | undefined;

function addWarnings(ctx: Context, response: CoreResponse) {
  const warnings = takeWarnings(ctx);
  const duplicates = takeDuplicates(ctx, response?.data?.documentId);
  if (!response || (!warnings.length && !duplicates?.length)) return response;
  return {
    ...response,
    meta: {
      ...(response.meta ?? {}),
      ...(warnings.length ? { warnings } : {}),
      ...(duplicates?.length ? { duplicates } : {}),
    },
  };
}

export const controllers = {
  ...Object.fromEntries(Object.keys(contentTypes).map((name) => [name, withWarnings(uidOf(name))])),
  'contact-actions': contactActions,
  merge,
  interactions,
  openapi,
  ...adminControllers,
};
