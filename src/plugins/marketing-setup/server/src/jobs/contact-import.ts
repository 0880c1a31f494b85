/**
 * The contact import job. Starting it stores the file's rows in `ms_import_rows` (one row per data line,
 * the original cells as JSON) and the job in `ms_import_jobs` (state, counts, cursor, mapping) — plain
 * tables (repositories/import-jobs.ts), so any instance can report and continue it.
 *
 * A chunk is one transaction: the job row locked, the next rows after the cursor written in file order with
 * every write rule, their outcomes and the new cursor saved — so the cursor moves
 * only together with the writes it stands for. A restart continues after the last committed chunk and no
 * row is imported twice. A row a rule refuses is rolled back alone (number, partial writes) and recorded
 * with the rule's message; the good rows of the chunk still go in (see runImportChunk for how).
 *
 * Within a chunk the new contacts are created set-based (see oneRow): every create rule runs for each of them
 * in memory (write-rules/contact-batch.ts), their numbers come from one block of the series, they are inserted
 * together and their duplicate search runs for the set (operations/import-batch.ts) — with the outcome of one
 * document-service create after the other, in file order.
 *
 * Import jobs run one at a time (see chunk): two jobs of one file side by side would each create what the other had
 * not committed yet.
 *
 * Plugin config: `importChunkSize` (default 200), `importWaitMs` (default 1000: how often a job waiting for another
 * asks again), `importPollMs` (default 10000; 0 = this process never
 * picks up a job left running by a stopped instance), `importAutoRun` (default true: start the job in the
 * instance that received it), `importSetBased` (default true; false: every new contact through
 * `strapi.documents(contact).create` and every update through `.update`, with their lifecycles and populated
 * `entry.create` / `entry.update` events; true: updates that change no type, company or No. are written by
 * `updateDirect`, write-rules/contact-batch.ts).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  advance,
  changesMatchKeys,
  checkMapping,
  errorsCsv,
  isLastChunk,
  isStale,
  lookupKeysOfContact,
  lookupKeysOfRow,
  matchKeyOf,
  rowToInput,
  type CsvField,
  type ImportJobStatus,
  type ImportRow,
  type Mapping,
  type MatchKey,
  type RowDone,
} from '../domain/contact-csv';
import { RuleViolation } from '../domain/errors';
import { notFound, validationError } from '../utils/errors';
import { readCsv } from '../contact-csv/parse';
import {
  fullAccess,
  codeCache,
  prepareRow,
  rowError,
  writePrepared,
  twinOfRow,
  newImportMemory,
  type ImportMemory,
  type CodeLookup,
  type PreparedRow,
  type RowAccess,
} from '../contact-csv/rows';
import { abilityOfAdmin, importRowAccess, recordAccessOf } from '../admin-api/record-access';
import {
  describeJob,
  failedRows,
  findJob,
  importAhead,
  importsAhead,
  inSavepoint,
  insertJob,
  insertRows,
  latestJobs,
  lockImports,
  markCancelled,
  rowsAfter,
  rowsDone,
  runningJobs,
  saveChunk,
  statusOf,
  touchJob,
  type StoredRow,
} from '../repositories/import-jobs';
import { transaction, type Write } from '../repositories/unit-of-work';
import {
  inImportBatch,
  markBatch,
  forgetCompany,
  forgetMatches,
  noteCreated,
  prefetchMatches,
  newImportBatch,
  prefetchCompanies,
  restoreBatch,
  type ImportBatch,
} from '../operations/import-batch';
import { searchNewContacts } from '../duplicate-search/search';
import { insertPlannedContacts, planBatchCreate, type PlannedInsert } from '../write-rules/contact-batch';
import { UID } from '../utils/uids';
import { refreshImportStatistics } from '../repositories/table-statistics';
import { stampEditor } from '../repositories/contacts';
import { giveTurn } from '../utils/pacing';

const STALE_MS = 60_000;

export async function importStatus(strapi: Core.Strapi, id: number): Promise<ImportJobStatus> {
  const job = await findJob(strapi, id);
  if (!job) throw notFound(`No import job ${id}.`);
  return statusOf(job, await importsAhead(strapi));
}

/** The latest imports, of one admin when `createdBy` is given. */
export async function listImports(strapi: Core.Strapi, limit = 20, createdBy?: number): Promise<ImportJobStatus[]> {
  const jobs = await latestJobs(strapi, limit, createdBy);
  const ahead = jobs.some((job) => job.state === 'running') ? await importsAhead(strapi) : null;
  return jobs.map((job) => statusOf(job, ahead));
}

/** The admin who started import `id` (null: started in code); undefined when there is no such job. */
export async function importCreator(strapi: Core.Strapi, id: number): Promise<number | null | undefined> {
  return (await findJob(strapi, id))?.createdBy;
}

/** Stores the file's rows and the job (state running); nothing is written to contacts yet. */
export async function createImportJob(
  strapi: Core.Strapi,
  input: { csv: string; mapping: Mapping; fileName?: string | null; userId?: number | null },
) {
  let checked: Record<string, CsvField> | null = null;
  return transaction(strapi, async ({ trx }) => {
    const id = await insertJob(trx, { fileName: input.fileName ?? null, userId: input.userId ?? null });
    let batch: StoredRow[] = [];
    const flush = async () => {
      await insertRows(trx, id, batch);
      batch = [];
    };
    const { headers, rows, delimiter } = await readCsv(input.csv, async (record, rowNo) => {
      if (!checked) {
        try {
          checked = checkMapping(Object.keys(record), input.mapping);
        } catch (err) {
          throw err instanceof RuleViolation ? validationError(err.message, err.path) : err;
        }
      }
      batch.push({ rowNo, cells: record });
      if (batch.length >= 1000) await flush();
    });
    await flush();
    await describeJob(trx, id, { headers, mapping: checked ?? {}, total: rows, delimiter });
    return id;
  });
}

/** `waiting`: another import runs (import jobs run one at a time); nothing was done, the chunk is tried again later. */
type ChunkResult = 'more' | 'finished' | 'stopped' | 'waiting';

/** A write refused inside a chunk run without savepoints: its chunk is rolled back and run again with them. */
class RedoWithSavepoints extends Error {}

/** A refused row's outcome, or null for an error that is no row's refusal (it ends the chunk). */
const refused = (row: StoredRow, err: unknown): RowDone | null => {
  const e = rowError(err);
  return e && { rowNo: row.rowNo, outcome: 'failed', contactNo: null, error: e.error };
};

/** A chunk as it runs: its transaction, its batch, and the new contacts planned but not inserted yet. */
interface ChunkRun {
  strapi: Core.Strapi;
  trx: Knex.Transaction;
  savepoints: boolean;
  /**
   * New contacts set-based (plugin config `importSetBased`, default true); false: every row through the document
   * service one after the other, numbers drawn and duplicates searched per contact (the path before issue 16).
   */
  setBased: boolean;
  batch: ImportBatch;
  /** Whether the job's admin may update the contact an update row matched, and read the company a row names. */
  access: RowAccess;
  /** The Company No. each row of the chunk names (null: none), for reading the companies ahead. */
  companyNos: (string | null)[];
  /** Each row's match key (null: none), for reading the contacts the rows to come update ahead. */
  matchKeys: MatchKey[];
  pending: PlannedInsert[];
  /** What later rows could look the pending contacts up by (lookupKeysOfContact). */
  pendingKeys: Set<string>;
  /** The admin who started the job (null: started in code): the creator of every contact it creates. */
  creator: number | null;
  /** The contacts the chunk updated (documentIds), stamped with the job's admin as last editor at its end. */
  written: { updated: Set<string> };
  /** What the job's run remembers between rows and chunks. */
  memory: ImportMemory;
}

/** The chunk's transaction as the contacts' write context of the batch's reads and searches. */
const writeOf = (run: ChunkRun): Write => ({
  strapi: run.strapi,
  trx: run.trx,
  uid: UID.contact,
  action: 'create',
  params: {},
});

/** Inserts the pending contacts (set-based, in file order); their search is held back in the batch. */
async function flushPending(run: ChunkRun) {
  if (!run.pending.length) return;
  const plans = run.pending.splice(0);
  run.pendingKeys.clear();
  const created = await inImportBatch(run.batch, () => insertPlannedContacts(run.strapi, run.trx, plans));
  await stampCreated(
    run,
    created.map((c) => c.documentId),
  );
}

/**
 * The job's admin as creator and last editor of contacts it just created, at once rather than at the chunk's end: a
 * later row of the file may name such a company, and a role that reads only what it created ("is creator") must
 * find it then.
 */
async function stampCreated(run: ChunkRun, documentIds: string[]) {
  if (run.creator !== null && documentIds.length)
    await stampEditor(writeOf(run), run.creator, { created: documentIds, updated: [] });
}

/**
 * Everything the chunk holds back, written: the pending contacts, the lines of the number block (last
 * number used), the duplicate search of the contacts created since the last settle. The next create draws
 * from a fresh block.
 */
async function settle(run: ChunkRun) {
  await flushPending(run);
  await run.batch.numbers?.save();
  run.batch.numbers = null;
  await searchNewContacts(writeOf(run), run.batch.created.splice(0));
}

/** Reads the companies named by the chunk's rows ahead (see prefetchCompanies). */
const prefetch = (run: ChunkRun) =>
  prefetchCompanies(
    writeOf(run),
    run.batch,
    run.companyNos.filter((no): no is string => !!no),
  );

/** A row's cells read, if they can be (a row that cannot is refused later anyway). */
function inputOf(row: StoredRow, mapping: Record<string, CsvField>): ImportRow | null {
  try {
    return rowToInput(row.cells, mapping);
  } catch {
    return null;
  }
}

/** A row's write through the document service (an update, or a create Strapi must validate). */
async function writeOne(run: ChunkRun, row: StoredRow, prepared: PreparedRow, inBatch: boolean): Promise<RowDone> {
  // It may change what later rows' match keys find: a new contact, or an update's other No., VAT no. or e-mail
  // (and with it a company's persons').
  if (!prepared.found || changesMatchKeys(prepared.data, prepared.found)) forgetMatches(run.batch);
  const mark = markBatch(run.batch);
  const write = async (): Promise<RowDone> => {
    try {
      const r = inBatch
        ? await inImportBatch(run.batch, () => writePrepared(run.strapi, prepared, run.access, undefined, run.memory))
        : await writePrepared(run.strapi, prepared, run.access, run.setBased ? run.trx : undefined, run.memory);
      if (r.contact && r.outcome === 'created') await stampCreated(run, [r.contact.documentId]);
      if (r.contact && r.outcome === 'updated') run.written.updated.add(r.contact.documentId);
      return { rowNo: row.rowNo, outcome: r.outcome, contactNo: r.contact?.no ?? null, error: null };
    } catch (err) {
      const d = refused(row, err);
      if (!d) throw err;
      if (!run.savepoints) throw new RedoWithSavepoints();
      restoreBatch(run.batch, mark);
      return d;
    }
  };
  return run.savepoints ? inSavepoint(run.trx, write, (d) => d.outcome !== 'failed') : write();
}

/**
 * One row of a chunk. A refusal while the row is prepared (a cell, a code, an ambiguous match) comes before
 * any write, so it needs no rollback.
 * - A new contact is planned with every create rule (numbered from the chunk's block) and waits to be
 *   inserted with the others; a refusal while planning has written nothing (its number is given back).
 *   A contact whose values need Strapi's own validation is written through the document service instead.
 * - A row that updates a contact settles the chunk first (pending inserts, numbers, duplicate search), so
 *   it sees everything before it, and runs as any update.
 * A write through the document service may be refused after it wrote something: with `savepoints` it runs in
 * one and a refusal rolls back to it (and the batch forgets the row's number and contact); without, the chunk
 * is redone with savepoints.
 */
async function oneRow(
  run: ChunkRun,
  row: StoredRow,
  mapping: Record<string, CsvField>,
  codes: CodeLookup,
): Promise<RowDone> {
  let prepared: PreparedRow;
  try {
    if (!run.setBased) prepared = await prepareRow(run.strapi, row.cells, mapping, codes, run.access);
    else {
      // A row that looks up a contact still pending must find it stored.
      if (lookupKeysOfRow(rowToInput(row.cells, mapping)).some((k) => run.pendingKeys.has(k))) await flushPending(run);
      prepared = await inImportBatch(run.batch, () => prepareRow(run.strapi, row.cells, mapping, codes, run.access));
    }
  } catch (err) {
    const d = refused(row, err);
    if (!d) throw err;
    return d;
  }
  if (!run.setBased) return writeOne(run, row, prepared, false);
  if (prepared.found) {
    await settle(run);
    const done = await writeOne(run, row, prepared, false);
    // The contact updated may be the company of rows to come: they read it again (nothing else was changed
    // that a create reads — its persons' inherited fields are no company's).
    forgetCompany(run.batch, prepared.found.documentId);
    return done;
  }
  // A contact of the row's name holding all its values (stored: a pending one would have been flushed above).
  const twin = prepared.named && (await twinOfRow(run.strapi, prepared, run.access));
  if (twin) return { rowNo: row.rowNo, outcome: 'unchanged', contactNo: twin.no, error: null };
  const mark = markBatch(run.batch);
  try {
    const plan = await inImportBatch(run.batch, () =>
      planBatchCreate(run.strapi, run.trx, structuredClone(prepared.data)),
    );
    if (plan) {
      run.pending.push(plan);
      for (const k of lookupKeysOfContact(plan.planned.fields)) run.pendingKeys.add(k);
      noteCreated(run.batch, plan.planned.fields);
      return {
        rowNo: row.rowNo,
        outcome: 'created',
        contactNo: (plan.planned.fields.no as string) ?? null,
        error: null,
      };
    }
  } catch (err) {
    restoreBatch(run.batch, mark);
    const d = refused(row, err);
    if (!d) throw err;
    return d;
  }
  restoreBatch(run.batch, mark);
  await flushPending(run);
  return writeOne(run, row, prepared, true);
}

/**
 * A row judged against the earlier rows of the file (`FileRows`, as the dry run judges it): one that repeats an
 * earlier row is unchanged (that row's contact, nothing written); one with an earlier row's No., VAT no. or e-mail
 * and another name or other values is refused; null: the row is written as any.
 */
function againstEarlierRows(run: ChunkRun, row: StoredRow, input: ImportRow | null): RowDone | null {
  const verdict = input && run.memory.file.verdict(row.rowNo, input);
  if (verdict?.kind === 'conflict')
    return { rowNo: row.rowNo, outcome: 'failed', contactNo: null, error: verdict.message };
  if (verdict?.kind === 'repeat')
    return { rowNo: row.rowNo, outcome: 'unchanged', contactNo: verdict.outcome.no, error: null };
  return null;
}

/** The job's rows before the cursor in the memory of this run (all of them after a restart), as they came out. */
async function rememberEarlierRows(
  run: ChunkRun,
  job: { id: number; cursor: number },
  mapping: Record<string, CsvField>,
) {
  const file = run.memory.file;
  // A chunk rolled back (redone with savepoints, or stopped by an error) is forgotten.
  file.forgetAfter(job.cursor);
  if (file.upTo >= job.cursor) return;
  for (const r of await rowsDone(run.trx, job.id, file.upTo, job.cursor))
    rememberRow(file, r.rowNo, inputOf(r, mapping), r.outcome, r.contactNo);
}

/** A row into the run's memory of the file: the contact it came to (a failed row: none), and whether it created it. */
const rememberRow = (
  file: ImportMemory['file'],
  rowNo: number,
  input: ImportRow | null,
  outcome: string | null,
  contactNo: string | null,
) => file.add(rowNo, input, outcome && outcome !== 'failed' ? { no: contactNo } : null, outcome === 'created');

/**
 * The rights the rows are written with: those of the admin who started the job (checked again at every chunk,
 * so a role changed meanwhile counts); a job without an admin (started in code) has every right, and one whose
 * admin is gone or inactive may update nothing (it still sees what its rows match, so they are refused, not created).
 */
async function accessOf(strapi: Core.Strapi, userId: number | null): Promise<RowAccess> {
  if (userId === null) return fullAccess;
  const ability = await abilityOfAdmin(strapi, userId);
  // Gone or inactive: it changes no contact. Its rows still find the contacts they match (and are refused for
  // them) rather than not seeing them and creating them again; there is no one left to show a contact to.
  if (!ability) return { mayUpdate: async () => false, mayRead: async () => true, readScope: async () => null };
  return importRowAccess(recordAccessOf(strapi, ability));
}

async function chunk(
  strapi: Core.Strapi,
  id: number,
  size: number,
  codes: CodeLookup,
  savepoints: boolean,
  memory: ImportMemory,
): Promise<ChunkResult> {
  return transaction(strapi, async ({ trx }) => {
    // One import at a time: two jobs of one file run side by side would each create the contacts the other
    // had not committed yet. The lock (PostgreSQL, across instances) makes the check below and the chunk one step.
    await lockImports(strapi, trx);
    const job = await findJob(strapi, id, trx);
    if (!job || job.state !== 'running') return 'stopped';
    if ((await importAhead(trx, job)) !== null) {
      await touchJob(trx, job.id);
      return 'waiting';
    }
    // The mapping was checked against the file's header when the job was created.
    const mapping = job.mapping as Record<string, CsvField>;
    const rows = await rowsAfter(trx, job, size);
    const inputs = rows.map((row) => inputOf(row, mapping));
    const run: ChunkRun = {
      strapi,
      trx,
      savepoints,
      setBased: (strapi.config.get('plugin::marketing-setup.importSetBased', true) as unknown) !== false,
      batch: newImportBatch(rows.length),
      access: await accessOf(strapi, job.createdBy),
      companyNos: inputs.map((input) => input?.codes.company ?? null),
      matchKeys: inputs.map((input) => input && matchKeyOf(input)),
      pending: [],
      pendingKeys: new Set(),
      creator: job.createdBy,
      written: { updated: new Set() },
      memory,
    };
    if (run.setBased) await prefetch(run);
    await rememberEarlierRows(run, job, mapping);
    const done: RowDone[] = [];
    for (const [i, row] of rows.entries()) {
      if (run.setBased && !run.batch.matches) await prefetchMatches(writeOf(run), run.batch, run.matchKeys.slice(i));
      const d = againstEarlierRows(run, row, inputs[i]) ?? (await oneRow(run, row, mapping, codes));
      rememberRow(memory.file, row.rowNo, inputs[i], d.outcome, d.contactNo);
      done.push(d);
    }
    await settle(run);
    // The admin who started the job is the contacts' creator and last editor, as after a Content Manager save
    // (an Author's "is creator" permissions then cover the contacts it imported): the new ones as they were
    // inserted (stampCreated), the updated ones here.
    if (job.createdBy !== null)
      await stampEditor(writeOf(run), job.createdBy, { created: [], updated: run.written.updated });
    const finished = isLastChunk(job.cursor, rows.length, job.total, size);
    await saveChunk(trx, job.id, done, advance(job, done), finished);
    return finished ? 'finished' : 'more';
  });
}

/**
 * One chunk of the job in one transaction. It runs first without savepoints (two statements a row saved);
 * when a rule refuses a row inside its write, the chunk is rolled back and run again with a savepoint around
 * each write, so the refused row alone is rolled back (its number, its partial writes), recorded as failed,
 * and the chunk goes on with the next row.
 */
export async function runImportChunk(
  strapi: Core.Strapi,
  id: number,
  size: number,
  codes: CodeLookup = codeCache(strapi),
  memory: ImportMemory = newImportMemory(),
): Promise<ChunkResult> {
  return oneAtATime(strapi, async () => {
    try {
      return await chunk(strapi, id, size, codes, false, memory);
    } catch (err) {
      if (!(err instanceof RedoWithSavepoints)) throw err;
      return chunk(strapi, id, size, codes, true, memory);
    }
  });
}

/**
 * This process's import chunks one after the other (the advisory lock of lockImports serialises instances on
 * PostgreSQL; on SQLite this queue is what keeps two jobs' chunks, and their check for each other, apart).
 */
const chunkQueue = new WeakMap<Core.Strapi, Promise<unknown>>();
function oneAtATime<T>(strapi: Core.Strapi, fn: () => Promise<T>): Promise<T> {
  const before = chunkQueue.get(strapi) ?? Promise.resolve();
  const mine = before.then(fn, fn);
  chunkQueue.set(
    strapi,
    mine.catch(() => null),
  );
  return mine;
}

/** How long a job waiting for another import sleeps before it asks again (plugin config `importWaitMs`). */
const waitMs = (strapi: Core.Strapi) => {
  const v = Number(strapi.config.get('plugin::marketing-setup.importWaitMs', 1000));
  return Number.isFinite(v) && v > 0 ? v : 1000;
};

/**
 * Jobs this process is driving right now (another instance may drive others: the job row lock keeps two drivers of
 * one job apart, lockImports and importAhead two jobs: one runs, the others wait).
 */
const driving = new WeakMap<Core.Strapi, Map<number, Promise<ImportJobStatus>>>();
const drivingOf = (strapi: Core.Strapi) => {
  if (!driving.has(strapi)) driving.set(strapi, new Map());
  return driving.get(strapi)!;
};

/** After a chunk: fresh planner statistics where the import changed much (repositories/table-statistics.ts). */
async function refreshStatistics(strapi: Core.Strapi) {
  try {
    await refreshImportStatistics(strapi);
  } catch (err) {
    // Not the table owner, say: the import goes on, planned as well as the database manages.
    strapi.log.warn(`[marketing-setup] contact import: statistics not refreshed: ${(err as Error).message}`);
  }
}

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
    const memory = newImportMemory();
    for (let n = 0; (opts.maxChunks === undefined || n < opts.maxChunks) && !stopping.has(strapi); n += 1) {
      const r = await runImportChunk(strapi, id, chunkSize(strapi), codes, memory);
      if (r === 'waiting') {
        // Another import runs: this one waits its turn (its status says for which), then begins.
        await new Promise((resolve) => setTimeout(resolve, waitMs(strapi)));
        n -= 1;
        continue;
      }
      await refreshStatistics(strapi);
      if (r !== 'more') break;
      // A turn for the requests waiting (a status poll, a cancel, any other user): on SQLite every statement is
      // synchronous, so without it the server would answer nothing until the whole import is done.
      await giveTurn();
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
  await transaction(strapi, async ({ trx }) => {
    const job = await findJob(strapi, id, trx);
    if (!job) throw notFound(`No import job ${id}.`);
    // Cancelling twice is harmless; a finished import has nothing left to cancel (its rows are in).
    if (job.state === 'done' || job.state === 'failed')
      throw validationError(`Import ${id} is ${job.state}; only a running import can be cancelled.`, ['id']);
    if (job.state === 'running') await markCancelled(trx, id);
  });
  return importStatus(strapi, id);
}

/** The refused rows of a job as CSV: the file's own columns and separator, then the row number and the reason. */
export async function importErrorsCsv(strapi: Core.Strapi, id: number): Promise<string> {
  const job = await findJob(strapi, id);
  if (!job) throw notFound(`No import job ${id}.`);
  return errorsCsv(job.headers, await failedRows(strapi, id), job.delimiter);
}

/** Jobs left running by a stopped instance (no heartbeat for a minute) are continued here. */
async function resumeStale(strapi: Core.Strapi) {
  for (const job of await runningJobs(strapi)) {
    if (!isDriving(strapi, job.id) && isStale(job.heartbeatAt, Date.now(), STALE_MS)) {
      strapi.log.info(`[marketing-setup] contact import ${job.id}: continuing after row ${job.cursor}.`);
      void driveImport(strapi, job.id).catch(() => null);
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
