/**
 * Contract of the admin API's number series screens (/marketing-setup/no-series, /no-series-lines),
 * shared by the server (admin-api/no-series.ts) and the admin UI. The request validation is the
 * server's (validation/admin/no-series.ts); the admin shows its field messages.
 */

export const SERIES_FIELDS = ['code', 'description', 'defaultNos', 'manualNos', 'dateOrder'] as const;
export const LINE_FIELDS = [
  'lineNo',
  'startingDate',
  'startingNo',
  'endingNo',
  'warningNo',
  'incrementBy',
  'lastNoUsed',
  'lastDateUsed',
  'open',
  'allowGaps',
] as const;

export interface SeriesSummary {
  documentId: string;
  code: string;
  description: string | null;
  defaultNos: boolean;
  manualNos: boolean;
  dateOrder: boolean;
  lineCount: number;
  nextNo: string | null;
  nextNoError: string | null;
}

export interface SeriesLine {
  documentId: string;
  lineNo: number | null;
  startingDate: string | null;
  startingNo: string | null;
  endingNo: string | null;
  warningNo: string | null;
  incrementBy: number | null;
  lastNoUsed: string | null;
  lastDateUsed: string | null;
  open: boolean;
  allowGaps: boolean;
}

export interface SeriesDetail extends Omit<SeriesSummary, 'lineCount'> {
  lines: SeriesLine[];
}

/** GET /no-series */
export interface SeriesListResponse {
  data: SeriesSummary[];
}
/** GET, POST, PUT /no-series/:documentId and the line routes: the series as the screen shows it. */
export interface SeriesDetailResponse {
  data: SeriesDetail;
}
