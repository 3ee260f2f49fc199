import type { Handle, HandleFetch, RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { EMBED_LOCALE_STRATEGY, embedLocale } from '$lib/embed/locale';
import { defineCustomServerStrategy } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';

defineCustomServerStrategy(EMBED_LOCALE_STRATEGY, {
  getLocale: (request) => (request ? embedLocale(new URL(request.url)) : undefined),
});

/** Response headers that universal load functions may read during SSR. */
const SERIALIZED_HEADERS = new Set(['content-type', 'retry-after']);

export const handle: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale),
      filterSerializedResponseHeaders: (name) => SERIALIZED_HEADERS.has(name),
    });
  });

function clientAddress(event: RequestEvent): string | null {
  try {
    return event.getClientAddress();
  } catch {
    return null; // the adapter cannot tell (some dev setups): forward what we have
  }
}

function internalOrigin(): string {
  return env.INTERNAL_ORIGIN || `http://127.0.0.1:${env.API_PORT || env.PORT || 3000}`;
}

/**
 * During SSR, `fetch('/api/...')` must reach the express app that serves the API (the same
 * process in production, another one behind vite's proxy in development). SvelteKit would
 * otherwise route a same-origin request to its own router, where /api does not exist.
 *
 * SvelteKit attaches the incoming cookies only inside the `fetch` it passes here, and only for
 * its own host (or subdomains); a request rewritten to 127.0.0.1 would go out without them. So we
 * call the platform fetch ourselves and copy the citizen's/staff member's cookie header.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) {
    return fetch(request);
  }

  const target = new URL(url.pathname + url.search, internalOrigin());
  const headers = new Headers(request.headers);
  const cookie = event.request.headers.get('cookie');
  if (cookie && request.credentials !== 'omit') headers.set('cookie', cookie);
  else headers.delete('cookie');
  const language = event.request.headers.get('accept-language');
  if (language && !headers.has('accept-language')) headers.set('accept-language', language);
  // Keep the citizen's address for rate limits and logs (the server trusts loopback proxies).
  const forwarded = event.request.headers.get('x-forwarded-for');
  const client = clientAddress(event);
  const chain = [forwarded, client].filter(Boolean).join(', ');
  if (chain) headers.set('x-forwarded-for', chain);
  headers.set('x-forwarded-host', event.url.host);
  headers.set('x-forwarded-proto', event.url.protocol.replace(':', ''));

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return globalThis.fetch(target, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    redirect: 'manual',
    signal: request.signal,
  });
};
