import type { Write } from '../repositories/unit-of-work';
import { enteredNumber, missingSeriesViolation, numberTakenViolation, renumbering } from '../domain/numbering';
import { loadSetup } from '../repositories/setup';
import { numberTaken } from '../repositories/number-series';
import { assertManualNumber, drawNumber } from '../operations/numbering';
import { batchNumbers } from '../operations/import-batch';

/** The setup's number series for `setupField` (null when none is chosen). */
const seriesOf = async (write: Write, setupField: string): Promise<number | null> =>
  ((await loadSetup(write.strapi, write.trx))[setupField] as number | null) ?? null;

/** A hand-entered number must not be in use (the unique index is the backstop for a race). */
async function assertFree(write: Write, no: string, label: string) {
  if (await numberTaken(write.strapi, write.trx, write.uid, 'no', no)) throw numberTakenViolation(no, label);
}

/**
 * Gives a new record its number from the series named in the setup (`setupField`), or accepts a
 * hand-entered one when that series allows manual numbers. Shared by contacts and opportunities.
 */
export async function assignNumber(write: Write, setupField: string, label: string) {
  const data = write.params.data;
  const seriesId = await seriesOf(write, setupField);
  const entered = enteredNumber(data.no);
  if (entered !== null) {
    data.no = entered;
    await assertManualNumber(write.strapi, write.trx, seriesId);
    await assertFree(write, entered, label);
    // In an import chunk the series' numbers are drawn as a block: this one must not be given out.
    if (seriesId) batchNumbers(write, seriesId, 'no')?.noteTaken(entered);
    data.noSeries = null;
    return;
  }
  if (!seriesId) throw missingSeriesViolation(label);
  const block = batchNumbers(write, seriesId, 'no');
  const { no, seriesCode } = block
    ? await block.draw()
    : await drawNumber(write.strapi, write.trx, seriesId, { uid: write.uid, attribute: 'no' });
  data.no = no;
  data.noSeries = seriesCode;
}

/**
 * Changing a record's number by hand is a manual number too. Every update of a numbered record (contact,
 * opportunity, customer, vendor, bank account) passes here.
 */
export async function checkRenumber(write: Write, before: Record<string, unknown>, setupField: string) {
  const data = write.params.data;
  // No. Series tells where the number came from: the plugin's, a value sent is ignored (cleared on a manual number).
  delete data.noSeries;
  const no = renumbering(before.no, data.no);
  if (no === null) return;
  data.no = no;
  await assertManualNumber(write.strapi, write.trx, await seriesOf(write, setupField));
  await assertFree(write, no, 'record');
  data.noSeries = null;
}
