// Is a browser request coming from a page of another site? Used for every state-changing
// HTTP request and for Socket.IO handshakes (CSRF and cross-site WebSocket hijacking).
import type { IncomingHttpHeaders } from 'node:http';

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null; // "null" (sandboxed frames, file://) or garbage: not one of ours
  }
}

/**
 * True when the request comes from another origin. Non-browser clients send neither
 * Origin nor Sec-Fetch-Site and are let through; their requests carry no ambient cookies
 * of a victim anyway.
 */
export function isCrossOrigin(headers: IncomingHttpHeaders, publicUrl?: string): boolean {
  const site = headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = headers.origin;
  if (!origin) return false;
  const host = hostOf(origin);
  if (host === null) return true;
  return host !== headers.host && host !== (publicUrl ? hostOf(publicUrl) : null);
}
