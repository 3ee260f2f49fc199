// Races and abuse found in review, each pinned by a test on the real stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { SessionDetailDto, SessionSummaryDto } from '../src/protocol/dto.ts';
import { TestClient } from './support/http-client.ts';
import { createSession, loginAs, sessionBody, startTestApp } from './support/app.ts';
import { connectSocket, type TestSocket } from './support/sockets.ts';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../src/protocol/events.ts';

let app: RunningApp;
let admin: TestClient;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
});

const create = (extra: Record<string, unknown> = {}) => createSession(admin, extra);

describe('staff sockets', () => {
  it('lose their powers the moment the staff member logs out', async () => {
    const staff = await loginAs(app.url);
    const socket = await connectSocket(app.url, { cookie: staff.cookieHeader });
    sockets.push(socket);
    const session = await create();
    const ok = await socket.emitWithAck('session:lifecycle', {
      sessionId: session.id,
      action: 'cancel',
    });
    expect(ok.ok).toBe(true);
    await staff.post('/api/auth/logout');
    const after = await socket.emitWithAck('session:lifecycle', {
      sessionId: session.id,
      action: 'reopen',
    });
    expect(after).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('cannot be opened from another site', async () => {
    const socket = io(app.url, {
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { cookie: admin.cookieHeader, origin: 'https://evil.example' },
      reconnection: false,
      forceNew: true,
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', () => resolve('refused'));
    });
    socket.disconnect();
    expect(outcome).toBe('refused');
  });
});

describe('login limits under a burst', () => {
  it('verifies at most the per-account budget of guesses, however parallel', async () => {
    const email = `burst-${crypto.randomUUID().slice(0, 8)}@test.namesti.local`;
    const password = 'the right password 123';
    expect(
      (await admin.post('/api/admin/staff', { email, name: 'Burst', role: 'host', password }))
        .status,
    ).toBe(201);
    const attempts = Array.from({ length: 30 }, (_, i) =>
      new TestClient(app.url).request(
        'POST',
        '/api/auth/login',
        { email, password: i === 29 ? password : `wrong ${i}` },
        {
          'x-forwarded-for': `10.9.${i}.1`,
        },
      ),
    );
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(8);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(21);
    expect(statuses[29]).not.toBe(200);
  });
});

describe('sessions under concurrent edits', () => {
  it('applies two simultaneous agenda replacements one after the other, never a mix', async () => {
    for (let round = 0; round < 5; round++) {
      const session = await create({ agenda: [{ title: 'První bod' }, { title: 'Druhý bod' }] });
      const [one, two] = session.agenda;
      const keepAndAdd = (label: string) =>
        admin.put<SessionDetailDto>(`/api/admin/sessions/${session.id}/agenda`, {
          items: [
            { id: one!.id, title: 'První bod' },
            { id: two!.id, title: 'Druhý bod' },
            { title: label },
          ],
        });
      const results = await Promise.all([keepAndAdd('Přidal A'), keepAndAdd('Přidal B')]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const final = (await admin.get<SessionDetailDto>(`/api/sessions/${session.id}`)).body.agenda;
      expect(final.map((i) => i.position)).toEqual([0, 1, 2]);
      expect(['Přidal A', 'Přidal B']).toContain(final[2]!.title);
    }
  });

  it('answers 409, not 500, when two admins create the same account at once', async () => {
    const email = `twice-${crypto.randomUUID().slice(0, 8)}@test.namesti.local`;
    const body = { email, name: 'Dvakrát', role: 'moderator', password: 'a long enough password' };
    const statuses = (
      await Promise.all([
        admin.post('/api/admin/staff', body),
        admin.post('/api/admin/staff', body),
      ])
    )
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([201, 409]);
  });
});

describe('recurring series', () => {
  it('refuses an impossible end date and stores nothing', async () => {
    const before = (await admin.get<SessionSummaryDto[]>('/api/admin/sessions')).body.length;
    const res = await admin.post(
      '/api/admin/sessions',
      sessionBody({
        scheduledStart: '2027-03-01T17:00',
        recurrence: { frequency: 'monthly_nth_weekday', nth: 1, until: '2026-99-99' },
      }),
    );
    expect(res.status).toBe(400);
    expect((await admin.get<SessionSummaryDto[]>('/api/admin/sessions')).body.length).toBe(before);
  });

  it('refuses impossible times', async () => {
    const res = await admin.post(
      '/api/admin/sessions',
      sessionBody({ scheduledStart: '2027-02-30T25:61' }),
    );
    expect(res.status).toBe(400);
  });

  it('does not bring back a meeting that staff moved to another day', async () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const nextMonday = new Date();
    nextMonday.setUTCDate(nextMonday.getUTCDate() + ((8 - nextMonday.getUTCDay()) % 7 || 7));
    const first = await create({
      scheduledStart: `${day(nextMonday)}T18:00`,
      recurrence: { frequency: 'weekly', interval: 1 },
    });
    const seriesOf = async () =>
      (await admin.get<SessionSummaryDto[]>('/api/admin/sessions')).body.filter(
        (s) => s.seriesId === first.seriesId,
      );
    const second = (await seriesOf()).sort((a, b) =>
      a.scheduledStart.localeCompare(b.scheduledStart),
    )[1]!;
    const tuesday = new Date(new Date(second.scheduledStart).getTime() + 86_400_000);
    const moved = await admin.patch(`/api/admin/sessions/${second.id}`, {
      scheduledStart: `${day(tuesday)}T18:00`,
    });
    expect(moved.status).toBe(200);
    const countBefore = (await seriesOf()).length;
    const restarted = await startTestApp(); // extends every series at start
    await restarted.close();
    const after = await seriesOf();
    expect(after.length).toBe(countBefore);
    expect(after.some((s) => s.scheduledStart === second.scheduledStart)).toBe(false);
  });
});

describe('hostile headers', () => {
  it('refuses a write with Origin: null (403, not 500)', async () => {
    const res = await admin.request('POST', '/api/auth/logout', {}, { origin: 'null' });
    expect(res.status).toBe(403);
  });

  it('does not put a forged Host into calendar links', async () => {
    const session = await create();
    const res = await fetch(`${app.url}/api/sessions/${session.id}/calendar.ics`, {
      headers: { host: 'evil.example/"><script>' },
    });
    const text = (await res.text()).replace(/\r\n /g, '');
    expect(text).not.toContain('evil.example');
  });
});
