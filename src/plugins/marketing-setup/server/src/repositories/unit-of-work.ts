import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { toHttpError } from '../utils/errors';
import { isPostgres } from './tables';

/**
 * The transaction API of the plugin. Every write of a rule or an action runs inside one Strapi
 * transaction, handed down as a `Write`: the repositories take `write.trx`, so a write and the rows it
 * changes commit or roll back together.
 */

/** One write to a plugin content type, as the document-service middleware hands it to a rule module. */
export interface Write {
  strapi: Core.Strapi;
  uid: string;
  action: 'create' | 'update' | 'delete';
  /** The document service's parameters (data, documentId, filters, …) as Strapi passes them: untyped there. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Strapi's middleware context types params per content type of the host's registry
  params: Record<string, any>;
  trx: Knex.Transaction;
}

/**
 * Runs an action beyond CRUD (reset inheritance, create as customer, …) in one transaction, with a
 * Write context for the rule helpers; a broken domain rule becomes a 400. The document-service
 * middleware passes the write's own `action` and `params` (an action beyond CRUD has none).
 */
/** What a transaction callback gets from Strapi: the knex transaction and commit / rollback hooks. */
export interface TransactionScope {
  trx: Knex.Transaction;
  onCommit(cb: () => unknown): void;
  onRollback(cb: () => unknown): void;
}

/**
 * One Strapi transaction; inside a running one (a write's rules) it joins it, as Strapi nests them.
 * Everything in the plugin opens its transactions here.
 */
export function transaction<T>(strapi: Core.Strapi, fn: (scope: TransactionScope) => Promise<T>): Promise<T> {
  return strapi.db.transaction(fn) as Promise<T>;
}

export async function inTransaction<T>(
  strapi: Core.Strapi,
  uid: string,
  fn: (write: Write) => Promise<T>,
  { action, params }: Pick<Write, 'action' | 'params'> = { action: 'update', params: {} },
): Promise<T> {
  try {
    return await transaction(strapi, ({ trx }) => fn({ strapi, trx, uid, action, params }));
  } catch (err) {
    throw toHttpError(err);
  }
}

/**
 * A transaction of its own, outside Strapi's ambient one: the transactions `fn` opens (`inTransaction`) do
 * not join it. For holding a PostgreSQL advisory transaction lock across several short transactions (the
 * duplicate worker's batch); it must write nothing. Committed when `fn` ends, however it ends.
 */
export async function detachedTransaction<T>(strapi: Core.Strapi, uid: string, fn: (write: Write) => Promise<T>) {
  const trx = await strapi.db.connection.transaction();
  try {
    return await fn({ strapi, trx, uid, action: 'update', params: {} });
  } finally {
    await trx.commit();
  }
}

/**
 * Whether an open transaction may hold the database's only connection (SQLite: knex keeps one), so a request's
 * write cannot run until it ends. False only for PostgreSQL, where each transaction has a pooled connection.
 */
export const transactionHoldsTheConnection = (strapi: Core.Strapi) => !isPostgres(strapi);
