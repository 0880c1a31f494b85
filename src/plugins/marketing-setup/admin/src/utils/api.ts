import { isFetchError, useAPIErrorHandler } from '@strapi/strapi/admin';

/** Admin routes of the plugin (server/src/admin-api), called with useFetchClient(). */
export const API = '/marketing-setup';

/** How the admin API returns a referenced record. */
export interface RecordRef {
  documentId: string;
  code: string;
  name: string | null;
}

export type LookupType =
  'salesperson' | 'territory' | 'country-region' | 'language' | 'salutation' | 'sales-cycle' | 'business-relation';

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

export interface SaveProblem {
  /** Messages per field path ("searchHitPercent"), shown under the field. */
  fields: Record<string, string>;
  /** A message for the whole form (a notification). */
  message: string;
}

/**
 * Turns a failed request into field messages and one overall message. A ValidationError from the
 * server carries details.errors[{ path, message }]; anything else becomes a single message.
 */
export const useProblemOf = () => {
  const { formatAPIError } = useAPIErrorHandler();
  return (err: unknown): SaveProblem => {
    if (isFetchError(err)) {
      const apiError: any = err.response?.data?.error;
      if (apiError?.name === 'ValidationError') {
        const fields: Record<string, string> = {};
        const general: string[] = [];
        for (const e of apiError.details?.errors ?? []) {
          const key = Array.isArray(e.path) ? e.path.join('.') : String(e.path ?? '');
          if (key) fields[key] ??= e.message;
          else general.push(e.message);
        }
        return { fields, message: general.join(' ') || apiError.message };
      }
      return { fields: {}, message: formatAPIError(err) };
    }
    return { fields: {}, message: err instanceof Error ? err.message : String(err) };
  };
};

/** The fields whose value differs from the initial one (what a save sends). */
export const changedFields = <T extends Record<string, unknown>>(initial: T, values: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(values).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(initial[k])),
  ) as Partial<T>;
