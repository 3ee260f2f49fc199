// Rate limits shared by every node when Redis is configured (else per process).
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { AppError } from './app-error.ts';
import type { Locale } from './validation.ts';

export interface LimitRule {
  keyPrefix: string;
  points: number;
  /** Window in seconds. */
  duration: number;
  /** Seconds to block once the points are spent (default: the rest of the window). */
  blockDuration?: number;
}

export type LimiterFactory = (rule: LimitRule) => RateLimiter;

export function limiterFactory(redis: RedisClientType | null, prefix = 'namesti'): LimiterFactory {
  return (rule) => {
    const options = { ...rule, keyPrefix: `${prefix}:rl:${rule.keyPrefix}` };
    // When Redis is away, each node limits on its own instead of failing every request.
    const limiter: RateLimiterAbstract = redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis,
          useRedisPackage: true,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
    return new RateLimiter(limiter);
  };
}

export class RateLimiter {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  /**
   * Spends points for `key`; throws AppError('rate_limited') with the wait in seconds, in
   * the caller's language.
   */
  async consume(key: string, points = 1, locale: Locale = 'en'): Promise<void> {
    try {
      await this.limiter.consume(key, points);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        const message =
          locale === 'cs'
            ? `Příliš rychle. Zkuste to znovu za ${retryAfter} s.`
            : `Too many attempts; try again in ${retryAfter} s.`;
        throw new AppError('rate_limited', message, { retryAfter: [String(retryAfter)] });
      }
      throw err;
    }
  }

  /** Gives points back (a success that should not count against the caller). */
  async reward(key: string, points = 1): Promise<void> {
    await this.limiter.reward(key, points);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
