import { factories, type Core } from '@strapi/strapi';
import contentTypes from '../content-types';
import { uidOf } from '../content-types/fields';
import contactActions from './contact-actions';
import merge from './merge';
import interactions from './interactions';
import openapi from './openapi';
import { adminRouter } from '../admin-api';
import { withInputGuard } from '../middlewares/input-guard';
import { renamedOpportunityFields } from '../middlewares/renamed-fields';
import { lineNoAfterLast, seriesCode } from '../middlewares/number-series';
import { ignoreMaintainedContactFields } from '../middlewares/maintained-fields';

type UidOf = ReturnType<typeof uidOf>;

/** Types written by the plugin only: readable over REST, never written. */
const READ_ONLY = new Set(['merge-log']);
const renamedFields = { middlewares: [renamedOpportunityFields] };
const seriesCodes = { middlewares: [seriesCode] };
const maintainedFields = { middlewares: [ignoreMaintainedContactFields] };
/** Options of a type's core router. */
const coreRouterOptions = (name: string): Core.CoreAPI.Router.RouterConfig<UidOf> => {
  if (READ_ONLY.has(name)) return { only: ['find', 'findOne'] };
  // A contact read and written back whole carries the fields the plugin fills in: ignored, not refused.
  if (name === 'contact') return { config: { create: maintainedFields, update: maintainedFields } };
  if (name === 'opportunity') return { config: { create: renamedFields, update: renamedFields } };
  // The admin's number series screen and REST store the same code and line numbers.
  if (name === 'no-series') return { config: { create: seriesCodes, update: seriesCodes } };
  if (name === 'no-series-line') return { config: { create: { middlewares: [lineNoAfterLast] } } };
  return {};
};

/**
 * Named routers: one core content-API router per content type, under /api/marketing-setup/<pluralName>
 * (single types: /api/marketing-setup/<singularName>). Nothing is public: access comes from API tokens
 * and users-permissions roles.
 */
const routers = {
  // Declared before the core routers so /contacts/:documentId/<action> is matched first.
  'contact-actions': contactActions,
  merge,
  ...Object.fromEntries(
    Object.keys(contentTypes).map((name) => [name, factories.createCoreRouter(uidOf(name), coreRouterOptions(name))]),
  ),
  interactions,
  openapi,
  // Admin panel API (/marketing-setup/..., admin JWT + RBAC): settings page and number series screens.
  admin: adminRouter,
};

/** The record type a core router writes, by its display name ("Contact"), for the input guard's messages. */
const recordOf = (name: string): string | undefined =>
  (contentTypes as Record<string, { schema: { info: { displayName: string } } }>)[name]?.schema.info.displayName;

/** Every route, content API and admin API alike, passes the input guard first (middlewares/input-guard.ts). */
export const routes = Object.fromEntries(
  Object.entries(routers).map(([name, router]) => [name, withInputGuard(router, recordOf(name))]),
);
