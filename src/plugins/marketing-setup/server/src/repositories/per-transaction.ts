import type { Knex } from 'knex';

/**
 * A value read at most once per transaction (the setup, the search-setup lines: every write needs
 * them). Keyed by the transaction object, so nothing outlives it and nothing is shared between requests.
 */
export function perTransaction<T>() {
  const cache = new WeakMap<object, Promise<T>>();
  return {
    get(trx: Knex.Transaction, load: () => Promise<T>): Promise<T> {
      if (!cache.has(trx)) cache.set(trx, load());
      return cache.get(trx)!;
    },
    /** A write to the source makes the copy of its transaction stale. */
    forget(trx: Knex.Transaction) {
      cache.delete(trx);
    },
  };
}
