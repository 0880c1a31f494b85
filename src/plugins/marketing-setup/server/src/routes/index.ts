import { factories } from '@strapi/strapi';
import contentTypes from '../content-types';
import { uidOf } from '../content-types/fields';
import contactActions from './contact-actions';
import interactions from './interactions';
import { adminRouter } from '../admin-api';

/**
 * Named routers: one core content-API router per content type, under /api/marketing-setup/<pluralName>
 * (single types: /api/marketing-setup/<singularName>). Nothing is public: access comes from API tokens
 * and users-permissions roles.
 */
export const routes = {
  // Declared before the core routers so /contacts/:documentId/<action> is matched first.
  'contact-actions': contactActions,
  interactions,
  ...Object.fromEntries(Object.keys(contentTypes).map((name) => [name, factories.createCoreRouter(uidOf(name) as any)])),
  // Admin panel API (/marketing-setup/..., admin JWT + RBAC): settings page and number series screens.
  admin: adminRouter,
};
