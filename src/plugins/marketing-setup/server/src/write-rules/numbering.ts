import type { Write } from '../repositories/unit-of-work';

import { getService } from '../utils/services';
import { validationError } from '../utils/errors';
import { columnOf, tableOf } from '../repositories/tables';

/**
 * Gives a new record its number from the series named in the setup (`setupField`), or accepts a
 * hand-entered one when that series allows manual numbers. Shared by contacts and opportunities.
 */
export async function assignNumber(write: Write, setupField: string, label: string) {
  const data = write.params.data;
  const setup = await getService(write.strapi, 'setup').get(write.trx);
  const seriesId = setup[setupField] ?? null;
  const numbers = getService(write.strapi, 'number-series');
  if (data.no !== undefined && data.no !== null && String(data.no).trim() !== '') {
    data.no = String(data.no).trim();
    await numbers.assertManual(write.trx, seriesId);
    await assertFree(write, data.no, label);
    data.noSeries = null;
    return;
  }
  if (!seriesId) {
    throw validationError(
      `${label} Nos. must have a value in the Marketing Setup before a ${label.toLowerCase()} can be numbered automatically. Choose a number series there, or enter a number.`,
      ['no'],
    );
  }
  const { no, seriesCode } = await numbers.draw(write.trx, seriesId, { uid: write.uid, attribute: 'no' });
  data.no = no;
  data.noSeries = seriesCode;
}

/** A hand-entered number must not be in use (the unique index is the backstop for a race). */
async function assertFree(write: Write, no: string, label: string) {
  const taken = await write
    .trx(tableOf(write.strapi, write.uid))
    .where(columnOf(write.strapi, write.uid, 'no'), no)
    .first('id');
  if (taken) throw validationError(`No. ${no} is already used by another ${label.toLowerCase()}.`, ['no']);
}

/** Changing a record's number by hand is a manual number too. */
export async function checkRenumber(write: Write, before: Record<string, any>, setupField: string) {
  const data = write.params.data;
  if (data.no === undefined || data.no === before.no) return;
  if (data.no === null || String(data.no).trim() === '') throw validationError('No. must not be blank.', ['no']);
  data.no = String(data.no).trim();
  const setup = await getService(write.strapi, 'setup').get(write.trx);
  await getService(write.strapi, 'number-series').assertManual(write.trx, setup[setupField] ?? null);
  await assertFree(write, data.no, 'record');
  data.noSeries = null;
}
