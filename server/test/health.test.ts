import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { HealthDto } from '../src/protocol/dto.ts';
import { startTestApp } from './support/app.ts';
import { ownDatabase, type OwnDatabase } from './support/databases.ts';

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

async function health(
  baseUrl: string,
): Promise<{ status: number; body: HealthDto; res: Response }> {
  const res = await fetch(`${baseUrl}/api/health`);
  return { status: res.status, body: (await res.json()) as HealthDto, res };
}

describe('GET /api/health', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('reports ok with the database up, Redis and media off', async () => {
    const { status, body, res } = await health(app.url);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      db: 'ok',
      redis: 'off',
      media: 'off',
      mediaWorkers: [],
      mediaWorkerDeaths: 0,
      version,
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('answers concurrent probes', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => health(app.url)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
  });
});

describe('with Redis', () => {
  it('reports redis ok when REDIS_URL is set', async () => {
    const app = await startTestApp({ REDIS_URL: inject('redisUrl') });
    try {
      const { status, body } = await health(app.url);
      expect(status).toBe(200);
      expect(body).toEqual({
        status: 'ok',
        db: 'ok',
        redis: 'ok',
        media: 'off',
        mediaWorkers: [],
        mediaWorkerDeaths: 0,
        version,
      });
    } finally {
      await app.close();
    }
  });
});

describe('when the database goes away', () => {
  let database: OwnDatabase;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    database = await ownDatabase('health');
    app = await startTestApp({ DATABASE_URL: database.url });
  });

  afterAll(async () => {
    try {
      await app?.close();
    } catch (err) {
      // The pool's connections were killed with the database; closing may complain.
      console.warn('closing the app after DROP DATABASE:', (err as Error).message);
    }
    await database.drop();
  });

  it('answers 503 with db down once the database is unreachable', async () => {
    expect((await health(app!.url)).status).toBe(200);
    await database.drop();

    const deadline = Date.now() + 20_000;
    let last: Awaited<ReturnType<typeof health>> | undefined;
    while (Date.now() < deadline) {
      last = await health(app!.url);
      if (last.status === 503) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(last?.status).toBe(503);
    expect(last?.body).toEqual({
      status: 'degraded',
      db: 'down',
      redis: 'off',
      media: 'off',
      mediaWorkers: [],
      mediaWorkerDeaths: 0,
      version,
    });
    expect(last?.res.headers.get('cache-control')).toBe('no-store');

    // The rest of the API fails cleanly too: a JSON error, not a hang or a crash.
    const officials = await fetch(`${app!.url}/api/officials`);
    expect([500, 503]).toContain(officials.status);
    const error = ((await officials.json()) as { error: { code: string; message: string } }).error;
    expect(['internal', 'unavailable']).toContain(error.code);
    expect(error.message).not.toContain(database.name); // no database details leak
  });
});
