import type { NoSeries, NoSeriesLine } from '../../src/plugins/marketing-setup/server/src/domain/numbering';

/** A number series line for domain tests: CONT-style CT000001…, open, step 1, nothing used yet. */
export const seriesLine = (over: Partial<NoSeriesLine> = {}): NoSeriesLine => ({
  lineNo: 10000,
  startingDate: null,
  startingNo: 'CT000001',
  endingNo: null,
  warningNo: null,
  incrementBy: 1,
  lastNoUsed: null,
  lastDateUsed: null,
  open: true,
  allowGaps: false,
  ...over,
});

/** A number series for domain tests: CONT, default numbers, no manual numbers, no date order. */
export const noSeries = (over: Partial<NoSeries> = {}): NoSeries => ({
  code: 'CONT',
  defaultNos: true,
  manualNos: false,
  dateOrder: false,
  ...over,
});
