/**
 * Numbers for the creates of one import chunk, drawn as a block: the series and its lines read once, a
 * gapless line row-locked once (not once per record), the numbers counted on in memory by the same domain
 * rule a single draw uses (`drawNext`: ending number, warning number, closing the line, the next line), which
 * of the coming numbers are taken asked in one statement, and the line's last number used written once when
 * the block is saved. The line lock is held from the first draw to the end of the transaction, as for a single
 * draw, so the numbers stay gapless: a record that is not written gives its number back (`mark`/`restore`
 * around a row's savepoint) and the next record gets it. An "allow gaps" line (a PostgreSQL sequence) is
 * drawn from record by record, as before.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { assertAutomaticAllowed, chooseLine, drawNext, upcomingNos, type NoSeries } from '../domain/numbering';
import { RuleViolation } from '../domain/errors';
import { today } from '../repositories/tables';
import {
  countsInSequence,
  loadSeriesWithLines,
  lockLine,
  saveLineUsage,
  takenNumbers,
  type StoredLine,
} from '../repositories/number-series';
import { addWarning } from '../utils/request-state';
import { drawNumber } from './numbering';

interface BlockState {
  /** The series as read at the first draw (null: not read yet). */
  series: NoSeries | null;
  lines: StoredLine[];
  /** Lines whose row lock this transaction holds (taken at the first draw from them). */
  locked: Set<number>;
  /** Lines drawn from since the last save. */
  dirty: Set<number>;
  /** Numbers asked about, and those of them a record already has (or a record of this block was given by hand). */
  checked: Set<string>;
  taken: Set<string>;
  remaining: number;
}

export interface NumberBlock {
  readonly seriesId: number;
  readonly uid: string;
  /** The next number, as `drawNumber` would give it at this point of the chunk. */
  draw(): Promise<{ no: string; seriesCode: string }>;
  /** A record of the chunk got `no` by hand: the block must not give it out. */
  noteTaken(no: string): void;
  /** The block's state before a row, and back to it when the row is rolled back to its savepoint. */
  mark(): unknown;
  restore(mark: unknown): void;
  /** Writes the lines drawn from (last number used, date, open) — before the chunk commits. */
  save(): Promise<void>;
}

const copy = (s: BlockState): BlockState => ({
  series: s.series,
  lines: [...s.lines],
  locked: new Set(s.locked),
  dirty: new Set(s.dirty),
  checked: new Set(s.checked),
  taken: new Set(s.taken),
  remaining: s.remaining,
});

/**
 * A block for up to `size` records of `target.uid` numbered in `target.attribute` from series `seriesId`
 * (more are drawn correctly too; only the look-ahead of taken numbers is sized by it).
 */
export function numberBlock(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  seriesId: number,
  target: { uid: string; attribute: string },
  size: number,
  date = today(),
): NumberBlock {
  let s: BlockState = {
    series: null,
    lines: [],
    locked: new Set(),
    dirty: new Set(),
    checked: new Set(),
    taken: new Set(),
    remaining: size,
  };

  const replace = (line: StoredLine) => {
    s.lines = s.lines.map((l) => (l.id === line.id ? line : l));
  };

  async function save() {
    for (const id of s.dirty)
      await saveLineUsage(
        strapi,
        trx,
        s.lines.find((l) => l.id === id)!,
      );
    s.dirty.clear();
  }

  async function load() {
    const found = await loadSeriesWithLines(strapi, trx, seriesId);
    if (!found) throw new RuleViolation('The number series set up for this record no longer exists.');
    s.series = found.series;
    s.lines = found.lines;
  }

  /** One draw from a gapless line, in memory; whether the number is taken is looked up a block at a time. */
  async function drawGapless(chosen: StoredLine) {
    let line = chosen;
    if (!s.locked.has(line.id)) {
      line = await lockLine(strapi, trx, line.id);
      replace(line);
      s.locked.add(line.id);
    }
    const drawn = drawNext(s.series!, line, date);
    replace({ ...drawn.line, id: line.id });
    s.dirty.add(line.id);
    if (!s.checked.has(drawn.no)) {
      const ahead = upcomingNos(line, Math.max(1, s.remaining));
      const taken = await takenNumbers(strapi, trx, target.uid, target.attribute, ahead);
      for (const no of ahead) {
        s.checked.add(no);
        if (taken.has(no)) s.taken.add(no);
      }
    }
    return { no: drawn.no, warning: drawn.warning, taken: s.taken.has(drawn.no) };
  }

  async function draw() {
    if (!s.series) await load();
    const series = s.series!;
    assertAutomaticAllowed(series);
    const code = series.code;
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const line = chooseLine(code, s.lines, date) as StoredLine;
      if (countsInSequence(strapi, line)) {
        // A sequence line: drawn as a single record draws (the lines as stored must be current for that).
        await save();
        const one = await drawNumber(strapi, trx, seriesId, target, date);
        s.remaining -= 1;
        return one;
      }
      const drawn = await drawGapless(line);
      if (drawn.taken) continue;
      if (drawn.warning) addWarning(strapi, drawn.warning);
      s.remaining -= 1;
      s.taken.add(drawn.no);
      return { no: drawn.no, seriesCode: code };
    }
    throw new RuleViolation(`The number series ${code} keeps returning numbers that are already in use.`);
  }

  return {
    seriesId,
    uid: target.uid,
    draw,
    noteTaken(no: string) {
      s.taken.add(no);
    },
    mark: () => copy(s),
    restore(mark: unknown) {
      s = copy(mark as BlockState);
    },
    save,
  };
}
