import { isFetchError, useAPIErrorHandler } from '@strapi/strapi/admin';

/** Admin routes of the plugin (server/src/admin-api), called with useFetchClient(). */
export const API = '/marketing-setup';

// Response types of the admin API: shared/contracts (one definition for the server and the admin).

/** Strapi's error body, as far as the forms read it (a ValidationError lists its fields in details.errors). */
interface ApiError {
  name?: string;
  message: string;
  details?: { errors?: { path?: unknown; message: string }[] };
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
      const apiError = (err.response?.data as { error?: ApiError } | undefined)?.error;
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
