// The e-mail outbox on the real PostgreSQL and a real SMTP server (smtp-server on 127.0.0.1):
// a message goes out once, Czech intact, with its headers and invitation; a notice enqueued
// twice is one message; an outage is waited out; a rejected recipient is given up; a sender that
// died mid-send is taken over with the same Message-ID; two nodes never send one message twice.
// Without SMTP nothing is sent and the admin sees the queue. Only admins touch the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import type { MailMessage } from '../src/features/mail/message.ts';
import { enqueueMail, type MailDb } from '../src/features/mail/outbox.ts';
import { logger } from '../src/lib/logger.ts';
import type { AuditEntryDto } from '../src/protocol/dto.ts';
import type { OutboxMessageDto, OutboxPageDto } from '../src/protocol/mail.ts';
import { loginAs, staffClient, startTestApp, testEnv } from './support/app.ts';
import { useOwnDatabase } from './support/databases.ts';
import { TestClient } from './support/http-client.ts';
import { startTestSmtp, type TestSmtp } from './support/smtp.ts';

const MESSAGE_ID_DOMAIN = 'mail.test.namesti.local';
const FROM = 'Město Náměstí <radnice@namesti.test>';
/** Fast polls and retries (200 ms, 800 ms, 3.2 s …) keep the outage tests short. */
const FAST = { MAIL_POLL_MS: '50', MAIL_RETRY_BASE_MS: '200' };

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Namesti//CS',
  'METHOD:PUBLISH',
  'BEGIN:VEVENT',
  'UID:zasedani-1@namesti.test',
  'DTSTAMP:20261201T120000Z',
  'DTSTART:20261207T160000Z',
  'SUMMARY:Zasedání zastupitelstva: rozpočet na opravu náměstí',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const own = useOwnDatabase('mail');
let db: Database;
/** An app on this file's database. */
const startApp = (env: Record<string, string>) =>
  startTestApp({ DATABASE_URL: own.url, ...FAST, ...env });

beforeAll(async () => {
  db = await openDatabase({
    databaseUrl: own.url,
    dataDir: testEnv().DATA_DIR!,
    logger,
  });
});

afterAll(async () => {
  await db?.close();
});

const unique = () => crypto.randomUUID().slice(0, 8);

/** A notice to a fresh recipient, under a fresh dedupe key. */
function notice(extra: Partial<MailMessage> = {}): MailMessage {
  const id = unique();
  return {
    to: `obcan-${id}@example.cz`,
    subject: `Oznámení ${id}`,
    text: 'Dobrý den, odpověď na váš dotaz byla zveřejněna.',
    dedupeKey: `test.notice:${id}`,
    kind: 'test.notice',
    ...extra,
  };
}

const enqueue = (message: MailMessage, client: MailDb = db.prisma) =>
  enqueueMail(client, message, { messageIdDomain: MESSAGE_ID_DOMAIN });

const rowOf = (id: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('without SMTP configured', () => {
  let app: RunningApp;
  let admin: TestClient;

  beforeAll(async () => {
    app = await startApp({});
    admin = await loginAs(app.url);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps messages queued and shows them to the admin, with SMTP not configured', async () => {
    const row = await enqueue(notice({ kind: 'session.reminder' }));
    expect(row).toMatchObject({ status: 'queued', attempts: 0, sentAt: null });
    expect(row.messageId).toBe(`<${row.id}@${MESSAGE_ID_DOMAIN}>`);
    await pause(300); // six polls' worth: the sender is off, not slow
    expect(await rowOf(row.id)).toMatchObject({ status: 'queued', attempts: 0 });

    const res = await admin.get<OutboxPageDto>('/api/admin/outbox?status=queued');
    expect(res.status).toBe(200);
    expect(res.body.smtpConfigured).toBe(false);
    expect(res.body.messages[0]).toEqual({
      id: row.id,
      kind: 'session.reminder',
      recipient: row.recipient,
      subject: row.subject,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: row.nextAttemptAt.toISOString(),
      lastError: null,
      messageId: row.messageId,
      sentAt: null,
      createdAt: row.createdAt.toISOString(),
    } satisfies OutboxMessageDto);
    expect(res.body.counts.queued).toBeGreaterThanOrEqual(1);
    expect(res.body.total).toBe(res.body.counts.queued);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50 });

    const all = (await admin.get<OutboxPageDto>('/api/admin/outbox')).body;
    expect(all.total).toBe(Object.values(all.counts).reduce((a, b) => a + b, 0));
    const bad = await admin.get('/api/admin/outbox?status=lost&page=0');
    expect(bad.status).toBe(400);
  });

  it('cancels a message that has not gone out and queues a failed one again, audited', async () => {
    const queued = await enqueue(notice());
    const cancelled = await admin.post<OutboxMessageDto>(`/api/admin/outbox/${queued.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: queued.id, status: 'cancelled' });
    // A second click is not an error, and not a second audit entry.
    expect((await admin.post(`/api/admin/outbox/${queued.id}/cancel`)).status).toBe(200);
    const again = await admin.post<{ error: { code: string; message: string } }>(
      `/api/admin/outbox/${queued.id}/retry`,
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: 'invalid_transition',
      message: 'Zpráva byla zrušena',
    });

    const failed = await enqueue(notice());
    await db.prisma.outboxMessage.update({
      where: { id: failed.id },
      data: { status: 'failed', attempts: 10, lastError: '421 Service not available' },
    });
    const before = Date.now();
    const retried = await admin.post<OutboxMessageDto>(`/api/admin/outbox/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0 });
    expect(Date.parse(retried.body.nextAttemptAt!)).toBeGreaterThanOrEqual(before - 1_000);

    const audit = (await admin.get<AuditEntryDto[]>('/api/admin/audit?limit=20')).body;
    const mine = audit.filter((e) => e.entityType === 'outbox_message');
    expect(mine.filter((e) => e.entityId === queued.id).map((e) => e.action)).toEqual([
      'mail.cancelled',
    ]);
    expect(mine.find((e) => e.entityId === failed.id)).toMatchObject({
      action: 'mail.retried',
      before: { status: 'failed' },
      after: { status: 'queued' },
    });

    const missing = crypto.randomUUID();
    expect((await admin.post(`/api/admin/outbox/${missing}/retry`)).status).toBe(404);
    expect((await admin.post('/api/admin/outbox/not-an-id/cancel')).status).toBe(404);
  });

  it('lets only admins see or change the outbox', async () => {
    const row = await enqueue(notice());
    const moderator = await staffClient(admin, 'moderator');
    const host = await staffClient(admin, 'host');
    const anonymous = new TestClient(app.url);
    for (const [client, status] of [
      [moderator, 403],
      [host, 403],
      [anonymous, 401],
    ] as const) {
      expect((await client.get('/api/admin/outbox')).status).toBe(status);
      expect((await client.post(`/api/admin/outbox/${row.id}/retry`)).status).toBe(status);
      expect((await client.post(`/api/admin/outbox/${row.id}/cancel`)).status).toBe(status);
    }
    const refused = await moderator.get<{ error: { message: string } }>('/api/admin/outbox');
    expect(refused.body.error.message).toBe('K této akci nemáte oprávnění');
    expect(await rowOf(row.id)).toMatchObject({ status: 'queued' });
  });
});

describe('over SMTP', () => {
  let smtp: TestSmtp;
  let app: RunningApp;
  let admin: TestClient;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startApp({ SMTP_URL: smtp.url, MAIL_FROM: FROM });
    admin = await loginAs(app.url);
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.stop();
  });

  const sentRow = (id: string) =>
    until(
      () => rowOf(id),
      (row) => row.status === 'sent',
    );

  it('delivers a message once: Czech text intact, unsubscribe headers, an ICS invitation', async () => {
    const message = notice({
      subject: 'Připomínka: zasedání zastupitelstva – příliš žluťoučký kůň',
      text: 'Dobrý den,\nzasedání začíná v pondělí v 17:00 ve velké zasedací síni.\nŘÍJEN, úterý, čtvrtek.',
      html: '<p>Dobrý den, zasedání začíná v <strong>pondělí</strong>.</p>',
      headers: {
        'List-Unsubscribe': '<https://namesti.test/odhlasit/abc123>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      attachments: [
        {
          filename: 'zasedání.ics',
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: ICS,
        },
      ],
    });
    // In the caller's transaction, as a feature stores a notice with what it announces.
    const row = await db.prisma.$transaction((tx) => enqueue(message, tx));
    const sent = await sentRow(row.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null, leasedUntil: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    await pause(300);

    const [mail, ...more] = smtp.deliveredTo(message.to);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe(message.subject);
    expect(mail!.text?.trim()).toBe(message.text);
    expect(mail!.html).toContain('v <strong>pondělí</strong>');
    expect(mail!.messageId).toBe(row.messageId);
    expect(mail!.from?.value).toEqual([{ name: 'Město Náměstí', address: 'radnice@namesti.test' }]);
    const header = (name: string) =>
      mail!.headerLines.find((h) => h.key === name.toLowerCase())?.line;
    expect(header('List-Unsubscribe')).toBe(
      'List-Unsubscribe: <https://namesti.test/odhlasit/abc123>',
    );
    expect(header('List-Unsubscribe-Post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(mail!.attachments).toHaveLength(1);
    const [invitation] = mail!.attachments;
    expect(invitation!.filename).toBe('zasedání.ics');
    expect(invitation!.contentType).toBe('text/calendar');
    expect(invitation!.content.toString('utf8')).toBe(ICS);
  });

  it('sends what was queued while e-mail was off', async () => {
    // The messages the first app (no SMTP) left queued go out now that a node can send.
    const leftover = await db.prisma.outboxMessage.findMany({
      where: { kind: 'session.reminder' },
    });
    expect(leftover.length).toBeGreaterThan(0);
    for (const row of leftover) {
      await sentRow(row.id);
      expect(smtp.deliveredTo(row.recipient)).toHaveLength(1);
    }
  });

  it('makes one message of a notice enqueued twice, even by two transactions at once', async () => {
    const message = notice();
    const [first, second] = await Promise.all([
      db.prisma.$transaction((tx) => enqueue(message, tx)),
      db.prisma.$transaction((tx) => enqueue({ ...message, subject: 'Jiný předmět' }, tx)),
    ]);
    expect(second!.id).toBe(first!.id);
    const third = await enqueue(message);
    expect(third.id).toBe(first!.id);
    expect(await db.prisma.outboxMessage.count({ where: { dedupeKey: message.dedupeKey } })).toBe(
      1,
    );
    await sentRow(first!.id);
    // Enqueued again after it went out: still the one message, not sent again.
    expect((await enqueue(message)).status).toBe('sent');
    await pause(300);
    expect(smtp.deliveredTo(message.to)).toHaveLength(1);
  });

  it('stores nothing when the transaction that enqueued it rolls back', async () => {
    const message = notice();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await enqueue(message, tx);
        throw new Error('the announced change failed');
      }),
    ).rejects.toThrow('the announced change failed');
    await pause(200);
    expect(await db.prisma.outboxMessage.count({ where: { dedupeKey: message.dedupeKey } })).toBe(
      0,
    );
    expect(smtp.deliveredTo(message.to)).toHaveLength(0);
  });

  it('retries while the SMTP server refuses, and delivers once when it accepts again', async () => {
    smtp.refuseData = 451;
    try {
      const row = await enqueue(notice());
      const waiting = await until(
        () => rowOf(row.id),
        (r) => r.attempts >= 2 && r.status === 'queued',
      );
      expect(waiting).toMatchObject({ status: 'queued', leasedUntil: null });
      expect(waiting.attempts).toBeGreaterThanOrEqual(2);
      expect(waiting.lastError).toContain('451');
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 2_000);
      expect(smtp.deliveredTo(row.recipient)).toHaveLength(0);
      smtp.refuseData = null;
      const sent = await sentRow(row.id);
      expect(sent.status).toBe('sent');
      await pause(300);
      const delivered = smtp.deliveredTo(row.recipient);
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.messageId).toBe(row.messageId);
    } finally {
      smtp.refuseData = null;
    }
  });

  it('retries while the SMTP server is down, and delivers once it is back', async () => {
    await smtp.stop();
    let row;
    try {
      row = await enqueue(notice());
      const waiting = await until(
        () => rowOf(row!.id),
        (r) => r.attempts >= 2 && r.status === 'queued',
      );
      expect(waiting.attempts).toBeGreaterThanOrEqual(2);
      expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await smtp.start();
    }
    await sentRow(row.id);
    await pause(300);
    expect(smtp.deliveredTo(row.recipient)).toHaveLength(1);
  });

  it('gives up on a recipient the server rejects for good; an admin’s retry sends it', async () => {
    const message = notice();
    smtp.rejectRecipients.add(message.to);
    const row = await enqueue(message);
    const failed = await until(
      () => rowOf(row.id),
      (r) => r.status === 'failed',
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, leasedUntil: null });
    expect(failed.lastError).toContain('550');
    const listed = (await admin.get<OutboxPageDto>('/api/admin/outbox?status=failed')).body;
    expect(listed.smtpConfigured).toBe(true);
    expect(listed.messages.find((m) => m.id === row.id)).toMatchObject({
      status: 'failed',
      lastError: failed.lastError,
    });

    smtp.rejectRecipients.delete(message.to); // the mailbox was fixed
    const retried = await admin.post<OutboxMessageDto>(`/api/admin/outbox/${row.id}/retry`);
    expect(retried.status).toBe(200);
    const sent = await sentRow(row.id);
    expect(sent.attempts).toBe(1); // a fresh set of attempts
    expect(smtp.deliveredTo(message.to)).toHaveLength(1);
    const late = await admin.post(`/api/admin/outbox/${row.id}/cancel`);
    expect(late.status).toBe(409);
  });

  it('sends again a message whose node died mid-send, with the same Message-ID', async () => {
    // As a node leaves it when it dies after taking the message: sending, its lease running.
    const row = await db.prisma.$transaction(async (tx) => {
      const stored = await enqueue(notice(), tx);
      return tx.outboxMessage.update({
        where: { id: stored.id },
        data: { status: 'sending', attempts: 1, leasedUntil: new Date(Date.now() + 700) },
      });
    });
    await pause(400);
    expect(await rowOf(row.id)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(smtp.deliveredTo(row.recipient)).toHaveLength(0);

    const sent = await sentRow(row.id);
    expect(sent.attempts).toBe(2);
    await pause(200);
    const delivered = smtp.deliveredTo(row.recipient);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.messageId).toBe(row.messageId);
  });

  it('shares the outbox between two nodes: every message goes out exactly once', async () => {
    // Its own sender name tells which node sent what.
    const second = await startApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Uzel B <b@namesti.test>',
    });
    try {
      const rows = await db.prisma.$transaction(async (tx) => {
        const stored = [];
        for (let i = 0; i < 40; i++) stored.push(await enqueue(notice({ kind: 'bulk' }), tx));
        return stored;
      });
      await until(
        () =>
          db.prisma.outboxMessage.count({
            where: { id: { in: rows.map((r) => r.id) }, status: 'sent' },
          }),
        (n) => n === rows.length,
      );
      await pause(300);
      for (const row of rows) expect(smtp.deliveredTo(row.recipient)).toHaveLength(1);
      // A batch is 20: the first node to look leases 20, the other takes the rest meanwhile.
      const senders = new Set(
        rows.map((row) => smtp.deliveredTo(row.recipient)[0]!.from!.value[0]!.name),
      );
      expect(senders).toEqual(new Set(['Město Náměstí', 'Uzel B']));
      const ids = smtp.received.map((r) => r.mail.messageId);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await second.close();
    }
  });
});

describe('stopping', () => {
  it('finishes the send in flight and puts the rest of its batch back, uncounted', async () => {
    const smtp = await startTestSmtp();
    smtp.answerDelayMs = 400;
    const app = await startApp({ SMTP_URL: smtp.url, MAIL_FROM: FROM });
    let rows;
    try {
      rows = await db.prisma.$transaction(async (tx) => [
        await enqueue(notice({ kind: 'stopping' }), tx),
        await enqueue(notice({ kind: 'stopping' }), tx),
        await enqueue(notice({ kind: 'stopping' }), tx),
      ]);
      await until(
        async () => smtp.dataStarted,
        (n) => n > 0,
      );
    } finally {
      await app.close();
    }
    const after = await db.prisma.outboxMessage.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      orderBy: { createdAt: 'asc' },
    });
    expect(after.map((r) => r.status).sort()).toEqual(['queued', 'queued', 'sent']);
    expect(smtp.received).toHaveLength(1);
    for (const row of after.filter((r) => r.status === 'queued')) {
      expect(row).toMatchObject({ attempts: 0, leasedUntil: null });
    }
    // Cancelled, so no later test's sender picks them up.
    await db.prisma.outboxMessage.updateMany({
      where: { kind: 'stopping', status: 'queued' },
      data: { status: 'cancelled' },
    });
    await smtp.stop();
  });
});
