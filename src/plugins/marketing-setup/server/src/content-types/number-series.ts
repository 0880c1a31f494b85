import { bool, code, contentType, date, int, str, uidOf } from './fields';

export const noSeries = contentType({
  singularName: 'no-series',
  pluralName: 'no-series-list',
  displayName: 'No. Series',
  description: 'Number series for contacts, opportunities and other records.',
  collectionName: 'ms_no_series',
  attributes: {
    code: code(),
    description: str({ maxLength: 100 }),
    defaultNos: bool(true),
    manualNos: bool(false),
    dateOrder: bool(false),
    lines: { type: 'relation', relation: 'oneToMany', target: uidOf('no-series-line'), mappedBy: 'series' },
  },
});

export const noSeriesLine = contentType({
  singularName: 'no-series-line',
  inContentManager: false,
  pluralName: 'no-series-lines',
  displayName: 'No. Series Line',
  collectionName: 'ms_no_series_lines',
  attributes: {
    series: { type: 'relation', relation: 'manyToOne', target: uidOf('no-series'), inversedBy: 'lines' },
    lineNo: int({ default: 10000 }),
    startingDate: date(),
    startingNo: str({ maxLength: 20 }),
    endingNo: str({ maxLength: 20 }),
    warningNo: str({ maxLength: 20 }),
    incrementBy: int({ default: 1, min: 1 }),
    lastNoUsed: str({ maxLength: 20 }),
    lastDateUsed: date(),
    open: bool(true),
    allowGaps: bool(false),
  },
});
