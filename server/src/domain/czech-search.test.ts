import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  highlight,
  MAX_QUERY_TERMS,
  MAX_TOKEN_LENGTH,
  searchDocument,
  searchMatches,
  searchQuery,
  searchStem,
  searchTokens,
  snippet,
  type HighlightPart,
} from './czech-search.ts';
import { SEARCH_CORPUS, SEARCH_TABLE } from '../../test/support/czech-search-corpus.ts';

const DOCS = SEARCH_CORPUS;

/** Numbers (1-based) of the documents the query matches, in the app's matcher. */
const found = (query: string, docs = DOCS, options?: { prefix?: boolean }) =>
  docs.flatMap((doc, i) => (searchMatches(doc, query, options) ? [i + 1] : []));

describe('the required table (documents 1–4)', () => {
  const FOUR = DOCS.slice(0, 4);
  it.each([
    ['zastupitelstvo', [1, 2, 3]],
    ['zastupitelstva', [1, 2, 3]],
    ['namesti', [1]],
    ['rozpoctu', [1]],
    ['nadrazi', [4]],
    ['zasedani zastupitelstvo', [2]],
  ])('%j → %j', (query, expected) => {
    expect(found(query, FOUR)).toStrictEqual(expected);
    expect(found(query, FOUR, { prefix: false })).toStrictEqual(expected);
  });
});

const TABLE = SEARCH_TABLE;

describe('searchMatches: the search table', () => {
  it.each(TABLE)('%j → %j', (query, expected) => {
    expect(found(query)).toStrictEqual(expected);
  });

  it('prefix: false reads the last word as finished, as a trailing space does', () => {
    expect(found('most', DOCS, { prefix: false })).toStrictEqual([10]);
    expect(found('zastup', DOCS, { prefix: false })).toStrictEqual([]);
    expect(found('parko', DOCS, { prefix: false })).toStrictEqual([4]); // the stem "park"
    expect(found('skola', DOCS, { prefix: false })).toStrictEqual(found('skola '));
    expect(found('skola')).toStrictEqual([7]); // the typed word as a beginning, not its stem
    expect(found('skol')).toStrictEqual([7, 8]); // may become "školy" or "školka"
  });

  it('matches nothing for queries without a word to look for', () => {
    for (const query of ['', '   ', 'a na u', '?!', '-zastupitelstvo', '"', '-', '- -a'])
      expect(found(query)).toStrictEqual([]);
  });
});

describe('searchStem: forms of one word share a stem', () => {
  const GROUPS: Array<[string, string[]]> = [
    ['zastupitelstv', ['zastupitelstvo', 'zastupitelstva', 'zastupitelstvu', 'zastupitelstvem']],
    ['zastupitelstv', ['zastupitelstvech', 'zastupitelstvům']],
    ['zastupitl', ['zastupitel', 'zastupitele', 'zastupitelé', 'zastupitelů', 'zastupitelem']],
    ['rozpoct', ['rozpočet', 'rozpočtu', 'rozpočtem', 'rozpočty', 'rozpočtový', 'rozpočtového']],
    ['nadrah', ['nádraží', 'nadrazi', 'nádražím', 'nádražích', 'NÁDRAŽÍ']],
    ['namest', ['náměstí', 'namesti', 'náměstím', 'náměstích']],
    ['oprav', ['opravit', 'opraví', 'opravili', 'opravila', 'opravil', 'opravíme']],
    ['oprav', ['opravujeme', 'opravovat', 'opraveno', 'opravený', 'opravení']],
    ['oprav', ['oprava', 'opravu', 'opravy', 'opravě', 'opravou', 'opravami']],
    ['palack', ['Palackého', 'Palackeho', 'Palackému', 'Palackém', 'Palackým', 'Palacký']],
    ['hus', ['Husova', 'Husově', 'Husův', 'Husovu', 'Husovou', 'Husových']],
    ['ulik', ['ulice', 'ulici', 'ulicí', 'ulic', 'ulicemi', 'ulicích']],
    ['parkovist', ['parkoviště', 'parkovišti', 'parkovištěm', 'parkovištích']],
    ['park', ['parkování', 'parkováním', 'parkovat', 'parkuje', 'parkoval', 'park']],
    ['skolk', ['školka', 'školky', 'školce', 'školku', 'školkou', 'školek', 'školkách']],
    ['prah', ['Praha', 'Prahy', 'Praze', 'Prahu', 'Prahou']],
    ['progr', ['program', 'programu', 'programem', 'programy']],
    ['probl', ['problém', 'problému', 'problémy', 'problémem']],
    ['schval', ['schválit', 'schválil', 'schválilo', 'schválen', 'schválený', 'schválení']],
    ['hlas', ['hlasovat', 'hlasoval', 'hlasovali', 'hlasuje', 'hlasování', 'hlasy']],
    ['tydn', ['týden', 'týdne', 'týdnu', 'týdny']],
    ['kvetn', ['květen', 'května', 'květnu']],
    ['liberk', ['Liberec', 'Liberce', 'Liberci', 'Libercem']],
    ['magistr', ['magistrát', 'magistrátu', 'magistrátem']],
    ['usnes', ['usnesení', 'usnesením', 'usneseních']],
    ['most', ['most', 'mostu', 'mosty', 'mostem', 'mostech']],
  ];

  it.each(GROUPS)('%s', (stem, forms) => {
    for (const form of forms) expect(searchTokens(form), form).toStrictEqual([stem]);
  });

  it('keeps words with digits and short words as they are', () => {
    expect(searchStem('12')).toBe('12');
    expect(searchStem('d1')).toBe('d1');
    expect(searchStem('zs')).toBe('zs');
    expect(searchStem('les')).toBe('les');
    expect(searchStem('auto')).toBe('aut');
  });

  it('keeps related but different words apart', () => {
    const stems = (...words: string[]) => words.map((w) => searchTokens(w).join());
    expect(new Set(stems('most', 'mostecký')).size).toBe(2);
    expect(new Set(stems('oprava', 'opravdu')).size).toBe(2);
    expect(new Set(stems('škola', 'školka')).size).toBe(2);
    expect(new Set(stems('parkování', 'parkoviště')).size).toBe(2);
    expect(new Set(stems('zastupitelstvo', 'zastupitel')).size).toBe(2);
    expect(new Set(stems('rozpočet', 'počet')).size).toBe(2);
    expect(new Set(stems('nádraží', 'zdražení')).size).toBe(2);
  });

  // Pinned so that a change is noticed (and SEARCH_NORMALIZATION_VERSION bumped).
  it('known conflations and misses of the light stemmer', () => {
    expect(searchTokens('park')).toStrictEqual(searchTokens('parkování')); // "-ov" is cut
    expect(searchTokens('disk')).toStrictEqual(searchTokens('diskuse')); // "-us" is cut
    expect(searchTokens('dům')).toStrictEqual(['dum']); // ů/o: "domu" → "dom"
    expect(searchTokens('domu')).toStrictEqual(['dom']);
    expect(searchTokens('byt')).toStrictEqual([]); // "být" is a function word
    expect(searchTokens('byty')).toStrictEqual(['byt']);
    expect(searchTokens('vidět')).toStrictEqual(['vidt']); // "-ět" verbs: the mobile-e rule
    expect(searchTokens('vidí')).toStrictEqual(['vid']);
  });
});

describe('searchTokens and searchDocument', () => {
  it.each([
    [DOCS[0], 'zastupitelstv mest schval rozpoct oprav namest'],
    [DOCS[1], 'progr zased zastupitelstv schval'],
    [DOCS[2], 'navrh predloh zastupitelstv obsah chyb'],
    [DOCS[3], 'disk park nadrah'],
    ['Autobus č. 12 jezdí na sídliště Frýdek-Místek.', 'autob 12 jezd sidlist frydk mistk'],
    ['', ''],
    ['a na u v se je to', ''],
    ['?!…–', ''],
  ])('%j → %j', (text, document) => {
    expect(searchDocument(text ?? '')).toBe(document);
  });

  it('drops function words and lone letters, keeps numbers and two-letter words', () => {
    expect(searchTokens('a k v x 1 ZŠ MŠ EU 2024')).toStrictEqual(['1', 'zs', 'ms', 'eu', '2024']);
  });

  it('folds precomposed, decomposed and compatibility forms alike', () => {
    const composed = 'Příliš žluťoučký kůň';
    expect(searchTokens(composed.normalize('NFD'))).toStrictEqual(searchTokens(composed));
    expect(searchTokens('ﬁnance')).toStrictEqual(searchTokens('finance'));
    expect(searchTokens('Łódź Øresund Straße')).toStrictEqual(['lodh', 'oresund', 'strass']);
    expect(searchTokens('m²')).toStrictEqual(['m2']);
  });

  it('soft hyphens and zero-width joiners do not split a word', () => {
    expect(searchTokens('zastupi\u00adtelstvo')).toStrictEqual(['zastupitelstv']);
  });

  it('splits on everything that is not a letter or digit', () => {
    expect(searchTokens("12.3.2024 O'Neill náměstí/nádraží")).toStrictEqual([
      '12',
      '3',
      '2024',
      'neill',
      'namest',
      'nadrah',
    ]);
  });

  it('cuts overlong runs to MAX_TOKEN_LENGTH', () => {
    const [token] = searchTokens('x'.repeat(300));
    expect(token).toHaveLength(MAX_TOKEN_LENGTH);
  });

  it('splits "1e5ab" like PostgreSQL does (the number 1e5, then the word)', () => {
    expect(searchTokens('1e5ab 1e5 e5x 1ex 2e3x')).toStrictEqual([
      '1e5',
      'ab',
      '1e5',
      'e5x',
      '1ex',
      '2e3',
    ]);
  });

  it('gives only [a-z0-9] tokens, whatever the input', () => {
    fc.assert(
      fc.property(fc.fullUnicodeString({ maxLength: 60 }), (text) => {
        for (const token of searchTokens(text)) {
          expect(token).toMatch(/^[a-z0-9]{1,64}$/);
        }
        expect(searchDocument(text)).toBe(searchTokens(text).join(' '));
      }),
      { numRuns: 500 },
    );
  });
});

describe('searchQuery', () => {
  it.each([
    // the last word: its stem, and as a beginning
    ['zastupitelstva', '(zastupitelstv | zastupitelstva:*)'],
    ['nadrazi', '(nadrah | nadrazi:*)'],
    ['parko', '(park | parko:*)'],
    ['parkování', '(park | parkovani:*)'],
    ['parkován', '(park | parkovan:*)'], // "-án" begins "-ání"
    ['most', 'most:*'],
    // under three characters, not a beginning: "př" would match a third of the archive
    ['12', '12'],
    ['př', 'pr'],
    // earlier words are stems only
    ['zasedani zastupitelstvo', 'zased & (zastupitelstv | zastupitelstvo:*)'],
    ['Palackého ulice', 'palack & (ulik | ulice:*)'],
    // a finished last word: trailing space, punctuation, closing quote
    ['zasedani zastupitelstvo ', 'zased & zastupitelstv'],
    ['Kde je nádraží?', 'nadrah'],
    ['"parkování u nádraží"', 'park <-> nadrah'],
    // an unfinished phrase keeps typing
    ['"parkování u nádr', 'park <-> nadr:*'],
    ['Frýdek-Místek', 'frydk <-> (mistk | mistek:*)'],
    // exclusion: never a prefix
    ['rozpočet -zastupitelstvo', 'rozpoct & !zastupitelstv'],
    // ("rozpok": as if "rozpoč|etí" were being typed; harmless)
    ['-zastupitelstvo rozpočet', '!zastupitelstv & (rozpoct | rozpok | rozpocet:*)'],
    ['zastupitelstvo -"zasedání zastupitelstva"', 'zastupitelstv & !(zased <-> zastupitelstv)'],
    // a hyphen inside or alone is no exclusion
    ['nádraží - náměstí', 'nadrah & (namest | namesti:*)'],
    // repeated words count once
    ['most most mostu', 'most & (most | mostu:*)'],
    ['most mosty most ', 'most'],
  ])('%j → %j', (input, query) => {
    expect(searchQuery(input)).toBe(query);
  });

  it('prefix: false gives stems only', () => {
    expect(searchQuery('zasedani zastupitelstvo', { prefix: false })).toBe('zased & zastupitelstv');
    expect(searchQuery('Frýdek-Místek', { prefix: false })).toBe('frydk <-> mistk');
  });

  it.each(['', '   ', 'a na u', 'a ', '?!', '"', '""', '-', '-zastupitelstvo', '-a -"b c"'])(
    '%j → null (nothing to look for)',
    (input) => {
      expect(searchQuery(input)).toBeNull();
    },
  );

  it('a last function word gets no prefix and is dropped', () => {
    expect(searchQuery('zasedání na')).toBe('zased');
  });

  it.each([
    ["nádraží' | !oprava & (most:*) <-> ulice", 'nadrah & oprav & most & (ulik | ulice:*)'],
    ["'; DROP TABLE x; --", 'drop & tabl'],
    ['park:* & most', 'park & most:*'],
    ['\\\\ \u0000 <-> ! |', null],
    ['park:*|náměstí', 'park <-> (namest | namesti:*)'],
    ['(((', null],
  ])('tsquery syntax in the input is only a separator: %j', (input, query) => {
    expect(searchQuery(input)).toBe(query);
  });

  it('only ever contains [a-z0-9] operands and its own operators', () => {
    // operand, or operand:*, combined with & | ! <-> and parentheses
    const operand = String.raw`[a-z0-9]+(?::\*)?`;
    const shape = new RegExp(String.raw`^(?:${operand}|[()!&|]|<->| )+$`);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.fullUnicodeString({ maxLength: 80 }),
          fc.stringOf(fc.constantFrom(...'ab"-:*&|!()<> \'\\é1'.split('')), { maxLength: 40 }),
        ),
        (input) => {
          const query = searchQuery(input);
          if (query !== null) expect(query).toMatch(shape);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('caps the number of terms', () => {
    const input = Array.from({ length: 100 }, (_, i) => `slovo${i}`).join(' ');
    expect(searchQuery(input)?.split(' & ')).toHaveLength(MAX_QUERY_TERMS);
  });
});

/** Parts as [text, hit] pairs, shorter to read. */
const pairs = (parts: HighlightPart[]) => parts.map((p) => [p.text, p.hit] as const);

describe('highlight', () => {
  it('marks the matching words of the original text, diacritics and case kept', () => {
    expect(pairs(highlight('Diskuse o parkování u nádraží.', 'nadrazi parkovani'))).toStrictEqual([
      ['Diskuse o ', false],
      ['parkování', true],
      [' u ', false],
      ['nádraží', true],
      ['.', false],
    ]);
  });

  it('marks declined forms and the beginning typed last', () => {
    expect(
      pairs(highlight('Zastupitelstvo schválilo rozpočet zastupitelstva.', 'zastupitelstvu rozp')),
    ).toStrictEqual([
      ['Zastupitelstvo', true],
      [' schválilo ', false],
      ['rozpočet', true],
      [' ', false],
      ['zastupitelstva', true],
      ['.', false],
    ]);
  });

  it('marks the words of a phrase, never excluded words or function words', () => {
    expect(
      pairs(highlight('Parkování u nádraží, ne u náměstí.', '"parkovani u nadrazi" -namesti')),
    ).toStrictEqual([
      ['Parkování', true],
      [' u ', false],
      ['nádraží', true],
      [', ne u náměstí.', false],
    ]);
  });

  it('gives one unmarked part without hits, none for empty text', () => {
    expect(pairs(highlight('Jednání v Praze.', 'nadrazi'))).toStrictEqual([
      ['Jednání v Praze.', false],
    ]);
    expect(pairs(highlight('Jednání v Praze.', ''))).toStrictEqual([['Jednání v Praze.', false]]);
    expect(highlight('', 'nadrazi')).toStrictEqual([]);
  });

  it('keeps combining marks with their letter in decomposed text', () => {
    const text = 'u Nádraží'.normalize('NFD');
    const parts = highlight(text, 'nadrazi');
    expect(parts.map((p) => p.hit)).toStrictEqual([false, true]);
    expect(parts[1]?.text).toBe('Nádraží'.normalize('NFD'));
  });

  it('marks a word with a hyphen in parts: "Frýdek-Místek"', () => {
    expect(pairs(highlight('Frýdek-Místek', 'mistek'))).toStrictEqual([
      ['Frýdek-', false],
      ['Místek', true],
    ]);
  });

  it('joined parts always give back the text, hit and non-hit alternate', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.fullUnicodeString({ maxLength: 60 }), fc.constantFrom(...DOCS)),
        fc.oneof(
          fc.fullUnicodeString({ maxLength: 20 }),
          fc.constantFrom(...TABLE.map(([q]) => q)),
        ),
        (text, query) => {
          const parts = highlight(text, query);
          expect(parts.map((p) => p.text).join('')).toBe(text);
          for (const [i, part] of parts.entries()) {
            expect(part.text.length).toBeGreaterThan(0);
            if (i > 0) expect(part.hit).not.toBe(parts[i - 1]?.hit);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('marks something exactly when the document matches a one-word query', () => {
    for (const doc of DOCS) {
      for (const [query] of TABLE.filter(([q]) => /^[\p{L}\d]+ ?$/u.test(q))) {
        const marked = highlight(doc, query).some((p) => p.hit);
        expect(marked, `${query} in ${doc}`).toBe(searchMatches(doc, query));
      }
    }
  });
});

describe('snippet', () => {
  const LONG =
    'Úvodem starosta přivítal všechny přítomné a zahájil jednání. '.repeat(3) +
    'Poté následovala dlouhá diskuse o parkování u nádraží, kterou vedl místostarosta. ' +
    'Další body programu byly odloženy na příští zasedání. '.repeat(3);
  const text = (parts: HighlightPart[]) => parts.map((p) => p.text).join('');

  it('returns a text that fits whole, like highlight()', () => {
    expect(snippet(DOCS[3] ?? '', 'nadrazi')).toStrictEqual(highlight(DOCS[3] ?? '', 'nadrazi'));
  });

  it('cuts around the first hit, between words, with … at both cuts', () => {
    expect(pairs(snippet(LONG, 'nadrazi', 100))).toStrictEqual([
      ['…dlouhá diskuse o parkování u ', false],
      ['nádraží', true],
      [', kterou vedl místostarosta. Další body programu byly odloženy…', false],
    ]);
  });

  it('starts at the beginning without a hit or with an early one', () => {
    const parts = snippet(LONG, 'letiste', 60);
    expect(text(parts)).toBe('Úvodem starosta přivítal všechny přítomné a zahájil…');
    expect(parts.every((p) => !p.hit)).toBe(true);
    expect(pairs(snippet(LONG, 'starosta', 40))).toStrictEqual([
      ['Úvodem ', false],
      ['starosta', true],
      [' přivítal všechny…', false],
    ]);
  });

  it('shows a hit near the end with the text before it', () => {
    expect(
      pairs(snippet(`${'Úvod. '.repeat(40)}Na konci je nádraží.`, 'nadrazi', 40)),
    ).toStrictEqual([
      ['…Úvod. Úvod. Úvod. Na konci je ', false],
      ['nádraží', true],
      ['.', false],
    ]);
  });

  it('never exceeds maxChars and always contains the first hit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 400 }), (max) => {
        const parts = snippet(LONG, 'nadrazi', max);
        expect(text(parts).length).toBeLessThanOrEqual(max);
        expect(parts.some((p) => p.hit && p.text === 'nádraží')).toBe(true);
      }),
    );
  });

  it('does not split a surrogate pair', () => {
    const emoji = '🚗'.repeat(100);
    for (const max of [10, 11, 12, 13]) {
      const cut = text(snippet(emoji, 'x', max)).replaceAll('…', '');
      expect(cut.length % 2).toBe(0);
    }
  });
});
