// E-mail subscriptions: residents choose topics, parts of town and kinds of session, and which
// notices they want (reminders with a calendar file, "live now", "recording ready"); admins send
// targeted announcements. Everything goes through the mail outbox; a sweep on every node sends
// what is due (sweep.ts). The app wakes the sweep when a session starts or a recording is ready.
import type { Prisma } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { LimiterFactory } from '../../lib/rate-limit.ts';
import type { Mail } from '../mail/index.ts';
import { createAnnouncements } from './announcements.ts';
import { subscriptionsRouter } from './http.ts';
import { createLetters } from './letters.ts';
import { createSessionNotices } from './notices.ts';
import { createResidents } from './residents.ts';
import { createSweep } from './sweep.ts';

export interface SubscriptionsDeps {
  prisma: Prisma;
  mail: Pick<Mail, 'enqueue' | 'enqueueMany' | 'nudge'>;
  clock: Clock;
  logger: Logger;
  limiters: LimiterFactory;
  /** Where the links point, e.g. https://namesti.lhota.cz */
  publicUrl: string;
  townName: string;
  timeZone: string;
  /** How often each node looks for due notices and announcements. */
  sweepMs: number;
}

export function createSubscriptions(deps: SubscriptionsDeps) {
  const { prisma, mail, clock, publicUrl, townName, timeZone } = deps;
  const logger = deps.logger.child({ feature: 'subscriptions' });
  const letters = createLetters({ publicUrl, townName, timeZone });
  const residents = createResidents({ prisma, mail, letters, clock, limiters: deps.limiters });
  const notices = createSessionNotices({
    prisma,
    mail,
    letters,
    clock,
    logger,
    host: new URL(publicUrl).host,
  });
  const announcements = createAnnouncements({
    prisma,
    mail,
    letters,
    clock,
    logger,
    timeZone,
    onDue: () => sweep.nudge(),
  });
  const sweep = createSweep(
    [
      { name: 'session notices', run: notices.sweep },
      { name: 'announcements', run: announcements.sendDue },
      { name: 'unconfirmed addresses', run: residents.forgetUnconfirmed },
    ],
    deps.sweepMs,
    logger,
  );

  return {
    router: () => subscriptionsRouter(residents, announcements),
    start: sweep.start,
    /** Something may be due now (a session went live, a recording is ready). */
    nudge: sweep.nudge,
    close: sweep.close,
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
