import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { isoDate, isPostgres } from '../repositories/tables';
import { nextLineNo, normaliseSeriesCode } from '../domain/numbering';
import { toHttpError } from '../utils/errors';
import { blankToNull, fieldErrors } from './shared';
import { validateLine, validateSeriesCreate, validateSeriesUpdate } from './validation';

const SERIES_FIELDS = ['code', 'description', 'defaultNos', 'manualNos', 'dateOrder'] as const;
const LINE_FIELDS = [
  'lineNo',
  'startingDate',
  'startingNo',
  'endingNo',
  'warningNo',
  'incrementBy',
  'lastNoUsed',
  'lastDateUsed',
  'open',
  'allowGaps',
] as const;

const pick = (row: any, fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));

/**
 * Number series screens: list, create and edit series; create, edit and delete their lines; the next
 * number of a series. Writes go through strapi.documents(), so the numbering write rules run (format
 * harmonisation, range checks) and answer with ValidationErrors naming the field.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const numbers = () => getService(strapi, 'number-series');

  /** The number the next record would get from the series (nothing is drawn), or why there is none. */
  const nextNumber = (seriesId: number) =>
    strapi.db.transaction(async ({ trx }) => (await numbers().preview(trx, seriesId)) ?? { no: null, error: null });

  const findSeries = async (documentId: string) => {
    const series: any = await strapi.documents(UID.noSeries).findOne({
      documentId,
      populate: { lines: { sort: ['lineNo:asc', 'id:asc'] } },
    } as any);
    if (!series) throw new errors.NotFoundError('This number series does not exist (any more).');
    return series;
  };

  const seriesDetail = async (documentId: string) => {
    const series = await findSeries(documentId);
    const lines = await Promise.all(
      (series.lines ?? []).map(async (line: any) => {
        const out: Record<string, unknown> = { documentId: line.documentId, ...pick(line, LINE_FIELDS) };
        if (isPostgres(strapi) && line.allowGaps && (line.startingNo || line.lastNoUsed)) {
          // An allow-gaps line counts in a PostgreSQL sequence: show where the sequence really is.
          out.lastNoUsed = await strapi.db.transaction(({ trx }) =>
            numbers().sequenceLastNo(trx, {
              ...line,
              startingDate: isoDate(line.startingDate),
              lastDateUsed: isoDate(line.lastDateUsed),
            }),
          );
        }
        return out;
      }),
    );
    const next = await nextNumber(series.id);
    return {
      documentId: series.documentId,
      ...pick(series, SERIES_FIELDS),
      lines,
      nextNo: next.no,
      nextNoError: next.error,
    };
  };

  const assertCodeFree = async (code: string, exceptDocumentId?: string) => {
    const taken: any = await strapi.documents(UID.noSeries).findFirst({ filters: { code }, fields: ['id'] } as any);
    if (taken && taken.documentId !== exceptDocumentId) {
      throw fieldErrors([{ path: ['code'], message: `A number series with the code ${code} already exists.` }]);
    }
  };

  const normaliseCode = (input: Record<string, unknown>) => {
    if (input.code === undefined) return;
    try {
      input.code = normaliseSeriesCode(input.code);
    } catch (err) {
      throw toHttpError(err);
    }
  };

  const lineOf = async (documentId: string) => {
    const line: any = await strapi
      .documents(UID.noSeriesLine)
      .findOne({ documentId, populate: { series: { fields: ['code'] } } } as any);
    if (!line?.series) throw new errors.NotFoundError('This number series line does not exist (any more).');
    return line;
  };

  return {
    /** GET /no-series: every series with its number of lines and next number. */
    async find(ctx: any) {
      const rows: any[] = await strapi.documents(UID.noSeries).findMany({
        sort: 'code:asc',
        populate: { lines: { fields: ['id'] } },
      } as any);
      const data: Record<string, unknown>[] = [];
      for (const row of rows) {
        const next = await nextNumber(row.id);
        data.push({
          documentId: row.documentId,
          ...pick(row, SERIES_FIELDS),
          lineCount: row.lines?.length ?? 0,
          nextNo: next.no,
          nextNoError: next.error,
        });
      }
      ctx.body = { data };
    },

    async findOne(ctx: any) {
      ctx.body = { data: await seriesDetail(ctx.params.documentId) };
    },

    async create(ctx: any) {
      const input: Record<string, any> = await validateSeriesCreate(blankToNull(ctx.request.body));
      normaliseCode(input);
      await assertCodeFree(input.code);
      const created: any = await strapi.documents(UID.noSeries).create({ data: input } as any);
      ctx.status = 201;
      ctx.body = { data: await seriesDetail(created.documentId) };
    },

    async update(ctx: any) {
      const { documentId } = ctx.params;
      await findSeries(documentId);
      const input: Record<string, any> = await validateSeriesUpdate(blankToNull(ctx.request.body));
      normaliseCode(input);
      if (input.code) await assertCodeFree(input.code, documentId);
      await strapi.documents(UID.noSeries).update({ documentId, data: input } as any);
      ctx.body = { data: await seriesDetail(documentId) };
    },

    /** POST /no-series/:documentId/lines: a new line, numbered after the last one unless lineNo is given. */
    async createLine(ctx: any) {
      const { documentId } = ctx.params;
      const series = await findSeries(documentId);
      const input: Record<string, any> = await validateLine(blankToNull(ctx.request.body));
      if (input.lineNo == null) input.lineNo = nextLineNo((series.lines ?? []).map((l: any) => l.lineNo));
      await strapi.documents(UID.noSeriesLine).create({ data: { ...input, series: documentId } } as any);
      ctx.status = 201;
      ctx.body = { data: await seriesDetail(documentId) };
    },

    async updateLine(ctx: any) {
      const line = await lineOf(ctx.params.documentId);
      const input = await validateLine(blankToNull(ctx.request.body));
      await strapi.documents(UID.noSeriesLine).update({ documentId: line.documentId, data: input } as any);
      ctx.body = { data: await seriesDetail(line.series.documentId) };
    },

    async deleteLine(ctx: any) {
      const line = await lineOf(ctx.params.documentId);
      await strapi.documents(UID.noSeriesLine).delete({ documentId: line.documentId } as any);
      ctx.body = { data: await seriesDetail(line.series.documentId) };
    },
  };
};
