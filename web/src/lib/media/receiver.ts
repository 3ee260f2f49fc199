// One media:join's receiving side: a recv transport and a consumer of each track on air,
// resumed once created. A newer join closes it; answers that arrive after that are dropped.
import type { types } from 'mediasoup-client';
import type { MediaConsumerDto, MediaParameters, MediaProducerDto } from '@namesti/server/protocol';
import { emitWithAck } from '$lib/realtime/socket';
import type { ReceivedTrack } from './program';
import { receiveCounts, type ReceiveCounts } from './stats';
import {
  loadDevice,
  opaque,
  openTransport,
  watchConnection,
  type ConnectionWatch,
  type OnAir,
} from './transport';

export class Receiver {
  readonly #sessionId: string;
  readonly #device: types.Device;
  readonly #transport: types.Transport;
  /** By producer id. */
  readonly #consumers = new Map<string, { consumer: types.Consumer; dto: MediaConsumerDto }>();
  readonly #layers = new Map<string, number>();
  #syncing: Promise<void> = Promise.resolve();

  static async open(join: OnAir, watch: ConnectionWatch): Promise<Receiver> {
    const device = await loadDevice(join);
    const transport = await openTransport(device, join, 'recv');
    watchConnection(transport, join.sessionId, watch);
    return new Receiver(join.sessionId, device, transport);
  }

  private constructor(sessionId: string, device: types.Device, transport: types.Transport) {
    this.#sessionId = sessionId;
    this.#device = device;
    this.#transport = transport;
  }

  get closed(): boolean {
    return this.#transport.closed;
  }

  /** Consumes what is new on air and drops what is gone; passes run one after another. */
  sync(producers: readonly MediaProducerDto[]): Promise<void> {
    this.#syncing = this.#syncing.then(() => this.#syncOnce(producers));
    return this.#syncing;
  }

  /** The server closed a consumer (its track ended); true if it was one of these. */
  drop(consumerId: string): boolean {
    for (const [producerId, { consumer }] of this.#consumers) {
      if (consumer.id !== consumerId) continue;
      consumer.close();
      this.#consumers.delete(producerId);
      return true;
    }
    return false;
  }

  tracks(): ReceivedTrack[] {
    return [...this.#consumers.values()].map(({ consumer, dto }) => ({
      consumerId: dto.id,
      producerId: dto.producerId,
      source: dto.source,
      kind: dto.kind,
      type: dto.type,
      track: consumer.track,
    }));
  }

  /** Asks for a simulcast layer, once per change. */
  preferLayer(consumerId: string, spatialLayer: number): void {
    if (this.closed || this.#layers.get(consumerId) === spatialLayer) return;
    this.#layers.set(consumerId, spatialLayer);
    const payload = { sessionId: this.#sessionId, consumerId, spatialLayer } as const;
    emitWithAck('media:consumer', { ...payload, action: 'layers' }).catch((error: unknown) => {
      this.#layers.delete(consumerId);
      console.warn('media: choosing a layer failed', error);
    });
  }

  async stats(): Promise<ReceiveCounts | null> {
    return this.closed ? null : receiveCounts(await this.#transport.getStats());
  }

  /** Closes the transport and with it every consumer. */
  close(): void {
    this.#transport.close();
    this.#consumers.clear();
  }

  async #syncOnce(producers: readonly MediaProducerDto[]): Promise<void> {
    const onAir = new Set(producers.map((p) => p.id));
    for (const [producerId, { consumer }] of this.#consumers) {
      if (onAir.has(producerId)) continue;
      consumer.close();
      this.#consumers.delete(producerId);
    }
    for (const producer of producers) {
      if (this.closed) return;
      if (this.#consumers.has(producer.id)) continue;
      try {
        await this.#consume(producer.id);
      } catch (error) {
        // Gone in between, or a codec this browser lacks: the other tracks still play.
        console.warn(`media: cannot receive ${producer.source}`, error);
      }
    }
  }

  async #consume(producerId: string): Promise<void> {
    const sessionId = this.#sessionId;
    const dto = await emitWithAck('media:consume', {
      sessionId,
      transportId: this.#transport.id,
      producerId,
      rtpCapabilities: this.#device.recvRtpCapabilities as unknown as MediaParameters,
    });
    if (this.closed) return;
    const consumer = await this.#transport.consume({
      id: dto.id,
      producerId: dto.producerId,
      kind: dto.kind,
      rtpParameters: opaque(dto.rtpParameters),
    });
    this.#consumers.set(producerId, { consumer, dto });
    await emitWithAck('media:consumer', { sessionId, consumerId: dto.id, action: 'resume' });
  }
}
