import type { Core } from '@strapi/strapi';

/**
 * Non-blocking messages (e.g. "number series will soon run out") collected during a write and
 * returned to the REST caller in `meta.warnings`. They live on the Koa request state, so nothing is
 * kept in process memory between requests.
 */
export const addWarning = (strapi: Core.Strapi, message: string) => {
  const ctx = strapi.requestContext.get() as any;
  if (!ctx?.state) return;
  ctx.state.marketingSetupWarnings ??= [];
  if (!ctx.state.marketingSetupWarnings.includes(message)) ctx.state.marketingSetupWarnings.push(message);
};

export const takeWarnings = (ctx: any): string[] => {
  const warnings = ctx.state?.marketingSetupWarnings ?? [];
  if (ctx.state) ctx.state.marketingSetupWarnings = [];
  return warnings;
};
