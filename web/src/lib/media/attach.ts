// Svelte attachments for <video>: plays a MediaStream (srcObject has no attribute form) and
// keeps the element's `muted` in step with the page's sound switch.
import type { Attachment } from 'svelte/attachments';

/** Plays `stream`; `onBlocked` hears when the browser refuses to start it (autoplay rules). */
export function playStream(
  stream: MediaStream | null,
  onBlocked?: (blocked: boolean) => void,
): Attachment<HTMLVideoElement> {
  return (video) => {
    video.srcObject = stream;
    if (stream) {
      video.play().then(
        () => onBlocked?.(false),
        (error: unknown) => {
          // Replaced by a newer stream before it started: not a refusal.
          if (error instanceof DOMException && error.name === 'AbortError') return;
          console.warn('video: the browser did not start playback', error);
          onBlocked?.(true);
        },
      );
    }
    return () => {
      video.srcObject = null;
    };
  };
}

export function mutedIf(muted: boolean): Attachment<HTMLMediaElement> {
  return (media) => {
    media.muted = muted;
  };
}
