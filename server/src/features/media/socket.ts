// Live video signalling: join, transports, produce (hosts; accepted stage speakers), consume
// (everyone). Each socket is one media peer; its transports close when it disconnects. The
// calls go to the node that carries the session's media, which may be another node.
import type { MediaService } from '@namesti/media';
import { AppError } from '../../lib/app-error.ts';
import { handle } from '../../realtime/handler.ts';
import type { FeatureSockets } from '../../realtime/server.ts';
import { rooms } from '../../protocol/events.ts';
import type { MediaJoinDto } from '../../protocol/media.ts';
import type { Actor } from '../auth/actor.ts';
import { producerDto } from './events.ts';
import { mediaCall, mediaOffError } from './errors.ts';
import type { MediaAccess } from './access.ts';
import type { MediaOps } from './cluster/index.ts';

/** mediasoup's parameter objects travel as they are; the protocol keeps them opaque. */
const asParams = (value: object) => value as unknown as Record<string, unknown>;

export function mediaSockets(deps: {
  media: MediaService;
  ops: MediaOps;
  access: MediaAccess;
}): FeatureSockets {
  const { media, ops, access } = deps;
  return (socket, tools) => {
    const ctx = { socket, ...tools };
    const peerId = socket.id;
    const joined = new Set<string>();

    /** Joining needs a live session and the room closes when the session ends, so a room
     * still there means the session is on air: no database read on every signalling event. */
    const assertJoined = (actor: Actor, sessionId: string) => {
      if (!joined.has(sessionId)) throw new AppError('bad_request', 'media:join first');
      if (media.status() === 'off') throw mediaOffError(actor);
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
      // A second join (after a reset or a reconnect) starts this peer afresh.
      const room = await mediaCall(actor, () => ops.join(sessionId, peerId));
      joined.add(sessionId);
      await socket.join(rooms.sessionMedia(sessionId));
      return {
        ...off,
        routerRtpCapabilities: asParams(room.rtpCapabilities),
        iceServers: media.iceServers(),
        producers: room.producers.map(producerDto),
      };
    });

    handle(ctx, 'media:leave', async ({ sessionId }) => {
      joined.delete(sessionId);
      await socket.leave(rooms.sessionMedia(sessionId));
      await ops.leave(sessionId, peerId);
      return null;
    });

    handle(ctx, 'media:transport', async ({ sessionId, direction, purpose }, { actor }) => {
      if (direction === 'send')
        await access.assertMaySend(actor, sessionId, purpose ?? 'broadcast');
      assertJoined(actor, sessionId);
      const info = await mediaCall(actor, () => ops.createTransport(sessionId, peerId, direction));
      return {
        id: info.id,
        iceParameters: asParams(info.iceParameters),
        iceCandidates: info.iceCandidates.map(asParams),
        dtlsParameters: asParams(info.dtlsParameters),
      };
    });

    handle(ctx, 'media:connect', async ({ sessionId, transportId, dtlsParameters }, { actor }) => {
      assertJoined(actor, sessionId);
      await mediaCall(actor, () =>
        ops.connectTransport(sessionId, peerId, transportId, dtlsParameters as never),
      );
      return null;
    });

    handle(ctx, 'media:restart-ice', async ({ sessionId, transportId }, { actor }) => {
      assertJoined(actor, sessionId);
      const iceParameters = await mediaCall(actor, () =>
        ops.restartIce(sessionId, peerId, transportId),
      );
      return { iceParameters: asParams(iceParameters) };
    });

    handle(ctx, 'media:produce', async (input, { actor }) => {
      const stage = input.source.startsWith('stage-');
      await access.assertMaySend(actor, input.sessionId, stage ? 'stage' : 'broadcast');
      assertJoined(actor, input.sessionId);
      const producerId = await mediaCall(actor, () =>
        ops.produce(input.sessionId, peerId, {
          transportId: input.transportId,
          kind: input.kind,
          source: input.source,
          rtpParameters: input.rtpParameters as never,
          // A moderator mutes or removes the citizen, whichever tab they speak from.
          ...(stage ? { owner: actor.participantId } : {}),
        }),
      );
      return { producerId };
    });

    handle(ctx, 'media:producer', async ({ sessionId, producerId, action }, { actor }) => {
      assertJoined(actor, sessionId);
      // A moderator's mute of a speaker holds until the moderator lifts it.
      if (action === 'resume') {
        const producers = await mediaCall(actor, () => ops.producers(sessionId));
        const source = producers.find((p) => p.id === producerId)?.source;
        if (source?.startsWith('stage-')) await access.assertMayUnmuteStage(actor, sessionId);
      }
      await mediaCall(actor, () => ops.controlProducer(sessionId, peerId, producerId, action));
      return null;
    });

    handle(ctx, 'media:consume', async (input, { actor }) => {
      assertJoined(actor, input.sessionId);
      const consumer = await mediaCall(actor, () =>
        ops.consume(input.sessionId, peerId, {
          transportId: input.transportId,
          producerId: input.producerId,
          rtpCapabilities: input.rtpCapabilities as never,
        }),
      );
      return { ...consumer, rtpParameters: asParams(consumer.rtpParameters) };
    });

    handle(ctx, 'media:consumer', async ({ sessionId, consumerId, ...control }, { actor }) => {
      assertJoined(actor, sessionId);
      await mediaCall(actor, () => ops.controlConsumer(sessionId, peerId, consumerId, control));
      return null;
    });

    socket.on('disconnect', () => {
      for (const sessionId of joined) {
        ops
          .leave(sessionId, peerId)
          .catch((err: unknown) =>
            tools.logger.warn({ err, sessionId }, 'media peer cleanup failed'),
          );
      }
      joined.clear();
    });
  };
}
