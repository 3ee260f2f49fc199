// A widget's frame grows and shrinks with what it shows (a live player replacing a list, a
// longer answer): the widget tells its parent page its height, and a few lines of script in
// the snippet set the frame to it. A site that strips scripts keeps the snippet's fixed height.
import type { Attachment } from 'svelte/attachments';

export const HEIGHT_MESSAGE = 'namesti:embed-height';
/** Bounds a frame's height keeps, whatever a message says. */
export const FRAME_HEIGHT = { min: 120, max: 4000 } as const;

/** The frame height a message asks for, within bounds; null when it is not ours. */
export function requestedHeight(data: unknown): number | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, height } = data as { type?: unknown; height?: unknown };
  if (type !== HEIGHT_MESSAGE || typeof height !== 'number' || !Number.isFinite(height)) {
    return null;
  }
  return Math.min(Math.max(Math.ceil(height), FRAME_HEIGHT.min), FRAME_HEIGHT.max);
}

/**
 * Tells the parent page the element's height whenever it changes. The height is no secret,
 * so any parent may read it ('*'); the parent's script checks where the message came from.
 */
export const reportHeight: Attachment<HTMLElement> = (element) => {
  if (window.parent === window) return;
  let sent = 0;
  const report = () => {
    const height = Math.ceil(element.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  };
  const observer = new ResizeObserver(report);
  observer.observe(element);
  report();
  return () => observer.disconnect();
};

/**
 * The snippet's script: sets the height of the frames from `origin` that asked for it. It
 * checks the sender's origin and window, and keeps the same bounds as requestedHeight.
 */
export function resizeScript(origin: string): string {
  const { min, max } = FRAME_HEIGHT;
  return (
    '<script>(function(o){addEventListener("message",function(e){var d=e.data;' +
    `if(e.origin!==o||!d||d.type!=="${HEIGHT_MESSAGE}"||typeof d.height!=="number"||!isFinite(d.height))return;` +
    `var h=Math.min(Math.max(Math.ceil(d.height),${min}),${max});` +
    'document.querySelectorAll("iframe").forEach(function(f){' +
    'if(f.contentWindow===e.source)f.style.height=h+"px"})})})' +
    `(${JSON.stringify(origin)})</script>`
  );
}
