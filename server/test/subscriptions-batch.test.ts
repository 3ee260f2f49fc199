// Town-wide batches on the real PostgreSQL: a reminder and an announcement to several thousand
// subscribers are enqueued completely (one e-mail and one token each, the counts recorded) and
// quickly. One e-mail at a time took longer than an interactive transaction's default 5 s, and
// Prisma rolled the whole batch back: nobody heard of anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import { createMail } from '../src/features/mail/index.ts';
import { createAnnouncements } from '../src/features/subscriptions/announcements.ts';
import { createLetters } from '../src/features/subscriptions/letters.ts';
import { createSessionNotices } from '../src/features/subscriptions/notices.ts';
import type { Clock } from '../src/lib/clock.ts';
import { logger } from '../src/lib/logger.ts';
import { testEnv } from './support/app.ts';
import { useOwnDatabase } from './support/databases.ts';

/** Well past what one insert per e-mail managed within 5 s. */
const SUBSCRIBERS = 6_000;
const HOUR = 3_600_000;

const own = useOwnDatabase('subscriptions_batch');
let db: Database;
const now = new Date();
const clock: Clock = { now: () => now };

function features() {
  const config = {
    SMTP_URL: undefined,
    MAIL_FROM: 'Město Lhota <radnice@lhota.example>',
    TOWN_NAME: 'Lhota',
    PUBLIC_URL: 'https://lhota.example',
    MAIL_POLL_MS: 60_000,
    MAIL_RETRY_BASE_MS: 60_000,
  };
  // Never started: the batch is only enqueued, nothing is sent.
  const mail = createMail(config, { prisma: db.prisma, clock, logger });
  const letters = createLetters({
    publicUrl: config.PUBLIC_URL,
    townName: config.TOWN_NAME,
    timeZone: 'Europe/Prague',
  });
  const deps = { prisma: db.prisma, mail, letters, clock, logger };
  return {
    notices: createSessionNotices({ ...deps, host: 'lhota.example' }),
    announcements: createAnnouncements({ ...deps, timeZone: 'Europe/Prague', onDue: () => {} }),
  };
}

beforeAll(async () => {
  db = await openDatabase({ databaseUrl: own.url, dataDir: testEnv().DATA_DIR!, logger });
  await db.prisma.$executeRaw`
    INSERT INTO subscriptions (id, email, confirmed_at, updated_at)
    SELECT gen_random_uuid(), 'obcan' || n || '@lhota.example', now(), now()
    FROM generate_series(1, ${SUBSCRIBERS}::int) AS n`;
});

afterAll(async () => {
  await db?.close();
});

const outbox = (kind: string) => db.prisma.outboxMessage.count({ where: { kind } });

async function timed<T>(run: () => Promise<T>) {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

describe('a town-wide batch', () => {
  it('enqueues a reminder to every subscriber, in one go and quickly', async () => {
    const start = new Date(now.getTime() + 20 * HOUR);
    const session = await db.prisma.session.create({
      data: {
        kind: 'council_meeting',
        title: 'Zasedání zastupitelstva',
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + 2 * HOUR),
      },
    });
    const { ms } = await timed(() => features().notices.sweep());
    expect(await outbox('subscription.reminder')).toBe(SUBSCRIBERS);
    const notice = await db.prisma.sessionNotice.findFirstOrThrow({
      where: { sessionId: session.id, kind: 'reminder_24h' },
    });
    expect(notice.recipients).toBe(SUBSCRIBERS);
    expect(await db.prisma.subscriptionToken.count()).toBe(SUBSCRIBERS);
    expect(ms).toBeLessThan(20_000);
    // A second sweep finds the batch sent and queues nothing.
    await features().notices.sweep();
    expect(await outbox('subscription.reminder')).toBe(SUBSCRIBERS);
  });

  it('enqueues an announcement to everyone, each e-mail whole', async () => {
    const announcement = await db.prisma.announcement.create({
      data: { subject: 'Uzavírka Husovy ulice', text: 'Od pondělí…', sendAt: now },
    });
    const { result: sent, ms } = await timed(() => features().announcements.sendDue());
    expect(sent).toBe(1);
    expect(await outbox('subscription.announcement')).toBe(SUBSCRIBERS);
    const row = await db.prisma.announcement.findUniqueOrThrow({ where: { id: announcement.id } });
    expect(row).toMatchObject({ status: 'sent', recipients: SUBSCRIBERS });
    expect(ms).toBeLessThan(20_000);
    const one = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { kind: 'subscription.announcement', recipient: 'obcan42@lhota.example' },
    });
    expect(one).toMatchObject({ subject: 'Uzavírka Husovy ulice', status: 'queued' });
    expect(one.text).toContain('Od pondělí');
    expect(one.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(one.messageId).toBe(`<${one.id}@lhota.example>`);
  });
});
