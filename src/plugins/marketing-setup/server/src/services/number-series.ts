import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ensureSequence, resetSequence } from '../repositories/number-series';
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
});
