// THE socket contract. Server and web import these maps; nothing declares them twice.
import type { z } from 'zod';
import type { Result } from './errors.ts';
import type { SessionDetailDto, SessionSnapshotDto } from './dto.ts';
import { sessionLifecycleEventSchema, sessionRefSchema } from './schemas.ts';
import type { StaffRole } from './enums.ts';

/** Bumped on any breaking change; a client with another version is refused at connect. */
export const PROTOCOL_VERSION = 1;

export type Ack<T> = (result: Result<T>) => void;

export interface ClientToServerEvents {
  /** Join a session's room; the ack carries a fresh snapshot (also after reconnects). */
  'session:join': (payload: z.input<typeof sessionRefSchema>, ack: Ack<SessionSnapshotDto>) => void;
  'session:leave': (payload: z.input<typeof sessionRefSchema>, ack: Ack<null>) => void;
  /** Host or admin: start, end, cancel or reopen a session. */
  'session:lifecycle': (
    payload: z.input<typeof sessionLifecycleEventSchema>,
    ack: Ack<SessionDetailDto>,
  ) => void;
  /** The home page listens for sessions going live or ending. */
  'lobby:join': (payload: Record<string, never>, ack: Ack<null>) => void;
  'lobby:leave': (payload: Record<string, never>, ack: Ack<null>) => void;
}

export interface ServerToClientEvents {
  'session:state': (session: SessionDetailDto) => void;
  'session:viewers': (payload: { sessionId: string; count: number }) => void;
  'lobby:changed': (payload: { sessionId: string; status: SessionDetailDto['status'] }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  participantId: string;
  staff: { id: string; role: StaffRole; name: string } | null;
  locale: 'cs' | 'en';
}

/** Payload schemas by event name: the realtime edge validates with these. */
export const clientEventSchemas = {
  'session:join': sessionRefSchema,
  'session:leave': sessionRefSchema,
  'session:lifecycle': sessionLifecycleEventSchema,
  'lobby:join': null,
  'lobby:leave': null,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType | null>;

export const rooms = {
  session: (sessionId: string) => `session:${sessionId}`,
  sessionModerators: (sessionId: string) => `session:${sessionId}:mod`,
  lobby: 'lobby',
} as const;
