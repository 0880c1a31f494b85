import type { Core } from '@strapi/strapi';
import { register } from './register';
import { bootstrap } from './bootstrap';
import contentTypes from './content-types';
import { services } from './services';
import { controllers } from './controllers';
import { routes } from './routes';
import { stopWorker } from './jobs/duplicate-worker';

export default {
  register,
  bootstrap,
  destroy: ({ strapi }: { strapi: Core.Strapi }) => stopWorker(strapi),
  config: { default: {}, validator() {} },
  contentTypes,
  services,
  controllers,
  routes,
  policies: {},
  middlewares: {},
};
