/**
 * The worker's scoring loop awaits a pacer: a request that arrives while a long batch is scored (here a timer
 * callback queued before the loop) runs before the loop ends, not after it.
 */
import {
  pacer,
  writeEnded,
  writeStarted,
  writesSettled,
} from '../../src/plugins/marketing-setup/server/src/utils/pacing';
import { writePriority } from '../../src/plugins/marketing-setup/server/src/middlewares/write-priority';

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

describe('writes first', () => {
  it('writesSettled resolves at once when no write is in flight', async () => {
    const events: string[] = [];
    const settled = writesSettled(1000).then(() => events.push('settled'));
    setTimeout(() => events.push('timer'), 0);
    await settled;
    expect(events).toEqual(['settled']);
  });

  it('waits for the last of two writes in flight, then wakes at once', async () => {
    writeStarted();
    writeStarted();
    const events: string[] = [];
    const settled = writesSettled(5000).then(() => events.push('settled'));
    setTimeout(() => {
      events.push('first write done');
      writeEnded();
    }, 20);
    setTimeout(() => {
      events.push('second write done');
      writeEnded();
    }, 60);
    const started = performance.now();
    await settled;
    expect(events).toEqual(['first write done', 'second write done', 'settled']);
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('gives up after maxMs when a write takes longer (the worker is slowed, never stopped)', async () => {
    writeStarted();
    try {
      const events: string[] = [];
      const late = setTimeout(() => events.push('write still running'), 300);
      await writesSettled(50);
      events.push('worker goes on');
      clearTimeout(late);
      expect(events).toEqual(['worker goes on']);
    } finally {
      writeEnded();
    }
  });

  it('a pacer with giveWay waits at its next turn for the write to end; one without does not', async () => {
    writeStarted();
    const events: string[] = [];
    setTimeout(() => {
      events.push('write done');
      writeEnded();
    }, 30);
    const polite = pacer(0, { giveWay: true });
    const plain = pacer(0);
    await plain();
    events.push('plain went on');
    await polite();
    events.push('polite went on');
    expect(events).toEqual(['plain went on', 'write done', 'polite went on']);
  });
});

describe('writePriority (server middleware)', () => {
  const settledNow = async () => {
    let settled = false;
    void writesSettled(1000).then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    return settled;
  };

  it('counts a PUT while its handler runs, and not after', async () => {
    const seen: boolean[] = [];
    await writePriority({ method: 'PUT' } as never, async () => {
      seen.push(await settledNow());
    });
    seen.push(await settledNow());
    expect(seen).toEqual([false, true]);
  });

  it('does not count a GET', async () => {
    const seen: boolean[] = [];
    await writePriority({ method: 'GET' } as never, async () => {
      seen.push(await settledNow());
    });
    expect(seen).toEqual([true]);
  });

  it('ends the count when the handler throws', async () => {
    await expect(
      writePriority({ method: 'DELETE' } as never, async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await settledNow()).toBe(true);
  });
});
