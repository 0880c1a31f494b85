import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import {
  createAsBody,
  duplicatesQuery,
  emptyBody,
  linkBody,
  parse,
  propagationPreviewBody,
  resetInheritanceBody,
  salutationQuery,
} from '../validation/content-api';

/** Contact actions beyond CRUD; the body is validated here, at the edge, before any rule runs. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async resetInheritance(ctx: Context) {
    const body = parse(resetInheritanceBody, ctx.request.body);
    const contact = await getService(strapi, 'contacts').resetInheritance(ctx.params.documentId, body.fields);
    ctx.body = {
      data: await strapi.contentAPI.sanitize.output(contact, strapi.getModel(UID.contact), {
        auth: ctx.state.auth,
      }),
    };
  },
  async propagationPreview(ctx: Context) {
    const body = parse(propagationPreviewBody, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'contacts').propagationPreview(ctx.params.documentId, body.data) };
  },
  async createAs(ctx: Context) {
    const body = parse(createAsBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = {
      data: await getService(strapi, 'business-relations').createAs(ctx.params.documentId, body.kind),
    };
  },
  async link(ctx: Context) {
    const body = parse(linkBody, ctx.request.body);
    ctx.body = {
      data: await getService(strapi, 'business-relations').linkExisting(
        ctx.params.documentId,
        body.kind,
        body.target,
        body.master,
      ),
    };
  },
  async salutation(ctx: Context) {
    const query = parse(salutationQuery, ctx.query);
    ctx.body = {
      data: await getService(strapi, 'contacts').salutation(ctx.params.documentId, query.type, query.language),
    };
  },
  async findDuplicates(ctx: Context) {
    parse(emptyBody, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'duplicates').findFor(ctx.params.documentId) };
  },
  async duplicates(ctx: Context) {
    const query = parse(duplicatesQuery, ctx.query);
    ctx.body = {
      data: await getService(strapi, 'duplicates').listFor(ctx.params.documentId, query.includeSeparate === 'true'),
    };
  },
});
