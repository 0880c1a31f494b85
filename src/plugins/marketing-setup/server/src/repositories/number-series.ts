/**
 * Number series and their lines (reference §3). Everything runs inside the caller's transaction, so a
 * number drawn for a write that later fails is rolled back with it; an "allow gaps" line counts in a
 * PostgreSQL sequence of its own instead.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { sequenceStart, type NoSeries, type NoSeriesLine } from '../domain/numbering';
import { UID } from '../utils/uids';
import { columnOf, isoDate, isPostgres, joinTableOf, tableOf } from './tables';

/** A line as stored, with its id. */
export type StoredLine = NoSeriesLine & { id: number };
type Row = Record<string, unknown>;

const toSeries = (row: Row): NoSeries => ({
  code: String(row.code),
  defaultNos: !!row.default_nos,
  manualNos: !!row.manual_nos,
  dateOrder: !!row.date_order,
});
const toLine = (row: Row): StoredLine => ({
  id: Number(row.id),
  lineNo: Number(row.line_no ?? 0),
  startingDate: isoDate(row.starting_date),
  startingNo: (row.starting_no as string | null) ?? null,
  endingNo: (row.ending_no as string | null) ?? null,
  warningNo: (row.warning_no as string | null) ?? null,
  incrementBy: Number(row.increment_by ?? 1),
  lastNoUsed: (row.last_no_used as string | null) ?? null,
  lastDateUsed: isoDate(row.last_date_used),
  open: !!row.open,
  allowGaps: !!row.allow_gaps,
});

/** One PostgreSQL sequence per "allow gaps" line; the name is derived from the line's id. */
export const sequenceName = (lineId: number) => `ms_no_series_line_${lineId}_seq`;

/** Whether the database has sequences (PostgreSQL); on SQLite every line is gapless. */
export const hasSequences = (strapi: Core.Strapi) => isPostgres(strapi);

/** Whether a line counts in a sequence (allow gaps, and a database that has sequences). */
export const countsInSequence = (strapi: Core.Strapi, line: { allowGaps: boolean }) =>
  line.allowGaps && hasSequences(strapi);

export async function loadSeries(strapi: Core.Strapi, trx: Knex.Transaction, id: number) {
  const row = await trx(tableOf(strapi, UID.noSeries)).where({ id }).first();
  return row ? { id: Number(row.id), ...toSeries(row) } : null;
}

/** The series and its lines in one statement (lines ordered by line number). */
export async function loadSeriesWithLines(strapi: Core.Strapi, trx: Knex.Transaction, seriesId: number) {
  const jt = joinTableOf(strapi, UID.noSeriesLine, 'series');
  const lineTable = tableOf(strapi, UID.noSeriesLine);
  const rows: Row[] = await trx(`${tableOf(strapi, UID.noSeries)} as s`)
    .leftJoin(`${jt.name} as k`, `k.${jt.inverseJoinColumn}`, 's.id')
    .leftJoin(`${lineTable} as l`, 'l.id', `k.${jt.joinColumn}`)
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
  return { series, lines: rows.filter((r) => r.id !== null).map(toLine) };
}

/** Takes the row lock of a gapless line (one UPDATE … RETURNING) and returns the line as it is now. */
export async function lockLine(strapi: Core.Strapi, trx: Knex.Transaction, lineId: number) {
  const [locked] = await trx(tableOf(strapi, UID.noSeriesLine))
    .where({ id: lineId })
    .update({ open: trx.ref('open') }, '*');
  return toLine(locked);
}

/** Stores what a draw changed on a line. */
export async function saveLineUsage(strapi: Core.Strapi, trx: Knex.Transaction, line: StoredLine) {
  await trx(tableOf(strapi, UID.noSeriesLine)).where({ id: line.id }).update({
    last_no_used: line.lastNoUsed,
    last_date_used: line.lastDateUsed,
    open: line.open,
  });
}

/** Whether a record of `uid` already has the number `no` in `attribute`. */
export async function numberTaken(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  uid: string,
  attribute: string,
  no: string,
): Promise<boolean> {
  return !!(await trx(tableOf(strapi, uid))
    .where(columnOf(strapi, uid, attribute), no)
    .first('id'));
}

/** Which of the numbers `nos` records of `uid` already have in `attribute` (one statement for a block of numbers). */
export async function takenNumbers(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  uid: string,
  attribute: string,
  nos: string[],
): Promise<Set<string>> {
  if (!nos.length) return new Set();
  const column = columnOf(strapi, uid, attribute);
  const rows: Row[] = await trx(tableOf(strapi, uid)).whereIn(column, nos).select(column);
  return new Set(rows.map((r) => String(r[column])));
}

export async function ensureSequence(trx: Knex.Transaction, line: StoredLine) {
  await trx.raw(
    `CREATE SEQUENCE IF NOT EXISTS ${sequenceName(line.id)} START WITH ${sequenceStart(line)} INCREMENT BY ${Math.max(1, line.incrementBy)}`,
  );
}

/** The next value of an allow-gaps line's sequence (created on first use). */
export async function nextSequenceValue(trx: Knex.Transaction, line: StoredLine): Promise<number> {
  await ensureSequence(trx, line);
  const { rows } = await trx.raw(`SELECT nextval('${sequenceName(line.id)}') AS v`);
  return Number(rows[0].v);
}

/** The last value a line's sequence handed out; null when there is no sequence or it was not used. */
export async function lastSequenceValue(trx: Knex.Transaction, lineId: number): Promise<number | null> {
  const exists = await trx.raw('SELECT to_regclass(?) AS r', [sequenceName(lineId)]);
  if (!exists.rows[0].r) return null;
  const { rows } = await trx.raw(`SELECT last_value, is_called FROM ${sequenceName(lineId)}`);
  return rows[0].is_called ? Number(rows[0].last_value) : null;
}

/** Restarts an allow-gaps line's sequence from the line's current state. */
export async function resetSequence(trx: Knex.Transaction, line: StoredLine) {
  await trx.raw(`DROP SEQUENCE IF EXISTS ${sequenceName(line.id)}`);
  await ensureSequence(trx, line);
}

/** A number series by id or documentId (null when there is none). */
export async function findSeries(strapi: Core.Strapi, where: { id: number } | { documentId: string }) {
  return (await strapi.db.query(UID.noSeries).findOne({ where })) as
    ({ id: number; code: string; defaultNos: boolean; manualNos: boolean } & Row) | null;
}

/** A stored line with its series' id and code (null when there is none). */
export async function findLine(strapi: Core.Strapi, documentId: string) {
  return (await strapi.db.query(UID.noSeriesLine).findOne({
    where: { documentId },
    populate: { series: { select: ['id', 'documentId', 'code'] } },
  })) as (StoredLine & { documentId: string; series: { id: number; documentId: string; code: string } | null }) | null;
}
