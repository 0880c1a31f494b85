import type { Core } from '@strapi/strapi';
import { documentsMiddleware } from './middlewares/documents';
import { runMigrations } from './migrations';

export const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(documentsMiddleware(strapi));
  strapi.hook('strapi::content-types.beforeSync').register(() => runMigrations(strapi));
};
