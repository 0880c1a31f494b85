import type { Core } from '@strapi/strapi';
import { register } from './register';
import { bootstrap } from './bootstrap';
import contentTypes from './content-types';
import { services } from './services';
import { controllers } from './controllers';
import { routes } from './routes';
import { policies } from './admin-api/policies';
import { stopWorker } from './jobs/duplicate-worker';
import { stopEmailLogging } from './jobs/email-logging';
import { stopImports } from './jobs/contact-import';

export default {
  register,
  bootstrap,
  destroy: async ({ strapi }: { strapi: Core.Strapi }) => {
    await stopImports(strapi);
    await stopEmailLogging(strapi);
    await stopWorker(strapi);
  },
  config: { default: {}, validator() {} },
  contentTypes,
  services,
  controllers,
  routes,
  policies,
  middlewares: {},
};
