// Live video signalling: join, transports, produce (hosts; accepted stage speakers), consume
// (everyone). Each socket is one media peer; its transports close when it disconnects.
import type { MediaRoom, MediaService, MediaSource } from '@namesti/media';
import { AppError } from '../../lib/app-error.ts';
import { handle } from '../../realtime/handler.ts';
import type { FeatureSockets } from '../../realtime/server.ts';
import { rooms } from '../../protocol/events.ts';
import { BROADCAST_SOURCES, type MediaJoinDto } from '../../protocol/media.ts';
import { say, type Actor } from '../auth/actor.ts';
import { producerDto } from './events.ts';
import { mediaCall, mediaOffError, notLiveError } from './errors.ts';
import type { MediaAccess } from './access.ts';

/** Per socket and session: enough for a studio or a stage speaker and one viewer tab's
 * reconnects; not enough to exhaust the server's ports. */
const MAX_TRANSPORTS = 6;
const MAX_CONSUMERS = 16;
const BROADCAST = new Set<MediaSource>(BROADCAST_SOURCES);

/** mediasoup's parameter objects travel as they are; the protocol keeps them opaque. */
const asParams = (value: object) => value as unknown as Record<string, unknown>;

export function mediaSockets(deps: { media: MediaService; access: MediaAccess }): FeatureSockets {
  const { media, access } = deps;
  return (socket, tools) => {
    const ctx = { socket, ...tools };
    const peerId = socket.id;
    const joined = new Set<string>();

    const assertRoomFor = (actor: Actor, room: MediaRoom, what: 'transports' | 'consumers') => {
      const max = what === 'transports' ? MAX_TRANSPORTS : MAX_CONSUMERS;
      if (room.peerLoad(peerId)[what] >= max) {
        throw new AppError(
          'rate_limited',
          say(actor, 'Příliš mnoho spojení.', 'Too many streams.'),
        );
      }
    };

    /** The room this connection joined. Joining needs a live session and the room closes
     * when the session ends, so a room still there means the session is on air: no database
     * read on every signalling event. */
    const joinedRoom = async (actor: Actor, sessionId: string) => {
      if (!joined.has(sessionId)) throw new AppError('bad_request', 'media:join first');
      if (media.status() === 'off') throw mediaOffError(actor);
      const room = await media.findRoom(sessionId);
      if (!room) throw notLiveError(actor);
      return room;
    };

    handle(ctx, 'media:join', async ({ sessionId }, { actor }): Promise<MediaJoinDto> => {
      const status = await access.sessionStatus(actor, sessionId);
      const off: MediaJoinDto = {
        sessionId,
        available: media.status() !== 'off',
        routerRtpCapabilities: null,
        iceServers: [],
        producers: [],
      };
      // Not on air (yet): the page joins again when the session goes live.
      if (!off.available || status !== 'live') return off;
      const room = await mediaCall(actor, () => media.room(sessionId));
      // A second join (after a reset or a reconnect) starts this peer afresh.
      room.closePeer(peerId);
      joined.add(sessionId);
      await socket.join(rooms.sessionMedia(sessionId));
      return {
        ...off,
        routerRtpCapabilities: asParams(room.rtpCapabilities()),
        iceServers: media.iceServers(),
        producers: room.producers().map(producerDto),
      };
    });

    handle(ctx, 'media:leave', async ({ sessionId }) => {
      joined.delete(sessionId);
      await socket.leave(rooms.sessionMedia(sessionId));
      (await media.findRoom(sessionId))?.closePeer(peerId);
      return null;
    });

    handle(ctx, 'media:transport', async ({ sessionId, direction, purpose }, { actor }) => {
      if (direction === 'send')
        await access.assertMaySend(actor, sessionId, purpose ?? 'broadcast');
      const room = await joinedRoom(actor, sessionId);
      assertRoomFor(actor, room, 'transports');
      const info = await mediaCall(actor, () => room.createTransport(peerId, direction));
      return {
        id: info.id,
        iceParameters: asParams(info.iceParameters),
        iceCandidates: info.iceCandidates.map(asParams),
        dtlsParameters: asParams(info.dtlsParameters),
      };
    });

    handle(ctx, 'media:connect', async ({ sessionId, transportId, dtlsParameters }, { actor }) => {
      const room = await joinedRoom(actor, sessionId);
      await mediaCall(actor, () => room.connectTransport(peerId, transportId, dtlsParameters));
      return null;
    });

    handle(ctx, 'media:restart-ice', async ({ sessionId, transportId }, { actor }) => {
      const room = await joinedRoom(actor, sessionId);
      const iceParameters = await mediaCall(actor, () => room.restartIce(peerId, transportId));
      return { iceParameters: asParams(iceParameters) };
    });

    handle(ctx, 'media:produce', async (input, { actor }) => {
      const source: MediaSource = input.source;
      await access.assertMaySend(
        actor,
        input.sessionId,
        source.startsWith('stage-') ? 'stage' : 'broadcast',
      );
      const room = await joinedRoom(actor, input.sessionId);
      const broadcaster = room.broadcaster();
      if (BROADCAST.has(source) && broadcaster !== null && broadcaster !== peerId) {
        throw new AppError(
          'conflict',
          say(
            actor,
            'Už vysílá někdo jiný (studio nebo OBS).',
            'Someone else is already broadcasting.',
          ),
        );
      }
      const producerId = await mediaCall(actor, () =>
        room.produce(peerId, input.transportId, {
          kind: input.kind,
          source,
          rtpParameters: input.rtpParameters as never,
          // A moderator mutes or removes the citizen, whichever tab they speak from.
          ...(BROADCAST.has(source) ? {} : { owner: actor.participantId }),
        }),
      );
      return { producerId };
    });

    handle(ctx, 'media:producer', async ({ sessionId, producerId, action }, { actor }) => {
      const room = await joinedRoom(actor, sessionId);
      const source = room.producers().find((p) => p.id === producerId)?.source;
      if (action === 'resume' && source?.startsWith('stage-')) {
        await access.assertMayUnmuteStage(actor, sessionId);
      }
      await mediaCall(actor, () =>
        action === 'close'
          ? room.closeProducer(producerId, peerId)
          : room.setProducerPaused(peerId, producerId, action === 'pause'),
      );
      return null;
    });

    handle(ctx, 'media:consume', async (input, { actor }) => {
      const room = await joinedRoom(actor, input.sessionId);
      assertRoomFor(actor, room, 'consumers');
      const consumer = await mediaCall(actor, () =>
        room.consume(peerId, input.transportId, input.producerId, input.rtpCapabilities as never),
      );
      return { ...consumer, rtpParameters: asParams(consumer.rtpParameters) };
    });

    handle(ctx, 'media:consumer', async (input, { actor }) => {
      const room = await joinedRoom(actor, input.sessionId);
      await mediaCall(actor, () =>
        input.action === 'resume'
          ? room.resumeConsumer(peerId, input.consumerId)
          : room.setConsumerLayers(
              peerId,
              input.consumerId,
              input.spatialLayer,
              input.temporalLayer,
            ),
      );
      return null;
    });

    socket.on('disconnect', () => {
      for (const sessionId of joined) {
        media
          .findRoom(sessionId)
          .then((room) => room?.closePeer(peerId))
          .catch((err: unknown) =>
            tools.logger.warn({ err, sessionId }, 'media peer cleanup failed'),
          );
      }
      joined.clear();
    });
  };
}
