/**
 * The bulk regeneration of the duplicate search (after a change of the search-string setup, or data
 * imported around the write rules): every contact's search strings, blocking keys and pairs rebuilt,
 * in id order, in batches. Its state is one row (repositories/regeneration-jobs.ts); each batch is one
 * transaction that re-indexes the batch and moves `last_id` on, so a crash or restart resumes after the
 * last batch done.
 */
import type { Core } from '@strapi/strapi';
import type { Write } from '../repositories/unit-of-work';
import {
  failRunningJob,
  readJob,
  updateJob,
  type JobRow,
  type RegenerationState,
} from '../repositories/regeneration-jobs';
import { contactCount, contactIdsAfter, contactsById, lockContacts } from '../repositories/duplicate-contacts';
import { reindexBatch, searchFields } from './search';

export interface RegenerationStatus {
  state: RegenerationState;
  processed: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

const nowIso = () => new Date().toISOString();

const toStatus = (row: JobRow): RegenerationStatus => ({
  state: row.state,
  processed: Number(row.processed),
  total: Number(row.total),
  startedAt: row.started_at ?? null,
  finishedAt: row.finished_at ?? null,
  error: row.error ?? null,
});

export async function regenerationStatus(strapi: Core.Strapi): Promise<RegenerationStatus> {
  return toStatus(await readJob(strapi));
}

/**
 * Starts a regeneration unless one is running (then returns that one, `started: false`). The row lock
 * makes two instances asked at the same moment start it once.
 */
export async function startRegeneration(write: Write): Promise<{ started: boolean; status: RegenerationStatus }> {
  const job = await readJob(write, true);
  if (job.state === 'running') return { started: false, status: toStatus(job) };
  const now = nowIso();
  const next: Partial<JobRow> = {
    state: 'running',
    processed: 0,
    total: await contactCount(write),
    last_id: 0,
    started_at: now,
    finished_at: null,
    heartbeat_at: now,
    error: null,
  };
  await updateJob(write, next);
  return { started: true, status: toStatus({ ...job, ...next }) };
}

/** Whether a regeneration is waiting for batches (on any instance). */
export async function regenerationRunning(strapi: Core.Strapi) {
  return (await readJob(strapi)).state === 'running';
}

/**
 * One batch of a running regeneration, inside the caller's transaction (which holds the worker lock):
 * the next `size` contacts after `last_id`. Returns false when no regeneration is running.
 */
export async function regenerateNextBatch(write: Write, size: number, skipped: number[] = []): Promise<boolean> {
  const job = await readJob(write);
  if (job.state !== 'running') return false;
  const ids = await contactIdsAfter(write, Number(job.last_id), size);
  // Contacts a write holds right now are skipped (no waiting, no deadlock); the caller queues them after the commit.
  const locked = await lockContacts(write, ids);
  const lockedSet = new Set(locked);
  skipped.push(...ids.filter((id) => !lockedSet.has(id)));
  const contacts = await contactsById(write, locked, await searchFields(write));
  await reindexBatch(write, contacts, 'regeneration');
  const processed = Number(job.processed) + contacts.length + skipped.length;
  const now = nowIso();
  // Contacts created meanwhile are processed too, deleted ones are not: at the end the total is what was done.
  const finished = ids.length < size;
  await updateJob(write, {
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
  await failRunningJob(strapi, {
    state: 'failed',
    finished_at: nowIso(),
    error: String((error as Error)?.message ?? error).slice(0, 1000),
  });
}

/** A job left running by a stopped instance (heartbeat older than `staleMs`): logged, and continued by the worker. */
export async function staleRunningJob(strapi: Core.Strapi, staleMs: number): Promise<RegenerationStatus | null> {
  const job = await readJob(strapi);
  if (job.state !== 'running') return null;
  const beat = job.heartbeat_at ? Date.parse(job.heartbeat_at) : 0;
  return Date.now() - beat > staleMs ? toStatus(job) : null;
}
