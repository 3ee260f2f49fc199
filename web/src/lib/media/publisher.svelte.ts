// The studio's broadcast: goes live (starting a scheduled session first), sends the camera in
// simulcast layers and the microphone (sender.ts), and puts them back on air by itself after a
// media reset, a failed transport or a socket reconnect.
import type { SessionStatus } from '@namesti/server/protocol';
import { errorMessage } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { LiveSession } from '$lib/realtime/session.svelte';
import { emitWithAck, getSocket, listen } from '$lib/realtime/socket';
import type { LocalMedia } from './local-media.svelte';
import { Sender } from './sender';
import { Sources } from './sources.svelte';
import { isOnAir } from './transport';

export type BroadcastState = 'idle' | 'starting' | 'live' | 'reconnecting' | 'stopping';

/** A refusal with its own sentence, that trying again will not change (no reconnects). */
class BroadcastError extends Error {}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

export class Publisher {
  state: BroadcastState = $state('idle');
  /** Date.now() when this broadcast went on air. */
  startedAt: number | null = $state(null);
  error: string | null = $state(null);
  readonly onAir = $derived(this.state === 'live' || this.state === 'reconnecting');

  /** What goes on air: microphone, camera, screen. */
  readonly sources: Sources;
  readonly #live: LiveSession;
  #sender: Sender | null = null;
  /** Counts connects: an older one that finishes late gives up. */
  #connects = 0;
  #retries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #cleanup: (() => void) | null = null;

  constructor(live: LiveSession, media: LocalMedia) {
    this.#live = live;
    this.sources = new Sources(media);
  }

  get #sessionId(): string {
    return this.#live.id;
  }

  /** Starts following the socket (browser only); undo with destroy(). */
  start(): void {
    if (this.#cleanup) return;
    this.#cleanup = listen(getSocket(), {
      connect: () => void this.#reconnect(),
      disconnect: () => this.#dropped(),
      'media:reset': ({ sessionId }) => {
        if (sessionId !== this.#sessionId) return;
        this.#dropped();
        void this.#reconnect();
      },
    });
  }

  /** The session ended or was cancelled elsewhere: nothing is on air any more. */
  follow(status: SessionStatus): void {
    if (status !== 'live' && status !== 'scheduled' && this.state !== 'idle') this.#idle();
  }

  async goLive(): Promise<void> {
    if (this.state !== 'idle') return;
    if (!this.sources.anything) {
      this.error = m.studio_nothing_to_send();
      return;
    }
    this.error = null;
    this.state = 'starting';
    try {
      if (this.#live.session.status === 'scheduled') {
        const started = await emitWithAck('session:lifecycle', {
          sessionId: this.#sessionId,
          action: 'start',
        });
        this.#live.apply(started);
      }
      if (await this.#connect()) {
        this.startedAt = Date.now();
        this.state = 'live';
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Off air: producers closed, transports left; the preview stays. */
  async stop(): Promise<void> {
    if (this.state === 'idle' || this.state === 'stopping') return;
    this.state = 'stopping';
    this.#offAir();
    try {
      if (getSocket().connected) await emitWithAck('media:leave', { sessionId: this.#sessionId });
    } catch (error) {
      console.warn('media:leave failed', error);
    } finally {
      this.state = 'idle';
      this.startedAt = null;
    }
  }

  /** Off air, then the session's end (confirmed in the page). */
  async endSession(): Promise<void> {
    this.error = null;
    try {
      await this.stop();
      const ended = await emitWithAck('session:lifecycle', {
        sessionId: this.#sessionId,
        action: 'end',
      });
      this.#live.apply(ended);
    } catch (error) {
      this.#report(error);
    }
  }

  destroy(): void {
    this.#cleanup?.();
    this.#cleanup = null;
    const wasOnAir = this.state !== 'idle';
    this.#idle();
    this.sources.close();
    if (wasOnAir && getSocket().connected) {
      emitWithAck('media:leave', { sessionId: this.#sessionId }).catch((error: unknown) =>
        console.warn('media:leave failed', error),
      );
    }
  }

  /** Joins the media afresh and sends every source that is on; false if overtaken. */
  async #connect(): Promise<boolean> {
    const attempt = ++this.#connects;
    const current = () => attempt === this.#connects;
    this.#sender?.close();
    this.#sender = null;
    this.sources.sender = null;
    const answer = await emitWithAck('media:join', { sessionId: this.#sessionId });
    if (!answer.available) throw new BroadcastError(m.video_unavailable());
    if (!isOnAir(answer)) throw new BroadcastError(m.studio_not_live());
    const sender = await Sender.open(answer, {
      rebuild: (reason) => {
        if (!current()) return;
        console.warn(`studio: going on air again (${reason})`);
        this.#dropped();
        void this.#reconnect();
      },
    });
    if (!current()) {
      sender.close();
      return false;
    }
    this.#sender = sender;
    this.sources.sender = sender;
    await this.sources.sendAll(sender);
    return current();
  }

  /** The transports are gone (socket drop, media reset, failed network). */
  #dropped(): void {
    if (this.state !== 'live' && this.state !== 'reconnecting') return;
    this.state = 'reconnecting';
    this.#offAir();
  }

  async #reconnect(): Promise<void> {
    clearTimeout(this.#retryTimer);
    if (this.state !== 'reconnecting' || !getSocket().connected) return;
    try {
      if ((await this.#connect()) && this.state === 'reconnecting') {
        this.state = 'live';
        this.#retries = 0;
      }
    } catch (error) {
      if (error instanceof BroadcastError) {
        this.#fail(error);
        return;
      }
      console.warn('studio: reconnecting failed, trying again', error);
      const delay = RETRY_MS[Math.min(this.#retries++, RETRY_MS.length - 1)];
      this.#retryTimer = setTimeout(() => void this.#reconnect(), delay);
    }
  }

  /** Closes what is on air and stops reconnecting; the state is the caller's. */
  #offAir(): void {
    clearTimeout(this.#retryTimer);
    this.#connects += 1;
    this.#sender?.close();
    this.#sender = null;
    this.sources.sender = null;
  }

  #idle(): void {
    this.#offAir();
    this.state = 'idle';
    this.startedAt = null;
  }

  #fail(error: unknown): void {
    this.#idle();
    this.#report(error);
  }

  #report(error: unknown): void {
    if (!(error instanceof BroadcastError)) console.error('studio:', error);
    this.error = error instanceof BroadcastError ? error.message : errorMessage(error);
  }
}
