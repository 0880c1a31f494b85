import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { IMPORT_JOBS, IMPORT_ROWS } from '../repositories/import-jobs';

/**
 * Creates a table unless it is there. Two instances booting at once may both find it missing: the one that
 * loses the race gets an error from CREATE TABLE, which is fine when the table now exists.
 */
async function createTableOnce(knex: Knex, table: string, build: (t: Knex.CreateTableBuilder) => void) {
  if (await knex.schema.hasTable(table)) return;
  try {
    await knex.schema.createTable(table, build);
  } catch (err) {
    if (!(await knex.schema.hasTable(table))) throw err;
  }
}

/** Adds a column unless it is there (the same race as above: the loser finds it added). */
async function addColumnOnce(knex: Knex, table: string, column: string, build: (t: Knex.AlterTableBuilder) => void) {
  if (await knex.schema.hasColumn(table, column)) return;
  try {
    await knex.schema.alterTable(table, build);
  } catch (err) {
    if (!(await knex.schema.hasColumn(table, column))) throw err;
  }
}

/**
 * The contact import's own tables: plain tables, not content types, so any instance reports and continues
 * a job from them (the job and its cursor; one row per data line of the file with its outcome).
 */
export async function ensureImportTables(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  await createTableOnce(knex, IMPORT_JOBS, (t) => {
    t.increments('id').primary();
    t.string('state', 12).notNullable();
    t.string('file_name', 255);
    t.text('headers').notNullable();
    t.text('mapping').notNullable();
    for (const c of ['total', 'processed', 'created', 'updated', 'unchanged', 'failed', 'cursor'])
      t.integer(c).notNullable().defaultTo(0);
    t.integer('created_by');
    for (const c of ['created_at', 'finished_at', 'heartbeat_at']) t.string(c, 30);
    t.text('error');
    t.string('delimiter', 1);
  });
  // Added after the first release of the import: a job table from then gets the columns.
  await addColumnOnce(knex, IMPORT_JOBS, 'delimiter', (t) => t.string('delimiter', 1));
  await addColumnOnce(knex, IMPORT_JOBS, 'unchanged', (t) => t.integer('unchanged').notNullable().defaultTo(0));
  await createTableOnce(knex, IMPORT_ROWS, (t) => {
    t.integer('job_id').notNullable();
    t.integer('row_no').notNullable();
    t.text('cells').notNullable();
    t.string('outcome', 10);
    t.string('contact_no', 40);
    t.text('error');
    t.primary(['job_id', 'row_no']);
  });
}
