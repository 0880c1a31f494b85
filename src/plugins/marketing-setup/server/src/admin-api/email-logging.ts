import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validateYupSchema, yup } from '@strapi/utils';
import { getService } from '../utils/services';
import { runOnce } from '../jobs/email-logging';
import { parseCreateContactBody } from '../domain/email-logging';
import { checked } from '../utils/errors';
import { maxCharacters, strictObject } from '../validation/admin/fields';

/**
 * The unsaved connection fields the Test connection button may send (all optional: the saved ones fill the rest),
 * and `createMissing` (the "Create missing folders" button).
 */
const testSchema = strictObject({
  host: maxCharacters(yup.string().nullable().typeError('Enter the IMAP host name.'), 255),
  port: yup
    .number()
    .nullable()
    .typeError('Enter a port number.')
    .integer('Enter a whole number.')
    .min(1, 'Enter a port from 1 to 65535.')
    .max(65535, 'Enter a port from 1 to 65535.'),
  tls: yup.boolean().nullable().typeError('Choose on or off.'),
  user: maxCharacters(yup.string().nullable().typeError('Enter the IMAP user.'), 255),
  queueFolder: maxCharacters(yup.string().nullable().typeError('Enter the queue folder.'), 250),
  storageFolder: maxCharacters(yup.string().nullable().typeError('Enter the storage folder.'), 250),
  // The admin's explicit "Create missing folders": without it a missing folder is reported, never created.
  createMissing: yup.boolean().nullable().typeError('createMissing must be true or false.'),
});
const validateTest = validateYupSchema(testSchema);

/**
 * GET  /marketing-setup/email-logging                 status: last run, counts, next run, password / template present
 * POST /marketing-setup/email-logging/test            connect, report the folders (a missing one with its nearest
 *                                                     existing one; created only with createMissing: true) or the reason it failed
 * POST /marketing-setup/email-logging/run             one run now
 * GET  /marketing-setup/email-reviews?status=open     the review list
 * POST /marketing-setup/email-reviews/:id/link        { contact: documentId } → logged for that contact
 * POST /marketing-setup/email-reviews/:id/create-contact  { type?, name? } → contact created (all contact rules), logged
 * POST /marketing-setup/email-reviews/:id/ignore
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'email-logging');
  const body = (ctx: Context): Record<string, unknown> =>
    ctx.request.body && typeof ctx.request.body === 'object' ? ctx.request.body : {};
  return {
    async status(ctx: Context) {
      ctx.body = { data: await service().status() };
    },
    async test(ctx: Context) {
      const input = await validateTest(body(ctx));
      ctx.body = { data: await service().test(input) };
    },
    async run(ctx: Context) {
      // The job runs one run at a time in this process (and one instance at a time).
      const result = await runOnce(strapi);
      ctx.body = { data: { result, status: await service().status() } };
    },
    async reviews(ctx: Context) {
      ctx.body = await service().reviews(ctx.query ?? {});
    },
    async link(ctx: Context) {
      ctx.body = { data: await service().link(ctx.params.documentId, body(ctx).contact) };
    },
    async createContact(ctx: Context) {
      const input = checked(() => parseCreateContactBody(body(ctx)));
      ctx.status = 201;
      ctx.body = { data: await service().createContact(ctx.params.documentId, input, ctx.state.user?.id ?? null) };
    },
    async ignore(ctx: Context) {
      ctx.body = { data: await service().ignore(ctx.params.documentId) };
    },
  };
};
