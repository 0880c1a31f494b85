import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/services';

/**
 * POST /marketing-setup/duplicates/regenerate (settings.update): starts the bulk regeneration of search
 * strings and pairs → 202 with its status; while one runs → 200 with the running one.
 * GET /marketing-setup/duplicates/regenerate (settings.read): its status (state, processed / total, times, error).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async start(ctx: Context) {
    const { started, status } = await getService(strapi, 'duplicate-regeneration').begin();
    ctx.status = started ? 202 : 200;
    ctx.body = { data: status };
  },

  async status(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'duplicate-regeneration').status() };
  },
});
