import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { toHttpError } from '../utils/errors';

/** One write to a plugin content type, as the document-service middleware hands it to a rule module. */
export interface Write {
  strapi: Core.Strapi;
  uid: string;
  action: 'create' | 'update' | 'delete';
  params: Record<string, any>;
  trx: Knex.Transaction;
}

/** A rule module for one content type: each handler must call `next()` (the write itself) and return its result. */
export type WriteRules = Partial<Record<Write['action'], (write: Write, next: () => Promise<any>) => Promise<any>>>;

/**
 * Runs an action beyond CRUD (reset inheritance, create as customer, …) in one transaction, with a
 * Write context for the rule helpers; a broken domain rule becomes a 400.
 */
export async function inTransaction<T>(strapi: Core.Strapi, uid: string, fn: (write: Write) => Promise<T>): Promise<T> {
  try {
    return await strapi.db.transaction(({ trx }) => fn({ strapi, trx, uid, action: 'update', params: {} }));
  } catch (err) {
    throw toHttpError(err);
  }
}
