// One media:join's sending side for the studio: a send transport and a producer per source
// (camera in three simulcast layers, microphone, shared screen). A newer join closes it.
import type { types } from 'mediasoup-client';
import type { MediaParameters } from '@namesti/server/protocol';
import { emitWithAck } from '$lib/realtime/socket';
import {
  openTransport,
  loadDevice,
  watchConnection,
  type ConnectionWatch,
  type OnAir,
} from './transport';

export type BroadcastSource = 'camera' | 'microphone' | 'screen';

/** A quarter, half and full resolution, so every viewer gets what their screen and network
 * can use; three temporal layers each let the server thin the frame rate too. */
const CAMERA_LAYERS: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T3' },
];
const SCREEN_LAYERS: types.RtpEncodingParameters[] = [{ maxBitrate: 1_500_000 }];

/** Fresh copies each time: mediasoup-client writes the rids into the encodings it is given. */
function optionsFor(source: BroadcastSource): types.ProducerOptions {
  const copy = (layers: types.RtpEncodingParameters[]) => layers.map((layer) => ({ ...layer }));
  switch (source) {
    case 'camera':
      return { encodings: copy(CAMERA_LAYERS), codecOptions: { videoGoogleStartBitrate: 1000 } };
    case 'screen':
      return { encodings: copy(SCREEN_LAYERS) };
    case 'microphone':
      return { codecOptions: { opusStereo: false, opusFec: true } };
  }
}

export class Sender {
  readonly #sessionId: string;
  readonly #transport: types.Transport;
  readonly #producers = new Map<BroadcastSource, types.Producer>();

  static async open(join: OnAir, watch: ConnectionWatch): Promise<Sender> {
    const device = await loadDevice(join);
    const transport = await openTransport(device, join, 'send');
    const { sessionId } = join;
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      emitWithAck('media:produce', {
        sessionId,
        transportId: transport.id,
        kind,
        source: appData.source as BroadcastSource,
        rtpParameters: rtpParameters as unknown as MediaParameters & { codecs: MediaParameters[] },
      }).then(({ producerId }) => callback({ id: producerId }), errback);
    });
    watchConnection(transport, sessionId, watch);
    return new Sender(sessionId, transport);
  }

  private constructor(sessionId: string, transport: types.Transport) {
    this.#sessionId = sessionId;
    this.#transport = transport;
  }

  get closed(): boolean {
    return this.#transport.closed;
  }

  has(source: BroadcastSource): boolean {
    return this.#producers.has(source);
  }

  /** Sends a track; producing a source again replaces it (on the server too). */
  async produce(source: BroadcastSource, track: MediaStreamTrack, paused = false): Promise<void> {
    const producer = await this.#transport.produce({
      track,
      appData: { source },
      stopTracks: false,
      ...optionsFor(source),
    });
    this.#producers.get(source)?.close(); // the server has replaced it already
    this.#producers.set(source, producer);
    if (paused) await this.setPaused(source, true);
  }

  /** Another device on the same producer: viewers keep their consumer. Null sends nothing. */
  async replace(source: BroadcastSource, track: MediaStreamTrack | null): Promise<void> {
    await this.#producers.get(source)?.replaceTrack({ track });
  }

  async setPaused(source: BroadcastSource, paused: boolean): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || producer.paused === paused) return;
    if (paused) producer.pause();
    else producer.resume();
    await this.#control(producer.id, paused ? 'pause' : 'resume');
  }

  /** Stops one source on air (the shared screen). */
  async stop(source: BroadcastSource): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    this.#producers.delete(source);
    producer.close();
    await this.#control(producer.id, 'close');
  }

  close(): void {
    this.#transport.close(); // closes the producers with it
    this.#producers.clear();
  }

  #control(producerId: string, action: 'pause' | 'resume' | 'close'): Promise<null> {
    return emitWithAck('media:producer', { sessionId: this.#sessionId, producerId, action });
  }
}
