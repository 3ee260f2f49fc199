// mediasoup's events → the sockets of the peers, on whichever node they are connected: a
// session's room lives on one node, its viewers on any (the Redis adapter carries these).
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

export function mediaEvents(
  io: NamestiServer,
): MediaEvents & { resetAll(sessionId: string): void } {
  return {
    room: (sessionId) => ({
      producersChanged: (producers) =>
        io
          .to(rooms.sessionMedia(sessionId))
          .emit('media:producers', { sessionId, producers: producers.map(producerDto) }),
      consumerClosed: (peerId, consumerId) =>
        io.to(peerId).emit('media:consumer-closed', { sessionId, consumerId }),
      quality: (peerId, quality) => io.to(peerId).emit('media:quality', { sessionId, ...quality }),
    }),
    resetAll(sessionId) {
      io.to(rooms.sessionMedia(sessionId)).emit('media:reset', { sessionId });
    },
    reset(sessionId, peerIds) {
      for (const peerId of peerIds) {
        if (!peerId.startsWith(WHIP_PEER_PREFIX)) io.to(peerId).emit('media:reset', { sessionId });
      }
    },
  };
}
