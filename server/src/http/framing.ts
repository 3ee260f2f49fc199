// Who may show our pages in a frame. The widgets under /embed are made for towns' websites;
// every other page refuses foreign frames (clickjacking), in both the CSP and the older header.
import type { RequestHandler } from 'express';

/** The widgets' path prefix (their pages and SvelteKit's data requests for them). */
export const EMBED_PREFIX = '/embed';

const isEmbed = (path: string) => path === EMBED_PREFIX || path.startsWith(`${EMBED_PREFIX}/`);

/**
 * The CSP `frame-ancestors` of an embed: any site when no origins are configured, otherwise
 * our own pages (the admin's preview) and the listed origins.
 */
export function embedAncestors(origins: readonly string[]): string {
  return origins.length ? ["'self'", ...origins].join(' ') : '*';
}

export function framingPolicy(embedOrigins: readonly string[]): RequestHandler {
  const embed = `frame-ancestors ${embedAncestors(embedOrigins)}`;
  return (req, res, next) => {
    if (isEmbed(req.path)) {
      res.set('Content-Security-Policy', embed);
    } else {
      res.set({
        'Content-Security-Policy': "frame-ancestors 'self'",
        'X-Frame-Options': 'SAMEORIGIN',
      });
    }
    next();
  };
}
