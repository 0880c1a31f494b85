import type { Core } from '@strapi/strapi';
import { logBody, parse } from '../validation/content-api';
import { getService } from '../utils/services';

/** Content API of interactions; input is validated here, the timeline query in the domain. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async log(ctx: any) {
    const body = parse(logBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'interactions').log(body as any) };
  },
  async timeline(ctx: any) {
    ctx.body = await getService(strapi, 'interactions').timeline(ctx.params.documentId, ctx.query ?? {});
  },
});
