/**
 * The duplicate search's background worker: continues a running bulk regeneration batch by batch, and
 * otherwise drains the re-index queue. Every instance runs the timer; each batch is one transaction that
 * first takes a PostgreSQL advisory transaction lock, so exactly one instance works on a batch at a time
 * and nothing depends on which instance it is (the state is in the database). On SQLite there is one
 * writer anyway. Settings (plugin config): `duplicateWorkerIntervalMs` (default 2000; 0 = no timer,
 * e.g. for a process that should never do background work; read at every tick) and `duplicateBatchSize` (default 200).
 */
import type { Core } from '@strapi/strapi';
import type { Write } from '../repositories/unit-of-work';
import { UID } from '../utils/uids';
import { isPostgres } from '../repositories/tables';
import { drainQueue, requeue } from '../duplicate-search/reindex-queue';
import { failRegeneration, regenerateNextBatch, regenerationRunning, staleRunningJob } from './regeneration';

/** Advisory lock key of the worker ("ms" dup 1): any constant no other lock of the database uses. */
const WORKER_LOCK = 0x6d730001;
const DEFAULTS = { duplicateWorkerIntervalMs: 2000, duplicateBatchSize: 200 };

const setting = (strapi: Core.Strapi, key: keyof typeof DEFAULTS): number => {
  const v = Number(strapi.config.get(`plugin::marketing-setup.${key}`, DEFAULTS[key]));
  return Number.isFinite(v) && v >= 0 ? v : DEFAULTS[key];
};

/** Whether this process does background work now (interval setting above 0). */
export const workerEnabled = (strapi: Core.Strapi) => setting(strapi, 'duplicateWorkerIntervalMs') > 0;

/** This process's loop (not shared state: only whether this process is busy, and its timer). */
interface Loop {
  current: Promise<void> | null;
  again: boolean;
  timer: NodeJS.Timeout | null;
  stopped: boolean;
}
const loops = new WeakMap<Core.Strapi, Loop>();
const loopOf = (strapi: Core.Strapi): Loop => {
  if (!loops.has(strapi)) loops.set(strapi, { current: null, again: false, timer: null, stopped: false });
  return loops.get(strapi)!;
};

/**
 * Queued contacts per batch: a company update that changes persons the worker is re-indexing waits for that
 * batch's commit, so queue batches stay small (about 50 ms each); a regeneration keeps the larger batch size.
 */
const QUEUE_BATCH = 50;

/** One batch in one transaction; false when another instance holds the lock or there is nothing to do. */
async function step(strapi: Core.Strapi): Promise<boolean> {
  const skipped: number[] = [];
  const more = await strapi.db.transaction(async ({ trx }) => {
    if (isPostgres(strapi)) {
      const { rows } = await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS ok', [WORKER_LOCK]);
      if (!rows[0].ok) return false;
    }
    const write: Write = { strapi, trx, uid: UID.contact, action: 'update', params: {} };
    const size = Math.max(1, setting(strapi, 'duplicateBatchSize'));
    if (await regenerateNextBatch(write, size, skipped)) return true;
    return (await drainQueue(write, Math.min(size, QUEUE_BATCH))) > 0;
  });
  // After the commit, holding no lock: queuing inside the batch could wait for the write that held them.
  await requeue(strapi, skipped);
  return more;
}

async function runUntilIdle(strapi: Core.Strapi, loop: Loop) {
  while (loop.again && !loop.stopped) {
    loop.again = false;
    for (;;) {
      if (loop.stopped) return;
      let more: boolean;
      try {
        more = await step(strapi);
      } catch (err) {
        strapi.log.error(`[marketing-setup] duplicate search background batch failed: ${(err as Error).message}`);
        if (await regenerationRunning(strapi)) await failRegeneration(strapi, err);
        return;
      }
      if (!more) break;
      // Let requests of this process in between batches.
      await new Promise((r) => setImmediate(r));
    }
  }
}

/**
 * Works until there is nothing left (regeneration and queue), in this process; resolves then. Called by
 * the timer, after a regeneration is started, and by tests. A call while busy makes the loop look once more.
 */
export function work(strapi: Core.Strapi): Promise<void> {
  const loop = loopOf(strapi);
  loop.again = true;
  if (!loop.current) {
    loop.current = runUntilIdle(strapi, loop)
      .catch((err) => {
        strapi.log.error(`[marketing-setup] duplicate search worker: ${(err as Error).message}`);
      })
      .finally(() => {
        loop.current = null;
      });
  }
  return loop.current!;
}

/** Bootstrap: the timer, and a regeneration left running by a stopped instance continued right away. */
export async function startWorker(strapi: Core.Strapi) {
  const loop = loopOf(strapi);
  loop.stopped = false;
  const interval = setting(strapi, 'duplicateWorkerIntervalMs');
  const stale = await staleRunningJob(strapi, Math.max(interval, DEFAULTS.duplicateWorkerIntervalMs) * 5);
  if (stale)
    strapi.log.info(
      `[marketing-setup] resuming the duplicate search regeneration at ${stale.processed} of ${stale.total} contacts`,
    );
  if (interval > 0) {
    // The setting is read again at each tick: set to 0 at runtime, it pauses the timer (tests drive `work` themselves).
    loop.timer = setInterval(() => {
      if (workerEnabled(strapi)) void work(strapi);
    }, interval);
    loop.timer.unref();
    if (stale) void work(strapi);
  }
}

/** Destroy: no new batch starts; the one in flight finishes (its transaction commits or rolls back). */
export async function stopWorker(strapi: Core.Strapi) {
  const loop = loopOf(strapi);
  loop.stopped = true;
  if (loop.timer) clearInterval(loop.timer);
  loop.timer = null;
  await loop.current;
}
