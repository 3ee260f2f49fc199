// One live session's media: who sends what, who receives what, on which router. Peers are
// Socket.IO connections (or a WHIP publisher); closing a peer closes everything it opened.
import type { types } from 'mediasoup';
import type { Fanout } from './fanout.ts';
import { closeWhenGone, listenInfo, type TransportOptions } from './transport-options.ts';
import {
  MediaError,
  type ConsumerInfo,
  type ConsumerQuality,
  type MediaSource,
  type ProducerInfo,
  type TransportInfo,
} from './types.ts';

export interface RoomEvents {
  producersChanged(producers: ProducerInfo[]): void;
  consumerClosed(peerId: string, consumerId: string): void;
  quality(peerId: string, quality: ConsumerQuality): void;
}

type Direction = 'send' | 'recv';

const BROADCAST = new Set<MediaSource>(['camera', 'microphone', 'screen']);

interface Peer {
  plain: Set<types.PlainTransport>;
  transports: Map<
    string,
    { transport: types.WebRtcTransport; direction: Direction; router: types.Router }
  >;
  consumers: Map<string, types.Consumer>;
}

export function createRoom(fanout: Fanout, options: TransportOptions, events: RoomEvents) {
  const peers = new Map<string, Peer>();
  const producers = new Map<
    string,
    { producer: types.Producer; peerId: string; source: MediaSource; owner?: string }
  >();
  const lost = new Set<string>();
  let closed = false;

  const peer = (peerId: string): Peer => {
    let found = peers.get(peerId);
    if (!found) {
      found = { plain: new Set(), transports: new Map(), consumers: new Map() };
      peers.set(peerId, found);
    }
    return found;
  };

  const transportOf = (peerId: string, transportId: string) => {
    const entry = peers.get(peerId)?.transports.get(transportId);
    if (!entry) throw new MediaError('no_transport', 'No such transport');
    return entry;
  };

  const producerList = (): ProducerInfo[] =>
    [...producers.values()].map(({ producer, peerId, source }) => ({
      id: producer.id,
      kind: producer.kind,
      source,
      paused: producer.paused,
      peerId,
    }));

  const programListeners = new Set<() => void>();
  const announce = () => {
    if (closed) return;
    events.producersChanged(producerList());
    for (const listener of programListeners) listener();
  };

  async function register(
    producer: types.Producer,
    peerId: string,
    source: MediaSource,
    owner?: string,
  ) {
    // One track per source and peer: a camera switch replaces, it does not add.
    for (const [id, entry] of producers) {
      if (entry.peerId === peerId && entry.source === source) {
        producers.delete(id);
        entry.producer.close();
      }
    }
    producers.set(producer.id, { producer, peerId, source, ...(owner ? { owner } : {}) });
    producer.observer.once('close', () => {
      if (producers.delete(producer.id)) announce();
    });
    await fanout.pipeToEdges(producer.id);
    announce();
  }

  return {
    origin: fanout.origin,
    rtpCapabilities: () => fanout.origin.rtpCapabilities,
    producers: producerList,
    /** The tracks the recording and the viewers' main picture follow. */
    program(): { audio?: types.Producer; video?: types.Producer } {
      const bySource = (source: MediaSource) =>
        [...producers.values()].find((p) => p.source === source)?.producer;
      return { audio: bySource('microphone'), video: bySource('screen') ?? bySource('camera') };
    },

    /** A citizen's microphone on stage: recorded beside the program and mixed in at the end. */
    stageAudio(): types.Producer | undefined {
      return [...producers.values()].find((p) => p.source === 'stage-audio')?.producer;
    },

    /** The peer sending the broadcast (studio or OBS), if any: there is one at a time. */
    broadcaster(): string | null {
      for (const { peerId, source } of producers.values()) {
        if (BROADCAST.has(source)) return peerId;
      }
      return null;
    },

    async createTransport(peerId: string, direction: Direction): Promise<TransportInfo> {
      if (closed) throw new MediaError('closed', 'The session has no media any more');
      const router = direction === 'send' ? fanout.origin : await fanout.routerForViewer();
      const transport = await router.createWebRtcTransport({
        listenInfos: [listenInfo(options, 'udp'), listenInfo(options, 'tcp')],
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        initialAvailableOutgoingBitrate: options.initialOutgoingBitrate,
        appData: { peerId, direction },
      });
      if (direction === 'send') {
        await transport.setMaxIncomingBitrate(options.maxIncomingBitrate);
        closeWhenGone(transport);
      } else fanout.viewerJoined(router);
      // The worker under this router died: the peer must build its transports again.
      transport.once('routerclose', () => lost.add(peerId));
      transport.observer.once('close', () => {
        peers.get(peerId)?.transports.delete(transport.id);
        if (direction === 'recv') fanout.viewerLeft(router);
      });
      peer(peerId).transports.set(transport.id, { transport, direction, router });
      return {
        id: transport.id,
        iceParameters: transport.iceParameters,
        iceCandidates: transport.iceCandidates,
        dtlsParameters: transport.dtlsParameters,
      };
    },

    async connectTransport(peerId: string, transportId: string, dtls: types.DtlsParameters) {
      await transportOf(peerId, transportId).transport.connect({ dtlsParameters: dtls });
    },

    async restartIce(peerId: string, transportId: string): Promise<types.IceParameters> {
      return transportOf(peerId, transportId).transport.restartIce();
    },

    async produce(
      peerId: string,
      transportId: string,
      input: {
        kind: types.MediaKind;
        rtpParameters: types.RtpParameters;
        source: MediaSource;
        /** Who the track belongs to beyond the connection (a citizen on stage). */
        owner?: string;
      },
    ): Promise<string> {
      const { transport, direction } = transportOf(peerId, transportId);
      if (direction !== 'send') throw new MediaError('wrong_direction', 'Not a sending transport');
      const producer = await transport.produce({
        kind: input.kind,
        rtpParameters: input.rtpParameters,
        appData: { peerId, source: input.source },
      });
      await register(producer, peerId, input.source, input.owner);
      return producer.id;
    },

    /** RTP from a local encoder (ffmpeg, a hardware encoder's gateway): a plain transport
     * that learns the sender's address from its first packet. */
    async createPlainIngest(
      peerId: string,
      input: {
        kind: types.MediaKind;
        rtpParameters: types.RtpParameters;
        source: MediaSource;
        owner?: string;
      },
    ): Promise<{ producerId: string; ip: string; port: number; rtcpPort: number }> {
      if (closed) throw new MediaError('closed', 'The session has no media any more');
      const transport = await fanout.origin.createPlainTransport({
        listenInfo: listenInfo(options, 'udp'),
        comedia: true,
        // Separate RTCP: with one port, an encoder's first RTCP packet (from its other port)
        // could be the one comedia learns the sender's address from, and RTP would be dropped.
        rtcpMux: false,
      });
      peer(peerId).plain.add(transport);
      transport.observer.once('close', () => peers.get(peerId)?.plain.delete(transport));
      const producer = await transport.produce({
        kind: input.kind,
        rtpParameters: input.rtpParameters,
      });
      await register(producer, peerId, input.source, input.owner);
      return {
        producerId: producer.id,
        ip: transport.tuple.localAddress,
        port: transport.tuple.localPort,
        rtcpPort: transport.rtcpTuple!.localPort,
      };
    },

    async setProducerPaused(peerId: string, producerId: string, paused: boolean) {
      const entry = producers.get(producerId);
      if (!entry || entry.peerId !== peerId) throw new MediaError('no_producer', 'No such track');
      if (paused) await entry.producer.pause();
      else await entry.producer.resume();
      announce();
    },

    /** A moderator mutes or removes a speaker, whichever connection their tracks came from. */
    async pauseOwnedBy(owner: string, paused: boolean) {
      for (const entry of producers.values()) {
        if (entry.owner !== owner) continue;
        if (paused) await entry.producer.pause();
        else await entry.producer.resume();
      }
      announce();
    },

    closeOwnedBy(owner: string) {
      for (const entry of [...producers.values()]) {
        if (entry.owner === owner) entry.producer.close();
      }
    },

    closeProducer(producerId: string, peerId?: string) {
      const entry = producers.get(producerId);
      if (!entry || (peerId !== undefined && entry.peerId !== peerId)) {
        throw new MediaError('no_producer', 'No such track');
      }
      entry.producer.close(); // the observer announces
    },

    async consume(
      peerId: string,
      transportId: string,
      producerId: string,
      rtpCapabilities: types.RtpCapabilities,
    ): Promise<ConsumerInfo> {
      const { transport, direction, router } = transportOf(peerId, transportId);
      if (direction !== 'recv')
        throw new MediaError('wrong_direction', 'Not a receiving transport');
      const source = producers.get(producerId)?.source;
      if (!source) throw new MediaError('no_producer', 'No such track');
      if (!router.canConsume({ producerId, rtpCapabilities })) {
        throw new MediaError('cannot_consume', 'This browser cannot play this track');
      }
      let consumer: types.Consumer;
      try {
        consumer = await transport.consume({ producerId, rtpCapabilities, paused: true });
      } catch (err) {
        throw new MediaError('cannot_consume', (err as Error).message);
      }
      const owner = peer(peerId);
      owner.consumers.set(consumer.id, consumer);
      consumer.observer.once('close', () => owner.consumers.delete(consumer.id));
      consumer.on('producerclose', () => events.consumerClosed(peerId, consumer.id));
      const report = (spatialLayer: number | null) =>
        events.quality(peerId, {
          consumerId: consumer.id,
          score: consumer.score.score,
          producerScore: consumer.score.producerScore,
          spatialLayer,
        });
      consumer.on('score', () => report(consumer.currentLayers?.spatialLayer ?? null));
      consumer.on('layerschange', (layers) => report(layers?.spatialLayer ?? null));
      return {
        id: consumer.id,
        producerId,
        kind: consumer.kind,
        source,
        type: consumer.type,
        rtpParameters: consumer.rtpParameters,
      };
    },

    async resumeConsumer(peerId: string, consumerId: string) {
      const consumer = peers.get(peerId)?.consumers.get(consumerId);
      if (!consumer) throw new MediaError('no_consumer', 'No such stream');
      await consumer.resume();
      // A viewer that joins mid-stream needs a keyframe now, not at the next interval.
      if (consumer.kind === 'video') await consumer.requestKeyFrame();
    },

    async setConsumerLayers(
      peerId: string,
      consumerId: string,
      spatialLayer: number,
      temporalLayer?: number,
    ) {
      const consumer = peers.get(peerId)?.consumers.get(consumerId);
      if (!consumer) throw new MediaError('no_consumer', 'No such stream');
      if (consumer.type !== 'simulcast' && consumer.type !== 'svc') return;
      await consumer.setPreferredLayers({
        spatialLayer,
        ...(temporalLayer === undefined ? {} : { temporalLayer }),
      });
    },

    /** A peer left (socket gone, WHIP DELETE): everything it opened goes with it. */
    closePeer(peerId: string) {
      const entry = peers.get(peerId);
      if (!entry) return;
      peers.delete(peerId);
      for (const { transport } of entry.transports.values()) transport.close();
      for (const transport of entry.plain) transport.close();
    },

    /** Called after every change of the tracks on air; returns the unsubscribe. */
    onProducersChanged(listener: () => void): () => void {
      programListeners.add(listener);
      return () => programListeners.delete(listener);
    },
    peerIds: () => [...peers.keys()],
    peerLoad(peerId: string) {
      const entry = peers.get(peerId);
      return { transports: entry?.transports.size ?? 0, consumers: entry?.consumers.size ?? 0 };
    },
    /** Peers that lost a transport to a dead worker since the last call. */
    takeLostPeers(): string[] {
      const ids = [...lost];
      lost.clear();
      return ids;
    },
    fanout,

    close() {
      closed = true;
      peers.clear();
      producers.clear();
      fanout.close();
    },
  };
}

export type MediaRoom = ReturnType<typeof createRoom>;
