import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { logBody, parse } from '../validation/content-api';
import { getService } from '../utils/services';
import type { LogBody } from '../services/interactions';

/** Content API of interactions; input is validated here, the timeline query in the domain. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async log(ctx: Context) {
    const body = parse(logBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'interactions').log(body as LogBody) };
  },
  async timeline(ctx: Context) {
    ctx.body = await getService(strapi, 'interactions').timeline(ctx.params.documentId, ctx.query ?? {});
  },
});
