// The widgets' options live in their iframe's query string, chosen on /admin/embed. Reading is
// lenient (a mistyped value falls back to the default, never an error page on a town's site);
// writing leaves defaults out, so the snippet stays short.
import { SESSION_KINDS, type SchedulableKind } from '@namesti/server/protocol';
import { resizeScript } from './resize';

export const EMBED_WIDGETS = ['setkani', 'otazky'] as const;
export type EmbedWidget = (typeof EMBED_WIDGETS)[number];

export const EMBED_LOOKS = ['light', 'dark'] as const;
export type EmbedLook = (typeof EMBED_LOOKS)[number];

export const EMBED_LANGS = ['cs', 'en'] as const;
export type EmbedLang = (typeof EMBED_LANGS)[number];

/** How many items each widget may list: upcoming sessions, or answered questions. */
export const EMBED_COUNTS: Record<EmbedWidget, { min: number; max: number; fallback: number }> = {
  setkani: { min: 1, max: 5, fallback: 3 },
  otazky: { min: 1, max: 10, fallback: 5 },
};

export interface EmbedOptions {
  count: number;
  look: EmbedLook;
  compact: boolean;
  lang: EmbedLang;
  /** The board's topic (otazky only); null: every topic. */
  topic: string | null;
  /** The kind of session (setkani only); null: every kind. */
  kind: SchedulableKind | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  values.includes(value as T) ? (value as T) : null;

export function defaultEmbedOptions(widget: EmbedWidget): EmbedOptions {
  return {
    count: EMBED_COUNTS[widget].fallback,
    look: 'light',
    compact: false,
    lang: 'cs',
    topic: null,
    kind: null,
  };
}

/** What a widget's URL asks for; anything it does not understand is its default. */
export function embedOptions(widget: EmbedWidget, params: URLSearchParams): EmbedOptions {
  const defaults = defaultEmbedOptions(widget);
  const { min, max } = EMBED_COUNTS[widget];
  const count = Number(params.get('count'));
  const topic = params.get('topic');
  return {
    count: Number.isInteger(count) && count >= min && count <= max ? count : defaults.count,
    look: oneOf(EMBED_LOOKS, params.get('look')) ?? defaults.look,
    compact: ['1', 'true', ''].includes(params.get('compact') ?? 'no'),
    lang: oneOf(EMBED_LANGS, params.get('lang')) ?? defaults.lang,
    topic: widget === 'otazky' && topic && UUID.test(topic) ? topic : null,
    kind: widget === 'setkani' ? oneOf(SESSION_KINDS, params.get('kind')) : null,
  };
}

/** The query string for `options`, without the defaults ('' when all are defaults). */
export function embedQuery(widget: EmbedWidget, options: EmbedOptions): string {
  const defaults = defaultEmbedOptions(widget);
  const query = new URLSearchParams();
  if (options.count !== defaults.count) query.set('count', String(options.count));
  if (widget === 'otazky' && options.topic) query.set('topic', options.topic);
  if (widget === 'setkani' && options.kind) query.set('kind', options.kind);
  if (options.look !== defaults.look) query.set('look', options.look);
  if (options.compact) query.set('compact', '1');
  if (options.lang !== defaults.lang) query.set('lang', options.lang);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** A height that fits the widget's content at a usual column width: the frame's height until
 * the widget reports its own, and for good on a site that strips the snippet's script. */
export function embedHeight(widget: EmbedWidget, options: EmbedOptions): number {
  if (widget === 'setkani') return options.compact ? 380 : 480;
  return (options.compact ? 90 : 170) * options.count + 90;
}

const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The HTML a town pastes into its website: the frame, and the script that fits its height. */
export function embedSnippet(src: string, title: string, height: number): string {
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" ` +
    `width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy" ` +
    `allow="autoplay; fullscreen"></iframe>\n${resizeScript(new URL(src).origin)}`
  );
}
