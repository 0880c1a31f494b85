/**
 * plain-contact router
 */

import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::plain-contact.plain-contact');
