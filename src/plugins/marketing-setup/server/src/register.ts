import type { Core } from '@strapi/strapi';
import { documentsMiddleware } from './middlewares/documents';
import { registerMigrations } from './migrations';

export const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(documentsMiddleware(strapi));
  registerMigrations(strapi);
};
