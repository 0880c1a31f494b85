/**
 * The e-mail logging job: at the setup's interval, one instance (PostgreSQL advisory lock held for the
 * run; on SQLite one process) reads the queue folder a chunk at a time, logs each message (messages.ts)
 * and moves the handled ones to the storage folder. The state of the last run lives in one row of a
 * plain table, so every instance's admin shows it. A message is moved only after its transaction
 * committed; a crash in between leaves it in the queue, and the unique e-mail log key makes the next
 * run move it without logging it again. Plugin config `emailPollMs` (default 5000; 0 = this process
 * never polls) is how often an instance looks whether a run is due; read at every tick.
 */
import type { Core } from '@strapi/strapi';
import { batchPlan, nextRunAt, type RunResult } from '../domain/email-logging';
import { withLeaderLock } from '../repositories/leader-lock';
import {
  emailTemplateId,
  markRunning,
  readEmailSetup,
  readNextRunAt,
  saveRunResult,
} from '../repositories/email-logging';
import { EmailLoggingError, imapSettings, openQueue } from '../email-logging/connection';
import { addressBook, handleMail, handleMails, notLoggable, ourAddresses, parseMail } from '../email-logging/messages';

/** Advisory lock key of the e-mail logging ("ms" mail 1); the duplicate worker uses 0x6d730001. */
const EMAIL_LOCK = 0x6d730002;
const DEFAULT_POLL_MS = 5000;

/** Milliseconds spent per phase of a run, added up over its chunks (the benchmark's profile; fetch and parse of the next chunk overlap the write of the current one). */
export type RunPhases = Record<'fetch' | 'parse' | 'match' | 'write' | 'move', number>;

/** Reads, logs and moves the queue's messages (the caller holds the lock). */
async function runQueue(strapi: Core.Strapi, result: RunResult, log: (m: string) => void, phases?: RunPhases) {
  const timed = async <T>(phase: keyof RunPhases, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      if (phases) phases[phase] += Date.now() - t0;
    }
  };
  const setup = await readEmailSetup(strapi);
  const templateId = await emailTemplateId(strapi);
  if (!templateId) {
    result.status = 'noTemplate';
    result.error =
      'No interaction template is set up for e-mails (Interaction Template Setup → E-mails): nothing is logged, the messages stay in the queue.';
    return;
  }
  const settings = await imapSettings(strapi);
  const queue = await openQueue(settings);
  try {
    const plan = batchPlan(setup.emailBatchSize);
    const uids = await queue.uids();
    const todo = uids.slice(0, plan.limit === Infinity ? uids.length : plan.limit);
    // What is still in the queue, kept current as chunks are moved out: a run that stops halfway (the connection
    // dropped) reports what it left, not 0.
    result.left = uids.length;
    const ours = await ourAddresses(strapi);
    // A chunk's messages, fetched with one UID-set FETCH and parsed side by side (parsing is mostly
    // waiting on mailparser's streams). A message another reader moved meanwhile comes back without a
    // source: nothing to do with it here.
    const read = (from: number) => {
      const reading = (async () => {
        const fetched = await timed('fetch', () => queue.fetch(todo.slice(from, from + plan.chunk)));
        return timed('parse', () =>
          Promise.all(
            fetched
              .filter((m) => Buffer.isBuffer(m.source))
              .map(async (m) => ({
                uid: m.uid,
                mail: await parseMail(m.source as Buffer, { body: !!setup.emailStoreBodies }),
              })),
          ),
        );
      })();
      reading.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      return reading;
    };
    let next = todo.length ? read(0) : null;
    for (let i = 0; i < todo.length; i += plan.chunk) {
      const mails = await next!;
      // The next chunk is read while this one is written: IMAP and the database work side by side. Its
      // FETCH goes before this chunk's MOVE on the connection, which is only sent after the commit.
      next = i + plan.chunk < todo.length ? read(i + plan.chunk) : null;
      const book = await timed('match', () =>
        addressBook(
          strapi,
          ours,
          mails.filter((m) => !m.mail.error).map((m) => m.mail.message),
        ),
      );
      const handled: number[] = [];
      const count = (o: { logged: number; unmatched: boolean }) => {
        result.logged += o.logged;
        if (o.unmatched) result.unmatched += 1;
      };
      let together: Awaited<ReturnType<typeof handleMails>> | null = null;
      try {
        together = await timed('write', () =>
          handleMails(
            strapi,
            mails.map((m) => m.mail),
            book,
            templateId,
          ),
        );
      } catch {
        together = null; // rolled back: one by one below, so one bad message does not hold up the others
      }
      if (together) {
        together.forEach(count);
        handled.push(...mails.map((m) => m.uid));
        result.processed += mails.length;
      } else {
        for (const { uid, mail } of mails) {
          result.processed += 1;
          try {
            count(await handleMail(strapi, mail, book, templateId));
            handled.push(uid);
          } catch (err) {
            // A message that cannot be logged goes to the review list with the reason (and is moved), so it does
            // not fail again on every run and hold the status at error; only if that fails too (the database is
            // down) it stays in the queue for the next run (what was logged is not logged twice).
            const error = `Message ${mail.message.messageId}: ${(err as Error).message}`;
            log(`[marketing-setup] e-mail logging: ${error} It goes to the review list.`);
            try {
              count(await handleMail(strapi, notLoggable(mail, (err as Error).message), book, templateId));
              handled.push(uid);
            } catch (again) {
              result.failed += 1;
              result.error = error;
              log(
                `[marketing-setup] e-mail logging: message ${mail.message.messageId} stays in the queue: ${(again as Error).message}`,
              );
            }
          }
        }
      }
      await timed('move', () => queue.move(handled));
      // Moved out, and those another reader had moved already (fetched without a source).
      result.left = result.left! - (handled.length + (Math.min(plan.chunk, todo.length - i) - mails.length));
    }
  } finally {
    await queue.close();
  }
}

/** One run now (the timer, the admin's Check now, tests). Never throws: the outcome is in the result and the state row. */
export async function runEmailLogging(strapi: Core.Strapi, phases?: RunPhases): Promise<RunResult> {
  const result: RunResult = {
    status: 'ok',
    processed: 0,
    logged: 0,
    unmatched: 0,
    failed: 0,
    left: null,
    error: null,
  };
  const setup = await readEmailSetup(strapi);
  if (!setup.emailLoggingEnabled) {
    return {
      ...result,
      status: 'disabled',
      error: 'E-mail logging is off (Settings → Marketing Setup → E-mail logging).',
    };
  }
  // One instance logs at a time (the run holds the lock for its whole length; its writes commit as they go).
  const ran = await withLeaderLock(strapi, EMAIL_LOCK, async () => {
    await markRunning(strapi);
    try {
      await runQueue(strapi, result, (m) => strapi.log.warn(m), phases);
      if (result.failed && result.status === 'ok') result.status = 'error';
    } catch (err) {
      result.status = 'error';
      result.error =
        err instanceof EmailLoggingError ? err.message : `E-mail logging failed: ${(err as Error).message}`;
      strapi.log.error(`[marketing-setup] e-mail logging: ${result.error} Retrying at the next interval.`);
    }
    const now = new Date();
    await saveRunResult(strapi, result, now, nextRunAt(now, setup.emailCheckIntervalSeconds));
    return true;
  });
  if (!ran) return { ...result, status: 'busy', error: 'Another instance is logging e-mails right now.' };
  return result;
}

/** This process's runs: one at a time (a second call waits for the first and then runs). */
interface Loop {
  current: Promise<RunResult> | null;
  timer: NodeJS.Timeout | null;
  stopped: boolean;
}
const loops = new WeakMap<Core.Strapi, Loop>();
const loopOf = (strapi: Core.Strapi): Loop => {
  if (!loops.has(strapi)) loops.set(strapi, { current: null, timer: null, stopped: false });
  return loops.get(strapi)!;
};

export function runOnce(strapi: Core.Strapi): Promise<RunResult> {
  const loop = loopOf(strapi);
  const previous = loop.current ?? Promise.resolve(null);
  const run = previous.catch(() => null).then(() => runEmailLogging(strapi));
  // The promise kept is the one compared when it settles: comparing `run` (which is never what was kept) left
  // `current` set for good, and the timer, which waits while a run is under way, never ran again.
  const tracked: Promise<RunResult> = run.finally(() => {
    if (loop.current === tracked) loop.current = null;
  });
  tracked.catch(() => null); // a failed run is reported by its caller; the kept copy must not be an unhandled one
  loop.current = tracked;
  return run;
}

const pollMs = (strapi: Core.Strapi) => {
  const v = Number(strapi.config.get('plugin::marketing-setup.emailPollMs', DEFAULT_POLL_MS));
  return Number.isFinite(v) && v >= 0 ? v : DEFAULT_POLL_MS;
};

/** A run is due when logging is on and the next run time (state row) has passed. */
async function due(strapi: Core.Strapi) {
  if (!(await readEmailSetup(strapi)).emailLoggingEnabled) return false;
  const next = await readNextRunAt(strapi);
  return !next || Date.parse(next) <= Date.now();
}

export function startEmailLogging(strapi: Core.Strapi) {
  const loop = loopOf(strapi);
  loop.stopped = false;
  const tick = async () => {
    if (loop.stopped || loop.current || pollMs(strapi) === 0) return;
    try {
      if (await due(strapi)) await runOnce(strapi);
    } catch (err) {
      strapi.log.error(`[marketing-setup] e-mail logging timer: ${(err as Error).message}`);
    }
  };
  const interval = pollMs(strapi) || DEFAULT_POLL_MS;
  loop.timer = setInterval(() => void tick(), interval);
  loop.timer.unref();
}

export async function stopEmailLogging(strapi: Core.Strapi) {
  const loop = loopOf(strapi);
  loop.stopped = true;
  if (loop.timer) clearInterval(loop.timer);
  loop.timer = null;
  await loop.current?.catch(() => null);
}
