// "Tell me when it is answered" on the real app and a real SMTP server: the address is
// confirmed by a link first, only confirmed followers hear of the answer, unsubscribing (the
// page's button or a mail client's one-click POST; never the link's GET) forgets the address, and after the answer every
// address of the question is gone. The address never shows in public answers.
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { BoardDto } from '../src/protocol/board.ts';
import type { OwnQuestionDto } from '../src/protocol/questions.ts';
import { loginAs, staffClient, startTestApp } from './support/app.ts';
import { useOwnDatabase } from './support/databases.ts';
import { TestClient } from './support/http-client.ts';
import { moderate, nextAddress } from './support/moderation.ts';
import { ok, staffSocket } from './support/participation.ts';
import { startTestSmtp, type TestSmtp } from './support/smtp.ts';
import type { TestSocket } from './support/sockets.ts';

const own = useOwnDatabase('followers');
let app: RunningApp;
let smtp: TestSmtp;
let admin: TestClient;
let clerk: TestClient;
let mod: TestSocket;
let board: BoardDto;
let officialId: string;
const sockets: TestSocket[] = [];
const unique = crypto.randomUUID().slice(0, 6);

beforeAll(async () => {
  smtp = await startTestSmtp();
  app = await startTestApp({
    DATABASE_URL: own.url,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Město Lhota <radnice@lhota.example>',
    MAIL_POLL_MS: '50',
    MAIL_RETRY_BASE_MS: '200',
  });
  admin = await loginAs(app.url);
  const department = await admin.post<{ id: string }>('/api/admin/departments', {
    name: `Odbor dopravy ${unique}`,
  });
  const official = await admin.post<{ id: string }>('/api/admin/officials', {
    name: `Ing. Tomáš Černý ${unique}`,
    roleTitle: 'vedoucí odboru dopravy',
  });
  officialId = official.body.id;
  board = (
    await admin.put<BoardDto>('/api/admin/board/taxonomy', {
      topics: [{ name: 'Doprava a parkování', departmentId: department.body.id }],
      neighbourhoods: [],
    })
  ).body;
  clerk = await staffClient(admin, 'clerk', [department.body.id]);
  mod = await staffSocket(app.url, await staffClient(admin, 'moderator'), sockets);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.close();
  await smtp.stop();
});

async function until<T>(read: () => T, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = read();
  }
  return value;
}

/** A citizen asks and leaves an address; the question waits for the moderator. */
async function askWithEmail(email: string, text: string): Promise<OwnQuestionDto> {
  const asked = await new TestClient(app.url).request<OwnQuestionDto>(
    'POST',
    '/api/board/questions',
    { text, topicId: board.topics[0]!.id, email },
    { 'x-forwarded-for': nextAddress() },
  );
  expect(asked.status, asked.text).toBe(201);
  return asked.body;
}

/** A citizen asks and leaves an address; the question is approved. */
async function askAndFollow(email: string, text: string): Promise<OwnQuestionDto> {
  const asked = await askWithEmail(email, text);
  await ok(moderate(mod, board.sessionId, asked.id, { type: 'approve' }));
  return asked;
}

const mailsTo = (email: string, count: number) =>
  until(
    () => smtp.deliveredTo(email),
    (mails) => mails.length >= count,
  );

/** The path of the first link in `text` that contains `part`. */
function linkIn(text: string, part: string): string {
  const url = text.match(new RegExp(`https?://[^\\s<>]*${part}[^\\s<>]*`))?.[0];
  expect(url, text).toBeTruthy();
  const parsed = new URL(url!);
  return parsed.pathname + parsed.search;
}

/** A header as it was sent (mailparser reads List-* headers into objects). */
const headerLine = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name)?.line ?? '';

const follow = (path: string, method = 'GET') =>
  fetch(`${app.url}${path}`, { method, redirect: 'manual' });

const answer = (questionId: string) =>
  clerk.post(`/api/board/questions/${questionId}/answer`, {
    answer: 'Semafor přeprogramujeme v březnu.',
    officialId,
  });

describe('following a board question by e-mail', () => {
  it('sends the answer only to a confirmed address, then forgets every address', async () => {
    const confirmed = `jana.${unique}@example.cz`;
    const unconfirmed = `petr.${unique}@example.cz`;
    const question = await askAndFollow(confirmed, `Delší zelená u školy? ${unique}`);
    await askAndFollow(unconfirmed, `Přechod u pošty? ${unique}`).then(async (other) => {
      await mailsTo(unconfirmed, 1);
      expect((await answer(other.id)).status).toBe(200);
    });

    const [confirmMail] = await mailsTo(confirmed, 1);
    expect(confirmMail!.subject).toBe('Potvrďte odběr odpovědi – Město Náměstí');
    expect(confirmMail!.text).toContain(`Delší zelená u školy? ${unique}`);
    expect(headerLine(confirmMail!, 'list-unsubscribe-post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const confirmedAt = await follow(linkIn(confirmMail!.text!, 'follow/confirm'));
    expect(confirmedAt.status).toBe(303);
    expect(confirmedAt.headers.get('location')).toBe(`/otazky/${question.id}?odber=potvrzen`);

    // The address stays private.
    const page = await new TestClient(app.url).get(`/api/board/questions/${question.id}`);
    expect(page.text).not.toContain(confirmed);

    expect((await answer(question.id)).status).toBe(200);
    const [, answerMail] = await mailsTo(confirmed, 2);
    expect(answerMail!.subject).toBe('Odpověď na vaši otázku – Město Náměstí');
    expect(answerMail!.text).toContain('Semafor přeprogramujeme v březnu.');
    expect(answerMail!.text).toContain(`Ing. Tomáš Černý ${unique}, vedoucí odboru dopravy`);
    expect(linkIn(answerMail!.text!, 'otazky/')).toBe(`/otazky/${question.id}`);

    // The unconfirmed address heard nothing but the confirmation, and both are gone now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.deliveredTo(unconfirmed)).toHaveLength(1);
    const stale = await follow(linkIn(confirmMail!.text!, 'follow/confirm'));
    expect(stale.headers.get('location')).toBe('/otazky?odber=neznamy');
  });

  it('forgets an address on the unsubscribe POST, not its GET, before the answer', async () => {
    const email = `eva.${unique}@example.cz`;
    const question = await askAndFollow(email, `Lavičky v parku? ${unique}`);
    const [confirmMail] = await mailsTo(email, 1);
    await follow(linkIn(confirmMail!.text!, 'follow/confirm'));
    const stop = linkIn(headerLine(confirmMail!, 'list-unsubscribe'), 'follow/stop');
    // Opening the link (a link scanner, a mail client without one-click) only leads to the page.
    const opened = await follow(stop);
    expect(opened.status).toBe(303);
    const token = new URLSearchParams(stop.split('?')[1]).get('token')!;
    expect(opened.headers.get('location')).toBe(`/otazky/odhlasit?token=${token}`);
    // The address is still known: its confirmation link still names it.
    const confirmLink = linkIn(confirmMail!.text!, 'follow/confirm');
    expect((await follow(confirmLink)).headers.get('location')).toBe(
      `/otazky/${question.id}?odber=potvrzen`,
    );
    // The page's button, and what a mail client does with List-Unsubscribe-Post (RFC 8058).
    const oneClick = await follow(stop, 'POST');
    expect(oneClick.status).toBe(204);
    expect((await follow(confirmLink)).headers.get('location')).toBe('/otazky?odber=neznamy');
    expect((await answer(question.id)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.deliveredTo(email)).toHaveLength(1);
  });

  it('lands a confirmation on the board while the question waits for the moderator', async () => {
    const email = `ota.${unique}@example.cz`;
    const question = await askWithEmail(email, `Kdy se opraví most? ${unique}`);
    const [confirmMail] = await mailsTo(email, 1);
    const early = await follow(linkIn(confirmMail!.text!, 'follow/confirm'));
    expect(early.headers.get('location')).toBe('/otazky?odber=potvrzen');
    await ok(moderate(mod, board.sessionId, question.id, { type: 'approve' }));
    const again = await follow(linkIn(confirmMail!.text!, 'follow/confirm'));
    expect(again.headers.get('location')).toBe(`/otazky/${question.id}?odber=potvrzen`);
  });

  it('refuses an address that is not one', async () => {
    const res = await new TestClient(app.url).request(
      'POST',
      '/api/board/questions',
      { text: `Otázka ${unique}`, topicId: board.topics[0]!.id, email: 'není adresa' },
      { 'x-forwarded-for': nextAddress() },
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('email');
  });
});
