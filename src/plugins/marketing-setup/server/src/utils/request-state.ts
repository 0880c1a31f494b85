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
  const ctx = strapi.requestContext.get() as any;
  if (!ctx?.state) return;
  ctx.state.marketingSetupDuplicates ??= {};
  ctx.state.marketingSetupDuplicates[documentId] = duplicates;
};

export const takeDuplicates = (ctx: any, documentId: string | undefined): ReportedDuplicate[] | undefined =>
  documentId ? ctx.state?.marketingSetupDuplicates?.[documentId] : undefined;
