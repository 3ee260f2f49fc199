import { describe, expect, it } from 'vitest';
import { embedLocale } from './locale';
import {
  defaultEmbedOptions,
  embedHeight,
  embedOptions,
  embedQuery,
  embedSnippet,
  type EmbedOptions,
} from './options';

const id = '01a23f8d-bb68-717c-93b0-178e5bf6b486';
const read = (widget: 'setkani' | 'otazky', query: string) =>
  embedOptions(widget, new URLSearchParams(query));

describe('embed options', () => {
  it('reads what the URL asks for', () => {
    expect(read('otazky', `count=8&topic=${id}&look=dark&compact=1&lang=en`)).toEqual({
      count: 8,
      look: 'dark',
      compact: true,
      lang: 'en',
      topic: id,
      kind: null,
    });
    expect(read('setkani', 'kind=council_meeting&count=1')).toMatchObject({
      kind: 'council_meeting',
      count: 1,
      compact: false,
    });
  });

  it('falls back to the defaults for anything it does not understand', () => {
    const nonsense = 'count=99&topic=parking&look=neon&lang=de&kind=board&compact=no';
    expect(read('otazky', nonsense)).toEqual(defaultEmbedOptions('otazky'));
    expect(read('setkani', nonsense)).toEqual(defaultEmbedOptions('setkani'));
    expect(read('setkani', 'count=0').count).toBe(3);
    expect(read('otazky', 'count=2.5').count).toBe(5);
    // Each widget keeps only its own filter.
    expect(read('setkani', `topic=${id}`).topic).toBeNull();
    expect(read('otazky', 'kind=hearing').kind).toBeNull();
  });

  it('writes only what differs from the defaults, and reads it back the same', () => {
    expect(embedQuery('otazky', defaultEmbedOptions('otazky'))).toBe('');
    const options: EmbedOptions = {
      ...defaultEmbedOptions('setkani'),
      kind: 'mayor_chat',
      look: 'dark',
      compact: true,
      lang: 'en',
    };
    const query = embedQuery('setkani', options);
    expect(query).toBe('?kind=mayor_chat&look=dark&compact=1&lang=en');
    expect(embedOptions('setkani', new URLSearchParams(query.slice(1)))).toEqual(options);
  });

  it('makes a snippet whose attributes cannot be broken out of', () => {
    const snippet = embedSnippet(
      'https://namesti.lhota.cz/embed/otazky?count=3&look=dark',
      'A "quoted" <title>',
      400,
    );
    const [frame, script] = snippet.split('\n');
    expect(frame).toBe(
      '<iframe src="https://namesti.lhota.cz/embed/otazky?count=3&amp;look=dark" ' +
        'title="A &quot;quoted&quot; &lt;title>" width="100%" height="400" ' +
        'style="border:0;max-width:100%" loading="lazy" allow="autoplay; fullscreen"></iframe>',
    );
    // The resizing script listens to the widget's origin only.
    expect(script).toMatch(/^<script>.*\("https:\/\/namesti\.lhota\.cz"\)<\/script>$/);
  });

  it('gives the board widget room for the questions it lists', () => {
    const base = defaultEmbedOptions('otazky');
    expect(embedHeight('otazky', { ...base, count: 6 })).toBeGreaterThan(
      embedHeight('otazky', { ...base, count: 2 }),
    );
    expect(embedHeight('otazky', { ...base, compact: true })).toBeLessThan(
      embedHeight('otazky', base),
    );
  });
});

describe('embed locale', () => {
  it('is the URL’s lang under /embed, Czech by default, and nothing elsewhere', () => {
    expect(embedLocale(new URL('https://x.cz/embed/otazky?lang=en'))).toBe('en');
    expect(embedLocale(new URL('https://x.cz/embed/setkani?lang=de'))).toBe('cs');
    expect(embedLocale(new URL('https://x.cz/embed/setkani/__data.json'))).toBe('cs');
    expect(embedLocale(new URL('https://x.cz/otazky?lang=en'))).toBeUndefined();
    expect(embedLocale(new URL('https://x.cz/embedded?lang=en'))).toBeUndefined();
  });
});
