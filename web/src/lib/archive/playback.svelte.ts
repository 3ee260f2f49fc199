// The replay's clock: the <video> element's time as state that the transcript, the chapters and
// the timeline follow, and the one place that seeks. A seek asked before the video has its
// metadata (a ?t= link) waits for it. Without a playable recording the clock still moves on
// clicks, so the transcript can show where a link points.
import type { Attachment } from 'svelte/attachments';

export class Playback {
  /** The moment shown, in ms from the recording's start. */
  currentMs = $state(0);
  paused = $state(true);
  /** A video element is attached (the recording is playable). */
  hasVideo = $state(false);

  #video: HTMLVideoElement | null = null;
  #pendingMs: number | null = null;

  /** `{@attach playback.video}` on the <video>. */
  readonly video: Attachment<HTMLVideoElement> = (video) => {
    this.#video = video;
    this.hasVideo = true;
    const onTime = () => {
      this.currentMs = Math.round(video.currentTime * 1000);
    };
    const onState = () => {
      this.paused = video.paused;
    };
    const onMetadata = () => {
      if (this.#pendingMs === null) return;
      const ms = this.#pendingMs;
      this.#pendingMs = null;
      video.currentTime = ms / 1000;
      onTime();
    };
    const events: [string, () => void][] = [
      ['timeupdate', onTime],
      ['seeking', onTime],
      ['seeked', onTime],
      ['play', onState],
      ['pause', onState],
      ['ended', onState],
      ['loadedmetadata', onMetadata],
    ];
    for (const [name, handler] of events) video.addEventListener(name, handler);
    if (video.readyState >= HTMLMediaElement.HAVE_METADATA) onMetadata();
    return () => {
      for (const [name, handler] of events) video.removeEventListener(name, handler);
      this.#video = null;
      this.hasVideo = false;
    };
  };

  /** Jumps to `ms`; `play` also starts playing (a click on a chapter or a sentence). */
  seek(ms: number, options: { play?: boolean } = {}): void {
    const target = Math.max(0, ms);
    this.currentMs = target;
    const video = this.#video;
    if (video && video.readyState >= HTMLMediaElement.HAVE_METADATA) {
      video.currentTime = target / 1000;
    } else {
      // Not attached yet (the page is still starting) or no metadata: once it has them.
      this.#pendingMs = target;
    }
    if (video && options.play && video.paused) {
      video.play().catch((error: unknown) => {
        // A browser that refuses to play without a gesture leaves the video paused at the
        // moment, and a newer seek or pause interrupts this one: the viewer presses play.
        // Anything else is worth a look.
        const expected = ['NotAllowedError', 'AbortError'];
        if (!(error instanceof DOMException && expected.includes(error.name))) {
          console.warn('replay: cannot start playing', error);
        }
      });
    }
  }

  /** The moment in whole seconds, for links. */
  get seconds(): number {
    return Math.floor(this.currentMs / 1000);
  }
}
