import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { buildOpenApiDocument, pluginVersion } from '../openapi';
import { notFound } from '../utils/errors';

/** GET /api/marketing-setup/openapi.json: the plugin's OpenAPI document, built once per process from its routes. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: ReturnType<typeof buildOpenApiDocument> | undefined;
  return {
    async find(ctx: Context) {
      cached ??= buildOpenApiDocument(strapi, pluginVersion());
      if (!cached)
        throw notFound(
          'This Strapi version does not ship the OpenAPI generator (@strapi/openapi); see docs/openapi.json in the plugin.',
        );
      ctx.body = cached;
    },
  };
};
