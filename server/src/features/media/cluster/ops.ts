// What can be done to a session's media, by session id and with plain data in and out, so the
// same calls run on this node's rooms or, through Redis, on the node that carries the session.
import { errors, type types } from 'mediasoup';
import {
  MediaError,
  publishWhip,
  type ConsumerInfo,
  type MediaRoom,
  type MediaService,
  type MediaSource,
  type ProducerInfo,
  type TransportInfo,
} from '@namesti/media';
import { BROADCAST_SOURCES } from '../../../protocol/media.ts';

const BROADCAST = new Set<MediaSource>(BROADCAST_SOURCES);

/** Per connection and session: enough for a studio or a stage speaker and one viewer tab's
 * reconnects; not enough to exhaust the server's ports. */
export const MAX_TRANSPORTS = 6;
export const MAX_CONSUMERS = 16;

export interface ProduceInput {
  transportId: string;
  kind: types.MediaKind;
  source: MediaSource;
  rtpParameters: types.RtpParameters;
  /** The citizen a stage track belongs to, whichever tab sends it. */
  owner?: string;
}

export interface ConsumeInput {
  transportId: string;
  producerId: string;
  rtpCapabilities: types.RtpCapabilities;
}

export type ConsumerControl =
  | { action: 'resume' }
  | { action: 'layers'; spatialLayer: number; temporalLayer?: number | undefined };

export interface MediaOps {
  /** Creates the room if needed and starts the peer afresh (a rejoin after a reset). */
  join(
    sessionId: string,
    peerId: string,
  ): Promise<{ rtpCapabilities: types.RtpCapabilities; producers: ProducerInfo[] }>;
  leave(sessionId: string, peerId: string): Promise<void>;
  producers(sessionId: string): Promise<ProducerInfo[]>;
  createTransport(
    sessionId: string,
    peerId: string,
    direction: 'send' | 'recv',
  ): Promise<TransportInfo>;
  connectTransport(
    sessionId: string,
    peerId: string,
    transportId: string,
    dtls: types.DtlsParameters,
  ): Promise<void>;
  restartIce(sessionId: string, peerId: string, transportId: string): Promise<types.IceParameters>;
  produce(sessionId: string, peerId: string, input: ProduceInput): Promise<string>;
  controlProducer(
    sessionId: string,
    peerId: string,
    producerId: string,
    action: 'pause' | 'resume' | 'close',
  ): Promise<void>;
  consume(sessionId: string, peerId: string, input: ConsumeInput): Promise<ConsumerInfo>;
  controlConsumer(
    sessionId: string,
    peerId: string,
    consumerId: string,
    control: ConsumerControl,
  ): Promise<void>;
  pauseOwnedBy(sessionId: string, owner: string, paused: boolean): Promise<void>;
  closeOwnedBy(sessionId: string, owner: string): Promise<void>;
  /** A WHIP publisher's offer in, the SDP answer out. */
  publishWhip(sessionId: string, peerId: string, offer: string): Promise<string>;
  /** False when no such publisher is on air. */
  endWhip(sessionId: string, peerId: string): Promise<boolean>;
  /** The session ended: close its room and join its recording. */
  closeRoom(sessionId: string): Promise<void>;
}

export type MediaOpName = keyof MediaOps;

/** mediasoup's own refusals of what a client sent, as a typed reason the wire can carry. */
function typed(err: unknown): unknown {
  if (err instanceof TypeError || err instanceof errors.UnsupportedError) {
    return new MediaError('bad_params', err.message);
  }
  return err;
}

/** The operations on this node's media server. `finish` joins a recording after its room
 * closed; it runs where the room was, which is where the segments are. */
export function localMediaOps(media: MediaService, finish: (sessionId: string) => void): MediaOps {
  const roomOf = async (sessionId: string): Promise<MediaRoom> => {
    const room = await media.findRoom(sessionId);
    if (!room) throw new MediaError('not_live', 'The session is not on air');
    return room;
  };
  const withinLimit = (room: MediaRoom, peerId: string, what: 'transports' | 'consumers') => {
    const max = what === 'transports' ? MAX_TRANSPORTS : MAX_CONSUMERS;
    if (room.peerLoad(peerId)[what] >= max) throw new MediaError('too_many', `Too many ${what}`);
  };

  const ops: MediaOps = {
    async join(sessionId, peerId) {
      const room = await media.room(sessionId);
      room.closePeer(peerId);
      return { rtpCapabilities: room.rtpCapabilities(), producers: room.producers() };
    },
    async leave(sessionId, peerId) {
      (await media.findRoom(sessionId))?.closePeer(peerId);
    },
    async producers(sessionId) {
      return (await roomOf(sessionId)).producers();
    },
    async createTransport(sessionId, peerId, direction) {
      const room = await roomOf(sessionId);
      withinLimit(room, peerId, 'transports');
      return room.createTransport(peerId, direction);
    },
    async connectTransport(sessionId, peerId, transportId, dtls) {
      await (await roomOf(sessionId)).connectTransport(peerId, transportId, dtls);
    },
    async restartIce(sessionId, peerId, transportId) {
      return (await roomOf(sessionId)).restartIce(peerId, transportId);
    },
    async produce(sessionId, peerId, input) {
      const room = await roomOf(sessionId);
      const broadcaster = room.broadcaster();
      if (BROADCAST.has(input.source) && broadcaster !== null && broadcaster !== peerId) {
        throw new MediaError('busy', 'Someone else is already broadcasting');
      }
      const { transportId, ...production } = input;
      return room.produce(peerId, transportId, production);
    },
    async controlProducer(sessionId, peerId, producerId, action) {
      const room = await roomOf(sessionId);
      if (action === 'close') room.closeProducer(producerId, peerId);
      else await room.setProducerPaused(peerId, producerId, action === 'pause');
    },
    async consume(sessionId, peerId, input) {
      const room = await roomOf(sessionId);
      withinLimit(room, peerId, 'consumers');
      return room.consume(peerId, input.transportId, input.producerId, input.rtpCapabilities);
    },
    async controlConsumer(sessionId, peerId, consumerId, control) {
      const room = await roomOf(sessionId);
      if (control.action === 'resume') await room.resumeConsumer(peerId, consumerId);
      else {
        await room.setConsumerLayers(
          peerId,
          consumerId,
          control.spatialLayer,
          control.temporalLayer,
        );
      }
    },
    async pauseOwnedBy(sessionId, owner, paused) {
      await (await media.findRoom(sessionId))?.pauseOwnedBy(owner, paused);
    },
    async closeOwnedBy(sessionId, owner) {
      (await media.findRoom(sessionId))?.closeOwnedBy(owner);
    },
    async publishWhip(sessionId, peerId, offer) {
      const room = await media.room(sessionId);
      if (room.broadcaster()) throw new MediaError('busy', 'Another broadcast is already live');
      return publishWhip(room, peerId, offer);
    },
    async endWhip(sessionId, peerId) {
      const room = await media.findRoom(sessionId);
      if (!room || !room.peerIds().includes(peerId)) return false;
      room.closePeer(peerId);
      return true;
    },
    async closeRoom(sessionId) {
      await media.closeRoom(sessionId);
      finish(sessionId);
    },
  };

  // Every operation answers mediasoup's parameter refusals as a typed reason.
  return Object.fromEntries(
    Object.entries(ops).map(([name, op]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (op as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (err) {
          throw typed(err);
        }
      },
    ]),
  ) as unknown as MediaOps;
}
