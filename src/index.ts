import type { Core } from '@strapi/strapi';
import { seedDemoData } from './demo/seed';
import { seedDefaultRules } from './demo/default-rules';

export default {
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedDefaultRules(strapi);
    if (process.env.SEED_DEMO_DATA === 'true') await seedDemoData(strapi);
  },
};
