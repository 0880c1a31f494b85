import type { Write } from '../repositories/unit-of-work';
import type { WriteRules } from './types';
import { normaliseLine, normaliseSeriesFlags, type NoSeriesLine } from '../domain/numbering';
import { relationInput } from '../domain/relation-input';
import { validationError } from '../utils/errors';
import { isoDate, isPostgres } from '../repositories/tables';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';

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
const NO_FIELDS = ['startingNo', 'endingNo', 'warningNo', 'lastNoUsed'] as const;

const seriesRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    Object.assign(
      data,
      normaliseSeriesFlags({ defaultNos: data.defaultNos ?? true, manualNos: data.manualNos ?? false }, null),
    );
    return next();
  },
  async update(write, next) {
    const data = (write.params.data ??= {});
    if (data.defaultNos === undefined && data.manualNos === undefined) return next();
    const before = await write.strapi.db
      .query(UID.noSeries)
      .findOne({ where: { documentId: write.params.documentId } });
    if (!before) return next();
    const changed =
      data.defaultNos !== undefined && data.manualNos === undefined
        ? 'defaultNos'
        : data.manualNos !== undefined && data.defaultNos === undefined
          ? 'manualNos'
          : null;
    Object.assign(
      data,
      normaliseSeriesFlags(
        { defaultNos: data.defaultNos ?? before.defaultNos, manualNos: data.manualNos ?? before.manualNos },
        changed,
      ),
    );
    return next();
  },
};

/** The series code, for messages ("… from the number series CONT"). */
async function seriesCodeOf(write: Write, data: Record<string, any>, before: any) {
  const ref = relationInput(data.series, before ? (before.series ?? null) : null, 'series');
  if (ref === undefined) delete data.series;
  if (ref === null) throw validationError('A number series line must belong to a number series.', ['series']);
  if (ref) {
    const series = await write.strapi.db.query(UID.noSeries).findOne({ where: ref });
    if (!series) throw validationError('The number series given for this line does not exist.', ['series']);
    return series.code;
  }
  if (before?.series) return before.series.code;
  throw validationError('A number series line must belong to a number series.', ['series']);
}

/** Validates and harmonises a line (reference §3.2) on create and update; keeps an allow-gaps line's sequence in step. */
async function writeLine(write: Write, next: () => Promise<any>, before: any) {
  const data = (write.params.data ??= {});
  const code = await seriesCodeOf(write, data, before);
  const merged = {} as NoSeriesLine;
  for (const f of LINE_FIELDS) (merged as any)[f] = data[f] !== undefined ? data[f] : (before?.[f] ?? null);
  merged.startingDate = isoDate(merged.startingDate);
  merged.lastDateUsed = isoDate(merged.lastDateUsed);
  merged.incrementBy = merged.incrementBy ?? 1;
  merged.open = merged.open ?? true;
  merged.allowGaps = !!merged.allowGaps;
  const pg = isPostgres(write.strapi);
  if (pg && before?.allowGaps && data.lastNoUsed === undefined) {
    // An allow-gaps line counts in its sequence; take its position before the line is edited.
    merged.lastNoUsed = await getService(write.strapi, 'number-series').sequenceLastNo(write.trx, {
      ...merged,
      id: before.id,
    });
    if (merged.lastNoUsed !== before.lastNoUsed) data.lastNoUsed = merged.lastNoUsed;
  }
  const changed = NO_FIELDS.filter((f) => data[f] !== undefined);
  const line = normaliseLine(code, merged, changed.length === 1 ? changed[0] : undefined);
  for (const f of [...NO_FIELDS, 'open'] as const) data[f] = line[f];
  const result = await next();
  const restart = ['startingNo', 'lastNoUsed', 'incrementBy', 'allowGaps'].some((f) => data[f] !== undefined);
  if (line.allowGaps && pg && line.startingNo && restart) {
    // Recreate the sequence from the line's current state (edits of numbers or increment restart it).
    const numbers = getService(write.strapi, 'number-series');
    await numbers.resetSequence(write.trx, { id: result.id ?? before.id, ...line });
  }
  return result;
}

const lineRules: WriteRules = {
  create: (write, next) => writeLine(write, next, null),
  async update(write, next) {
    const before = await write.strapi.db.query(UID.noSeriesLine).findOne({
      where: { documentId: write.params.documentId },
      populate: { series: { select: ['id', 'documentId', 'code'] } },
    });
    if (!before) return next();
    return writeLine(write, next, before);
  },
};

export { seriesRules, lineRules };
