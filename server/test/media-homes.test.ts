// Which node carries a session's media, claimed in the real Redis: one claim per session, kept
// alive while its node runs, taken over when the node is gone, and noticed when it was lost.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient, type RedisClientType } from 'redis';
import { redisHomes, type MediaHomes } from '../src/features/media/cluster/homes.ts';
import { logger } from '../src/lib/logger.ts';
import { eventually } from './support/sockets.ts';

let redis: RedisClientType;
const prefix = `namesti-test-homes-${inject('runId')}`;
const started: MediaHomes[] = [];

beforeAll(async () => {
  redis = createClient({ url: inject('redisUrl') }) as RedisClientType;
  await redis.connect();
});

afterAll(async () => {
  for (const homes of started) homes.stop();
  await redis.quit();
});

function node(self: string, ttl = 600, onLost: (sessionId: string) => void = () => {}) {
  const homes = redisHomes({ redis, prefix, self, logger, onLost, claimTtlMs: ttl });
  started.push(homes);
  return homes;
}

describe('media homes in Redis', () => {
  it('gives a session to the first node that claims it, and tells the others where it is', async () => {
    const [a, b] = [node('a'), node('b')];
    const session = crypto.randomUUID();
    const claims = await Promise.all([a.claim(session), b.claim(session), b.claim(session)]);
    expect(new Set(claims).size).toBe(1);
    const holder = claims[0]!;
    expect(await a.find(session)).toBe(holder);
    expect(await b.find(session)).toBe(holder);
    expect([...a.owned(), ...b.owned()]).toEqual([session]);
    expect(await a.find(crypto.randomUUID())).toBeNull();
  });

  it('keeps a claim alive past its time to live while its node renews it', async () => {
    const a = node('a2', 300);
    const session = crypto.randomUUID();
    await a.claim(session);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await node('b2').find(session)).toBe('a2');
  });

  it('lets a claim expire once its node stops, and releases only its own claim', async () => {
    const a = node('a3', 300);
    const b = node('b3', 300);
    const session = crypto.randomUUID();
    await a.claim(session);
    await b.release(session); // not b's: nothing happens
    expect(await b.find(session)).toBe('a3');
    a.stop();
    await eventually(() => b.find(session), null, 2_000);
    expect(await b.claim(session)).toBe('b3');
    await b.release(session);
    expect(await b.find(session)).toBeNull();
    expect(b.owned()).toEqual([]);
  });

  it('evicts a node that no longer answers, and that node notices it lost the claim', async () => {
    const lost: string[] = [];
    const a = node('a4', 300, (sessionId) => lost.push(sessionId));
    const b = node('b4', 300);
    const session = crypto.randomUUID();
    await a.claim(session);
    await b.evict(session, 'someone-else'); // names the wrong holder: kept
    expect(await b.find(session)).toBe('a4');
    await b.evict(session, 'a4');
    expect(await b.claim(session)).toBe('b4');
    await eventually(() => lost.join(), session, 2_000);
    expect(a.owned()).toEqual([]);
    expect(await a.find(session)).toBe('b4');
  });
});
