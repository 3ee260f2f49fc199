// What the studio sends: the microphone (muted or not), the camera (on or off, and which one)
// and a shared screen. On air, every change goes to the Sender at once; off air, it waits
// for the next go-live (sendAll).
import { errorMessage } from '$lib/labels';
import type { LocalMedia } from './local-media.svelte';
import type { Sender } from './sender';

export class Sources {
  micMuted = $state(false);
  cameraOn = $state(true);
  screen: MediaStreamTrack | null = $state.raw(null);
  error: string | null = $state(null);
  /** The broadcast's sender while on air (set by the Publisher). */
  sender: Sender | null = null;

  readonly media: LocalMedia;

  constructor(media: LocalMedia) {
    this.media = media;
  }

  get anything(): boolean {
    return Boolean(this.media.camera || this.media.microphone || this.screen);
  }

  /** Puts every source that is on on air, through a new sender. */
  async sendAll(sender: Sender): Promise<void> {
    const { camera, microphone } = this.media;
    if (camera && this.cameraOn) await sender.produce('camera', camera);
    if (microphone) await sender.produce('microphone', microphone, this.micMuted);
    if (this.screen) await sender.produce('screen', this.screen);
  }

  async toggleMicrophone(): Promise<void> {
    this.micMuted = !this.micMuted;
    // Off air the track itself goes quiet; on air the producer's pause does that too.
    if (this.media.microphone) this.media.microphone.enabled = !this.micMuted;
    await this.#try(() => this.sender?.setPaused('microphone', this.micMuted));
  }

  async toggleCamera(): Promise<void> {
    if (this.cameraOn) {
      this.cameraOn = false;
      await this.#try(async () => {
        await this.sender?.setPaused('camera', true);
        await this.sender?.replace('camera', null);
      });
      this.media.closeCamera(); // the camera's light goes out too
      return;
    }
    const track = await this.media.openCamera();
    if (!track) return; // LocalMedia says why
    this.cameraOn = true;
    await this.#try(() => this.#sendCamera(track));
  }

  /** Another camera on the same producer: viewers keep watching without a new stream. */
  async switchCamera(deviceId: string): Promise<void> {
    if (!this.cameraOn) {
      this.media.cameraId = deviceId;
      return;
    }
    const track = await this.media.openCamera(deviceId);
    if (track) await this.#try(() => this.#sendCamera(track));
  }

  async switchMicrophone(deviceId: string): Promise<void> {
    const track = await this.media.openMicrophone(deviceId);
    if (!track) return;
    track.enabled = !this.micMuted;
    await this.#try(() => this.sender?.replace('microphone', track));
  }

  async shareScreen(): Promise<void> {
    let track: MediaStreamTrack | undefined;
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 15 } });
      track = stream.getVideoTracks()[0];
    } catch (error) {
      // Cancelling the browser's picker is a choice, not an error.
      if (error instanceof DOMException && error.name === 'NotAllowedError') return;
      this.#report(error);
      return;
    }
    if (!track) return;
    track.contentHint = 'detail';
    const shared = track;
    // The browser's own "Stop sharing" ends the track: stop it on air too.
    shared.addEventListener('ended', () => void this.stopSharing(shared), { once: true });
    this.screen = shared;
    await this.#try(() => this.sender?.produce('screen', shared));
  }

  async stopSharing(track = this.screen): Promise<void> {
    if (!track || track !== this.screen) return;
    this.screen = null;
    track.stop();
    await this.#try(() => this.sender?.stop('screen'));
  }

  /** Leaving the studio: the screen is no longer shared (the devices are LocalMedia's). */
  close(): void {
    this.screen?.stop();
    this.screen = null;
    this.sender = null;
  }

  async #sendCamera(track: MediaStreamTrack): Promise<void> {
    const sender = this.sender;
    if (!sender) return;
    if (!sender.has('camera')) return sender.produce('camera', track);
    await sender.replace('camera', track);
    await sender.setPaused('camera', false);
  }

  #report(error: unknown): void {
    console.error('studio:', error);
    this.error = errorMessage(error);
  }

  async #try(run: () => Promise<void> | undefined): Promise<void> {
    try {
      this.error = null;
      await run();
    } catch (error) {
      this.#report(error);
    }
  }
}
