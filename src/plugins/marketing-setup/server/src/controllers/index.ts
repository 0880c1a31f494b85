import { factories } from '@strapi/strapi';
import type { UID } from '@strapi/strapi';
import type { Context } from 'koa';
import contentTypes from '../content-types';
import { uidOf } from '../content-types/fields';
import { takeDuplicates, takeWarnings } from '../utils/request-state';
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
  factories.createCoreController(uid, () => ({
    async create(ctx) {
      return addWarnings(ctx, (await super.create(ctx)) as CoreResponse);
    },
    async update(ctx) {
      return addWarnings(ctx, (await super.update(ctx)) as CoreResponse);
    },
  }));

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
