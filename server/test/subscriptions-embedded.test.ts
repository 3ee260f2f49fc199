// The subscription audience queries on the embedded PGlite, which the app runs by default:
// array filters must bind there as they do on PostgreSQL (an enum array once did not); and the
// batch's bulk inserts (tokens, e-mails) from unnest() of bound arrays, nulls included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import { enqueueMails } from '../src/features/mail/outbox.ts';
import {
  announcementAudienceWhere,
  sessionAudienceWhere,
} from '../src/features/subscriptions/audience.ts';
import { hashOf, issueTokens } from '../src/features/subscriptions/tokens.ts';
import { logger } from '../src/lib/logger.ts';

let db: Database;
const dataDir = mkdtempSync(path.join(tmpdir(), 'namesti-subscriptions-'));
const centre = '0190e0c8-0000-7000-8000-000000000001';
const transport = '0190e0c8-0000-7000-8000-000000000002';

beforeAll(async () => {
  db = await openDatabase({ databaseUrl: undefined, dataDir, logger });
  const confirmedAt = new Date();
  await db.prisma.subscription.createMany({
    data: [
      { email: 'vse@example.cz', confirmedAt },
      { email: 'projednani@example.cz', confirmedAt, kinds: ['consultation'] },
      {
        email: 'centrum@example.cz',
        confirmedAt,
        neighbourhoodIds: [centre],
        topicIds: [transport],
      },
      { email: 'nepotvrzeno@example.cz' },
    ],
  });
});

afterAll(async () => {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const emails = async (where: object) =>
  (await db.prisma.subscription.findMany({ where, orderBy: { email: 'asc' } })).map(
    (row) => row.email,
  );

describe('subscription audiences on PGlite', () => {
  it('finds who hears of a session by its kind and part of town', async () => {
    const council = sessionAudienceWhere(
      { kind: 'council_meeting', neighbourhoodId: null },
      'wantsReminders',
    );
    expect(await emails(council)).toEqual(['centrum@example.cz', 'vse@example.cz']);
    const consultation = sessionAudienceWhere(
      { kind: 'consultation', neighbourhoodId: centre },
      'wantsLive',
    );
    expect(await emails(consultation)).toEqual([
      'centrum@example.cz',
      'projednani@example.cz',
      'vse@example.cz',
    ]);
  });

  it('finds who hears of an announcement by topic and part of town', async () => {
    const where = announcementAudienceWhere({ topicIds: [transport], neighbourhoodIds: [] });
    expect(await emails(where)).toEqual([
      'centrum@example.cz',
      'projednani@example.cz',
      'vse@example.cz',
    ]);
  });
});

describe('a batch on PGlite', () => {
  it('issues tokens and enqueues e-mails in bulk, a repeated key once', async () => {
    const people = await db.prisma.subscription.findMany({ where: { confirmedAt: { not: null } } });
    const tokens = await issueTokens(
      db.prisma,
      people.map((p) => p.id),
    );
    const stored = await db.prisma.subscriptionToken.findMany({
      where: { subscriptionId: { in: people.map((p) => p.id) } },
    });
    expect(stored.map((t) => t.tokenHash).sort()).toEqual([...tokens.values()].map(hashOf).sort());
    const letters = people.map((p, i) => ({
      to: p.email,
      subject: `Oznámení ${i}`,
      text: 'Uzavírka Husovy ulice',
      dedupeKey: `embedded-batch:${p.id}`,
      ...(i === 0 ? { kind: 'subscription.announcement', html: '<p>Uzavírka</p>' } : {}),
      ...(i === 1
        ? { attachments: [{ filename: 'a.ics', contentType: 'text/calendar', content: 'X' }] }
        : {}),
    }));
    const options = { messageIdDomain: 'lhota.example' };
    expect(await enqueueMails(db.prisma, [...letters, letters[0]!], options)).toBe(people.length);
    expect(await enqueueMails(db.prisma, letters, options)).toBe(0);
    const rows = await db.prisma.outboxMessage.findMany({ orderBy: { subject: 'asc' } });
    expect(rows).toHaveLength(people.length);
    expect(rows[0]).toMatchObject({
      recipient: people[0]!.email,
      kind: 'subscription.announcement',
      html: '<p>Uzavírka</p>',
      headers: {},
      attachments: [],
      status: 'queued',
      messageId: `<${rows[0]!.id}@lhota.example>`,
    });
    expect(rows[1]).toMatchObject({ kind: null, html: null });
    expect(rows[1]!.attachments).toEqual([
      { filename: 'a.ics', contentType: 'text/calendar', content: 'X' },
    ]);
  });
});
