/**
 * plain-contact controller
 */

import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::plain-contact.plain-contact');
