// One media:join's sending side for a citizen on stage: a send transport (purpose 'stage') on
// the speaker's own connection, the microphone as 'stage-audio' and, if wanted, the camera as
// 'stage-video'. A newer join, or the end of the turn, closes it.
import type { types } from 'mediasoup-client';
import type { MediaParameters } from '@namesti/server/protocol';
import { loadDevice, opaque, type OnAir } from '$lib/media/transport';
import type { AppSocket } from '$lib/realtime/socket';
import { ask } from './stage-socket';

export type StageSource = 'stage-audio' | 'stage-video';

/** A citizen's camera is a small tile: one modest layer is enough. */
const OPTIONS: Record<StageSource, Partial<types.ProducerOptions>> = {
  'stage-audio': { codecOptions: { opusStereo: false, opusFec: true, opusDtx: false } },
  'stage-video': { encodings: [{ maxBitrate: 500_000 }] },
};

/** A network drop that outlasts this is given up on: everything is built again. */
const DISCONNECTED_MS = 5_000;

export class StageSender {
  readonly #transport: types.Transport;
  readonly #producers = new Map<StageSource, types.Producer>();

  /** `broken` hears when the transport cannot be saved (the caller joins again). */
  static async open(
    socket: AppSocket,
    join: OnAir,
    broken: (reason: string) => void,
  ): Promise<StageSender> {
    const { sessionId } = join;
    const device = await loadDevice(join);
    const dto = await ask(socket, 'media:transport', {
      sessionId,
      direction: 'send',
      purpose: 'stage',
    });
    const transport = device.createSendTransport({
      id: dto.id,
      iceParameters: opaque(dto.iceParameters),
      iceCandidates: opaque(dto.iceCandidates),
      dtlsParameters: opaque(dto.dtlsParameters),
      iceServers: join.iceServers,
    });
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      ask(socket, 'media:connect', { sessionId, transportId: transport.id, dtlsParameters }).then(
        () => callback(),
        errback,
      );
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      ask(socket, 'media:produce', {
        sessionId,
        transportId: transport.id,
        kind,
        source: appData.source as StageSource,
        rtpParameters: rtpParameters as unknown as MediaParameters & { codecs: MediaParameters[] },
      }).then(({ producerId }) => callback({ id: producerId }), errback);
    });
    watch(transport, broken);
    return new StageSender(transport);
  }

  private constructor(transport: types.Transport) {
    this.#transport = transport;
  }

  get closed(): boolean {
    return this.#transport.closed;
  }

  async produce(source: StageSource, track: MediaStreamTrack): Promise<void> {
    const producer = await this.#transport.produce({
      track,
      appData: { source },
      stopTracks: false, // the tracks belong to the caller, who stops them
      ...OPTIONS[source],
    });
    this.#producers.get(source)?.close();
    this.#producers.set(source, producer);
  }

  /**
   * The moderator's mute is applied by the server, which also refuses to lift it for us; this
   * only stops sending what nobody would hear.
   */
  pauseLocally(paused: boolean): void {
    for (const producer of this.#producers.values()) {
      if (paused && !producer.paused) producer.pause();
      else if (!paused && producer.paused) producer.resume();
    }
  }

  /** Closes the transport and with it every producer. */
  close(): void {
    this.#transport.close();
    this.#producers.clear();
  }
}

function watch(transport: types.Transport, broken: (reason: string) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  transport.on('connectionstatechange', (state) => {
    clearTimeout(timer);
    if (state === 'failed') broken('transport failed');
    else if (state === 'disconnected') {
      timer = setTimeout(() => {
        if (!transport.closed && transport.connectionState !== 'connected') {
          broken('transport stayed disconnected');
        }
      }, DISCONNECTED_MS);
    }
  });
  transport.observer.on('close', () => clearTimeout(timer));
}
