// E-mail subscriptions on the real app, the real PostgreSQL and a real SMTP server: double
// opt-in (nothing before the link is opened), reminders with a calendar file for matching
// sessions only, each sent once however many sweeps and nodes, "live now", "recording ready"
// (waiting for the transcript), targeted announcements (preview, schedule, edit, cancel, sent
// once), unsubscribing by POST only (a link scanner's GET deletes nothing), deleting everything from the manage page, and who may do what.
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { logger } from '../src/lib/logger.ts';
import type { BoardDto } from '../src/protocol/board.ts';
import type {
  AnnouncementDto,
  AnnouncementPreviewDto,
  SubscriptionDto,
} from '../src/protocol/subscriptions.ts';
import { createSession, loginAs, staffClient, startTestApp, testEnv } from './support/app.ts';
import { useOwnDatabase } from './support/databases.ts';
import { TestClient } from './support/http-client.ts';
import { nextAddress } from './support/moderation.ts';
import { startTestSmtp, type TestSmtp } from './support/smtp.ts';
import { townTime } from './support/town-time.ts';

const FAST = {
  MAIL_POLL_MS: '50',
  MAIL_RETRY_BASE_MS: '200',
  NOTICES_SWEEP_MS: '100',
  MAIL_FROM: 'Město Lhota <radnice@lhota.example>',
};
const MIN = 60_000;
const HOUR = 60 * MIN;

const own = useOwnDatabase('subscriptions');
let app: RunningApp;
let smtp: TestSmtp;
let db: Database;
let admin: TestClient;
let board: BoardDto;
const unique = crypto.randomUUID().slice(0, 6);

/** The taxonomy's ids by name. */
const topic = (name: string) => board.topics.find((t) => t.name.startsWith(name))!.id;
const part = (name: string) => board.neighbourhoods.find((n) => n.name.startsWith(name))!.id;

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp({ DATABASE_URL: own.url, SMTP_URL: smtp.url, ...FAST });
  db = await openDatabase({
    databaseUrl: own.url,
    dataDir: testEnv().DATA_DIR!,
    logger,
  });
  admin = await loginAs(app.url);
  board = (
    await admin.put<BoardDto>('/api/admin/board/taxonomy', {
      topics: [{ name: `Doprava ${unique}` }, { name: `Školství ${unique}` }],
      neighbourhoods: [{ name: `Centrum ${unique}` }, { name: `Výsluní ${unique}` }],
    })
  ).body;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await smtp?.stop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await pause(50);
  }
}

const address = (name: string) => `${name}.${unique}@example.cz`;

/** Mails to `email` whose subject or text contains `part` (all when no part). */
const mailsTo = (email: string, part = '') =>
  smtp
    .deliveredTo(email)
    .filter((m) => (m.subject ?? '').includes(part) || (m.text ?? '').includes(part));

const waitForMail = async (email: string, part = '', count = 1) => {
  const mails = await until(
    () => mailsTo(email, part),
    (found) => found.length >= count,
  );
  expect(mails.length, `mail to ${email} about ${part}`).toBeGreaterThanOrEqual(count);
  return mails;
};

/** The path and query of the first link in `text` that contains `part`. */
function linkIn(text: string, part: string): string {
  const url = text.match(new RegExp(`https?://[^\\s<>]*${part}[^\\s<>]*`))?.[0];
  expect(url, text).toBeTruthy();
  const parsed = new URL(url!);
  return parsed.pathname + parsed.search;
}

const tokenIn = (mail: ParsedMail, part: string) =>
  new URLSearchParams(linkIn(mail.text!, part).split('?')[1]).get('token')!;

const headerLine = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name)?.line ?? '';

const go = (path: string, method = 'GET') =>
  fetch(`${app.url}${path}`, { method, redirect: 'manual' });

function subscribe(email: string, choices: Record<string, unknown> = {}) {
  return new TestClient(app.url).request<{ status: string }>(
    'POST',
    '/api/subscriptions',
    { email, ...choices },
    { 'x-forwarded-for': nextAddress() },
  );
}

/** Subscribes, opens the confirmation link, and returns the token of a manage link. */
async function subscribed(email: string, choices: Record<string, unknown> = {}) {
  const res = await subscribe(email, choices);
  expect(res.status, res.text).toBe(202);
  const [confirmation] = await waitForMail(email, 'Potvrďte odběr');
  const confirmed = await go(linkIn(confirmation!.text!, 'subscriptions/confirm'));
  expect(confirmed.status).toBe(303);
  expect(confirmed.headers.get('location')).toBe('/odber?stav=potvrzen');
  return tokenIn(confirmation!, 'subscriptions/confirm');
}

/** A session of `kind` starting `inMs` from now, tied to a part of town or not. */
async function sessionAt(kind: string, inMs: number, neighbourhoodId: string | null = null) {
  const session = await createSession(admin, {
    kind,
    title: `${kind} ${crypto.randomUUID()}`,
    neighbourhoodId,
  });
  expect(session.neighbourhood?.id ?? null).toBe(neighbourhoodId);
  // Closer than the form allows: straight in the database.
  const start = new Date(Date.now() + inMs);
  await db.prisma.session.update({
    where: { id: session.id },
    data: { scheduledStart: start, scheduledEnd: new Date(start.getTime() + HOUR) },
  });
  return { ...session, start };
}

describe('subscribing', () => {
  it('sends nothing but the confirmation link until it is opened', async () => {
    const email = address('nepotvrzena');
    const res = await subscribe(email.toUpperCase(), { kinds: ['consultation'] });
    expect(res.status, res.text).toBe(202);
    expect(res.body).toEqual({ status: 'check_inbox' });
    const [confirmation] = await waitForMail(email, 'Potvrďte odběr');
    expect(confirmation!.subject).toBe('Potvrďte odběr zpráv – Město Náměstí');
    expect(headerLine(confirmation!, 'list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );

    const session = await sessionAt('consultation', 3 * HOUR);
    await until(
      () => db.prisma.sessionNotice.count({ where: { sessionId: session.id } }),
      (n) => n > 0,
    );
    await pause(400);
    expect(mailsTo(email)).toHaveLength(1);

    const manage = await new TestClient(app.url).get<SubscriptionDto>(
      `/api/subscriptions/manage?token=${tokenIn(confirmation!, 'subscriptions/confirm')}`,
    );
    expect(manage.body).toMatchObject({ email, confirmed: false, kinds: ['consultation'] });
  });

  it('refuses a bad address, and a fourth attempt for one address within the hour', async () => {
    expect((await subscribe('není adresa')).status).toBe(400);
    const email = address('spam');
    for (let i = 0; i < 3; i += 1) expect((await subscribe(email)).status).toBe(202);
    const fourth = await subscribe(email);
    expect(fourth.status).toBe(429);
  });

  it('an unknown confirmation link says so', async () => {
    const res = await go('/api/subscriptions/confirm?token=neznamy-token-0123456789');
    expect(res.headers.get('location')).toBe('/odber?stav=neznamy');
  });

  it('subscribing a confirmed address again changes nothing and says where to manage it', async () => {
    const email = address('znovu');
    await subscribed(email, { kinds: ['hearing'] });
    expect((await subscribe(email, { kinds: ['council_meeting'] })).status).toBe(202);
    const [notice] = await waitForMail(email, 'už zprávy odebírá');
    const manage = await new TestClient(app.url).get<SubscriptionDto>(
      `/api/subscriptions/manage?token=${tokenIn(notice!, 'odber/sprava')}`,
    );
    expect(manage.body).toMatchObject({ confirmed: true, kinds: ['hearing'] });
  });
});

describe('session notices', () => {
  it('reminds of matching sessions only, with a calendar file and the page’s link', async () => {
    const email = address('pripominky');
    await subscribed(email, { kinds: ['consultation'], neighbourhoodIds: [part('Centrum')] });
    const inCentre = await sessionAt('consultation', 3 * HOUR, part('Centrum'));
    const wholeTown = await sessionAt('consultation', 30 * MIN);
    const elsewhere = await sessionAt('consultation', 3 * HOUR, part('Výsluní'));
    const otherKind = await sessionAt('hearing', 3 * HOUR);

    const [dayAhead] = await waitForMail(email, inCentre.title);
    const [hourAhead] = await waitForMail(email, wholeTown.title);
    expect(dayAhead!.subject).toBe(`Připomínka: ${inCentre.title}`);
    expect(hourAhead!.subject).toBe(`Za hodinu: ${wholeTown.title}`);
    expect(linkIn(dayAhead!.text!, 'sessions/')).toBe(`/sessions/${inCentre.id}`);
    expect(headerLine(dayAhead!, 'list-unsubscribe')).toContain('/api/subscriptions/stop?token=');

    const [invite] = dayAhead!.attachments;
    expect(invite!.contentType).toBe('text/calendar');
    const ics = invite!.content.toString('utf8').replace(/\r\n[ \t]/g, '');
    const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics).toMatch(new RegExp(`UID:${inCentre.id}@`));
    expect(ics).toContain(`DTSTART:${stamp(inCentre.start)}`);
    expect(ics).toContain(`DTEND:${stamp(new Date(inCentre.start.getTime() + HOUR))}`);
    expect(ics).toContain(`SUMMARY:${inCentre.title}`);
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(ics).toContain(`/sessions/${inCentre.id}`);

    await pause(500); // five more sweeps
    expect(mailsTo(email, inCentre.title)).toHaveLength(1);
    expect(mailsTo(email, wholeTown.title)).toHaveLength(1);
    expect(mailsTo(email, elsewhere.title)).toHaveLength(0);
    expect(mailsTo(email, otherKind.title)).toHaveLength(0);
  });

  it('sends each reminder once with two nodes sweeping, and again when the session moves', async () => {
    const second = await startTestApp({ DATABASE_URL: own.url, SMTP_URL: smtp.url, ...FAST });
    try {
      const emails = [address('uzel-a'), address('uzel-b'), address('uzel-c')];
      for (const email of emails) await subscribed(email, { kinds: ['council_meeting'] });
      const session = await sessionAt('council_meeting', 2 * HOUR);
      for (const email of emails) await waitForMail(email, session.title);
      await pause(600);
      for (const email of emails) expect(mailsTo(email, session.title)).toHaveLength(1);
      expect(
        await db.prisma.sessionNotice.findMany({
          where: { sessionId: session.id },
          select: { kind: true },
        }),
      ).toEqual([{ kind: 'reminder_24h' }]);

      // Moved by an hour after the reminder: one more, saying so, with the new time.
      const moved = new Date(session.start.getTime() + HOUR);
      await db.prisma.session.update({
        where: { id: session.id },
        data: { scheduledStart: moved, scheduledEnd: new Date(moved.getTime() + HOUR) },
      });
      for (const email of emails) {
        const [, again] = await waitForMail(email, session.title, 2);
        expect(again!.subject).toBe(`Změna času: ${session.title}`);
      }
      // Long enough for a duplicate from the other node to arrive, if one were sent.
      await pause(600);
      for (const email of emails) expect(mailsTo(email, session.title)).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('tells subscribers when a session goes live', async () => {
    const email = address('zive');
    await subscribed(email, { kinds: ['mayor_chat'], notices: { reminders: false } });
    const session = await createSession(admin, { kind: 'mayor_chat' });
    const started = await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' });
    expect(started.status, started.text).toBe(200);
    const [live] = await waitForMail(email, session.title);
    expect(live!.subject).toBe(`Právě živě: ${session.title}`);
    expect(linkIn(live!.text!, 'sessions/')).toBe(`/sessions/${session.id}`);
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });
  });

  it('tells of the recording once its transcript is done', async () => {
    const email = address('zaznam');
    await subscribed(email, { kinds: ['hearing'] });
    const session = await createSession(admin, { kind: 'hearing' });
    const startedAt = new Date(Date.now() - 2 * HOUR);
    await db.prisma.session.update({
      where: { id: session.id },
      data: { status: 'ended', startedAt, endedAt: new Date(Date.now() - HOUR) },
    });
    await db.prisma.transcript.create({
      data: { sessionId: session.id, source: 'recording', status: 'running' },
    });
    await db.prisma.recording.create({
      data: { sessionId: session.id, status: 'ready', startedAt, file: 'zaznam.mp4' },
    });
    await pause(500);
    expect(mailsTo(email, session.title)).toHaveLength(0); // waiting for the transcript

    await db.prisma.transcript.update({
      where: { sessionId: session.id },
      data: { status: 'ready' },
    });
    const [ready] = await waitForMail(email, session.title);
    expect(ready!.subject).toBe(`Záznam je k dispozici: ${session.title}`);
    expect(ready!.text).toContain('má záznam i přepis');
    expect(linkIn(ready!.text!, 'archive/')).toBe(`/archive/${session.id}`);
  });
});

describe('announcements', () => {
  const preview = async (audience: Record<string, unknown>) => {
    const res = await admin.post<AnnouncementPreviewDto>('/api/admin/announcements/preview', {
      topicIds: [],
      neighbourhoodIds: [],
      ...audience,
    });
    expect(res.status, res.text).toBe(200);
    return res.body.recipients;
  };

  it('counts, schedules, edits, cancels and sends each once to its audience', async () => {
    const traffic = { topicIds: [topic('Doprava')], neighbourhoodIds: [part('Centrum')] };
    const before = { traffic: await preview(traffic), everyone: await preview({}) };
    const driver = address('ridic');
    const teacher = address('ucitelka');
    const anyone = address('kdokoli');
    const quiet = address('bez-oznameni');
    await subscribed(driver, { topicIds: [topic('Doprava')], neighbourhoodIds: [part('Centrum')] });
    await subscribed(teacher, { topicIds: [topic('Školství')] });
    await subscribed(anyone);
    await subscribed(quiet, { notices: { announcements: false } });
    await subscribe(address('nepotvrzeny'));
    expect(await preview(traffic)).toBe(before.traffic + 2);
    expect(await preview({})).toBe(before.everyone + 3);

    const later = await admin.post<AnnouncementDto>('/api/admin/announcements', {
      subject: `Uzavírka Husovy ${unique}`,
      text: 'V pondělí bude Husova ulice uzavřena.',
      ...traffic,
      sendAt: townTime(2 * HOUR),
    });
    expect(later.status, later.text).toBe(201);
    expect(later.body).toMatchObject({ status: 'scheduled', recipients: null, sentAt: null });
    const toCancel = await admin.post<AnnouncementDto>('/api/admin/announcements', {
      subject: `Zrušeno ${unique}`,
      text: 'Nepůjde.',
      sendAt: townTime(3 * HOUR),
    });

    const edited = await admin.patch<AnnouncementDto>(`/api/admin/announcements/${later.body.id}`, {
      subject: `Uzavírka Husovy ulice ${unique}`,
      sendAt: null,
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.topicIds).toEqual(traffic.topicIds);

    const cancelled = await admin.post<AnnouncementDto>(
      `/api/admin/announcements/${toCancel.body.id}/cancel`,
    );
    expect(cancelled.body.status).toBe('cancelled');
    // Even when its time comes, a cancelled one stays unsent.
    await db.prisma.announcement.update({
      where: { id: toCancel.body.id },
      data: { sendAt: new Date(Date.now() - MIN) },
    });

    const [sent] = await waitForMail(driver, `Uzavírka Husovy ulice ${unique}`);
    expect(sent!.text).toContain('V pondělí bude Husova ulice uzavřena.');
    expect(headerLine(sent!, 'list-unsubscribe')).toContain('/api/subscriptions/stop?token=');
    await waitForMail(anyone, `Uzavírka Husovy ulice ${unique}`);
    await pause(500);
    for (const email of [driver, anyone]) expect(mailsTo(email, 'Uzavírka')).toHaveLength(1);
    for (const email of [teacher, quiet]) expect(mailsTo(email, 'Uzavírka')).toHaveLength(0);
    for (const email of [driver, teacher, anyone, quiet]) {
      expect(mailsTo(email, `Zrušeno ${unique}`)).toHaveLength(0);
    }

    const list = await admin.get<AnnouncementDto[]>('/api/admin/announcements');
    const mine = list.body.filter((a) => a.subject.endsWith(unique));
    expect(mine.map((a) => [a.id, a.status])).toEqual([
      [toCancel.body.id, 'cancelled'], // its send time is now the earliest
      [later.body.id, 'sent'],
    ]);
    expect(mine[1]!.recipients).toBe(before.traffic + 2);

    // Sent or cancelled: no more changes.
    for (const id of [later.body.id, toCancel.body.id]) {
      expect((await admin.patch(`/api/admin/announcements/${id}`, { text: 'x' })).status).toBe(409);
      expect((await admin.post(`/api/admin/announcements/${id}/cancel`)).status).toBe(409);
    }
    const audit = await db.prisma.auditLog.findMany({
      where: { entityId: { in: [later.body.id, toCancel.body.id] } },
      select: { action: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      'announcement.cancelled',
      'announcement.created',
      'announcement.created',
      'announcement.sent',
      'announcement.updated',
    ]);
  });

  it('reads one for its edit page with the subscribers it reaches now; 404 when unknown', async () => {
    const audience = { topicIds: [topic('Školství')], neighbourhoodIds: [] };
    const created = await admin.post<AnnouncementDto>('/api/admin/announcements', {
      subject: `Zápis do škol ${unique} čtení`,
      text: 'Zápis bude v dubnu.',
      ...audience,
      sendAt: townTime(5 * HOUR),
    });
    expect(created.status, created.text).toBe(201);
    const read = await admin.get<AnnouncementDto>(`/api/admin/announcements/${created.body.id}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({
      id: created.body.id,
      subject: created.body.subject,
      topicIds: audience.topicIds,
      status: 'scheduled',
      reach: await preview(audience),
    });
    const cancelled = await admin.post<AnnouncementDto>(
      `/api/admin/announcements/${created.body.id}/cancel`,
    );
    expect(cancelled.body.reach).toBeNull();
    const missing = await admin.get(`/api/admin/announcements/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
  });

  it('refuses a send time in the past on the field, when written and when edited', async () => {
    type Refusal = { error: { code: string; details?: Record<string, string[]> } };
    const past = await admin.post<Refusal>('/api/admin/announcements', {
      subject: `Pozdě ${unique} minulost`,
      text: 'Už bylo.',
      sendAt: townTime(-2 * HOUR),
    });
    expect(past.status, past.text).toBe(400);
    expect(past.body.error.code).toBe('validation_failed');
    expect(Object.keys(past.body.error.details ?? {})).toEqual(['sendAt']);

    const planned = await admin.post<AnnouncementDto>('/api/admin/announcements', {
      subject: `Včas ${unique} minulost`,
      text: 'Bude.',
      sendAt: townTime(HOUR),
    });
    expect(planned.status, planned.text).toBe(201);
    const moved = await admin.patch<Refusal>(`/api/admin/announcements/${planned.body.id}`, {
      sendAt: townTime(-10 * MIN),
    });
    expect(moved.status, moved.text).toBe(400);
    expect(Object.keys(moved.body.error.details ?? {})).toEqual(['sendAt']);
    const kept = await admin.get<AnnouncementDto>(`/api/admin/announcements/${planned.body.id}`);
    expect(kept.body.sendAt).toBe(planned.body.sendAt);
    await admin.post(`/api/admin/announcements/${planned.body.id}/cancel`);
  });

  it('lists the scheduled soonest first, the sent and the cancelled newest first', async () => {
    const marker = `Pořadí ${unique}`;
    const make = async (name: string, inHours: number) => {
      const res = await admin.post<AnnouncementDto>('/api/admin/announcements', {
        subject: `${marker} ${name}`,
        text: 'Pořadí.',
        sendAt: townTime(inHours * HOUR),
      });
      expect(res.status, res.text).toBe(201);
      return res.body.id;
    };
    // Written out of order, so an order by creation cannot pass.
    const ids = {
      s2: await make('s2', 8),
      s1: await make('s1', 7),
      c1: await make('c1', 9),
      c2: await make('c2', 10),
      d1: await make('d1', 11),
      d2: await make('d2', 12),
    };
    for (const id of [ids.c2, ids.c1]) {
      expect((await admin.post(`/api/admin/announcements/${id}/cancel`)).status).toBe(200);
    }
    // Sent without the sweep (and without e-mail): straight in the database, a day apart.
    for (const [id, daysAgo] of [
      [ids.d1, 2],
      [ids.d2, 1],
    ] as const) {
      const at = new Date(Date.now() - daysAgo * 24 * HOUR);
      await db.prisma.announcement.update({
        where: { id },
        data: { status: 'sent', sendAt: at, sentAt: at, recipients: 0 },
      });
    }
    const listed = async (status: string) => {
      const res = await admin.get<AnnouncementDto[]>(`/api/admin/announcements?status=${status}`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.every((a) => a.status === status)).toBe(true);
      return res.body.filter((a) => a.subject.startsWith(marker)).map((a) => a.id);
    };
    expect(await listed('scheduled')).toEqual([ids.s1, ids.s2]);
    expect(await listed('cancelled')).toEqual([ids.c2, ids.c1]);
    expect(await listed('sent')).toEqual([ids.d2, ids.d1]);
    const bad = await admin.get('/api/admin/announcements?status=lost');
    expect(bad.status).toBe(400);
  });

  it('refuses an audience of unknown topics', async () => {
    const res = await admin.post('/api/admin/announcements/preview', {
      topicIds: [crypto.randomUUID()],
    });
    expect(res.status).toBe(400);
  });

  it('is for admins only: 401 for citizens, 403 for moderators', async () => {
    const moderator = await staffClient(admin, 'moderator');
    const citizen = new TestClient(app.url);
    const id = crypto.randomUUID();
    for (const [client, status] of [
      [citizen, 401],
      [moderator, 403],
    ] as const) {
      expect((await client.post('/api/admin/announcements/preview', {})).status).toBe(status);
      expect((await client.get('/api/admin/announcements')).status).toBe(status);
      expect((await client.get(`/api/admin/announcements/${id}`)).status).toBe(status);
      const create = await client.post('/api/admin/announcements', { subject: 'Ahoj', text: 'x' });
      expect(create.status).toBe(status);
      expect((await client.patch(`/api/admin/announcements/${id}`, { text: 'x' })).status).toBe(
        status,
      );
      expect((await client.post(`/api/admin/announcements/${id}/cancel`)).status).toBe(status);
    }
  });
});

describe('leaving', () => {
  it('forgets an address never confirmed a week after its last link', async () => {
    const email = address('zapomenuta');
    await subscribe(email);
    await waitForMail(email, 'Potvrďte odběr');
    await db.prisma.subscription.update({
      where: { email },
      data: { updatedAt: new Date(Date.now() - 8 * 24 * HOUR) },
    });
    const left = await until(
      () => db.prisma.subscription.count({ where: { email } }),
      (n) => n === 0,
    );
    expect(left).toBe(0);
    expect(await db.prisma.outboxMessage.count({ where: { recipient: email } })).toBe(0);
  });

  it('opening the unsubscribe link only leads to the page; the POST unsubscribes', async () => {
    const email = address('opatrny');
    const token = await subscribed(email);
    await subscribe(email); // a confirmed address again: the e-mail with the footer's links
    const [already] = await waitForMail(email, 'už zprávy odebírá');
    const stop = linkIn(already!.text!, 'subscriptions/stop');
    expect(linkIn(headerLine(already!, 'list-unsubscribe'), 'stop')).toBe(stop);

    // What a link scanner (or a person) does with the e-mail's link: nothing is deleted.
    const scanned = await go(stop);
    expect(scanned.status).toBe(303);
    const stopToken = new URLSearchParams(stop.split('?')[1]).get('token')!;
    expect(scanned.headers.get('location')).toBe(`/odber/odhlasit?token=${stopToken}`);
    expect(await db.prisma.subscription.count({ where: { email } })).toBe(1);
    const manage = new TestClient(app.url);
    expect((await manage.get(`/api/subscriptions/manage?token=${token}`)).status).toBe(200);

    // The page's button.
    expect((await go(stop, 'POST')).status).toBe(204);
    expect(await db.prisma.subscription.count({ where: { email } })).toBe(0);
    expect((await manage.get(`/api/subscriptions/manage?token=${token}`)).status).toBe(404);
    expect((await go(stop, 'POST')).status, 'unsubscribed already').toBe(204);
  });

  it('one-click unsubscribe stops every further e-mail', async () => {
    const email = address('odhlaseny');
    const witness = address('svedek');
    await subscribed(email, { kinds: ['council_meeting'] });
    await subscribed(witness, { kinds: ['council_meeting'] });
    const [confirmation] = mailsTo(email, 'Potvrďte odběr');
    const oneClick = await go(
      linkIn(headerLine(confirmation!, 'list-unsubscribe'), 'stop'),
      'POST',
    );
    expect(oneClick.status).toBe(204);
    expect(await db.prisma.subscription.count({ where: { email } })).toBe(0);

    const session = await sessionAt('council_meeting', 2 * HOUR);
    await waitForMail(witness, session.title);
    await pause(300);
    expect(mailsTo(email, session.title)).toHaveLength(0);
    // The link again, as a browser opens it: the page, which will tell it names nothing now.
    const again = await go(linkIn(headerLine(confirmation!, 'list-unsubscribe'), 'stop'));
    expect(again.headers.get('location')).toMatch(/^\/odber\/odhlasit\?token=[\w-]+$/);
  });

  it('the manage page reads and changes the choices, and deletes everything', async () => {
    const email = address('smazat');
    const token = await subscribed(email, { kinds: ['hearing'] });
    const manage = new TestClient(app.url);
    const read = await manage.get<SubscriptionDto>(`/api/subscriptions/manage?token=${token}`);
    expect(read.body).toEqual({
      email,
      confirmed: true,
      topicIds: [],
      neighbourhoodIds: [],
      kinds: ['hearing'],
      notices: { reminders: true, live: true, recording: true, announcements: true },
    } satisfies SubscriptionDto);
    const changed = await manage.put<SubscriptionDto>(`/api/subscriptions/manage?token=${token}`, {
      topicIds: [topic('Doprava')],
      kinds: [],
      notices: { live: false },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({
      topicIds: [topic('Doprava')],
      kinds: [],
      notices: { reminders: true, live: false, recording: true, announcements: true },
    });

    // An announcement that cannot go out yet: the server answers "try later".
    smtp.refuseData = 451;
    try {
      const pending = await admin.post<AnnouncementDto>('/api/admin/announcements', {
        subject: `Čeká ${unique}`,
        text: 'Tato zpráva nedojde.',
        topicIds: [topic('Doprava')],
      });
      expect(pending.status).toBe(201);
      await until(
        () => db.prisma.outboxMessage.count({ where: { recipient: email, attempts: { gt: 0 } } }),
        (n) => n > 0,
      );
      const subscription = await db.prisma.subscription.findUniqueOrThrow({ where: { email } });

      expect((await manage.delete(`/api/subscriptions/manage?token=${token}`)).status).toBe(204);
      expect(await db.prisma.subscription.count({ where: { email } })).toBe(0);
      expect(
        await db.prisma.subscriptionToken.count({ where: { subscriptionId: subscription.id } }),
      ).toBe(0);
      expect(await db.prisma.outboxMessage.count({ where: { recipient: email } })).toBe(0);
    } finally {
      smtp.refuseData = null;
    }
    await pause(1_500); // the others' retries go out; nothing is left for this address
    expect(mailsTo(email, `Čeká ${unique}`)).toHaveLength(0);
    expect((await manage.get(`/api/subscriptions/manage?token=${token}`)).status).toBe(404);
  });
});
