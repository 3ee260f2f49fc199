// A viewer's live picture and sound. Joins the session's media when it is live and receives
// every track on air (receiver.ts), following the list as it changes. Builds everything again
// from media:join after a failed transport, a media reset or a socket reconnect; a short
// network drop only restarts ICE (transport.ts).
import type { types } from 'mediasoup-client';
import type { MediaProducerDto, MediaQualityDto, SessionStatus } from '@namesti/server/protocol';
import { emitWithAck, getSocket, listen, type AppSocket } from '$lib/realtime/socket';
import { layerForWidth, QualityGuard, qualityLevel, TOP_LAYER, type QualityLevel } from './layers';
import { program, type ReceivedTrack } from './program';
import { Receiver } from './receiver';
import type { ReceiveCounts } from './stats';
import { isOnAir } from './transport';

/** What the player shows; `data-video-state` on the player, for tests too. */
export type VideoState = 'off' | 'waiting' | 'connecting' | 'playing' | 'reconnecting';

type Phase = 'joining' | 'off' | 'unsupported' | 'not-live' | 'on-air' | 'retrying';

const RETRY_MS = [2_000, 4_000, 8_000, 15_000, 30_000];
const NO_COUNTS: ReceiveCounts = {
  video: { framesDecoded: 0, packetsReceived: 0, frameWidth: null },
  audio: { packetsReceived: 0 },
};

export class Viewer {
  phase: Phase = $state('joining');
  connection: types.ConnectionState | 'none' = $state('none');
  /** Set by a drop; cleared once media flows again. */
  recovering = $state(false);
  producers: MediaProducerDto[] = $state.raw([]);
  tracks: ReceivedTrack[] = $state.raw([]);
  /** mediasoup's score by consumer id. */
  scores: Record<string, number> = $state.raw({});

  readonly program = $derived(program(this.tracks));
  readonly state: VideoState = $derived.by(() => this.#state());
  readonly quality: QualityLevel | null = $derived.by(() => {
    const main = this.program.video ?? this.program.audio;
    const score = main ? this.scores[main.consumerId] : undefined;
    return score === undefined ? null : qualityLevel(score);
  });
  readonly #sessionId: string;
  #socket: AppSocket | null = null;
  #cleanup: (() => void) | null = null;
  #status: SessionStatus | null = null;
  /** The current join's receiver; a newer join replaces it. */
  #receiver: Receiver | null = null;
  #joins = 0;
  /** Receivers set up so far: a rebuild after a drop counts one more. */
  #received = 0;
  #retries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #width = 0;
  #guard = new QualityGuard();
  #guardFor: string | null = null;

  constructor(sessionId: string) {
    this.#sessionId = sessionId;
  }

  /** Starts listening (browser only); follow() then joins. Undo with destroy(). */
  start(): void {
    if (this.#cleanup) return;
    const socket = getSocket();
    this.#socket = socket;
    const mine = (payload: { sessionId: string }) => payload.sessionId === this.#sessionId;
    const stop = listen(socket, {
      connect: () => void this.#join(),
      disconnect: () => this.#lost(),
      'media:producers': (payload) => {
        if (!mine(payload)) return;
        this.producers = payload.producers;
        void this.#sync();
      },
      'media:consumer-closed': (payload) => {
        if (mine(payload) && this.#receiver?.drop(payload.consumerId)) this.#publish();
      },
      'media:quality': (payload) => {
        if (mine(payload)) this.#score(payload);
      },
      'media:reset': (payload) => {
        if (!mine(payload)) return;
        this.recovering = true;
        void this.#join();
      },
    });
    const tick = setInterval(() => {
      if (this.#guard.tick(Date.now())) this.#applyLayers();
    }, 1_000);
    // For end-to-end tests and support: is media arriving? (read-only counters)
    const hook = { stats: () => this.stats(), state: () => this.state };
    Reflect.set(window, '__namestiViewer', hook);
    this.#cleanup = () => {
      stop();
      clearInterval(tick);
      if (Reflect.get(window, '__namestiViewer') === hook) {
        Reflect.deleteProperty(window, '__namestiViewer');
      }
    };
  }

  /** Follows the session's status: joins when it goes live, lets go when it ends. */
  follow(status: SessionStatus): void {
    const first = this.#status === null;
    if (status === this.#status) return;
    this.#status = status;
    if (status === 'live' || (first && status === 'scheduled')) {
      void this.#join();
    } else if (status !== 'scheduled') {
      this.#close();
      this.phase = 'not-live';
    }
  }

  /** Whether the studio has paused a track: camera off, microphone muted. */
  isPaused(producerId: string): boolean {
    return this.producers.some((p) => p.id === producerId && p.paused);
  }

  /** The player's rendered width in CSS pixels: picks the sharpest useful layer. */
  setWidth(width: number): void {
    const changed = this.#width === 0 || layerForWidth(width) !== layerForWidth(this.#width);
    this.#width = width;
    if (changed) this.#applyLayers();
  }

  async stats(): Promise<ReceiveCounts & { state: VideoState; receivers: number }> {
    const counts = (await this.#receiver?.stats()) ?? NO_COUNTS;
    return { state: this.state, receivers: this.#received, ...counts };
  }

  destroy(): void {
    this.#cleanup?.();
    this.#cleanup = null;
    clearTimeout(this.#retryTimer);
    const hadMedia = this.#receiver !== null;
    this.#close();
    if (hadMedia && this.#socket?.connected) {
      emitWithAck('media:leave', { sessionId: this.#sessionId }).catch((error: unknown) =>
        console.warn('media:leave failed', error),
      );
    }
    this.#socket = null;
  }

  #state(): VideoState {
    const again = this.recovering ? 'reconnecting' : 'connecting';
    switch (this.phase) {
      case 'off':
      case 'unsupported':
        return 'off';
      case 'not-live':
        return 'waiting';
      case 'on-air':
        if (this.producers.length === 0) return 'waiting';
        return this.connection === 'connected' && this.tracks.length > 0 ? 'playing' : again;
      default:
        return again;
    }
  }

  async #join(): Promise<void> {
    if (!this.#socket?.connected || !this.#cleanup) return;
    clearTimeout(this.#retryTimer);
    this.#close();
    const join = ++this.#joins;
    const current = () => join === this.#joins && this.#cleanup !== null;
    try {
      const answer = await emitWithAck('media:join', { sessionId: this.#sessionId });
      if (!current()) return;
      if (!answer.available || !isOnAir(answer)) {
        this.phase = answer.available ? 'not-live' : 'off';
        this.recovering = false;
        return;
      }
      // Set now: a media:producers event during the transport's setup is newer than this.
      this.producers = answer.producers;
      this.phase = 'joining';
      const receiver = await Receiver.open(answer, {
        changed: (state) => {
          if (!current()) return;
          this.connection = state;
          if (state === 'connected') this.recovering = false;
        },
        rebuild: (reason) => {
          if (!current()) return;
          console.warn(`media: receiving again from the start (${reason})`);
          this.recovering = true;
          void this.#join();
        },
      });
      if (!current()) {
        receiver.close();
        return;
      }
      this.#receiver = receiver;
      this.#received += 1;
      this.#retries = 0;
      this.phase = 'on-air';
      if (this.producers.length === 0) this.recovering = false;
      await this.#sync();
    } catch (error) {
      if (!current()) return;
      if (error instanceof Error && error.name === 'UnsupportedError') {
        this.phase = 'unsupported';
        return;
      }
      console.error('media: joining the video failed', error);
      this.phase = 'retrying';
      this.recovering = true;
      this.#retryLater();
    }
  }

  #retryLater(): void {
    const delay = RETRY_MS[Math.min(this.#retries, RETRY_MS.length - 1)];
    this.#retries += 1;
    this.#retryTimer = setTimeout(() => void this.#join(), delay);
  }

  /** The socket dropped: the server has closed this connection's transports already. */
  #lost(): void {
    if (this.#receiver) this.recovering = true;
    this.#joins += 1; // answers still on their way belong to the old connection
    this.#close();
  }

  #close(): void {
    this.#receiver?.close();
    this.#receiver = null;
    this.connection = 'none';
    this.tracks = [];
    this.scores = {};
  }

  async #sync(): Promise<void> {
    const receiver = this.#receiver;
    if (!receiver) return;
    await receiver.sync(this.producers);
    if (receiver === this.#receiver) this.#publish();
  }

  #publish(): void {
    this.tracks = this.#receiver?.tracks() ?? [];
    const main = this.program.video?.consumerId ?? null;
    if (main !== this.#guardFor) {
      this.#guardFor = main;
      this.#guard = new QualityGuard();
    }
    this.#applyLayers();
  }

  #score({ consumerId, score }: MediaQualityDto): void {
    this.scores = { ...this.scores, [consumerId]: score };
    if (consumerId === this.#guardFor) this.#guard.observe(score, Date.now());
  }

  /** The main picture as sharp as the player is wide (and the network allows); tiles low. */
  #applyLayers(): void {
    const receiver = this.#receiver;
    if (!receiver) return;
    const widthLayer = this.#width > 0 ? layerForWidth(this.#width) : TOP_LAYER;
    for (const track of this.tracks) {
      if (track.kind !== 'video' || track.type !== 'simulcast') continue;
      const main = track.consumerId === this.#guardFor;
      receiver.preferLayer(track.consumerId, main ? Math.min(widthLayer, this.#guard.ceiling) : 0);
    }
  }
}
