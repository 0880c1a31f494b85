/**
 * The contact import's job and its rows: `ms_import_jobs` (state, counts, cursor, mapping) and
 * `ms_import_rows` (one row per data line of the file, the original cells as JSON, then its outcome).
 * Plain tables (migrations/import.ts), so any instance can report and continue a job.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  waitingFor,
  type CsvDelimiter,
  type ImportCounts,
  type ImportJobStatus,
  type ImportState,
  type RowDone,
} from '../domain/contact-csv';
import { isPostgres } from './tables';

export const IMPORT_JOBS = 'ms_import_jobs';
export const IMPORT_ROWS = 'ms_import_rows';

interface JobRow {
  id: number;
  state: ImportState;
  file_name: string | null;
  headers: string;
  mapping: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  cursor: number;
  created_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  created_by?: number | string | null;
  delimiter?: string | null;
  error: string | null;
}

/** A job as stored: its status plus what the run needs (the file's headers and the checked mapping). */
export interface ImportJob extends Omit<ImportJobStatus, 'waitingFor'> {
  headers: string[];
  mapping: Record<string, string>;
  heartbeatAt: string | null;
  /** The admin who started the job: its rows are written with that admin's rights. */
  createdBy: number | null;
  /** The file's separator: the errors CSV is written with it, so it opens as the upload did. */
  delimiter: CsvDelimiter;
}

/** A stored data line of the file: its number and its cells (header → text). */
export interface StoredRow {
  rowNo: number;
  cells: Record<string, string>;
}

const nowIso = () => new Date().toISOString();

const toJob = (r: JobRow): ImportJob => ({
  id: Number(r.id),
  state: r.state,
  fileName: r.file_name ?? null,
  total: Number(r.total),
  processed: Number(r.processed),
  created: Number(r.created),
  updated: Number(r.updated),
  unchanged: Number(r.unchanged ?? 0),
  failed: Number(r.failed),
  cursor: Number(r.cursor),
  createdAt: r.created_at ?? null,
  finishedAt: r.finished_at ?? null,
  error: r.error ?? null,
  headers: JSON.parse(r.headers) as string[],
  mapping: JSON.parse(r.mapping) as Record<string, string>,
  heartbeatAt: r.heartbeat_at ?? null,
  createdBy: r.created_by == null ? null : Number(r.created_by),
  // Jobs stored before the column existed were read as comma files.
  delimiter: r.delimiter === ';' || r.delimiter === '\t' ? r.delimiter : ',',
});

/**
 * The job as its status routes report it (without headers, mapping and heartbeat), with the import it waits for
 * when `ahead` (the running import that has begun, {@link importsAhead}) is another.
 */
export const statusOf = (
  { headers: _h, mapping: _m, heartbeatAt: _b, createdBy: _c, delimiter: _d, ...status }: ImportJob,
  ahead: number | null,
): ImportJobStatus => ({ ...status, waitingFor: waitingFor(status, ahead) });

/**
 * The job, or undefined. With `trx` it is read inside that transaction and its row locked until the end of
 * it (PostgreSQL; SQLite has one writer), so two instances never run the same chunk.
 */
export async function findJob(strapi: Core.Strapi, id: number, trx?: Knex.Transaction): Promise<ImportJob | undefined> {
  const query = (trx ?? strapi.db.connection)(IMPORT_JOBS).where('id', id).first();
  const row = (await (trx && isPostgres(strapi) ? query.forUpdate() : query)) as JobRow | undefined;
  return row && toJob(row);
}

/** The advisory lock every import chunk holds on PostgreSQL, so chunks of import jobs never run at once. */
const IMPORT_LOCK = 0x6d730003;

/**
 * Waits (PostgreSQL) until no other instance runs an import chunk, and holds that until `trx` ends: the transaction
 * of a chunk, so that the chunk's check for another job ({@link importAhead}) and its writes are one step. SQLite
 * has one process and one writer: the job's own queue (jobs/contact-import.ts) keeps its chunks apart.
 */
export async function lockImports(strapi: Core.Strapi, trx: Knex.Transaction) {
  if (isPostgres(strapi)) await trx.raw('SELECT pg_advisory_xact_lock(?)', [IMPORT_LOCK]);
}

/**
 * The running import that `job` waits for, or null when `job` may run now. Import jobs run one at a time: the one
 * that has begun (a cursor past 0) runs to its end — a job left running by a stopped instance too, until a poller
 * continues it or an admin cancels it —; while none has begun, the first to take {@link lockImports} begins.
 */
export async function importAhead(trx: Knex.Transaction, job: ImportJob): Promise<number | null> {
  if (job.cursor > 0) return null;
  const row = (await trx(IMPORT_JOBS)
    .where('state', 'running')
    .whereNot('id', job.id)
    .where('cursor', '>', 0)
    .orderBy('id')
    .first('id')) as { id: number } | undefined;
  return row ? Number(row.id) : null;
}

/** The job is alive (waiting for another import): its heartbeat moves, so no poller takes it for stopped. */
export async function touchJob(trx: Knex.Transaction, jobId: number) {
  await trx(IMPORT_JOBS).where('id', jobId).update({ heartbeat_at: nowIso() });
}

/** The id of the running import each waiting job waits for (a job that has begun, with a cursor past 0). */
export async function importsAhead(strapi: Core.Strapi): Promise<number | null> {
  const row = (await strapi.db
    .connection(IMPORT_JOBS)
    .where('state', 'running')
    .where('cursor', '>', 0)
    .orderBy('id')
    .first('id')) as { id: number } | undefined;
  return row ? Number(row.id) : null;
}

/** The latest jobs, of one admin when `createdBy` is given. */
export async function latestJobs(strapi: Core.Strapi, limit: number, createdBy?: number): Promise<ImportJob[]> {
  const query = strapi.db.connection(IMPORT_JOBS).orderBy('id', 'desc').limit(limit);
  if (createdBy !== undefined) query.where('created_by', createdBy);
  return ((await query) as JobRow[]).map(toJob);
}

export async function runningJobs(strapi: Core.Strapi): Promise<ImportJob[]> {
  return ((await strapi.db.connection(IMPORT_JOBS).where('state', 'running').select('*')) as JobRow[]).map(toJob);
}

/** A new running job with no rows yet; its id. */
export async function insertJob(
  trx: Knex.Transaction,
  input: { fileName: string | null; userId: number | null },
): Promise<number> {
  const [inserted] = await trx(IMPORT_JOBS)
    .insert({
      state: 'running',
      file_name: input.fileName,
      headers: '[]',
      mapping: '{}',
      created_by: input.userId,
      created_at: nowIso(),
      heartbeat_at: nowIso(),
    })
    .returning('id');
  return Number(typeof inserted === 'object' ? inserted.id : inserted);
}

export async function insertRows(trx: Knex.Transaction, jobId: number, rows: StoredRow[]) {
  if (!rows.length) return;
  const records = rows.map((r) => ({ job_id: jobId, row_no: r.rowNo, cells: JSON.stringify(r.cells) }));
  await trx.batchInsert(IMPORT_ROWS, records, 500);
}

/** The file's headers, the checked mapping and the row count, once all rows are stored. */
export async function describeJob(
  trx: Knex.Transaction,
  jobId: number,
  file: { headers: string[]; mapping: Record<string, string>; total: number; delimiter: CsvDelimiter },
) {
  await trx(IMPORT_JOBS)
    .where('id', jobId)
    .update({
      headers: JSON.stringify(file.headers),
      mapping: JSON.stringify(file.mapping),
      total: file.total,
      delimiter: file.delimiter,
    });
}

/** The next `size` rows after the cursor. */
export async function rowsAfter(trx: Knex.Transaction, job: ImportJob, size: number): Promise<StoredRow[]> {
  const rows = (await trx(IMPORT_ROWS)
    .where('job_id', job.id)
    .where('row_no', '>', job.cursor)
    .orderBy('row_no')
    .limit(size)
    .select('row_no', 'cells')) as { row_no: number; cells: string }[];
  return rows.map((r) => ({ rowNo: Number(r.row_no), cells: JSON.parse(r.cells) as Record<string, string> }));
}

/** The rows after `after` up to `upTo` (both row numbers), with what they came to: the earlier rows of a job resumed. */
export async function rowsDone(
  trx: Knex.Transaction,
  jobId: number,
  after: number,
  upTo: number,
): Promise<(StoredRow & { outcome: string | null; contactNo: string | null })[]> {
  const rows = (await trx(IMPORT_ROWS)
    .where('job_id', jobId)
    .where('row_no', '>', after)
    .where('row_no', '<=', upTo)
    .orderBy('row_no')
    .select('row_no', 'cells', 'outcome', 'contact_no')) as {
    row_no: number;
    cells: string;
    outcome: string | null;
    contact_no: string | null;
  }[];
  return rows.map((r) => ({
    rowNo: Number(r.row_no),
    cells: JSON.parse(r.cells) as Record<string, string>,
    outcome: r.outcome,
    contactNo: r.contact_no,
  }));
}

/** Rows whose outcomes one UPDATE sets (3 bindings per row and column, well under SQLite's 32,766). */
const OUTCOMES_PER_STATEMENT = 500;

/**
 * The outcomes of a chunk's rows in one UPDATE (a CASE per column keyed by row_no) instead of one per row:
 * the same statement on SQLite and PostgreSQL.
 */
async function saveOutcomes(trx: Knex.Transaction, jobId: number, done: RowDone[]) {
  for (let i = 0; i < done.length; i += OUTCOMES_PER_STATEMENT) {
    const part = done.slice(i, i + OUTCOMES_PER_STATEMENT);
    const caseOf = (value: (d: RowDone) => string | null) => {
      const bindings: (string | number | null)[] = [];
      for (const d of part) bindings.push(d.rowNo, value(d));
      return trx.raw(`CASE row_no ${part.map(() => 'WHEN ? THEN ?').join(' ')} END`, bindings);
    };
    const nos = part.map((d) => d.rowNo);
    // The bounds as well as the list: the primary key (job_id, row_no) is then walked over the chunk's range only.
    // With the list alone PostgreSQL read every row of the job (a bitmap on job_id, the list as a filter):
    // 8.6 ms a chunk at 30,000 rows, growing with the file.
    await trx(IMPORT_ROWS)
      .where('job_id', jobId)
      .whereBetween('row_no', [Math.min(...nos), Math.max(...nos)])
      .whereIn('row_no', nos)
      .update({
        outcome: caseOf((d) => d.outcome),
        contact_no: caseOf((d) => d.contactNo),
        error: caseOf((d) => d.error),
      });
  }
}

/**
 * Saves the outcomes of a chunk's rows and the job's new counts and cursor (inside the chunk's transaction,
 * so the cursor moves only together with the writes it stands for).
 */
export async function saveChunk(
  trx: Knex.Transaction,
  jobId: number,
  done: RowDone[],
  counts: ImportCounts,
  finished: boolean,
) {
  await saveOutcomes(trx, jobId, done);
  await trx(IMPORT_JOBS)
    .where('id', jobId)
    .update({
      ...counts,
      heartbeat_at: nowIso(),
      ...(finished ? { state: 'done', finished_at: nowIso() } : {}),
    });
}

export async function markCancelled(trx: Knex.Transaction, jobId: number) {
  await trx(IMPORT_JOBS).where('id', jobId).update({ state: 'cancelled', finished_at: nowIso() });
}

/** The refused rows of a job, in file order. */
export async function failedRows(strapi: Core.Strapi, jobId: number) {
  const rows = (await strapi.db
    .connection(IMPORT_ROWS)
    .where({ job_id: jobId, outcome: 'failed' })
    .orderBy('row_no')
    .select('row_no', 'cells', 'error')) as { row_no: number; cells: string; error: string | null }[];
  return rows.map((r) => ({
    rowNo: Number(r.row_no),
    cells: JSON.parse(r.cells) as Record<string, string>,
    error: r.error,
  }));
}

/**
 * Runs `fn` inside a savepoint of the chunk's transaction: `keep(result)` false rolls its writes back
 * (a refused row's number and partial writes), true keeps them. An exception rolls back nothing here:
 * it ends the whole chunk's transaction.
 */
export async function inSavepoint<T>(trx: Knex.Transaction, fn: () => Promise<T>, keep: (r: T) => boolean) {
  await trx.raw('SAVEPOINT ms_import_row');
  const result = await fn();
  await trx.raw(keep(result) ? 'RELEASE SAVEPOINT ms_import_row' : 'ROLLBACK TO SAVEPOINT ms_import_row');
  return result;
}
