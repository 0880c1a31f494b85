import type { Write } from '../repositories/unit-of-work';
import type { StoredDocument, WriteRules } from './types';
import { normaliseLine, normaliseSeriesFlags, seriesOfLine, type NoSeriesLine } from '../domain/numbering';
import { relationInput } from '../domain/relation-input';
import { isoDate } from '../repositories/tables';
import { findLine, findSeries, hasSequences, resetSequence, type StoredLine } from '../repositories/number-series';
import { sequenceLastNo } from '../operations/numbering';
import { LINE_FIELDS } from '../../../shared/contracts/no-series';

const NO_FIELDS = ['startingNo', 'endingNo', 'warningNo', 'lastNoUsed'] as const;

type StoredLineRow = NonNullable<Awaited<ReturnType<typeof findLine>>>;

/** The one flag a write sets (a toggle), or null when it sets both or neither. */
const flagChanged = (data: Record<string, unknown>) =>
  data.defaultNos !== undefined && data.manualNos === undefined
    ? 'defaultNos'
    : data.manualNos !== undefined && data.defaultNos === undefined
      ? 'manualNos'
      : null;

const seriesRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    Object.assign(
      data,
      normaliseSeriesFlags(
        { defaultNos: data.defaultNos ?? true, manualNos: data.manualNos ?? false },
        flagChanged(data),
      ),
    );
    return next();
  },
  async update(write, next) {
    const data = (write.params.data ??= {});
    if (data.defaultNos === undefined && data.manualNos === undefined) return next();
    const before = await findSeries(write.strapi, { documentId: write.params.documentId });
    if (!before) return next();
    const changed = flagChanged(data);
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
async function seriesCodeOf(write: Write, data: Record<string, unknown>, before: StoredLineRow | null) {
  const ref = relationInput(data.series, before ? (before.series ?? null) : null, 'series');
  if (ref === undefined) delete data.series;
  const named = ref ? await findSeries(write.strapi, ref) : undefined;
  return seriesOfLine(ref === null, named, before?.series ?? null);
}

/** Validates and harmonises a line (reference §3.2) on create and update; keeps an allow-gaps line's sequence in step. */
async function writeLine(write: Write, next: () => Promise<StoredDocument>, before: StoredLineRow | null) {
  const data = (write.params.data ??= {});
  const code = await seriesCodeOf(write, data, before);
  const merged = Object.fromEntries(
    LINE_FIELDS.map((f) => [f, data[f] !== undefined ? data[f] : (before?.[f] ?? null)]),
  ) as unknown as NoSeriesLine;
  merged.startingDate = isoDate(merged.startingDate);
  merged.lastDateUsed = isoDate(merged.lastDateUsed);
  merged.incrementBy = merged.incrementBy ?? 1;
  merged.open = merged.open ?? true;
  merged.allowGaps = !!merged.allowGaps;
  const inSequence = hasSequences(write.strapi);
  if (inSequence && before?.allowGaps && data.lastNoUsed === undefined) {
    // An allow-gaps line counts in its sequence; take its position before the line is edited.
    merged.lastNoUsed = await sequenceLastNo(write.trx, { ...merged, id: before.id });
    if (merged.lastNoUsed !== before.lastNoUsed) data.lastNoUsed = merged.lastNoUsed;
  }
  const changed = NO_FIELDS.filter((f) => data[f] !== undefined);
  const line = normaliseLine(code, merged, changed.length === 1 ? changed[0] : undefined, changed);
  for (const f of [...NO_FIELDS, 'open'] as const) data[f] = line[f];
  const result = await next();
  const restart = ['startingNo', 'lastNoUsed', 'incrementBy', 'allowGaps'].some((f) => data[f] !== undefined);
  if (line.allowGaps && inSequence && line.startingNo && restart) {
    // Recreate the sequence from the line's current state (edits of numbers or increment restart it).
    await resetSequence(write.trx, { id: result.id ?? before!.id, ...line } as StoredLine);
  }
  return result;
}

const lineRules: WriteRules = {
  create: (write, next) => writeLine(write, next, null),
  async update(write, next) {
    const before = await findLine(write.strapi, write.params.documentId);
    if (!before) return next();
    return writeLine(write, next, before);
  },
};

export { seriesRules, lineRules };
