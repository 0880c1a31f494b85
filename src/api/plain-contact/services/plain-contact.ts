/**
 * plain-contact service
 */

import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::plain-contact.plain-contact');
