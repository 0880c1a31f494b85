import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

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
