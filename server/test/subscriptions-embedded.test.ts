// The subscription audience queries on the embedded PGlite, which the app runs by default:
// array filters must bind there as they do on PostgreSQL (an enum array once did not).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import {
  announcementAudienceWhere,
  sessionAudienceWhere,
} from '../src/features/subscriptions/audience.ts';
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
