import { describe, expect, it } from 'vitest';
import { coalesceFresh } from './coalesce.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('coalesceFresh', () => {
  it('shares one read among callers that arrive while it has not started yet', async () => {
    const reads: ReturnType<typeof deferred<number>>[] = [];
    const get = coalesceFresh(() => {
      const d = deferred<number>();
      reads.push(d);
      return d.promise;
    });
    const first = get('a');
    const second = get('a'); // arrives while read 1 runs: must wait for a fresh read 2
    const third = get('a'); // shares read 2
    expect(reads).toHaveLength(1);
    reads[0]!.resolve(1);
    expect(await first).toBe(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(reads).toHaveLength(2);
    reads[1]!.resolve(2);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });

  it('keeps keys apart and recovers after a failed read', async () => {
    let n = 0;
    const get = coalesceFresh(async (key) => {
      n += 1;
      if (n === 1) throw new Error('boom');
      return `${key}${n}`;
    });
    const failed = get('x');
    const retried = get('x');
    await expect(failed).rejects.toThrow('boom');
    expect(await retried).toBe('x2');
    expect(await get('y')).toBe('y3');
  });
});
