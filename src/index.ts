import type { Core } from '@strapi/strapi';
import { seedDemoData } from './demo/seed';

export default {
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (process.env.SEED_DEMO_DATA === 'true') await seedDemoData(strapi);
  },
};
