import { describe, expect, it } from 'vitest';
import { uuidv7, uuidv7Time } from './ids.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('has the RFC 9562 version and variant bits', () => {
    for (let i = 0; i < 200; i++) expect(uuidv7()).toMatch(V7);
  });

  it('carries its creation time, to the millisecond', () => {
    const times = [0, 1, 1_700_000_000_123, Date.UTC(2026, 11, 1, 17, 0, 0, 999), 2 ** 48 - 1];
    for (const t of times) expect(uuidv7Time(uuidv7(t))?.getTime()).toBe(t);
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    const born = uuidv7Time(id)!.getTime();
    expect(born).toBeGreaterThanOrEqual(before);
    expect(born).toBeLessThanOrEqual(after);
  });

  it('sorts by time as text (what makes "created after the ban" readable from the id)', () => {
    const ids = [5, 1_000, 65_536, 1_700_000_000_000, 1_700_000_000_001].map((t) => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('is random beyond the time: ids of the same millisecond differ', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });

  it('refuses a time that does not fit 48 bits', () => {
    expect(() => uuidv7(2 ** 48)).toThrow();
    expect(() => uuidv7(-1)).toThrow();
  });
});

describe('uuidv7Time', () => {
  it('is null for other versions and for junk', () => {
    expect(uuidv7Time(crypto.randomUUID())).toBeNull(); // v4
    expect(uuidv7Time('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(uuidv7Time('0190a6b2-3c4d-1e5f-8a6b-7c8d9e0f1a2b')).toBeNull(); // v1
    expect(uuidv7Time('0190a6b2-3c4d-7e5f-ca6b-7c8d9e0f1a2b')).toBeNull(); // wrong variant
    expect(uuidv7Time('0190a6b2-3c4d-7e5f-8a6b-7c8d9e0f1a2')).toBeNull(); // too short
    expect(uuidv7Time(' 0190a6b2-3c4d-7e5f-8a6b-7c8d9e0f1a2b')).toBeNull();
    expect(uuidv7Time('')).toBeNull();
    expect(uuidv7Time('not a uuid at all, but 36 chars long')).toBeNull();
  });

  it('reads upper-case ids too', () => {
    const id = uuidv7(1_700_000_000_123);
    expect(uuidv7Time(id.toUpperCase())?.getTime()).toBe(1_700_000_000_123);
  });
});
