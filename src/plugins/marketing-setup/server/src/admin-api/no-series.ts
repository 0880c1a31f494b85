import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { isoDate } from '../repositories/tables';
import { nextLineNo, normaliseSeriesCode, type NoSeriesLine } from '../domain/numbering';
import { toHttpError } from '../utils/errors';
import { validateLine, validateSeriesCreate, validateSeriesUpdate } from '../validation/admin/no-series';
import type { StoredDocument } from '../write-rules/types';
import {
  LINE_FIELDS,
  SERIES_FIELDS,
  type SeriesDetail,
  type SeriesDetailResponse,
  type SeriesLine,
  type SeriesListResponse,
  type SeriesSummary,
} from '../../../shared/contracts/no-series';
import { blankToNull, fieldErrors } from './shared';
import { documents } from '../utils/documents';

/** Examples of the bodies, for the message of a body that is no object. */
const SERIES_BODY = '{ "code": "CONT", "description": "Contacts", "defaultNos": true }';
const LINE_BODY = '{ "startingNo": "CT000001", "endingNo": "CT999999" }';

const pick = <F extends string>(row: Record<string, unknown>, fields: readonly F[]) =>
  Object.fromEntries(fields.map((f) => [f, row[f] ?? null])) as Record<F, unknown>;

/**
 * Number series screens: list, create and edit series; create, edit and delete their lines; the next
 * number of a series. Writes go through documents(strapi, ), so the numbering write rules run (format
 * harmonisation, range checks) and answer with ValidationErrors naming the field.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const numbers = () => getService(strapi, 'number-series');

  const findSeries = async (documentId: string) => {
    const series = await documents(strapi, UID.noSeries).findOne({
      documentId,
      populate: { lines: { sort: ['lineNo:asc', 'id:asc'] } },
    });
    if (!series) throw new errors.NotFoundError('This number series does not exist (any more).');
    return series as StoredDocument & { lines?: StoredDocument[] };
  };

  const seriesDetail = async (documentId: string): Promise<SeriesDetail> => {
    const series = await findSeries(documentId);
    const lines = await Promise.all(
      (series.lines ?? []).map(async (line) => {
        const out = { documentId: line.documentId, ...pick(line, LINE_FIELDS) } as SeriesLine;
        out.lastNoUsed = (await numbers().shownLastNo({
          ...(line as unknown as NoSeriesLine & { id: number }),
          startingDate: isoDate(line.startingDate),
          lastDateUsed: isoDate(line.lastDateUsed),
        })) as SeriesLine['lastNoUsed'];
        return out;
      }),
    );
    const next = await numbers().nextNumber(series.id);
    return {
      documentId: series.documentId,
      ...(pick(series, SERIES_FIELDS) as Omit<SeriesDetail, 'documentId' | 'lines' | 'nextNo' | 'nextNoError'>),
      lines,
      nextNo: next.no,
      nextNoError: next.error,
    };
  };

  const assertCodeFree = async (code: string, exceptDocumentId?: string) => {
    const taken = await documents(strapi, UID.noSeries).findFirst({ filters: { code }, fields: ['id'] });
    if (taken && taken.documentId !== exceptDocumentId) {
      throw fieldErrors([{ path: ['code'], message: `A number series with the code ${code} already exists.` }]);
    }
  };

  /** The code as REST stores it too (domain/numbering.ts). */
  const normaliseCode = (input: Record<string, unknown>) => {
    if (input.code === undefined) return;
    try {
      input.code = normaliseSeriesCode(input.code);
    } catch (err) {
      throw toHttpError(err);
    }
  };

  const lineOf = async (documentId: string) => {
    const line = await documents(strapi, UID.noSeriesLine).findOne({
      documentId,
      populate: { series: { fields: ['code'] } },
    });
    if (!line?.series) throw new errors.NotFoundError('This number series line does not exist (any more).');
    return line as StoredDocument & { series: StoredDocument };
  };

  const detailBody = async (documentId: string): Promise<SeriesDetailResponse> => ({
    data: await seriesDetail(documentId),
  });

  return {
    /** GET /no-series: every series with its number of lines and next number. */
    async find(ctx: Context) {
      const rows = (await documents(strapi, UID.noSeries).findMany({
        sort: 'code:asc',
        populate: { lines: { fields: ['id'] } },
      })) as (StoredDocument & { lines?: unknown[] })[];
      const data: SeriesSummary[] = [];
      for (const row of rows) {
        const next = await numbers().nextNumber(row.id);
        data.push({
          documentId: row.documentId,
          ...(pick(row, SERIES_FIELDS) as Omit<SeriesSummary, 'documentId' | 'lineCount' | 'nextNo' | 'nextNoError'>),
          lineCount: row.lines?.length ?? 0,
          nextNo: next.no,
          nextNoError: next.error,
        });
      }
      const body: SeriesListResponse = { data };
      ctx.body = body;
    },

    async findOne(ctx: Context) {
      ctx.body = await detailBody(ctx.params.documentId);
    },

    async create(ctx: Context) {
      const input: Record<string, unknown> = await validateSeriesCreate(blankToNull(ctx.request.body, SERIES_BODY));
      normaliseCode(input);
      await assertCodeFree(input.code as string);
      const created = await documents(strapi, UID.noSeries).create({ data: input });
      ctx.status = 201;
      ctx.body = await detailBody(created.documentId);
    },

    async update(ctx: Context) {
      const { documentId } = ctx.params;
      await findSeries(documentId);
      const input: Record<string, unknown> = await validateSeriesUpdate(blankToNull(ctx.request.body, SERIES_BODY));
      normaliseCode(input);
      if (input.code) await assertCodeFree(input.code as string, documentId);
      await documents(strapi, UID.noSeries).update({ documentId, data: input });
      ctx.body = await detailBody(documentId);
    },

    /** POST /no-series/:documentId/lines: a new line, numbered after the last one unless lineNo is given. */
    async createLine(ctx: Context) {
      const { documentId } = ctx.params;
      const series = await findSeries(documentId);
      const input: Record<string, unknown> = await validateLine(blankToNull(ctx.request.body, LINE_BODY));
      if (input.lineNo == null) input.lineNo = nextLineNo((series.lines ?? []).map((l) => l.lineNo));
      await documents(strapi, UID.noSeriesLine).create({ data: { ...input, series: documentId } });
      ctx.status = 201;
      ctx.body = await detailBody(documentId);
    },

    async updateLine(ctx: Context) {
      const line = await lineOf(ctx.params.documentId);
      const input: Record<string, unknown> = await validateLine(blankToNull(ctx.request.body, LINE_BODY));
      await documents(strapi, UID.noSeriesLine).update({ documentId: line.documentId, data: input });
      ctx.body = await detailBody(line.series.documentId);
    },

    async deleteLine(ctx: Context) {
      const line = await lineOf(ctx.params.documentId);
      await documents(strapi, UID.noSeriesLine).delete({ documentId: line.documentId });
      ctx.body = await detailBody(line.series.documentId);
    },
  };
};
