import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export interface Migration {
  /** Says what it changes and when, for the log. */
  name: string;
  /** True when it changed the database (false: already applied, or nothing to change). */
  up(db: Knex): Promise<boolean>;
}

export interface SchemaObjects {
  name: string;
  ensure(strapi: Core.Strapi): Promise<void>;
}
