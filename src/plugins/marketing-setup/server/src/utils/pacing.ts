/**
 * Long background loops in a process that also serves requests. Two courtesies:
 *
 * - `pacer(sliceMs)`: the duplicate worker scores a batch of 500 contacts (about 20 verdicts each, ~200 ms of
 *   JavaScript in all); a company PUT arriving meanwhile would wait for the whole loop before Node even read it.
 *   The pacer gives a function to await in such a loop: once `sliceMs` of work has passed since the last turn, it
 *   lets the event loop run what is waiting.
 * - Writes first (`writeStarted` / `writeEnded`, counted by the server middleware `writePriority`): while this
 *   process serves a write request, the worker does not start its next slice and a pacer made with `giveWay`
 *   waits too, so the write has both cores and meets no new row lock of the worker's. (`giveWay` only where the
 *   loop holds no lock and no connection the write needs: not inside a SQLite transaction, the one connection.) The wait is bounded
 *   (`GIVE_WAY_MAX_MS` per point), so a steady stream of writes slows the worker down but never stops it.
 *   Process-local: another instance's worker does not know of this process's writes.
 */
const GIVE_WAY_MAX_MS = 500;

let writesInFlight = 0;
let waiting: Array<() => void> = [];

export function writeStarted() {
  writesInFlight += 1;
}

export function writeEnded() {
  writesInFlight = Math.max(0, writesInFlight - 1);
  if (writesInFlight > 0) return;
  const wake = waiting;
  waiting = [];
  for (const resolve of wake) resolve();
}

/** Resolves once no write request is in flight in this process, or after `maxMs`, whichever comes first. */
export function writesSettled(maxMs = GIVE_WAY_MAX_MS): Promise<void> {
  if (writesInFlight === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiting = waiting.filter((w) => w !== done);
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    waiting.push(done);
  });
}

/** Lets the event loop run what is waiting (I/O, timers: a request's turn) before going on. */
export const giveTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A function to await in a long loop: after `sliceMs` of work it gives the event loop a turn, and with
 * `giveWay` (only where the loop holds no row lock) it also waits for this process's writes to settle.
 */
export function pacer(sliceMs = 8, { giveWay = false }: { giveWay?: boolean } = {}) {
  let since = performance.now();
  return async function pace(): Promise<void> {
    if (performance.now() - since < sliceMs) return;
    await giveTurn();
    if (giveWay) await writesSettled();
    since = performance.now();
  };
}
