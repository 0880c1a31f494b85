import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  assertAutomaticAllowed,
  assertManualAllowed,
  chooseLine,
  checkRange,
  drawNext,
  formatInPattern,
  sequenceStart,
  type NoSeries,
  type NoSeriesLine,
} from '../domain/numbering';
import { RuleViolation } from '../domain/errors';
import { UID } from '../utils/uids';
import { columnOf, isoDate, isPostgres, joinTableOf, tableOf, today } from '../repositories/tables';
import { addWarning } from '../utils/request-state';

type Row = Record<string, any>;

const toSeries = (row: Row): NoSeries => ({
  code: row.code,
  defaultNos: !!row.default_nos,
  manualNos: !!row.manual_nos,
  dateOrder: !!row.date_order,
});
const toLine = (row: Row): NoSeriesLine & { id: number } => ({
  id: row.id,
  lineNo: row.line_no ?? 0,
  startingDate: isoDate(row.starting_date),
  startingNo: row.starting_no ?? null,
  endingNo: row.ending_no ?? null,
  warningNo: row.warning_no ?? null,
  incrementBy: row.increment_by ?? 1,
  lastNoUsed: row.last_no_used ?? null,
  lastDateUsed: isoDate(row.last_date_used),
  open: !!row.open,
  allowGaps: !!row.allow_gaps,
});

/** One PostgreSQL sequence per "allow gaps" line; the name is derived from the line's id. */
export const sequenceName = (lineId: number) => `ms_no_series_line_${lineId}_seq`;

/**
 * Number series persistence. Everything runs inside the caller's transaction (`trx`), so a number
 * drawn for a write that later fails is rolled back with it: gapless by construction.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const seriesTable = () => tableOf(strapi, UID.noSeries);
  const lineTable = () => tableOf(strapi, UID.noSeriesLine);

  const loadSeries = async (trx: Knex.Transaction, id: number) => {
    const row = await trx(seriesTable()).where({ id }).first();
    return row ? { id: row.id as number, ...toSeries(row) } : null;
  };

  /** The series and its lines in one statement (lines ordered by line number). */
  const loadSeriesWithLines = async (trx: Knex.Transaction, seriesId: number) => {
    const jt = joinTableOf(strapi, UID.noSeriesLine, 'series');
    const rows = await trx(`${seriesTable()} as s`)
      .leftJoin(`${jt.name} as k`, `k.${jt.inverseJoinColumn}`, 's.id')
      .leftJoin(`${lineTable()} as l`, 'l.id', `k.${jt.joinColumn}`)
      .where('s.id', seriesId)
      .select(
        'l.*',
        's.code as series_code',
        's.default_nos as series_default_nos',
        's.manual_nos as series_manual_nos',
        's.date_order as series_date_order',
      )
      .orderBy([{ column: `l.${columnOf(strapi, UID.noSeriesLine, 'lineNo')}` }, { column: 'l.id' }]);
    if (!rows.length) return null;
    const [first] = rows;
    const series = toSeries({
      code: first.series_code,
      default_nos: first.series_default_nos,
      manual_nos: first.series_manual_nos,
      date_order: first.series_date_order,
    });
    return { series, lines: rows.filter((r: Row) => r.id !== null).map(toLine) };
  };

  const loadLines = async (trx: Knex.Transaction, seriesId: number) =>
    (await loadSeriesWithLines(trx, seriesId))?.lines ?? [];

  /** Draw from a gapless line: one UPDATE … RETURNING takes the row lock and re-reads the line. */
  const drawGapless = async (trx: Knex.Transaction, series: NoSeries, lineId: number, date: string) => {
    const [locked] = await trx(lineTable())
      .where({ id: lineId })
      .update({ open: trx.ref('open') }, '*');
    const { no, warning, line } = drawNext(series, toLine(locked), date);
    await trx(lineTable()).where({ id: lineId }).update({
      last_no_used: line.lastNoUsed,
      last_date_used: line.lastDateUsed,
      open: line.open,
    });
    return { no, warning, line };
  };

  /** Draw from an "allow gaps" line: a PostgreSQL sequence, no row lock, numbers of failed writes are lost. */
  const drawFromSequence = async (trx: Knex.Transaction, series: NoSeries, line: NoSeriesLine & { id: number }) => {
    await ensureSequence(trx, line);
    const { rows } = await trx.raw(`SELECT nextval('${sequenceName(line.id)}') AS v`);
    const no = formatInPattern(line.startingNo ?? line.lastNoUsed!, Number(rows[0].v));
    const { warning } = checkRange(series.code, line, no);
    return { no, warning, line };
  };

  const ensureSequence = async (trx: Knex.Transaction, line: NoSeriesLine & { id: number }) => {
    await trx.raw(
      `CREATE SEQUENCE IF NOT EXISTS ${sequenceName(line.id)} START WITH ${sequenceStart(line)} INCREMENT BY ${Math.max(1, line.incrementBy)}`,
    );
  };

  /** The last number a line's sequence handed out (null when it has not been used), formatted. */
  const sequenceLastNo = async (trx: Knex.Transaction, line: NoSeriesLine & { id: number }) => {
    const exists = await trx.raw('SELECT to_regclass(?) AS r', [sequenceName(line.id)]);
    if (!exists.rows[0].r) return line.lastNoUsed;
    const { rows } = await trx.raw(`SELECT last_value, is_called FROM ${sequenceName(line.id)}`);
    return rows[0].is_called
      ? formatInPattern(line.startingNo ?? line.lastNoUsed!, Number(rows[0].last_value))
      : line.lastNoUsed;
  };

  return {
    ensureSequence,
    sequenceLastNo,

    /** Restart an allow-gaps line's sequence after its numbers or increment were edited. */
    async resetSequence(trx: Knex.Transaction, line: NoSeriesLine & { id: number }) {
      await trx.raw(`DROP SEQUENCE IF EXISTS ${sequenceName(line.id)}`);
      await ensureSequence(trx, line);
    },

    /**
     * The next number of series `seriesId` for a record of `uid` whose number lives in column `noColumn`.
     * Numbers already taken (e.g. entered by hand) are skipped. Warnings go to the response meta.
     */
    async draw(trx: Knex.Transaction, seriesId: number, target: { uid: string; attribute: string }, date = today()) {
      const loaded = await loadSeriesWithLines(trx, seriesId);
      if (!loaded) throw new RuleViolation('The number series set up for this record no longer exists.');
      const { series } = loaded;
      assertAutomaticAllowed(series);
      const table = tableOf(strapi, target.uid);
      const column = columnOf(strapi, target.uid, target.attribute);
      for (let attempt = 0; attempt < 1000; attempt += 1) {
        const lines = attempt === 0 ? loaded.lines : await loadLines(trx, seriesId);
        const line = chooseLine(series.code, lines, date);
        const drawn =
          line.allowGaps && isPostgres(strapi)
            ? await drawFromSequence(trx, series, line as NoSeriesLine & { id: number })
            : await drawGapless(trx, series, (line as any).id, date);
        const taken = await trx(table).where(column, drawn.no).first('id');
        if (taken) continue;
        if (drawn.warning) addWarning(strapi, drawn.warning);
        return { no: drawn.no, seriesCode: series.code };
      }
      throw new RuleViolation(`The number series ${series.code} keeps returning numbers that are already in use.`);
    },

    /** A hand-entered number is only accepted when the setup series allows manual numbers. */
    async assertManual(trx: Knex.Transaction, seriesId: number | null) {
      assertManualAllowed(seriesId ? await loadSeries(trx, seriesId) : null);
    },

    /** The number the next record would get, without drawing it (for the admin). */
    async preview(trx: Knex.Transaction, seriesId: number, date = today()) {
      const loaded = await loadSeriesWithLines(trx, seriesId);
      if (!loaded) return null;
      const { series } = loaded;
      try {
        const line = chooseLine(series.code, loaded.lines, date) as NoSeriesLine & { id: number };
        if (line.allowGaps && isPostgres(strapi)) line.lastNoUsed = await sequenceLastNo(trx, line);
        return { no: drawNext(series, line, date).no, error: null };
      } catch (err) {
        if (err instanceof RuleViolation) return { no: null, error: err.message };
        throw err;
      }
    },
  };
};
