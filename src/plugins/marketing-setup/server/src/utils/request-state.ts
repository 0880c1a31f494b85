import type { Core } from '@strapi/strapi';

/** What the plugin keeps on a Koa request's state during a request. */
interface PluginState {
  marketingSetupWarnings?: string[];
  marketingSetupDuplicates?: Record<string, ReportedDuplicate[]>;
}
/** A Koa context, or anything else that carries a request state (a CSV import's own context). */
type WithState = { state?: PluginState } | null | undefined;

const current = (strapi: Core.Strapi) => strapi.requestContext.get() as WithState;

/**
 * Non-blocking messages (e.g. "number series will soon run out") collected during a write and
 * returned to the REST caller in `meta.warnings`. They live on the Koa request state, so nothing is
 * kept in process memory between requests.
 */
export const addWarning = (strapi: Core.Strapi, message: string) => {
  const state = current(strapi)?.state;
  if (!state) return;
  state.marketingSetupWarnings ??= [];
  if (!state.marketingSetupWarnings.includes(message)) state.marketingSetupWarnings.push(message);
};

export const takeWarnings = (ctx: WithState): string[] => {
  const warnings = ctx?.state?.marketingSetupWarnings ?? [];
  if (ctx?.state) ctx.state.marketingSetupWarnings = [];
  return warnings;
};

/** A duplicate found while a contact was saved, as `meta.duplicates` lists it. */
export interface ReportedDuplicate {
  documentId: string;
  no: string | null;
  name: string | null;
  pairDocumentId: string;
  matchingStrings: number;
  hitPercent: number;
  fuzzyScore: number;
  rules: string[];
}

/**
 * Duplicates of a contact saved during this request, by the contact's documentId: a request can save
 * several contacts (a customer's sync, a company's persons), and each response reports its own.
 */
export const reportDuplicates = (strapi: Core.Strapi, documentId: string, duplicates: ReportedDuplicate[]) => {
  const state = current(strapi)?.state;
  if (!state) return;
  state.marketingSetupDuplicates ??= {};
  state.marketingSetupDuplicates[documentId] = duplicates;
};

export const takeDuplicates = (ctx: WithState, documentId: string | undefined): ReportedDuplicate[] | undefined =>
  documentId ? ctx?.state?.marketingSetupDuplicates?.[documentId] : undefined;
