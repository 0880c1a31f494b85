/**
 * The bulk regeneration of the duplicate search (after a change of the search-string setup, or data
 * imported around the write rules): every contact's search strings, blocking keys and pairs rebuilt,
 * in id order, in batches. Its state lives in one row of a plain table — not in process memory — so
 * any instance can report it, and any instance's worker continues it: each batch is one transaction that
 * re-indexes the batch and moves `last_id` on, so a crash or restart resumes after the last batch done.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Write } from '../repositories/unit-of-work';
import { UID } from '../utils/uids';
import { isPostgres, tableOf } from '../repositories/tables';
import { reindexBatch, searchFields } from '../duplicate-search/search';
import { lockContacts } from '../duplicate-search/reindex-queue';

export const REGENERATION = 'ms_duplicate_regeneration';

export type RegenerationState = 'idle' | 'running' | 'done' | 'failed';

export interface RegenerationStatus {
  state: RegenerationState;
  processed: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

interface JobRow {
  state: RegenerationState;
  processed: number;
  total: number;
  last_id: number;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  error: string | null;
}

const JOB_ID = 1;
const nowIso = () => new Date().toISOString();

/** The state table and its one row, idempotently (every boot). Timestamps are ISO text: one form on both databases. */
export async function ensureRegenerationTable(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${REGENERATION} (
    id integer NOT NULL PRIMARY KEY, state varchar(10) NOT NULL, processed integer NOT NULL, total integer NOT NULL,
    last_id integer NOT NULL, started_at varchar(30), finished_at varchar(30), heartbeat_at varchar(30), error text)`);
  await knex.raw(
    `INSERT INTO ${REGENERATION} (id, state, processed, total, last_id) VALUES (?, 'idle', 0, 0, 0) ON CONFLICT (id) DO NOTHING`,
    [JOB_ID],
  );
}

const toStatus = (row: JobRow): RegenerationStatus => ({
  state: row.state,
  processed: Number(row.processed),
  total: Number(row.total),
  startedAt: row.started_at ?? null,
  finishedAt: row.finished_at ?? null,
  error: row.error ?? null,
});

async function readJob(trx: Knex | Knex.Transaction, forUpdate = false): Promise<JobRow> {
  const q = trx(REGENERATION).where('id', JOB_ID).first();
  return (forUpdate ? q.forUpdate() : q) as Promise<JobRow>;
}

const updateJob = (trx: Knex | Knex.Transaction, data: Partial<JobRow>) =>
  trx(REGENERATION).where('id', JOB_ID).update(data);

export async function regenerationStatus(strapi: Core.Strapi): Promise<RegenerationStatus> {
  return toStatus(await readJob(strapi.db.connection));
}

/**
 * Starts a regeneration unless one is running (then returns that one, `started: false`). The row lock
 * makes two instances asked at the same moment start it once.
 */
export async function startRegeneration(
  strapi: Core.Strapi,
): Promise<{ started: boolean; status: RegenerationStatus }> {
  return strapi.db.transaction(async ({ trx }) => {
    const job = await readJob(trx, isPostgres(strapi));
    if (job.state === 'running') return { started: false, status: toStatus(job) };
    const [{ n }] = await trx(tableOf(strapi, UID.contact)).count({ n: '*' });
    const now = nowIso();
    const next: Partial<JobRow> = {
      state: 'running',
      processed: 0,
      total: Number(n),
      last_id: 0,
      started_at: now,
      finished_at: null,
      heartbeat_at: now,
      error: null,
    };
    await updateJob(trx, next);
    return { started: true, status: toStatus({ ...job, ...next } as JobRow) };
  });
}

/** Whether a regeneration is waiting for batches (on any instance). */
export async function regenerationRunning(strapi: Core.Strapi) {
  return (await readJob(strapi.db.connection)).state === 'running';
}

/**
 * One batch of a running regeneration, inside the caller's transaction (which holds the worker lock):
 * the next `size` contacts after `last_id`. Returns false when no regeneration is running.
 */
export async function regenerateNextBatch(write: Write, size: number, skipped: number[] = []): Promise<boolean> {
  const { strapi, trx } = write;
  const job = await readJob(trx);
  if (job.state !== 'running') return false;
  const ids: number[] = (
    await trx(tableOf(strapi, UID.contact)).where('id', '>', job.last_id).orderBy('id').limit(size).select('id')
  ).map((r: any) => Number(r.id));
  // Contacts a write holds right now are skipped (no waiting, no deadlock); the caller queues them after the commit.
  const locked = await lockContacts(write, ids);
  const lockedSet = new Set(locked);
  skipped.push(...ids.filter((id) => !lockedSet.has(id)));
  const contacts = locked.length
    ? await strapi.db
        .query(UID.contact)
        .findMany({ where: { id: { $in: locked } }, select: await searchFields(write), orderBy: { id: 'asc' } })
    : [];
  await reindexBatch(write, contacts as any, 'regeneration');
  const processed = Number(job.processed) + contacts.length + skipped.length;
  const now = nowIso();
  // Contacts created meanwhile are processed too, deleted ones are not: at the end the total is what was done.
  const finished = ids.length < size;
  await updateJob(trx, {
    processed,
    total: finished ? processed : Math.max(Number(job.total), processed),
    last_id: ids.length ? ids[ids.length - 1] : Number(job.last_id),
    heartbeat_at: now,
    ...(finished ? { state: 'done' as const, finished_at: now } : {}),
  });
  return true;
}

/** A batch failed (its transaction rolled back): the job stops with the reason; starting it again begins anew. */
export async function failRegeneration(strapi: Core.Strapi, error: unknown) {
  await strapi.db
    .connection(REGENERATION)
    .where({ id: JOB_ID, state: 'running' })
    .update({
      state: 'failed',
      finished_at: nowIso(),
      error: String((error as Error)?.message ?? error).slice(0, 1000),
    });
}

/** A job left running by a stopped instance (heartbeat older than `staleMs`): logged, and continued by the worker. */
export async function staleRunningJob(strapi: Core.Strapi, staleMs: number): Promise<RegenerationStatus | null> {
  const job = await readJob(strapi.db.connection);
  if (job.state !== 'running') return null;
  const beat = job.heartbeat_at ? Date.parse(job.heartbeat_at) : 0;
  return Date.now() - beat > staleMs ? toStatus(job) : null;
}
