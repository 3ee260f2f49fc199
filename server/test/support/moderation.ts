// Helpers for the participation tests: named staff, unique citizen addresses, typed acks,
// event recorders, and the moderation steps most tests start with.
import { expect } from 'vitest';
import type { SessionDetailDto } from '../../src/protocol/dto.ts';
import type { ErrorCode, Result, WireError } from '../../src/protocol/errors.ts';
import type { ModerationAction, OwnQuestionDto } from '../../src/protocol/questions.ts';
import type { SessionSettingsDto } from '../../src/protocol/chat.ts';
import type { ServerToClientEvents } from '../../src/protocol/events.ts';
import type { TestClient } from './http-client.ts';
import { loginAs } from './app.ts';
import { citizen, joinSession, ok } from './participation.ts';
import type { TestSocket } from './sockets.ts';

let addressCounter = 0;
/** A fresh client address (via the trusted proxy header): per-address limits stay out of the way. */
export function nextAddress(): string {
  addressCounter += 1;
  return `10.${(process.pid % 200) + 1}.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

/** A citizen on their own address, already in the session's room. */
export async function joinedCitizen(
  baseUrl: string,
  sockets: TestSocket[],
  sessionId: string,
  address = nextAddress(),
): Promise<TestSocket> {
  const socket = await citizen(baseUrl, sockets, address);
  await joinSession(socket, sessionId);
  return socket;
}

/** Takes turns between tabs of one login: one socket may send 30 events per 5 s. */
export function inTurn(tabs: TestSocket[]): () => TestSocket {
  let turn = 0;
  return () => tabs[turn++ % tabs.length]!;
}

/** A staff account with a known name (race messages name the winner), logged in. */
export async function namedStaff(
  admin: TestClient,
  role: 'admin' | 'moderator' | 'host',
  name: string,
): Promise<TestClient> {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@test.namesti.local`;
  const password = 'a long enough password 123';
  const res = await admin.post('/api/admin/staff', { email, name, role, password });
  if (res.status !== 201) throw new Error(`create ${role} failed: ${res.status} ${res.text}`);
  return loginAs(admin.baseUrl, email, password);
}

/** Awaits an ack that must fail with `code`; returns the error for further checks. */
export async function fails(
  promise: Promise<Result<unknown>>,
  code: ErrorCode,
): Promise<WireError> {
  const result = await promise;
  expect(result, JSON.stringify(result).slice(0, 300)).toMatchObject({ ok: false });
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code, result.error.message).toBe(code);
  expect(typeof result.error.message).toBe('string');
  return result.error;
}

export const moderate = (
  socket: TestSocket,
  sessionId: string,
  questionId: string,
  action: ModerationAction | { type: 'answer'; answer?: string; officialId?: string | null },
) => socket.emitWithAck('question:moderate', { sessionId, questionId, action });

export async function setSettings(
  socket: TestSocket,
  sessionId: string,
  patch: Partial<SessionSettingsDto>,
): Promise<SessionDetailDto> {
  return ok(socket.emitWithAck('session:settings', { sessionId, ...patch }));
}

let questionCounter = 0;
/** A question text that is unique in the run. */
export function questionText(prefix = 'Otázka'): string {
  questionCounter += 1;
  return `${prefix} ${questionCounter}: kdy opraví chodník v ulici ${crypto.randomUUID().slice(0, 6)}?`;
}

export async function ask(
  socket: TestSocket,
  sessionId: string,
  extra: { text?: string; authorName?: string; anonymous?: boolean } = {},
): Promise<OwnQuestionDto> {
  return ok(
    socket.emitWithAck('question:ask', { sessionId, text: extra.text ?? questionText(), ...extra }),
  );
}

/** Asks as `author` and approves as `mod`: a public question. */
export async function approvedQuestion(
  author: TestSocket,
  mod: TestSocket,
  sessionId: string,
  extra: { text?: string; authorName?: string } = {},
): Promise<OwnQuestionDto> {
  const asked = await ask(author, sessionId, extra);
  await ok(moderate(mod, sessionId, asked.id, { type: 'approve' }));
  return asked;
}

export const vote = (socket: TestSocket, sessionId: string, questionId: string, up = true) =>
  socket.emitWithAck('question:vote', { sessionId, questionId, vote: up });

/** Every `event` a socket receives, from now on. */
export function record<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
    seen.push(payload);
  }) as never);
  return seen;
}

/** The latest vote count of each question a socket has been told about via question:votes. */
export function voteTracker(socket: TestSocket, sessionId: string): Map<string, number> {
  const counts = new Map<string, number>();
  socket.on('question:votes', (payload) => {
    if (payload.sessionId !== sessionId) return;
    for (const [id, count] of Object.entries(payload.counts)) counts.set(id, count);
  });
  return counts;
}

/** Waits until `check` passes (throws until then), or fails with its last error. */
export async function until(check: () => void | Promise<void>, ms = 6_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
