// Which node carries a session's media. A session's room lives on one node (its "home"): the
// first node asked to open it claims it in Redis and keeps the claim alive while the room
// lives; every other node forwards its media calls there. Without Redis there is one node.
import type { RedisClientType } from 'redis';
import type { Logger } from '../../../lib/logger.ts';

export interface MediaHomes {
  readonly self: string;
  /** The node carrying the session's media, claimed for this node if none does. */
  claim(sessionId: string): Promise<string>;
  /** The node carrying the session's media, or null if none does. */
  find(sessionId: string): Promise<string | null>;
  /** Gives up this node's claim (its room closed). */
  release(sessionId: string): Promise<void>;
  /** Drops `node`'s claim if it still holds it: that node no longer answers. */
  evict(sessionId: string, node: string): Promise<void>;
  /** The sessions this node carries. */
  owned(): string[];
  stop(): void;
}

export function singleNodeHomes(self: string): MediaHomes {
  const owned = new Set<string>();
  return {
    self,
    async claim(sessionId) {
      owned.add(sessionId);
      return self;
    },
    find: async () => self,
    async release(sessionId) {
      owned.delete(sessionId);
    },
    evict: async () => {},
    owned: () => [...owned],
    stop: () => {},
  };
}

/** Claims expire this long after their node stopped renewing them (a crash, a stall); they
 * are renewed three times within it. */
export const CLAIM_TTL_MS = 10_000;

// Compare-and-act, so a node never renews or drops a claim another node has taken since.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const DELETE_IF = `if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1]) else return 0 end`;

export interface RedisHomesDeps {
  redis: RedisClientType;
  prefix: string;
  self: string;
  logger: Logger;
  /** This node lost a claim it held (it stalled past the TTL and another node took over):
   * its room there must go, and its peers join again. */
  onLost(sessionId: string): void;
  claimTtlMs?: number;
}

export function redisHomes(deps: RedisHomesDeps): MediaHomes {
  const { redis, prefix, self, logger } = deps;
  const ttl = deps.claimTtlMs ?? CLAIM_TTL_MS;
  const key = (sessionId: string) => `${prefix}:media:home:${sessionId}`;
  const owned = new Set<string>();

  async function claim(sessionId: string): Promise<string> {
    if (owned.has(sessionId)) return self;
    // A claim can expire between a refused SET and the GET: try again then.
    for (let attempt = 0; attempt < 3; attempt++) {
      const set = await redis.set(key(sessionId), self, {
        condition: 'NX',
        expiration: { type: 'PX', value: ttl },
      });
      if (set === 'OK') {
        owned.add(sessionId);
        return self;
      }
      const holder = await redis.get(key(sessionId));
      if (holder === self) owned.add(sessionId);
      if (holder) return holder;
    }
    throw new Error(`media home of ${sessionId} kept changing`);
  }

  const renew = async () => {
    for (const sessionId of owned) {
      const kept = await redis.eval(RENEW, { keys: [key(sessionId)], arguments: [self, `${ttl}`] });
      if (kept === 1 || !owned.has(sessionId)) continue;
      owned.delete(sessionId);
      logger.error({ sessionId }, 'media home claim lost to another node; closing the room here');
      deps.onLost(sessionId);
    }
  };
  const timer = setInterval(() => {
    renew().catch((err: unknown) => logger.warn({ err }, 'media home claims not renewed'));
  }, ttl / 3);
  timer.unref();

  return {
    self,
    claim,
    async find(sessionId) {
      if (owned.has(sessionId)) return self;
      return redis.get(key(sessionId));
    },
    async release(sessionId) {
      owned.delete(sessionId);
      await redis.eval(DELETE_IF, { keys: [key(sessionId)], arguments: [self] });
    },
    async evict(sessionId, node) {
      await redis.eval(DELETE_IF, { keys: [key(sessionId)], arguments: [node] });
    },
    owned: () => [...owned],
    stop: () => clearInterval(timer),
  };
}
