import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { useProblemOf } from './api';

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

type Params = Record<string, string | number | undefined>;

/**
 * One page of a list route of the admin API (`{ data, meta: { pagination } }`): the rows, the
 * pagination, a message when the request failed, and the page to change. It loads again when the
 * path, the params or `reload` change (a caller bumps `reload` after a write). A page emptied by the
 * last write (merge, ignore) steps back one, so the list never shows an empty page 3 of 2.
 */
export const usePagedList = <T>(path: string, params: Params, pageSize: number, reload: unknown = 0) => {
  const { get } = useFetchClient();
  const problemOf = useProblemOf();
  const [page, setPage] = React.useState(1);
  const [list, setList] = React.useState<{ rows: T[]; pagination: Pagination } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const paramsKey = JSON.stringify(params);

  React.useEffect(() => {
    let cancelled = false;
    get<{ data: T[]; meta?: { pagination?: Partial<Pagination> } }>(path, { params: { ...params, page, pageSize } })
      .then(({ data }) => {
        if (cancelled) return;
        if (data.data.length === 0 && page > 1) return setPage(page - 1);
        const p = data.meta?.pagination;
        setList({
          rows: data.data,
          pagination: {
            page: p?.page ?? page,
            pageSize: p?.pageSize ?? pageSize,
            pageCount: p?.pageCount ?? 1,
            total: p?.total ?? data.data.length,
          },
        });
        setError(null);
      })
      .catch((err) => !cancelled && setError(problemOf(err).message));
    return () => {
      cancelled = true;
    };
    // params is compared by value (paramsKey); get and problemOf are new functions on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, paramsKey, page, pageSize, reload]);

  return { rows: list?.rows ?? null, pagination: list?.pagination ?? null, error, page, setPage };
};
