/**
 * Drawing and checking numbers of a series, shared by the numbering write rules (contacts,
 * opportunities, customers, …) and the number-series service (the admin's preview).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  assertAutomaticAllowed,
  assertManualAllowed,
  chooseLine,
  checkRange,
  drawNext,
  formatInPattern,
  lastNoAfterDraws,
  type NoSeries,
} from '../domain/numbering';
import { RuleViolation } from '../domain/errors';
import { today } from '../repositories/tables';
import {
  countsInSequence,
  lastSequenceValue,
  loadSeries,
  loadSeriesWithLines,
  lockLine,
  nextSequenceValue,
  numberTaken,
  saveLineUsage,
  type StoredLine,
} from '../repositories/number-series';
import { addWarning } from '../utils/request-state';

/** Draw from a gapless line: the row lock is held until the transaction ends. */
async function drawGapless(strapi: Core.Strapi, trx: Knex.Transaction, series: NoSeries, lineId: number, date: string) {
  const { no, warning, line } = drawNext(series, await lockLine(strapi, trx, lineId), date);
  await saveLineUsage(strapi, trx, { ...line, id: lineId });
  return { no, warning };
}

/** Draw from an "allow gaps" line: a PostgreSQL sequence, no row lock, numbers of failed writes are lost. */
async function drawFromSequence(trx: Knex.Transaction, series: NoSeries, line: StoredLine) {
  const no = formatInPattern(line.startingNo ?? line.lastNoUsed!, await nextSequenceValue(trx, line));
  return { no, warning: checkRange(series.code, line, no).warning };
}

/** The last number a line's sequence handed out (the line's own lastNoUsed when it has not been used), formatted. */
export async function sequenceLastNo(trx: Knex.Transaction, line: StoredLine) {
  const value = await lastSequenceValue(trx, line.id);
  return value === null ? line.lastNoUsed : formatInPattern(line.startingNo ?? line.lastNoUsed!, value);
}

/**
 * The next number of series `seriesId` for a record of `target.uid` whose number lives in
 * `target.attribute`. Numbers already taken (e.g. entered by hand) are skipped. Warnings go to the response meta.
 */
export async function drawNumber(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  seriesId: number,
  target: { uid: string; attribute: string },
  date = today(),
) {
  const loaded = await loadSeriesWithLines(strapi, trx, seriesId);
  if (!loaded) throw new RuleViolation('The number series set up for this record no longer exists.');
  const { series } = loaded;
  assertAutomaticAllowed(series);
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const lines = attempt === 0 ? loaded.lines : ((await loadSeriesWithLines(strapi, trx, seriesId))?.lines ?? []);
    const line = chooseLine(series.code, lines, date) as StoredLine;
    const drawn = countsInSequence(strapi, line)
      ? await drawFromSequence(trx, series, line)
      : await drawGapless(strapi, trx, series, line.id, date);
    if (await numberTaken(strapi, trx, target.uid, target.attribute, drawn.no)) continue;
    if (drawn.warning) addWarning(strapi, drawn.warning);
    return { no: drawn.no, seriesCode: series.code };
  }
  throw new RuleViolation(`The number series ${series.code} keeps returning numbers that are already in use.`);
}

/** A hand-entered number is only accepted when the setup series allows manual numbers. */
export async function assertManualNumber(strapi: Core.Strapi, trx: Knex.Transaction, seriesId: number | null) {
  assertManualAllowed(seriesId ? await loadSeries(strapi, trx, seriesId) : null);
}

/** The number the next record would get, without drawing it (for the admin). */
export async function previewNumber(strapi: Core.Strapi, trx: Knex.Transaction, seriesId: number, date = today()) {
  const loaded = await loadSeriesWithLines(strapi, trx, seriesId);
  if (!loaded) return null;
  const { series } = loaded;
  try {
    const line = chooseLine(series.code, loaded.lines, date) as StoredLine;
    if (countsInSequence(strapi, line)) line.lastNoUsed = await sequenceLastNo(trx, line);
    return { no: drawNext(series, line, date).no, error: null };
  } catch (err) {
    if (err instanceof RuleViolation) return { no: null, error: err.message };
    throw err;
  }
}

/**
 * Stands series `seriesId` as it would be after `count` more draws, inside a transaction the caller rolls back
 * (the import's dry run, one rolled-back transaction per row). A line that counts in a PostgreSQL sequence is
 * left alone: its rolled-back draws already moved the sequence on.
 */
export async function advanceSeriesForPreview(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  seriesId: number,
  count: number,
  date = today(),
) {
  if (count <= 0) return;
  const loaded = await loadSeriesWithLines(strapi, trx, seriesId);
  if (!loaded) return;
  let chosen: StoredLine;
  try {
    chosen = chooseLine(loaded.series.code, loaded.lines, date) as StoredLine;
  } catch (err) {
    if (err instanceof RuleViolation) return; // the row's own draw reports it
    throw err;
  }
  if (countsInSequence(strapi, chosen)) return;
  const line = await lockLine(strapi, trx, chosen.id);
  await saveLineUsage(strapi, trx, { ...line, id: chosen.id, lastNoUsed: lastNoAfterDraws(line, count) });
}
