/**
 * The contact import job. Starting it stores the file's rows in `ms_import_rows` (one row per data line,
 * the original cells as JSON) and the job in `ms_import_jobs` (state, counts, cursor, mapping) — plain
 * tables, like the regeneration's state row, so any instance can report and continue it.
 *
 * A chunk is one transaction: the job row locked, the next rows after the cursor written one by one through
 * the document service (every write rule), their outcomes and the new cursor saved — so the cursor moves
 * only together with the writes it stands for. A restart continues after the last committed chunk and no
 * row is imported twice. Each row runs inside a savepoint: a row a rule refuses is rolled back to it alone
 * (number, partial writes) and recorded with the rule's message; the good rows of the chunk still go in.
 *
 * Plugin config: `importChunkSize` (default 200), `importPollMs` (default 10000; 0 = this process never
 * picks up a job left running by a stopped instance), `importAutoRun` (default true: start the job in the
 * instance that received it).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { checkMapping, csvLine, BOM, type CsvField, type Mapping } from '../domain/contact-csv';
import { RuleViolation } from '../domain/errors';
import { isPostgres } from '../repositories/tables';
import { notFound, validationError } from '../utils/errors';
import { readCsv, type CsvRecord } from '../contact-csv/parse';
import { codeCache, rowError, writeRow, type CodeLookup } from '../contact-csv/rows';

export const IMPORT_JOBS = 'ms_import_jobs';
export const IMPORT_ROWS = 'ms_import_rows';
const STALE_MS = 60_000;

export type ImportState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportJobStatus {
  id: number;
  state: ImportState;
  fileName: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  cursor: number;
  createdAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

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
  failed: number;
  cursor: number;
  created_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  error: string | null;
}

const nowIso = () => new Date().toISOString();

export async function ensureImportTables(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(IMPORT_JOBS))) {
    await knex.schema.createTable(IMPORT_JOBS, (t) => {
      t.increments('id').primary();
      t.string('state', 12).notNullable();
      t.string('file_name', 255);
      t.text('headers').notNullable();
      t.text('mapping').notNullable();
      for (const c of ['total', 'processed', 'created', 'updated', 'failed', 'cursor'])
        t.integer(c).notNullable().defaultTo(0);
      t.integer('created_by');
      for (const c of ['created_at', 'finished_at', 'heartbeat_at']) t.string(c, 30);
      t.text('error');
    });
  }
  if (!(await knex.schema.hasTable(IMPORT_ROWS))) {
    await knex.schema.createTable(IMPORT_ROWS, (t) => {
      t.integer('job_id').notNullable();
      t.integer('row_no').notNullable();
      t.text('cells').notNullable();
      t.string('outcome', 10);
      t.string('contact_no', 40);
      t.text('error');
      t.primary(['job_id', 'row_no']);
    });
  }
}

const toStatus = (r: JobRow): ImportJobStatus => ({
  id: Number(r.id),
  state: r.state,
  fileName: r.file_name ?? null,
  total: Number(r.total),
  processed: Number(r.processed),
  created: Number(r.created),
  updated: Number(r.updated),
  failed: Number(r.failed),
  cursor: Number(r.cursor),
  createdAt: r.created_at ?? null,
  finishedAt: r.finished_at ?? null,
  error: r.error ?? null,
});

const readJob = async (q: Knex | Knex.Transaction, id: number, forUpdate = false): Promise<JobRow | undefined> => {
  const query = q(IMPORT_JOBS).where('id', id).first();
  return (forUpdate ? query.forUpdate() : query) as Promise<JobRow | undefined>;
};

export async function importStatus(strapi: Core.Strapi, id: number): Promise<ImportJobStatus> {
  const job = await readJob(strapi.db.connection, id);
  if (!job) throw notFound(`No import job ${id}.`);
  return toStatus(job);
}

export async function listImports(strapi: Core.Strapi, limit = 20): Promise<ImportJobStatus[]> {
  return ((await strapi.db.connection(IMPORT_JOBS).orderBy('id', 'desc').limit(limit)) as JobRow[]).map(toStatus);
}

/** Stores the file's rows and the job (state running); nothing is written to contacts yet. */
export async function createImportJob(
  strapi: Core.Strapi,
  input: { csv: string; mapping: Mapping; fileName?: string | null; userId?: number | null },
) {
  let checked: Record<string, CsvField> | null = null;
  return strapi.db.transaction(async ({ trx }) => {
    const [inserted] = await trx(IMPORT_JOBS)
      .insert({
        state: 'running',
        file_name: input.fileName ?? null,
        headers: '[]',
        mapping: '{}',
        created_by: input.userId ?? null,
        created_at: nowIso(),
        heartbeat_at: nowIso(),
      })
      .returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    let batch: { job_id: number; row_no: number; cells: string }[] = [];
    const flush = async () => {
      if (batch.length) await trx.batchInsert(IMPORT_ROWS, batch as any, 500);
      batch = [];
    };
    const { headers, rows } = await readCsv(input.csv, async (record, rowNo) => {
      if (!checked) {
        try {
          checked = checkMapping(Object.keys(record), input.mapping);
        } catch (err) {
          throw err instanceof RuleViolation ? validationError(err.message, err.path) : err;
        }
      }
      batch.push({ job_id: id, row_no: rowNo, cells: JSON.stringify(record) });
      if (batch.length >= 1000) await flush();
    });
    await flush();
    await trx(IMPORT_JOBS)
      .where('id', id)
      .update({ headers: JSON.stringify(headers), mapping: JSON.stringify(checked), total: rows });
    return id;
  });
}

type ChunkResult = 'more' | 'finished' | 'stopped';

interface StoredRow {
  row_no: number;
  cells: string;
}
interface Done {
  row_no: number;
  outcome: 'created' | 'updated' | 'failed';
  contact_no: string | null;
  error: string | null;
}

/** Saves the outcomes of `done` rows and moves the cursor past the last one (inside the caller's transaction). */
async function record(trx: Knex.Transaction, job: JobRow, done: Done[], finished: boolean) {
  for (const d of done) {
    await trx(IMPORT_ROWS)
      .where({ job_id: job.id, row_no: d.row_no })
      .update({ outcome: d.outcome, contact_no: d.contact_no, error: d.error });
  }
  const n = (o: Done['outcome']) => done.filter((d) => d.outcome === o).length;
  const last = done.length ? done[done.length - 1].row_no : Number(job.cursor);
  await trx(IMPORT_JOBS)
    .where('id', job.id)
    .update({
      cursor: last,
      processed: Number(job.processed) + done.length,
      created: Number(job.created) + n('created'),
      updated: Number(job.updated) + n('updated'),
      failed: Number(job.failed) + n('failed'),
      heartbeat_at: nowIso(),
      ...(finished ? { state: 'done', finished_at: nowIso() } : {}),
    });
}

async function oneRow(
  strapi: Core.Strapi,
  row: StoredRow,
  mapping: Record<string, CsvField>,
  codes: CodeLookup,
): Promise<Done> {
  try {
    const r = await writeRow(strapi, JSON.parse(row.cells) as CsvRecord, mapping, codes);
    return { row_no: row.row_no, outcome: r.outcome, contact_no: r.contact?.no ?? null, error: null };
  } catch (err) {
    const e = rowError(err);
    if (!e) throw err;
    return { row_no: row.row_no, outcome: 'failed', contact_no: null, error: e.error };
  }
}

/**
 * One chunk of the job in one transaction. Each row runs inside a savepoint: a row a rule refuses is rolled
 * back to it (its number, its partial writes), recorded as failed, and the chunk goes on with the next row.
 */
export async function runImportChunk(
  strapi: Core.Strapi,
  id: number,
  size: number,
  codes: CodeLookup = codeCache(strapi),
): Promise<ChunkResult> {
  return strapi.db.transaction(async ({ trx }) => {
    const job = await readJob(trx, id, isPostgres(strapi));
    if (!job || job.state !== 'running') return 'stopped';
    const mapping = JSON.parse(job.mapping);
    const rows: StoredRow[] = await trx(IMPORT_ROWS)
      .where('job_id', id)
      .where('row_no', '>', job.cursor)
      .orderBy('row_no')
      .limit(size)
      .select('row_no', 'cells');
    const done: Done[] = [];
    for (const row of rows) {
      await trx.raw('SAVEPOINT ms_import_row');
      const d = await oneRow(strapi, row, mapping, codes);
      await trx.raw(d.outcome === 'failed' ? 'ROLLBACK TO SAVEPOINT ms_import_row' : 'RELEASE SAVEPOINT ms_import_row');
      done.push(d);
    }
    const finished = Number(job.cursor) + rows.length >= Number(job.total) || rows.length < size;
    await record(trx, job, done, finished);
    return finished ? 'finished' : 'more';
  });
}

/** Jobs this process is running right now (another instance may run others: the job row lock keeps them apart). */
const driving = new WeakMap<Core.Strapi, Map<number, Promise<ImportJobStatus>>>();
const drivingOf = (strapi: Core.Strapi) => {
  if (!driving.has(strapi)) driving.set(strapi, new Map());
  return driving.get(strapi)!;
};

const chunkSize = (strapi: Core.Strapi) => {
  const v = Number(strapi.config.get('plugin::marketing-setup.importChunkSize', 200));
  return Number.isInteger(v) && v > 0 ? v : 200;
};

/**
 * Runs the job's chunks until it is done (or `maxChunks` chunks are done: tests stop a job halfway this way).
 * An error that is no row's refusal (the database went away) leaves the job running: the next drive resumes it.
 */
export function driveImport(
  strapi: Core.Strapi,
  id: number,
  opts: { maxChunks?: number } = {},
): Promise<ImportJobStatus> {
  const map = drivingOf(strapi);
  const current = map.get(id);
  if (current) return current;
  const run = (async () => {
    const codes = codeCache(strapi);
    for (let n = 0; (opts.maxChunks === undefined || n < opts.maxChunks) && !stopping.has(strapi); n += 1) {
      const r = await runImportChunk(strapi, id, chunkSize(strapi), codes);
      if (r !== 'more') break;
    }
    return importStatus(strapi, id);
  })();
  const tracked = run.finally(() => map.delete(id));
  map.set(id, tracked);
  tracked.catch((err) =>
    strapi.log.error(
      `[marketing-setup] contact import ${id} stopped: ${(err as Error).message}; it resumes on the next start.`,
    ),
  );
  return tracked;
}

/** Whether this process is running the job. */
export const isDriving = (strapi: Core.Strapi, id: number) => drivingOf(strapi).has(id);

export async function cancelImport(strapi: Core.Strapi, id: number) {
  await strapi.db.transaction(async ({ trx }) => {
    const job = await readJob(trx, id, isPostgres(strapi));
    if (!job) throw notFound(`No import job ${id}.`);
    if (job.state === 'running')
      await trx(IMPORT_JOBS).where('id', id).update({ state: 'cancelled', finished_at: nowIso() });
  });
  return importStatus(strapi, id);
}

/** The refused rows of a job as CSV: the file's own columns, then the row number and the reason. */
export async function importErrorsCsv(strapi: Core.Strapi, id: number): Promise<string> {
  const job = await readJob(strapi.db.connection, id);
  if (!job) throw notFound(`No import job ${id}.`);
  const headers: string[] = JSON.parse(job.headers);
  const rows = await strapi.db
    .connection(IMPORT_ROWS)
    .where({ job_id: id, outcome: 'failed' })
    .orderBy('row_no')
    .select('row_no', 'cells', 'error');
  let out = BOM + csvLine([...headers, 'Row', 'Error']);
  for (const r of rows) {
    const cells = JSON.parse(r.cells);
    out += csvLine([...headers.map((h) => cells[h] ?? ''), r.row_no, r.error]);
  }
  return out;
}

/** Jobs left running by a stopped instance (no heartbeat for a minute) are continued here. */
async function resumeStale(strapi: Core.Strapi) {
  const jobs: JobRow[] = await strapi.db.connection(IMPORT_JOBS).where('state', 'running').select('*');
  for (const job of jobs) {
    const beat = job.heartbeat_at ? Date.parse(job.heartbeat_at) : 0;
    if (!isDriving(strapi, Number(job.id)) && Date.now() - beat > STALE_MS) {
      strapi.log.info(`[marketing-setup] contact import ${job.id}: continuing after row ${job.cursor}.`);
      void driveImport(strapi, Number(job.id)).catch(() => null);
    }
  }
}

const timers = new WeakMap<Core.Strapi, NodeJS.Timeout>();
/** Apps shutting down: their jobs stop after the chunk in hand (and resume on the next start). */
const stopping = new WeakSet<Core.Strapi>();

export function startImportPoller(strapi: Core.Strapi) {
  stopping.delete(strapi);
  const ms = Number(strapi.config.get('plugin::marketing-setup.importPollMs', 10_000));
  if (!Number.isFinite(ms) || ms <= 0) return;
  const timer = setInterval(
    () => void resumeStale(strapi).catch((e) => strapi.log.error(`[marketing-setup] import poller: ${e.message}`)),
    ms,
  );
  timer.unref();
  timers.set(strapi, timer);
}

export async function stopImports(strapi: Core.Strapi) {
  stopping.add(strapi);
  const t = timers.get(strapi);
  if (t) clearInterval(t);
  timers.delete(strapi);
  await Promise.all([...drivingOf(strapi).values()].map((p) => p.catch(() => null)));
}
