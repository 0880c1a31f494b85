import { factories } from '@strapi/strapi';
import contentTypes from '../content-types';
import { uidOf } from '../content-types/fields';

/**
 * Named routers: one core content-API router per content type, under /api/marketing-setup/<pluralName>
 * (single types: /api/marketing-setup/<singularName>). Nothing is public: access comes from API tokens
 * and users-permissions roles.
 */
export const routes = Object.fromEntries(
  Object.keys(contentTypes).map((name) => [name, factories.createCoreRouter(uidOf(name) as any)]),
);
