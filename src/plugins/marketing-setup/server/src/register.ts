import type { Core } from '@strapi/strapi';
import { documentsMiddleware } from './middlewares/documents';

export const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(documentsMiddleware(strapi));
};
