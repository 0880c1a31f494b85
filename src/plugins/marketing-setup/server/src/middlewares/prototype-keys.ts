import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

/** What Strapi's body parser (koa-body → co-body → @hapi/bourne) throws for a JSON body with a `__proto__` key. */
const PROTOTYPE_REFUSAL = 'Object contains forbidden prototype property';

type BodyErrorHandler = (error: Error, ctx: Context) => void;
type MiddlewareEntry = string | { name?: string; resolve?: string; config?: Record<string, unknown> };

/** The plugin's routes (content API and admin API) and the Content Manager's routes of its types. */
const pluginPaths = (strapi: Core.Strapi) => {
  const rest = String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/$/, '');
  return [
    `${rest}/marketing-setup/`,
    '/marketing-setup/',
    '/content-manager/collection-types/plugin::marketing-setup.',
    '/content-manager/single-types/plugin::marketing-setup.',
  ];
};

/**
 * Strapi's body parser refuses a JSON body with a `__proto__` key anywhere, before any route runs, with a 400
 * "Object contains forbidden prototype property" that names no key and no field. On the plugin's routes such a body
 * is handed to the plugin's guards instead (middlewares/input-guard.ts), which answer `__proto__` as they answer
 * `constructor`: a key that is no field of the record — refused in a REST body's `data` ("There is no field
 * "__proto__" on a Contact record; leave it out."), left out where the route leaves out unknown keys (a Content
 * Manager record). The body is read again with JSON.parse, which makes `__proto__` an own key, never a prototype.
 *
 * Done with koa-body's `onError` on the app's `strapi::body` entry (called in the plugin's register, before the app's
 * middlewares are built): any other error, and every other path, goes to the app's own `onError` or is thrown as
 * before.
 */
export function prototypeKeysToTheGuards(strapi: Core.Strapi): void {
  const entries = strapi.config.get('middlewares') as MiddlewareEntry[] | undefined;
  if (!Array.isArray(entries)) return;
  const paths = pluginPaths(strapi);
  const withHandler = (config: Record<string, unknown> = {}) => {
    const previous = config.onError as BodyErrorHandler | undefined;
    const onError: BodyErrorHandler = (error, ctx) => {
      const raw = (error as Error & { body?: unknown }).body;
      if (
        error?.message === PROTOTYPE_REFUSAL &&
        typeof raw === 'string' &&
        paths.some((p) => ctx.path.startsWith(p))
      ) {
        (ctx.request as { body?: unknown }).body = JSON.parse(raw);
        return;
      }
      if (previous) return previous(error, ctx);
      throw error;
    };
    return { ...config, onError };
  };
  strapi.config.set(
    'middlewares',
    entries.map((entry) => {
      if (entry === 'strapi::body') return { name: 'strapi::body', config: withHandler() };
      if (typeof entry === 'object' && entry?.name === 'strapi::body')
        return { ...entry, config: withHandler(entry.config) };
      return entry;
    }),
  );
}
