import type { Context } from 'koa';
import { nextLineNo, normaliseSeriesCode } from '../domain/numbering';
import { readRelationChange } from '../domain/relation-input';
import { checked } from '../utils/errors';
import { UID } from '../utils/uids';
import { documents } from '../utils/documents';

type Next = () => Promise<unknown>;

const dataOf = (ctx: Context): Record<string, unknown> | null => {
  const data = ctx.request?.body?.data;
  return data && typeof data === 'object' && !Array.isArray(data) ? data : null;
};

/**
 * Route middleware of the number series' REST create and update: the code is stored as the admin stores
 * it (domain/numbering.ts normaliseSeriesCode), so both APIs keep one spelling of a series.
 */
export const seriesCode = async (ctx: Context, next: Next) => {
  const data = dataOf(ctx);
  if (data && 'code' in data) {
    data.code = checked(() => normaliseSeriesCode(data.code));
  }
  return next();
};

/**
 * Route middleware of the series line's REST create: a line without a line number goes after the series'
 * last line (domain/numbering.ts nextLineNo), as on the admin's number series screen.
 */
export const lineNoAfterLast = async (ctx: Context, next: Next) => {
  const data = dataOf(ctx);
  if (data && data.lineNo == null) {
    const change = checked(() => readRelationChange(data.series, 'series'));
    if (change.kind === 'set') {
      const ref = change.ref;
      const filters = 'documentId' in ref ? { documentId: ref.documentId } : { id: ref.id };
      // An unknown series is left to the write, which refuses it as before.
      const series = await documents(strapi, UID.noSeries).findFirst({
        filters,
        populate: { lines: { fields: ['lineNo'] } },
      });
      if (series) data.lineNo = nextLineNo(((series.lines ?? []) as { lineNo?: unknown }[]).map((l) => l.lineNo));
    }
  }
  return next();
};
