// What the speaking list does to the speaker's tracks, on whichever node carries the session's
// media. The speaker's browser also stops sending when told it is off stage.
import type { MediaOps } from '../media/cluster/index.ts';
import type { StageMedia } from './service.ts';

export function stageMedia(ops: MediaOps): StageMedia {
  return {
    pause: (sessionId, participantId, paused) => ops.pauseOwnedBy(sessionId, participantId, paused),
    close: (sessionId, participantId) => ops.closeOwnedBy(sessionId, participantId),
  };
}
