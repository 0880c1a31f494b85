import type { Context } from 'koa';
import {
  dropIgnoredPrototypeKeys,
  filterValueProblem,
  findBadFilters,
  findUnsafeInput,
  findUnsafeValue,
  headlineOf,
  plainTypeMessage,
} from '../domain/input-guard';
import { validationError } from '../utils/errors';

/**
 * Route middleware of every plugin route (content API and admin API): refuses a request whose path
 * params, query or body carry what no route accepts (domain/input-guard.ts) with a 400 naming the field,
 * before any controller, validator or query sees it; and a filter value the database layer cannot cast.
 * `record`: the record type a core route writes ("Contact"): its body's top-level keys beside `data` are
 * ignored, as Strapi ignores them, prototype keys too; a key of `data` that is no field is named as such.
 */
const guard = (record?: string) => async (ctx: Context, next: () => Promise<unknown>) => {
  if (record) dropIgnoredPrototypeKeys(ctx.request?.body);
  const problem = findUnsafeInput({ params: ctx.params, query: ctx.query, body: ctx.request?.body, record });
  if (problem) throw validationError(problem.message, problem.path);
  try {
    return await next();
  } catch (err) {
    // A filter value Strapi's database layer could not cast (`filters[fuzzyScore][$gt]=abc`): a 400 naming it.
    const bad = filterValueProblem(err, ctx.query, ctx.request?.body, record);
    if (bad) throw validationError(bad.message, bad.path);
    // Several field messages under yup's "2 errors occurred": the first one heads the answer.
    const e = err as { message?: string; details?: { errors?: { message?: unknown; path?: unknown[] }[] } } | undefined;
    // A validator's wrong-type message ("Invalid input: expected array", "must be a `array` type"): plain words.
    const plainOnes = new Set<string>();
    for (const item of e?.details?.errors ?? []) {
      const plain = plainTypeMessage(item.message, item.path);
      if (!plain) continue;
      plainOnes.add(plain);
      if (err instanceof Error && err.message === item.message) err.message = plain;
      item.message = plain;
    }
    // Each item of a list of the wrong type said the same: once is enough.
    if (e?.details?.errors)
      e.details.errors = e.details.errors.filter(
        (x, i, all) => !plainOnes.has(x.message as string) || all.findIndex((y) => y.message === x.message) === i,
      );
    const headline = headlineOf(e?.message, e?.details?.errors);
    if (headline && err instanceof Error) err.message = headline;
    throw err;
  }
};
export const inputGuard = guard();

/**
 * Server middleware for the Content Manager's own routes on the plugin's content types (not plugin routes,
 * so `inputGuard` does not see them): their body passes the same check before Strapi's handler reads it, and
 * their query's `filters` the same shape check as the plugin's lists (domain/input-guard.ts findBadFilters). A
 * body nested thousands of levels deep overflowed the stack in the Content Manager's deep clone (a 500) before
 * any rule ran; `filters[id][$gt][$lt]=1` on the list view's route was a 500 from the database.
 */
const CONTENT_MANAGER_PATH = /^\/content-manager\/(?:collection|single)-types\/plugin::marketing-setup\./;
export const contentManagerBodyGuard = async (ctx: Context, next: () => Promise<unknown>) => {
  if (CONTENT_MANAGER_PATH.test(ctx.path)) {
    // A list where the record goes reached Strapi's permission sanitizer, which failed on it (500).
    if ((ctx.method === 'POST' || ctx.method === 'PUT') && Array.isArray(ctx.request?.body))
      throw validationError('Send the record as a JSON object, not a list.', []);
    // A record's key that is no field is left out by the Content Manager: `__proto__` and `constructor` too.
    dropIgnoredPrototypeKeys(ctx.request?.body);
    const problem = findUnsafeValue(ctx.request?.body) ?? findBadFilters((ctx.query ?? {}).filters);
    if (problem) throw validationError(problem.message, problem.path);
  }
  return next();
};

/** A route as a router declares it; only its config.middlewares is touched here. */
type Route = { config?: { middlewares?: unknown[] } & Record<string, unknown> } & Record<string, unknown>;
interface Router {
  type: string;
  prefix?: string;
  routes: Route[];
}

/**
 * The router with the input guard first in each route's middlewares. Core routers build their routes
 * lazily (the content type must be registered first), so the routes are read on demand. `record`: the
 * record type of a core router (see `guard`).
 */
export function withInputGuard<R extends Router>(router: R, record?: string): R {
  const first = record ? guard(record) : inputGuard;
  const guarded = (route: Route): Route => ({
    ...route,
    config: { ...route.config, middlewares: [first, ...(route.config?.middlewares ?? [])] },
  });
  let routes: Route[] | undefined;
  // No spread of `router`: it would call the core router's lazy `routes` getter now.
  return {
    type: router.type,
    prefix: router.prefix,
    get routes() {
      return (routes ??= router.routes.map(guarded));
    },
  } as R;
}
