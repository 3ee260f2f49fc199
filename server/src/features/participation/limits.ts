// What a citizen may send, how fast: per person (cookie identity) and per address. Address
// limits are generous because a council chamber's Wi-Fi puts many people behind one address.
import type { LimiterFactory, RateLimiter } from '../../lib/rate-limit.ts';
import type { Actor } from '../auth/actor.ts';
import type { Who } from './who.ts';

const RULES = {
  question: { person: [5, 60], address: [60, 60] },
  vote: { person: [5, 1], address: [200, 1] },
  chat: { person: [5, 10], address: [120, 10] },
  poll: { person: [5, 1], address: [200, 1] },
  stage: { person: [3, 60], address: [30, 60] },
} as const satisfies Record<
  string,
  Record<'person' | 'address', [points: number, seconds: number]>
>;

export type LimitKind = keyof typeof RULES;

export function createParticipationLimits(limiters: LimiterFactory) {
  const limits = Object.fromEntries(
    Object.entries(RULES).map(([kind, { person, address }]) => [
      kind,
      {
        person: limiters({ keyPrefix: `${kind}-person`, points: person[0], duration: person[1] }),
        address: limiters({
          keyPrefix: `${kind}-address`,
          points: address[0],
          duration: address[1],
        }),
      },
    ]),
  ) as Record<LimitKind, { person: RateLimiter; address: RateLimiter }>;
  const slowModes = new Map<number, RateLimiter>();

  return {
    /** Spends one point of `kind` for the person and their address, or throws rate_limited. */
    async spend(kind: LimitKind, who: Who, actor: Actor): Promise<void> {
      await limits[kind].person.consume(who.participantId, 1, actor.locale);
      await limits[kind].address.consume(who.ipHash, 1, actor.locale);
    },

    /** Chat slow mode: one message per `seconds` per person in the session. */
    async slowMode(seconds: number, sessionId: string, who: Who, actor: Actor): Promise<void> {
      if (seconds <= 0) return;
      let limiter = slowModes.get(seconds);
      if (!limiter) {
        limiter = limiters({ keyPrefix: `chat-slow-${seconds}`, points: 1, duration: seconds });
        slowModes.set(seconds, limiter);
      }
      await limiter.consume(`${sessionId}:${who.participantId}`, 1, actor.locale);
    },
  };
}

export type ParticipationLimits = ReturnType<typeof createParticipationLimits>;
