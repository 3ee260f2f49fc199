// The widgets speak the language their URL asks for (?lang=en), not the visitor's cookie: a
// town chooses it for its website, and a frame on another site rarely gets our cookie anyway.
// hooks.server.ts and hooks.client.ts put it before the cookie.
import { EMBED_LANGS, type EmbedLang } from './options';

export const EMBED_LOCALE_STRATEGY = 'custom-embed';

export const isEmbedPath = (pathname: string) =>
  pathname === '/embed' || pathname.startsWith('/embed/');

/** The widget's language for a URL under /embed (Czech unless `lang=en`); undefined elsewhere. */
export function embedLocale(url: URL): EmbedLang | undefined {
  if (!isEmbedPath(url.pathname)) return undefined;
  const lang = url.searchParams.get('lang');
  return EMBED_LANGS.find((known) => known === lang) ?? 'cs';
}
