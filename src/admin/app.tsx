import type { StrapiApp } from '@strapi/strapi/admin';

// Admin panel customisation of the host app. Dutch is offered next to English: the marketing-setup
// plugin ships en and nl translations (its users are Belgian), and Strapi's own admin has nl as well.
export default {
  config: {
    locales: ['nl'],
  },
  bootstrap(_app: StrapiApp) {},
};
