import type { Context } from 'koa';
import { withoutMaintainedFields } from '../domain/contact-fields';

/**
 * Route middleware of the contact's REST create and update: the fields the plugin fills in
 * (`MAINTAINED_CONTACT_FIELDS`: Company Name, No. Series, the inheritance overrides, the business relation) are
 * taken out of the body before Strapi's input validation reads it. Two of them are not writable attributes, and
 * Strapi refused them ("Invalid key inheritanceOverrides"), so a client that GETs a contact and PUTs it back was
 * refused; the write rule ignores a value sent for any of them (write-rules/contact.ts), as the Content Manager does.
 */
export const ignoreMaintainedContactFields = async (ctx: Context, next: () => Promise<unknown>) => {
  const data = ctx.request?.body?.data;
  if (data && typeof data === 'object' && !Array.isArray(data)) withoutMaintainedFields(data);
  return next();
};
