/**
 * The duplicate search's background timer: every instance runs it, and each tick has the
 * duplicate-regeneration service do the pending work (a running regeneration, then the re-index queue;
 * the service takes care that one instance works on a batch at a time).
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/services';

/** This process's timer. */
const timers = new WeakMap<Core.Strapi, NodeJS.Timeout>();

/** Bootstrap: the timer, and a regeneration left running by a stopped instance continued right away. */
export async function startWorker(strapi: Core.Strapi) {
  const service = getService(strapi, 'duplicate-regeneration');
  service.resume();
  const interval = service.intervalMs();
  const stale = await service.stale(Math.max(interval, service.defaultIntervalMs) * 5);
  if (stale)
    strapi.log.info(
      `[marketing-setup] resuming the duplicate search regeneration at ${stale.processed} of ${stale.total} contacts`,
    );
  if (interval > 0) {
    // The setting is read again at each tick: set to 0 at runtime, it pauses the timer (tests drive `work` themselves).
    const timer = setInterval(() => {
      if (service.enabled()) void service.work();
    }, interval);
    timer.unref();
    timers.set(strapi, timer);
    if (stale) void service.work();
  }
}

/** Destroy: the timer stops; no new batch starts and the one in flight finishes. */
export async function stopWorker(strapi: Core.Strapi) {
  clearInterval(timers.get(strapi));
  timers.delete(strapi);
  await getService(strapi, 'duplicate-regeneration').stop();
}
