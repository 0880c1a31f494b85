import type { Core } from '@strapi/strapi';
import { validateYupSchema, yup } from '@strapi/utils';
import { getService } from '../utils/services';

/** The unsaved connection fields the Test connection button may send (all optional: the saved ones fill the rest). */
const testSchema = yup
  .object({
    host: yup.string().nullable().typeError('Enter the IMAP host name.').max(255),
    port: yup
      .number()
      .nullable()
      .typeError('Enter a port number.')
      .integer('Enter a whole number.')
      .min(1, 'Enter a port from 1 to 65535.')
      .max(65535, 'Enter a port from 1 to 65535.'),
    tls: yup.boolean().nullable().typeError('Choose on or off.'),
    user: yup.string().nullable().typeError('Enter the IMAP user.').max(255),
    queueFolder: yup.string().nullable().typeError('Enter the queue folder.').max(250),
    storageFolder: yup.string().nullable().typeError('Enter the storage folder.').max(250),
  })
  .noUnknown(true, (p: any) => `These fields cannot be set here: ${p.unknown}.`);
const validateTest = validateYupSchema(testSchema);

/**
 * GET  /marketing-setup/email-logging                 status: last run, counts, next run, password / template present
 * POST /marketing-setup/email-logging/test            connect, create missing folders, report (or the reason it failed)
 * POST /marketing-setup/email-logging/run             one run now
 * GET  /marketing-setup/email-reviews?status=open     the review list
 * POST /marketing-setup/email-reviews/:id/link        { contact: documentId } → logged for that contact
 * POST /marketing-setup/email-reviews/:id/create-contact  { type?, name? } → contact created (all contact rules), logged
 * POST /marketing-setup/email-reviews/:id/ignore
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'email-logging');
  const body = (ctx: any) => (ctx.request.body && typeof ctx.request.body === 'object' ? ctx.request.body : {});
  return {
    async status(ctx: any) {
      ctx.body = { data: await service().status() };
    },
    async test(ctx: any) {
      const input = await validateTest(body(ctx));
      ctx.body = { data: await service().test(input as any) };
    },
    async run(ctx: any) {
      const result = await service().run();
      ctx.body = { data: { result, status: await service().status() } };
    },
    async reviews(ctx: any) {
      ctx.body = await service().reviews(ctx.query ?? {});
    },
    async link(ctx: any) {
      ctx.body = { data: await service().link(ctx.params.documentId, body(ctx).contact) };
    },
    async createContact(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await service().createContact(ctx.params.documentId, body(ctx)) };
    },
    async ignore(ctx: any) {
      ctx.body = { data: await service().ignore(ctx.params.documentId) };
    },
  };
};
