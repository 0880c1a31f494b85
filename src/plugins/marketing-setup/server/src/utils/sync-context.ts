import { AsyncLocalStorage } from 'async_hooks';

/**
 * Marks writes the plugin makes on behalf of another write (a sync between a contact and its
 * customer, a contact created for a new customer), so the rules of the nested write know where it
 * came from: no sync back to the origin (no loops), no marketing defaults on a contact created for a
 * customer. It lives only for the duration of one call chain; nothing is kept between requests.
 */
export interface SyncOrigin {
  /** The record whose change started this write: { uid, id }. */
  origin?: { uid: string; id: number };
  /** A customer/vendor/bank created from a contact: do not create a contact for it. */
  fromContact?: boolean;
  /** A contact created for a customer/vendor/bank: no setup defaults. */
  noDefaults?: boolean;
}

const storage = new AsyncLocalStorage<SyncOrigin>();

export const syncContext = () => storage.getStore() ?? {};
export const withSync = <T>(origin: SyncOrigin, fn: () => Promise<T>) => storage.run(origin, fn);
