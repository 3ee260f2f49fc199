// The citizen behind a socket event, as participation rules need them.
import type { NamestiSocket } from '../../realtime/handler.ts';

export interface Who {
  participantId: string;
  /** Salted hash of the client's address. */
  ipHash: string;
}

export const whoOf = (socket: NamestiSocket): Who => ({
  participantId: socket.data.participantId,
  ipHash: socket.data.ipHash,
});
