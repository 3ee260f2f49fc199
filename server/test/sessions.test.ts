import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type {
  SessionDetailDto,
  SessionOverviewDto,
  SessionSummaryDto,
} from '../src/protocol/dto.ts';
import type { BoardDto } from '../src/protocol/board.ts';
import { useOwnDatabase } from './support/databases.ts';
import { TestClient } from './support/http-client.ts';
import { createSession, loginAs, sessionBody, staffClient, startTestApp } from './support/app.ts';

// Its own database: a test here replaces the board's parts of town.
const own = useOwnDatabase('sessions');
let app: RunningApp;
let admin: TestClient;
let citizen: TestClient;

beforeAll(async () => {
  app = await startTestApp({ DATABASE_URL: own.url });
  admin = await loginAs(app.url);
  citizen = new TestClient(app.url);
});
afterAll(() => app.close());

const create = (extra: Record<string, unknown> = {}) => createSession(admin, extra);

describe('creating sessions', () => {
  it('stores a session with its agenda and hosts, in the town time zone', async () => {
    const official = await admin.post<{ id: string }>('/api/admin/officials', {
      name: 'Mgr. Jana Testová',
      roleTitle: 'starostka',
    });
    const session = await create({
      scheduledStart: '2027-07-05T17:00',
      hostIds: [official.body.id],
      agenda: [{ title: 'Zahájení', offsetMinutes: 0 }, { title: 'Rozpočet' }],
    });
    expect(session.scheduledStart).toBe('2027-07-05T15:00:00.000Z'); // CEST
    expect(session.scheduledEnd).toBe('2027-07-05T16:30:00.000Z');
    expect(session.agenda.map((a) => [a.position, a.title, a.offsetMinutes])).toEqual([
      [0, 'Zahájení', 0],
      [1, 'Rozpočet', null],
    ]);
    expect(session.hosts.map((h) => h.name)).toEqual(['Mgr. Jana Testová']);
    const fetched = await citizen.get<SessionDetailDto>(`/api/sessions/${session.id}`);
    expect(fetched.body).toEqual(session);
  });

  it('answers invalid bodies with 400 and a message per field, in Czech by default', async () => {
    const res = await admin.post<{ error: { code: string; details: Record<string, string[]> } }>(
      '/api/admin/sessions',
      { kind: 'party', title: 'x', scheduledStart: 'tomorrow', durationMinutes: 0 },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.details).sort()).toEqual(
      ['durationMinutes', 'kind', 'scheduledStart', 'title'].sort(),
    );
    expect(res.body.error.details.title?.[0]).toMatch(/znak/);
  });

  it('rejects unknown hosts and malformed JSON', async () => {
    const unknown = await admin.post(
      '/api/admin/sessions',
      sessionBody({ hostIds: [crypto.randomUUID()] }),
    );
    expect(unknown.status).toBe(400);
    const malformed = await admin.request('POST', '/api/admin/sessions', undefined, {
      'content-type': 'application/json',
    });
    expect([400, 415]).toContain(malformed.status);
    const broken = await fetch(`${app.url}/api/admin/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookieHeader },
      body: '{"title": ',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('creates a monthly series ("every first Monday at 17:00") with its next sessions', async () => {
    const first = await create({
      kind: 'mayor_chat',
      scheduledStart: '2027-02-01T17:00', // a first Monday
      durationMinutes: 60,
      recurrence: { frequency: 'monthly_nth_weekday', nth: 1, until: '2027-06-30' },
    });
    expect(first.series?.rule).toMatchObject({
      frequency: 'monthly_nth_weekday',
      nth: 1,
      weekday: 1,
      time: '17:00',
    });
    const all = await admin.get<SessionSummaryDto[]>('/api/admin/sessions');
    const starts = all.body
      .filter((s) => s.seriesId === first.seriesId)
      .map((s) => s.scheduledStart)
      .sort();
    // Horizon is 90 days from now; every start is 17:00 Prague time on a first Monday.
    for (const start of starts) {
      const local = new Date(start).toLocaleString('en-GB', {
        timeZone: 'Europe/Prague',
        weekday: 'short',
        hour: '2-digit',
        day: 'numeric',
      });
      expect(local).toMatch(/^Mon [1-7],? 17/);
    }
    expect(starts).toContain('2027-02-01T16:00:00.000Z');
  });

  it('refuses a repetition that does not match the first date', async () => {
    const res = await admin.post(
      '/api/admin/sessions',
      sessionBody({
        scheduledStart: '2027-02-08T17:00', // the second Monday
        recurrence: { frequency: 'monthly_nth_weekday', nth: 1 },
      }),
    );
    expect(res.status).toBe(400);
  });
});

describe('reading sessions', () => {
  it('answers 404 for unknown and malformed ids', async () => {
    expect((await citizen.get(`/api/sessions/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await citizen.get('/api/sessions/not-an-id')).status).toBe(404);
    expect((await citizen.get('/api/no-such-endpoint')).status).toBe(404);
  });

  it('lists live, upcoming and ended sessions on the overview', async () => {
    const session = await create();
    const overview = await citizen.get<SessionOverviewDto>('/api/sessions/overview');
    expect(overview.body.upcoming.map((s) => s.id)).toContain(session.id);
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' });
    const live = await citizen.get<SessionOverviewDto>('/api/sessions/overview');
    expect(live.body.live.map((s) => s.id)).toContain(session.id);
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });
    const ended = await citizen.get<SessionOverviewDto>('/api/sessions/overview');
    expect(ended.body.recent.map((s) => s.id)).toContain(session.id);
  });

  it('serves an iCalendar file per session and a feed, linking back to the page', async () => {
    const session = await create({ title: 'Veřejné projednání ICS' });
    const one = await citizen.get(`/api/sessions/${session.id}/calendar.ics`);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(one.text).toContain('BEGIN:VEVENT');
    expect(one.text).toContain('SUMMARY:Veřejné projednání ICS');
    expect(one.text.replace(/\r\n /g, '')).toContain(`/sessions/${session.id}`);
    const feed = await citizen.get('/api/calendar.ics');
    expect(feed.text).toContain(`UID:${session.id}@`);
  });
});

describe('editing', () => {
  it('ties a session to a part of town, known ones only, and unties it', async () => {
    const current = (await admin.get<BoardDto>('/api/board')).body;
    const board = await admin.put<BoardDto>('/api/admin/board/taxonomy', {
      topics: current.topics.map(({ id, name, departmentId }) => ({ id, name, departmentId })),
      neighbourhoods: [{ name: 'Výsluní' }],
    });
    const place = board.body.neighbourhoods[0];
    const session = await create({ neighbourhoodId: place!.id });
    expect(session.neighbourhood).toEqual({ id: place!.id, name: place!.name });
    const unknown = await admin.patch(`/api/admin/sessions/${session.id}`, {
      neighbourhoodId: crypto.randomUUID(),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('neighbourhoodId');
    const untied = await admin.patch<SessionDetailDto>(`/api/admin/sessions/${session.id}`, {
      neighbourhoodId: null,
    });
    expect(untied.body.neighbourhood).toBeNull();
  });

  it('updates fields and keeps the duration when only the start moves', async () => {
    const session = await create({ durationMinutes: 120 });
    const res = await admin.patch<SessionDetailDto>(`/api/admin/sessions/${session.id}`, {
      title: 'Nový název',
      scheduledStart: '2027-01-10T18:30',
    });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Nový název');
    expect(res.body.scheduledStart).toBe('2027-01-10T17:30:00.000Z'); // CET
    expect(res.body.scheduledEnd).toBe('2027-01-10T19:30:00.000Z');
  });

  it('replaces the agenda: keeps and reorders known items, adds new, removes missing', async () => {
    const session = await create({
      agenda: [{ title: 'Bod A' }, { title: 'Bod B' }, { title: 'Bod C' }],
    });
    const [a, b] = session.agenda;
    const res = await admin.put<SessionDetailDto>(`/api/admin/sessions/${session.id}/agenda`, {
      items: [
        { id: b!.id, title: 'Bod B' },
        { title: 'Bod D' },
        { id: a!.id, title: 'Bod A (upraveno)' },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.agenda.map((i) => i.title)).toEqual(['Bod B', 'Bod D', 'Bod A (upraveno)']);
    // Clients keep the newest copy by updatedAt, so an agenda change must move it forward.
    expect(res.body.updatedAt > session.updatedAt).toBe(true);
    expect(res.body.agenda[0]!.id).toBe(b!.id);
    const foreign = await admin.put(`/api/admin/sessions/${session.id}/agenda`, {
      items: [{ id: crypto.randomUUID(), title: 'Bod X' }],
    });
    expect(foreign.status).toBe(400);
  });
});

describe('lifecycle and permissions', () => {
  it('lets hosts start and end, but only admins create or cancel', async () => {
    const host = await staffClient(admin, 'host');
    const moderator = await staffClient(admin, 'moderator');
    expect((await citizen.post('/api/admin/sessions', sessionBody())).status).toBe(401);
    expect((await host.post('/api/admin/sessions', sessionBody())).status).toBe(403);
    const session = await create();
    expect(
      (await moderator.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' })).status,
    ).toBe(403);
    expect(
      (await citizen.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' })).status,
    ).toBe(401);
    expect(
      (await host.post(`/api/sessions/${session.id}/lifecycle`, { action: 'cancel' })).status,
    ).toBe(403);
    const started = await host.post<SessionDetailDto>(`/api/sessions/${session.id}/lifecycle`, {
      action: 'start',
    });
    expect(started.body.status).toBe('live');
    expect(started.body.updatedAt > session.updatedAt).toBe(true);
    expect(started.body.startedAt).not.toBeNull();
    const again = await host.post<{ error: { code: string } }>(
      `/api/sessions/${session.id}/lifecycle`,
      { action: 'start' },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
  });

  it('applies one of two simultaneous starts and refuses the other (real PostgreSQL)', async () => {
    const session = await create();
    const other = await loginAs(app.url);
    const results = await Promise.all(
      [admin, other, admin, other].map((c) =>
        c.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const audit = await admin.get<{ action: string; entityId: string }[]>(
      '/api/admin/audit?limit=50',
    );
    expect(
      audit.body.filter((e) => e.entityId === session.id && e.action === 'session.start'),
    ).toHaveLength(1);
  });

  it('cancels with a reason and reopens', async () => {
    const session = await create();
    const cancelled = await admin.post<SessionDetailDto>(`/api/sessions/${session.id}/lifecycle`, {
      action: 'cancel',
      reason: 'Nemoc',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Nemoc' });
    const reopened = await admin.post<SessionDetailDto>(`/api/sessions/${session.id}/lifecycle`, {
      action: 'reopen',
    });
    expect(reopened.body).toMatchObject({ status: 'scheduled', cancelReason: null });
  });

  it('refuses state changes from another site (CSRF)', async () => {
    const session = await create();
    const res = await admin.request(
      'POST',
      `/api/sessions/${session.id}/lifecycle`,
      { action: 'start' },
      {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    );
    expect(res.status).toBe(403);
  });
});

describe('partial edits', () => {
  it('keeps hosts, description and locality that a PATCH does not mention', async () => {
    const official = await admin.post<{ id: string }>('/api/admin/officials', {
      name: 'Ing. Karel Hostitel',
      roleTitle: 'radní',
    });
    const session = await create({
      hostIds: [official.body.id],
      description: 'Popis',
      locality: 'Sál',
    });
    const res = await admin.patch<SessionDetailDto>(`/api/admin/sessions/${session.id}`, {
      title: 'Jen nový název',
    });
    expect(res.body).toMatchObject({
      title: 'Jen nový název',
      description: 'Popis',
      locality: 'Sál',
    });
    expect(res.body.hosts.map((h) => h.id)).toEqual([official.body.id]);
  });
});
