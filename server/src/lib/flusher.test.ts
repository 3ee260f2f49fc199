import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlusher, type FlusherOptions } from './flusher.ts';

const INTERVAL = 250;
const SETTLE = 1_500;

function setup(overrides: Partial<FlusherOptions> = {}) {
  const flushes: { at: number; group: string; keys: string[] }[] = [];
  const errors: { err: unknown; group: string }[] = [];
  const start = Date.now();
  const flusher = createFlusher({
    intervalMs: INTERVAL,
    settleMs: SETTLE,
    flush: async (group, keys) => {
      flushes.push({ at: Date.now() - start, group, keys: [...keys].sort() });
    },
    onError: (err, group) => errors.push({ err, group }),
    ...overrides,
  });
  return { flusher, flushes, errors };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createFlusher', () => {
  it('flushes nothing before the interval, then a burst once with every key', async () => {
    const { flusher, flushes } = setup();
    flusher.mark('s1', 'q1');
    flusher.mark('s1', 'q2');
    flusher.mark('s1', 'q1');
    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(flushes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushes).toEqual([{ at: INTERVAL, group: 's1', keys: ['q1', 'q2'] }]);
  });

  it('the interval runs from the first mark, not the last (a storm still flushes)', async () => {
    const { flusher, flushes } = setup();
    for (let t = 0; t < 1_000; t += 50) {
      flusher.mark('s1', `q${t}`);
      await vi.advanceTimersByTimeAsync(50);
    }
    // At most one flush per interval while marks keep coming.
    const during = flushes.filter((f) => f.at <= 1_000);
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(during.length).toBeLessThanOrEqual(Math.ceil(1_000 / INTERVAL));
    const gaps = during.slice(1).map((f, i) => f.at - during[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL);
    // Every marked key was flushed at least once.
    const flushed = new Set(during.flatMap((f) => f.keys));
    for (let t = 0; t < 1_000; t += 50) expect(flushed.has(`q${t}`)).toBe(true);
  });

  it('keeps groups apart', async () => {
    const { flusher, flushes } = setup();
    flusher.mark('s1', 'a');
    await vi.advanceTimersByTimeAsync(100);
    flusher.mark('s2', 'b');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(flushes.slice(0, 2)).toEqual([
      { at: INTERVAL, group: 's1', keys: ['a'] },
      { at: 100 + INTERVAL, group: 's2', keys: ['b'] },
    ]);
  });

  it('flushes once more after the group is quiet, with every key since the burst began', async () => {
    const { flusher, flushes } = setup();
    flusher.mark('s1', 'q1');
    await vi.advanceTimersByTimeAsync(INTERVAL); // flush 1 at 250
    flusher.mark('s1', 'q2');
    await vi.advanceTimersByTimeAsync(INTERVAL); // flush 2 at 500; settle moves to 2000
    expect(flushes.map((f) => f.keys)).toEqual([['q1'], ['q2']]);
    await vi.advanceTimersByTimeAsync(SETTLE - 1);
    expect(flushes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushes[2]).toEqual({ at: 2 * INTERVAL + SETTLE, group: 's1', keys: ['q1', 'q2'] });
    // Then silence: no more flushes.
    await vi.advanceTimersByTimeAsync(10 * SETTLE);
    expect(flushes).toHaveLength(3);
  });

  it('a new burst after the settle flush starts afresh', async () => {
    const { flusher, flushes } = setup();
    flusher.mark('s1', 'old');
    await vi.advanceTimersByTimeAsync(INTERVAL + SETTLE);
    expect(flushes).toHaveLength(2);
    flusher.mark('s1', 'new');
    await vi.advanceTimersByTimeAsync(INTERVAL + SETTLE);
    expect(flushes.slice(2).map((f) => f.keys)).toEqual([['new'], ['new']]);
  });

  it('reports a failed flush and keeps working', async () => {
    let fail = true;
    const seen: string[][] = [];
    const { flusher, errors } = setup({
      flush: async (_group, keys) => {
        if (fail) throw new Error('db down');
        seen.push(keys);
      },
    });
    flusher.mark('s1', 'q1');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ group: 's1', err: new Error('db down') });
    fail = false;
    // The settle flush retries the keys the failed one had.
    await vi.advanceTimersByTimeAsync(SETTLE);
    expect(seen).toEqual([['q1']]);
    flusher.mark('s1', 'q2');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(seen).toEqual([['q1'], ['q2']]);
  });

  it('keys marked while a slow flush runs are flushed afterwards, not lost', async () => {
    const releases: (() => void)[] = [];
    const seen: string[][] = [];
    const { flusher } = setup({
      flush: (_group, keys) =>
        new Promise<void>((resolve) => {
          seen.push([...keys]);
          releases.push(resolve);
        }),
    });
    flusher.mark('s1', 'q1');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(seen).toEqual([['q1']]);
    flusher.mark('s1', 'q2'); // the first flush is still running
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(seen).toEqual([['q1'], ['q2']]);
    for (const release of releases.splice(0)) release();
    await vi.advanceTimersByTimeAsync(SETTLE);
    expect(seen.at(-1)?.sort()).toEqual(['q1', 'q2']);
  });

  it('stop cancels what is due and ignores later marks', async () => {
    const { flusher, flushes } = setup();
    flusher.mark('s1', 'q1');
    await vi.advanceTimersByTimeAsync(INTERVAL); // flushed; a settle flush is due
    flusher.mark('s1', 'q2'); // an interval flush is due
    flusher.stop();
    flusher.mark('s1', 'q3');
    await vi.advanceTimersByTimeAsync(10 * SETTLE);
    expect(flushes).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop during a flush schedules no settle flush after it', async () => {
    let release: () => void = () => {};
    let calls = 0;
    const { flusher } = setup({
      flush: () => {
        calls += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    flusher.mark('s1', 'q1');
    await vi.advanceTimersByTimeAsync(INTERVAL);
    flusher.stop();
    release();
    await vi.advanceTimersByTimeAsync(10 * SETTLE);
    expect(calls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
