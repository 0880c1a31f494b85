/**
 * Bulk regeneration of the duplicate search, and the background work behind it: a running regeneration
 * is continued batch by batch, and otherwise the re-index queue is drained. Each batch runs while this
 * instance holds the worker's PostgreSQL advisory lock (repositories/regeneration-jobs.ts `withWorkerLock`),
 * so exactly one instance works on a batch at a time and nothing depends on which instance it is (the state
 * is in the database). A regeneration batch is one transaction, a queue batch three short ones. The timer that calls
 * `work` is jobs/duplicate-worker.ts. Settings (plugin config): `duplicateWorkerIntervalMs` (default 2000;
 * 0 = no timer, e.g. for a process that should never do background work; read at every tick),
 * `duplicateBatchSize` (default 200, a regeneration's batch) and `duplicateQueueBatchSize` (default 500).
 */
import type { Core } from '@strapi/strapi';
import { inTransaction } from '../repositories/unit-of-work';
import { withWorkerLock } from '../repositories/regeneration-jobs';
import { queuedCount, requeue } from '../repositories/reindex-queue';
import { drainQueue } from '../duplicate-search/reindex-queue';
import {
  failRegeneration,
  regenerateNextBatch,
  regenerationRunning,
  regenerationStatus,
  staleRunningJob,
  startRegeneration,
  type RegenerationStatus,
} from '../duplicate-search/regeneration';
import { UID } from '../utils/uids';
import { giveTurn } from '../utils/pacing';

/**
 * `duplicateQueueBatchSize`: queued contacts per batch. A queue batch holds its contacts' rows only while it
 * writes their index rows and while it writes their pairs, not while it scores them
 * (duplicate-search/reindex-queue.ts); larger batches cost fewer statements per contact.
 */
const DEFAULTS = { duplicateWorkerIntervalMs: 2000, duplicateBatchSize: 200, duplicateQueueBatchSize: 500 };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const setting = (key: keyof typeof DEFAULTS): number => {
    const v = Number(strapi.config.get(`plugin::marketing-setup.${key}`, DEFAULTS[key]));
    return Number.isFinite(v) && v >= 0 ? v : DEFAULTS[key];
  };

  /** This process's loop (not shared state: only whether this process is busy). */
  const loop = { current: null as Promise<void> | null, again: false, stopped: false };

  /**
   * One batch under the worker lock (a regeneration batch: one transaction; a queue batch: three); false when
   * another instance holds the lock or there is nothing to do.
   */
  async function step(): Promise<boolean> {
    const skipped: number[] = [];
    const more = await withWorkerLock(strapi, UID.contact, async () => {
      const size = Math.max(1, setting('duplicateBatchSize'));
      if (await inTransaction(strapi, UID.contact, (write) => regenerateNextBatch(write, size, skipped))) return true;
      return (await drainQueue(strapi, Math.max(1, setting('duplicateQueueBatchSize')))) > 0;
    });
    // After the commit, holding no lock: queuing inside the batch could wait for the write that held them.
    await requeue(strapi, skipped);
    return more.ran && more.value;
  }

  async function runUntilIdle() {
    while (loop.again && !loop.stopped) {
      loop.again = false;
      for (;;) {
        if (loop.stopped) return;
        let more: boolean;
        try {
          more = await step();
        } catch (err) {
          strapi.log.error(`[marketing-setup] duplicate search background batch failed: ${(err as Error).message}`);
          if (await regenerationRunning(strapi)) await failRegeneration(strapi, err);
          return;
        }
        if (!more) break;
        // Let requests of this process in between batches.
        await giveTurn();
      }
    }
  }

  const service = {
    /** Whether this process does background work now (interval setting above 0). */
    enabled: () => setting('duplicateWorkerIntervalMs') > 0,
    intervalMs: () => setting('duplicateWorkerIntervalMs'),
    defaultIntervalMs: DEFAULTS.duplicateWorkerIntervalMs,

    /**
     * Does all pending background work in this process now (regeneration and queue); resolves when nothing
     * is left. Called by the timer, after a regeneration is started, and by tests and scripts. A call while
     * busy makes the loop look once more.
     */
    work(): Promise<void> {
      loop.again = true;
      if (!loop.current) {
        loop.current = runUntilIdle()
          .catch((err) => {
            strapi.log.error(`[marketing-setup] duplicate search worker: ${(err as Error).message}`);
          })
          .finally(() => {
            loop.current = null;
          });
      }
      return loop.current;
    },

    /** Bootstrap: batches may run (again). */
    resume() {
      loop.stopped = false;
    },

    /** Destroy: no new batch starts; the one in flight finishes (its transaction commits or rolls back). */
    async stop() {
      loop.stopped = true;
      await loop.current;
    },

    /** Starts a regeneration, or returns the running one; `begin` also says which of the two happened. */
    async begin(): Promise<{ started: boolean; status: RegenerationStatus }> {
      const result = await inTransaction(strapi, UID.contact, startRegeneration);
      if (service.enabled()) void service.work();
      return result;
    },
    async start(): Promise<RegenerationStatus> {
      return (await service.begin()).status;
    },
    status(): Promise<RegenerationStatus> {
      return regenerationStatus(strapi);
    },
    /** A regeneration left running by a stopped instance (no heartbeat for `staleMs`), or null. */
    stale(staleMs: number): Promise<RegenerationStatus | null> {
      return staleRunningJob(strapi, staleMs);
    },
    /** Contacts waiting for a re-index after a set-based change (company → person propagation). */
    queued(): Promise<number> {
      return queuedCount(strapi);
    },
  };
  return service;
};
