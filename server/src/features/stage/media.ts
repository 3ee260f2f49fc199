// What the speaking list does to the speaker's tracks on this node's media server. The
// speaker's browser also stops sending when told it is off stage, which covers other nodes.
import type { MediaService } from '@namesti/media';
import type { StageMedia } from './service.ts';

export function stageMedia(media: MediaService): StageMedia {
  return {
    async pause(sessionId, participantId, paused) {
      await (await media.findRoom(sessionId))?.pauseOwnedBy(participantId, paused);
    },
    async close(sessionId, participantId) {
      (await media.findRoom(sessionId))?.closeOwnedBy(participantId);
    },
  };
}
