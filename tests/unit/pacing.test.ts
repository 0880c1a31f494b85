/**
 * The worker's scoring loop awaits a pacer: a request that arrives while a long batch is scored (here a timer
 * callback queued before the loop) runs before the loop ends, not after it.
 */
import { pacer } from '../../src/plugins/marketing-setup/server/src/utils/pacing';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

async function loop(pace: (() => Promise<void>) | null, events: string[]) {
  for (let i = 0; i < 10; i += 1) {
    busy(4);
    if (pace) await pace();
    events.push(`step ${i}`);
  }
  events.push('done');
}

describe('pacer', () => {
  it('lets waiting callbacks run in the middle of a 40 ms loop', async () => {
    const events: string[] = [];
    setImmediate(() => events.push('request'));
    await loop(pacer(8), events);
    const request = events.indexOf('request');
    // It can only run at a yield, i.e. after a step's work: index 0 is a yield after the first step (a loaded
    // machine's first slice can run out there), still inside the loop. -1 would be "never ran".
    expect(request).toBeGreaterThanOrEqual(0);
    expect(request).toBeLessThan(events.indexOf('done') - 3);
  });

  it('without it the same callback waits for the end of the loop', async () => {
    const events: string[] = [];
    setImmediate(() => events.push('request'));
    await loop(null, events);
    await new Promise((r) => setImmediate(r));
    expect(events.slice(-2)).toEqual(['done', 'request']);
  });

  it('does not yield while the slice has not run out', async () => {
    const pace = pacer(1000);
    const events: string[] = [];
    setImmediate(() => events.push('request'));
    for (let i = 0; i < 3; i += 1) {
      await pace();
      events.push(`step ${i}`);
    }
    expect(events).toEqual(['step 0', 'step 1', 'step 2']);
  });
});
