// mediasoup's events → this node's sockets. Media rooms live on one node, so these stay local
// (io.local): another node's viewers have their own rooms.
import type { MediaEvents, ProducerInfo } from '@namesti/media';
import type { MediaProducerDto } from '../../protocol/media.ts';
import { rooms } from '../../protocol/events.ts';
import type { NamestiServer } from '../../realtime/notifier.ts';

export const producerDto = (p: ProducerInfo): MediaProducerDto => ({
  id: p.id,
  kind: p.kind,
  source: p.source,
  paused: p.paused,
});

/** Peers that are not sockets (a WHIP publisher) are named with this prefix. */
export const WHIP_PEER_PREFIX = 'whip:';

export function mediaEvents(io: NamestiServer): MediaEvents {
  const local = io.local;
  return {
    room: (sessionId) => ({
      producersChanged: (producers) =>
        local
          .to(rooms.sessionMedia(sessionId))
          .emit('media:producers', { sessionId, producers: producers.map(producerDto) }),
      consumerClosed: (peerId, consumerId) =>
        local.to(peerId).emit('media:consumer-closed', { sessionId, consumerId }),
      quality: (peerId, quality) =>
        local.to(peerId).emit('media:quality', { sessionId, ...quality }),
    }),
    reset(sessionId, peerIds) {
      for (const peerId of peerIds) {
        if (!peerId.startsWith(WHIP_PEER_PREFIX))
          local.to(peerId).emit('media:reset', { sessionId });
      }
    },
  };
}
