import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { countsInSequence, ensureSequence, resetSequence } from '../repositories/number-series';
import { inTransaction } from '../repositories/unit-of-work';
import type { NoSeriesLine } from '../domain/numbering';
import { UID } from '../utils/uids';
import { assertManualNumber, drawNumber, previewNumber, sequenceLastNo } from '../operations/numbering';
import { today } from '../repositories/tables';

/**
 * Number series for the admin and other use cases. Everything runs inside the caller's transaction
 * (`trx`), so a number drawn for a write that later fails is rolled back with it: gapless by construction.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  ensureSequence,
  sequenceLastNo,
  /** Restart an allow-gaps line's sequence after its numbers or increment were edited. */
  resetSequence,

  /** The next number of series `seriesId` for a record of `target.uid`; see operations/numbering.ts. */
  draw(trx: Knex.Transaction, seriesId: number, target: { uid: string; attribute: string }, date = today()) {
    return drawNumber(strapi, trx, seriesId, target, date);
  },

  /** A hand-entered number is only accepted when the setup series allows manual numbers. */
  assertManual(trx: Knex.Transaction, seriesId: number | null) {
    return assertManualNumber(strapi, trx, seriesId);
  },

  /** The number the next record would get, without drawing it (for the admin). */
  preview(trx: Knex.Transaction, seriesId: number, date = today()) {
    return previewNumber(strapi, trx, seriesId, date);
  },

  /** The admin's "next No." of a series, in a transaction of its own (or why there is none). */
  nextNumber(seriesId: number) {
    return inTransaction(strapi, UID.noSeries, async ({ trx }) => {
      return (await previewNumber(strapi, trx, seriesId, today())) ?? { no: null, error: null };
    });
  },

  /**
   * The last number a line handed out, as the admin shows it: an allow-gaps line counting in a
   * PostgreSQL sequence is read from the sequence (its stored Last No. Used lags behind).
   */
  shownLastNo(line: NoSeriesLine & { id: number }) {
    if (!countsInSequence(strapi, line) || !(line.startingNo || line.lastNoUsed)) return line.lastNoUsed ?? null;
    return inTransaction(strapi, UID.noSeries, ({ trx }) => sequenceLastNo(trx, line));
  },
});
