import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import document from '../openapi.json';

/**
 * GET /api/marketing-setup/openapi.json: the plugin's OpenAPI document as `npm run openapi` generated it from the
 * routes (server/src/openapi.json, the same as docs/openapi.json; a test fails when either no longer matches the
 * routes). Not generated per process: Strapi's generator walks every route of the app synchronously — 20–40 s
 * in which the server answered nobody, at the first request of any token holder.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let served: typeof document | undefined;
  return {
    async find(ctx: Context) {
      served ??= withRestPrefix(document, String(strapi.config.get('api.rest.prefix', '/api')));
      ctx.body = served;
    },
  };
};

/** The document's content-API paths under the host's REST prefix (generated under /api). */
function withRestPrefix<D extends { paths: Record<string, unknown> }>(doc: D, prefix: string): D {
  if (prefix === '/api') return doc;
  const paths = Object.fromEntries(
    Object.entries(doc.paths).map(([p, item]) => [p.startsWith('/api/') ? `${prefix}${p.slice(4)}` : p, item]),
  );
  return { ...doc, paths };
}
