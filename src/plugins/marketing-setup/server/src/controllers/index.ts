import { factories } from '@strapi/strapi';
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
const withWarnings = (uid: string) =>
  factories.createCoreController(uid as any, () => ({
    async create(ctx) {
      const response: any = await super.create(ctx);
      return addWarnings(ctx, response);
    },
    async update(ctx) {
      const response: any = await super.update(ctx);
      return addWarnings(ctx, response);
    },
  }));

function addWarnings(ctx: any, response: any) {
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
