// The accepted citizen's microphone (and camera, if they want) on stage: opens the devices,
// sends them over a connection of its own (stage-socket.ts), sends again by itself after a
// dropped connection, a media reset or a failed transport, and lets go of everything at once
// when the turn ends.
import { errorMessage } from '$lib/labels';
import { LocalMedia, type DeviceProblem } from '$lib/media/local-media.svelte';
import { isOnAir } from '$lib/media/transport';
import { m } from '$lib/paraglide/messages';
import { AckError, listen, type AppSocket } from '$lib/realtime/socket';
import { watchLevel } from './mic-level';
import { StageSender } from './stage-sender';
import { ask, openStageSocket } from './stage-socket';

export type OnStagePhase = 'off' | 'opening' | 'connecting' | 'on' | 'reconnecting' | 'failed';

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/** A refusal that trying again will not change (the turn is over, the session is not live). */
class Refused extends Error {}

export class OnStage {
  phase: OnStagePhase = $state('off');
  /** 0–100, while the microphone is open. */
  level = $state(0);
  /** Why the microphone (or the camera) could not be opened. */
  problem: DeviceProblem | null = $state(null);
  cameraFailed = $state(false);
  error: string | null = $state(null);
  readonly media = new LocalMedia();

  readonly #sessionId: string;
  #socket: AppSocket | null = null;
  #sender: StageSender | null = null;
  #muted = false;
  /** Counts connects: an older one that finishes late gives up. */
  #connects = 0;
  #starts = 0;
  #retries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stopMeter: (() => void) | null = null;
  #stopListening: (() => void) | null = null;

  constructor(sessionId: string) {
    this.#sessionId = sessionId;
  }

  get sending(): boolean {
    return this.phase !== 'off' && this.phase !== 'failed';
  }

  /** Opens the microphone (and the camera) and puts them on stage. */
  async start(withCamera: boolean): Promise<void> {
    if (this.sending) return;
    this.error = null;
    this.problem = null;
    this.cameraFailed = false;
    this.phase = 'opening';
    const run = ++this.#starts;
    // The turn can end while the browser asks for permission: then nothing stays open.
    const ended = () => run !== this.#starts || this.phase !== 'opening';
    const microphone = await this.media.openMicrophone();
    if (ended()) return microphone?.stop();
    if (!microphone) {
      this.problem = this.media.problem;
      this.#release();
      this.phase = 'failed';
      return;
    }
    if (withCamera) {
      const camera = await this.media.openCamera();
      if (ended()) {
        microphone.stop();
        return camera?.stop();
      }
      this.cameraFailed = camera === null;
    }
    this.#stopMeter = watchLevel(microphone, (level) => (this.level = level));
    this.phase = 'connecting';
    const socket = openStageSocket();
    this.#socket = socket;
    this.#stopListening = listen(socket, {
      connect: () => void this.#connect(),
      disconnect: () => this.#dropped(),
      'media:reset': ({ sessionId }) => {
        if (sessionId !== this.#sessionId) return;
        this.#dropped();
        void this.#connect();
      },
    });
  }

  /** Follows the moderator's mute: nothing is sent while nobody may hear it. */
  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#sender?.pauseLocally(muted);
  }

  /** The turn is over: producers closed, tracks stopped, the connection closed. */
  stop(): void {
    this.#release();
    this.phase = 'off';
    this.level = 0;
  }

  async #connect(): Promise<void> {
    const socket = this.#socket;
    if (!socket?.connected || !this.sending) return;
    clearTimeout(this.#retryTimer);
    const attempt = ++this.#connects;
    const current = () => attempt === this.#connects && this.#socket === socket;
    this.#sender?.close();
    this.#sender = null;
    try {
      const join = await ask(socket, 'media:join', { sessionId: this.#sessionId });
      if (!join.available) throw new Refused(m.video_unavailable());
      if (!isOnAir(join)) throw new Refused(m.stage_session_not_live());
      const sender = await StageSender.open(socket, join, (reason) => {
        if (!current()) return;
        console.warn(`stage: sending again (${reason})`);
        this.#dropped();
        void this.#connect();
      });
      if (!current()) return sender.close();
      this.#sender = sender;
      const { microphone, camera } = this.media;
      if (microphone) await sender.produce('stage-audio', microphone);
      if (camera) await sender.produce('stage-video', camera);
      if (!current()) return;
      sender.pauseLocally(this.#muted);
      this.phase = 'on';
      this.#retries = 0;
    } catch (error) {
      if (!current()) return;
      this.#failed(error);
    }
  }

  #failed(error: unknown): void {
    // Off stage, or the session is over: another try would be refused the same way.
    const final =
      error instanceof Refused || (error instanceof AckError && error.code === 'forbidden');
    if (final) {
      this.#release();
      this.phase = 'failed';
      this.error = error instanceof Error && error.message ? error.message : errorMessage(error);
      return;
    }
    console.warn('stage: sending failed, trying again', error);
    this.phase = 'reconnecting';
    this.#sender?.close();
    this.#sender = null;
    const delay = RETRY_MS[Math.min(this.#retries++, RETRY_MS.length - 1)];
    this.#retryTimer = setTimeout(() => void this.#connect(), delay);
  }

  /** The connection or the transport is gone; the server closed our producers with it. */
  #dropped(): void {
    if (!this.sending) return;
    this.#connects += 1;
    this.#sender?.close();
    this.#sender = null;
    this.phase = 'reconnecting';
  }

  #release(): void {
    this.#starts += 1;
    clearTimeout(this.#retryTimer);
    this.#connects += 1;
    this.#sender?.close();
    this.#sender = null;
    this.#stopListening?.();
    this.#stopListening = null;
    this.#socket?.disconnect();
    this.#socket = null;
    this.#stopMeter?.();
    this.#stopMeter = null;
    this.media.close();
  }
}
