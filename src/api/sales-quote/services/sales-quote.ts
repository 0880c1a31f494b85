import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::sales-quote.sales-quote');
