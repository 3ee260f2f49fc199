// Helpers for question and chat tests: a live session, citizens and moderators on sockets.
import type { SessionSnapshotDto } from '../../src/protocol/dto.ts';
import type { TestClient } from './http-client.ts';
import { createSession } from './app.ts';
import { connectSocket, type TestSocket } from './sockets.ts';

/** A live session created and started through the admin API. */
export async function liveSession(admin: TestClient, extra: Record<string, unknown> = {}) {
  const session = await createSession(admin, extra);
  const res = await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' });
  if (res.status !== 200) throw new Error(`start failed: ${res.status} ${res.text}`);
  return session;
}

/** Emits and unwraps an ack, throwing on `{ ok: false }`. */
export async function ok<T>(
  promise: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

export async function joinSession(socket: TestSocket, sessionId: string) {
  return ok(socket.emitWithAck('session:join', { sessionId })) as Promise<SessionSnapshotDto>;
}

/** A socket with its own citizen identity (and, optionally, its own address via a trusted proxy). */
export async function citizen(baseUrl: string, sockets: TestSocket[], address?: string) {
  const socket = await connectSocket(baseUrl, address ? { forwardedFor: address } : {});
  sockets.push(socket);
  return socket;
}

export async function staffSocket(baseUrl: string, client: TestClient, sockets: TestSocket[]) {
  const socket = await connectSocket(baseUrl, { cookie: client.cookieHeader });
  sockets.push(socket);
  return socket;
}
