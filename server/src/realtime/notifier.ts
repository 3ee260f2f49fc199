// Domain events → Socket.IO rooms, in one place. Services call this only after
// their write has committed; with the Redis adapter it reaches every node.
import type { Server } from 'socket.io';
import type { SessionDetailDto } from '../protocol/dto.ts';
import {
  rooms,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '../protocol/events.ts';

export type NamestiServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

export interface Notifier {
  sessionChanged(session: SessionDetailDto): void;
}

export function createNotifier(io: NamestiServer): Notifier {
  return {
    sessionChanged(session) {
      io.to(rooms.session(session.id)).emit('session:state', session);
      io.to(rooms.lobby).emit('lobby:changed', { sessionId: session.id, status: session.status });
    },
  };
}
