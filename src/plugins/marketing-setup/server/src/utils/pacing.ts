/**
 * Long synchronous loops in a process that also serves requests: the duplicate worker scores a batch of 500
 * contacts (about 20 verdicts each, ~200 ms of JavaScript in all), and a company PUT arriving meanwhile would
 * wait for the whole loop before Node even reads it. `pacer(sliceMs)` gives a function to await in such a loop:
 * once `sliceMs` of work has passed since the last turn, it lets the event loop run what is waiting.
 */
export function pacer(sliceMs = 8) {
  let since = performance.now();
  return async function pace(): Promise<void> {
    if (performance.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
