import type { Core } from '@strapi/strapi';
import { getService } from './utils/services';
import { ensureIndexes } from './indexes';

export const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureIndexes(strapi);
  await getService(strapi, 'setup').ensure();
};
