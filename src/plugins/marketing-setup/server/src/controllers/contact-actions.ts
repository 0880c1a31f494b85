import type { Core } from '@strapi/strapi';
import { yup, validateYupSchema } from '@strapi/utils';
import { getService } from '../utils/services';

const resetBody = yup.object({ fields: yup.array(yup.string().required()).optional() }).noUnknown().strict();
const previewBody = yup.object({ data: yup.object().required() }).noUnknown();
const createAsBody = yup.object({ kind: yup.string().oneOf(['customer', 'vendor', 'bankAccount']).required() }).noUnknown().strict();
const linkBody = yup.object({
  kind: yup.string().oneOf(['customer', 'vendor', 'bankAccount']).required(),
  target: yup.string().required(),
  master: yup.string().oneOf(['contact', 'target']).default('contact'),
}).noUnknown().strict();
const salutationQuery = yup.object({
  type: yup.string().oneOf(['formal', 'informal']).default('formal'),
  language: yup.string().optional(),
}).noUnknown();
const duplicatesQuery = yup.object({ includeSeparate: yup.string().oneOf(['true', 'false']).optional() }).noUnknown();

/** Contact actions beyond CRUD; the body is validated here, at the edge, before any rule runs. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async resetInheritance(ctx: any) {
    const body = await validateYupSchema(resetBody)(ctx.request.body ?? {});
    const contact = await getService(strapi, 'contacts').resetInheritance(ctx.params.documentId, body.fields);
    ctx.body = { data: await strapi.contentAPI.sanitize.output(contact, strapi.getModel('plugin::marketing-setup.contact'), { auth: ctx.state.auth }) };
  },
  async propagationPreview(ctx: any) {
    const body = await validateYupSchema(previewBody)(ctx.request.body ?? {});
    ctx.body = { data: await getService(strapi, 'contacts').propagationPreview(ctx.params.documentId, body.data) };
  },
  async createAs(ctx: any) {
    const body = await validateYupSchema(createAsBody)(ctx.request.body ?? {});
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'business-relations').createAs(ctx.params.documentId, body.kind as any) };
  },
  async link(ctx: any) {
    const body = await validateYupSchema(linkBody)(ctx.request.body ?? {});
    ctx.body = { data: await getService(strapi, 'business-relations').linkExisting(ctx.params.documentId, body.kind as any, body.target, (body.master ?? 'contact') as any) };
  },
  async salutation(ctx: any) {
    const query = await validateYupSchema(salutationQuery)(ctx.query ?? {});
    ctx.body = { data: await getService(strapi, 'contacts').salutation(ctx.params.documentId, (query.type ?? 'formal') as any, query.language) };
  },
  async findDuplicates(ctx: any) {
    await validateYupSchema(yup.object({}).noUnknown())(ctx.request.body ?? {});
    ctx.body = { data: await getService(strapi, 'duplicates').findFor(ctx.params.documentId) };
  },
  async duplicates(ctx: any) {
    const query = await validateYupSchema(duplicatesQuery)(ctx.query ?? {});
    ctx.body = { data: await getService(strapi, 'duplicates').listFor(ctx.params.documentId, query.includeSeparate === 'true') };
  },
});
