import type { Core } from '@strapi/strapi';
import { documentsMiddleware } from './middlewares/documents';
import { registerMigrations } from './migrations';
import { prototypeKeysToTheGuards } from './middlewares/prototype-keys';
import { validateTextLengthsInCharacters } from './utils/text-lengths';

export const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(documentsMiddleware(strapi));
  registerMigrations(strapi);
  prototypeKeysToTheGuards(strapi);
  validateTextLengthsInCharacters(strapi);
};
