import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CaptionsError,
  FALLBACK_CUE_MS,
  MAX_CAPTION_CUES,
  MAX_CAPTIONS_BYTES,
  MAX_SENTENCE_CHARS,
  detectCaptionFormat,
  formatTimestamp,
  parseCaptions,
  parseTimestamp,
  splitIntoSentences,
  toPlainText,
  toSrt,
  toWebVtt,
  type CaptionFormat,
  type CaptionSegment,
  type CaptionsErrorReason,
} from './captions.ts';

const seg = (
  startMs: number,
  endMs: number,
  text: string,
  speaker: string | null = null,
): CaptionSegment => ({ startMs, endMs, text, speaker });

const vtt = (...lines: string[]) => ['WEBVTT', '', ...lines].join('\n');

function failure(text: string, format?: CaptionFormat): CaptionsError {
  try {
    parseCaptions(text, format);
  } catch (error) {
    expect(error).toBeInstanceOf(CaptionsError);
    return error as CaptionsError;
  }
  throw new Error('parseCaptions did not throw');
}

function expectFailure(
  text: string,
  reason: CaptionsErrorReason,
  line: number | null,
  format?: CaptionFormat,
) {
  const error = failure(text, format);
  expect({ reason: error.reason, line: error.line }).toEqual({ reason, line });
}

// The same normalization the module promises: ASCII whitespace runs → one space, trimmed.
const normalized = (text: string) => text.replace(/[ \t\n\r\f\v]+/g, ' ').replace(/^ | $/g, '');
const blank = (text: string) => /^[\s\u200e\u200f]*$/.test(text);

function expectValidSegments(segments: CaptionSegment[]) {
  segments.forEach((s, k) => {
    expect(Number.isInteger(s.startMs) && Number.isInteger(s.endMs)).toBe(true);
    expect(s.startMs).toBeGreaterThanOrEqual(0);
    expect(s.endMs).toBeGreaterThan(s.startMs);
    expect(blank(s.text)).toBe(false);
    expect(s.text).toBe(normalized(s.text));
    if (k > 0) expect(s.startMs).toBeGreaterThanOrEqual(segments[k - 1]?.startMs ?? 0);
  });
}

describe('formatTimestamp', () => {
  it.each([
    [0, '00:00:00.000', '00:00:00,000', '0:00'],
    [5_999, '00:00:05.999', '00:00:05,999', '0:05'],
    [123_456, '00:02:03.456', '00:02:03,456', '2:03'],
    [3_723_456, '01:02:03.456', '01:02:03,456', '1:02:03'],
    [36_000_000, '10:00:00.000', '10:00:00,000', '10:00:00'],
    [360_000_000, '100:00:00.000', '100:00:00,000', '100:00:00'],
    [1.6, '00:00:00.002', '00:00:00,002', '0:00'],
  ])('formats %s ms', (ms, vttStamp, srtStamp, clock) => {
    expect(formatTimestamp(ms, 'vtt')).toBe(vttStamp);
    expect(formatTimestamp(ms, 'srt')).toBe(srtStamp);
    expect(formatTimestamp(ms, 'clock')).toBe(clock);
  });

  it.each([-1, NaN, Infinity])('rejects %s', (ms) => {
    expect(() => formatTimestamp(ms, 'vtt')).toThrow(RangeError);
  });

  it('round-trips through parseTimestamp', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * 3_600_000 }),
        fc.constantFrom('vtt' as const, 'srt' as const),
        (ms, style) => parseTimestamp(formatTimestamp(ms, style)) === ms,
      ),
    );
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['00:00:01.000', 1_000],
    ['01:02:03.456', 3_723_456],
    ['01:02:03,456', 3_723_456],
    ['02:03.456', 123_456],
    ['2:03.456', 123_456],
    ['0:00:01.000', 1_000],
    ['123:00:00.000', 442_800_000],
    ['00:00:01.5', 1_500],
    ['00:00:01.05', 1_050],
    ['  00:00:01.000  ', 1_000],
  ])('%s → %s ms', (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
  });

  it.each([
    '',
    '00:00:01',
    '00:60:00.000',
    '00:00:60.000',
    '00:00:01.0000',
    '1.000',
    'aa:bb:cc.ddd',
    '00:00:01.000 x',
    '-00:00:01.000',
    '99999999999999:00:00.000',
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});

describe('detectCaptionFormat', () => {
  it.each([
    ['WEBVTT\n\n00:01.000 --> 00:02.000\nA', 'vtt'],
    ['WEBVTT - Zasedání\n\n00:00:01,000 --> 00:00:02,000\nA', 'vtt'],
    ['\uFEFF\n\nWEBVTT\tKind: captions\n', 'vtt'],
    ['00:00:01.000 --> 00:00:02.000\nbez hlavičky', 'vtt'],
    ['1\n00:00:01,000 --> 00:00:02,000\nA', 'srt'],
    ['WEBVTTX\n\n1\n00:00:01,000 --> 00:00:02,000\nA', 'srt'],
    ['jen text', 'srt'],
  ])('%j → %s', (text, format) => {
    expect(detectCaptionFormat(text)).toBe(format);
  });
});

describe('parseCaptions: WebVTT', () => {
  it('reads cues with voice tags, identifiers, settings and both timing forms', () => {
    const text = vtt(
      '1',
      '00:00:01.000 --> 00:00:04.500 align:start position:10% line:90%',
      '<v Starosta Novák>Dobrý den, vítám vás na zasedání zastupitelstva.</v>',
      '',
      'radni-1',
      '00:04.500 --> 00:09.250',
      '<v.loud.first Radní Dvořáková>Děkuji, pane starosto.</v>',
      '',
    ).replace('WEBVTT', 'WEBVTT - Zasedání zastupitelstva města Kocourkova');
    expect(parseCaptions(text)).toEqual([
      seg(1_000, 4_500, 'Dobrý den, vítám vás na zasedání zastupitelstva.', 'Starosta Novák'),
      seg(4_500, 9_250, 'Děkuji, pane starosto.', 'Radní Dvořáková'),
    ]);
  });

  it('skips header metadata and NOTE, STYLE and REGION blocks', () => {
    const text = [
      'WEBVTT',
      'Kind: captions',
      'Language: cs',
      '',
      'NOTE Přepis pořídil městský úřad.',
      'Druhý řádek poznámky.',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'REGION',
      'id:fred width:40%',
      '',
      'NOTE',
      '',
      '00:00:01.000 --> 00:00:02.000 region:fred',
      'Bod programu č. 1',
    ].join('\n');
    expect(parseCaptions(text)).toEqual([seg(1_000, 2_000, 'Bod programu č. 1')]);
  });

  it('ignores blocks that have no timing line', () => {
    const text = vtt(
      'samotný identifikátor',
      '',
      'blok',
      'bez časování',
      '',
      '00:00:01.000 --> 00:00:02.000',
      'Text',
    );
    expect(parseCaptions(text)).toEqual([seg(1_000, 2_000, 'Text')]);
  });

  it('strips other tags and timestamps, keeping their text', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:05.000',
      '<c.highlight.yellow>Zastupitelstvo</c> <b>schválilo</b> <i>rozpočet</i> <u>na</u> ' +
        '<00:00:02.500>opravu <lang cs><b><i>náměstí</i></b></lang>',
    );
    expect(parseCaptions(text)).toEqual([
      seg(1_000, 5_000, 'Zastupitelstvo schválilo rozpočet na opravu náměstí'),
    ]);
  });

  it('decodes entities in text and speaker names', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:05.000',
      '<v Novák &amp; syn>Rozpočet &amp; investice: 5&nbsp;000&nbsp;Kč &lt;schváleno&gt; ' +
        '&lrm;&rlm;&#268;&#x10d; &foo; AT&T &#0;',
    );
    expect(parseCaptions(text)).toEqual([
      seg(
        1_000,
        5_000,
        'Rozpočet & investice: 5\u00a0000\u00a0Kč <schváleno> \u200e\u200fČč &foo; AT&T &#0;',
        'Novák & syn',
      ),
    ]);
  });

  it('keeps a "<" that does not open a tag', () => {
    const text = vtt('00:01.000 --> 00:02.000', '3 < 5 a 5 > 3, ale a <b');
    expect(parseCaptions(text)[0]?.text).toBe('3 < 5 a 5 > 3, ale a <b');
  });

  it('joins cue lines with one space and collapses whitespace', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:02.000',
      'Dobrý den,',
      '   vítám vás\t\tna',
      'zasedání.  ',
    );
    expect(parseCaptions(text)).toEqual([seg(1_000, 2_000, 'Dobrý den, vítám vás na zasedání.')]);
  });

  it('handles a BOM, CRLF, lone CR, trailing whitespace and blank lines galore', () => {
    const lf = [
      'WEBVTT   ',
      '',
      '',
      '',
      '  ',
      '00:00:01.000 --> 00:00:02.000   ',
      'První   ',
      'řádek\t',
      '   ',
      '\t',
      '',
      'id   ',
      '00:00:03.000   -->   00:00:04.000  ',
      'Druhý',
      '',
      '',
      '',
    ].join('\n');
    const expected = [seg(1_000, 2_000, 'První řádek'), seg(3_000, 4_000, 'Druhý')];
    expect(parseCaptions(lf)).toEqual(expected);
    expect(parseCaptions(`\uFEFF${lf.replace(/\n/g, '\r\n')}`)).toEqual(expected);
    expect(parseCaptions(`\uFEFF${lf.replace(/\n/g, '\r')}`)).toEqual(expected);
  });

  it('allows blank lines before the header', () => {
    expect(parseCaptions('\n\nWEBVTT\n\n00:01.000 --> 00:02.000\nA')).toEqual([
      seg(1_000, 2_000, 'A'),
    ]);
  });

  it('starts a new cue at a timing line even without a blank line before it', () => {
    const text = [
      'WEBVTT',
      '00:00:01.000 --> 00:00:02.000',
      'První',
      '00:00:02.000 --> 00:00:03.000',
      'Druhý',
      'NOTE',
      '00:00:03.000 --> 00:00:04.000',
      'Třetí',
    ].join('\n');
    expect(parseCaptions(text)).toEqual([
      seg(1_000, 2_000, 'První'),
      seg(2_000, 3_000, 'Druhý NOTE'),
      seg(3_000, 4_000, 'Třetí'),
    ]);
  });

  it('reads hours over 99 and single-digit hours', () => {
    const text = vtt(
      '100:00:00.000 --> 100:00:01.000',
      'Pozdě',
      '',
      '1:00:00.000 --> 1:00:01.000',
      'Dřív',
    );
    expect(parseCaptions(text)).toEqual([
      seg(3_600_000, 3_601_000, 'Dřív'),
      seg(360_000_000, 360_001_000, 'Pozdě'),
    ]);
  });

  it('sorts cues by start and keeps file order for equal starts', () => {
    const text = vtt(
      '00:00:05.000 --> 00:00:06.000',
      'C',
      '',
      '00:00:01.000 --> 00:00:03.000',
      'A',
      '',
      '00:00:01.000 --> 00:00:02.000',
      'B',
    );
    expect(parseCaptions(text).map((s) => s.text)).toEqual(['A', 'B', 'C']);
  });

  it('drops cues whose text is empty', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:02.000',
      '',
      '00:00:02.000 --> 00:00:03.000',
      '<b> </b>&nbsp;&lrm;',
      '',
      '00:00:03.000 --> 00:00:04.000',
      '<v Starosta Novák></v>',
      '',
      '00:00:04.000 --> 00:00:05.000',
      'Text',
    );
    expect(parseCaptions(text)).toEqual([seg(4_000, 5_000, 'Text')]);
  });

  it('keeps cues whose end is not after their start, ending them at the next cue or after 1 s', () => {
    const text = vtt(
      '00:00:05.000 --> 00:00:05.000',
      'Nulová délka',
      '',
      '00:00:05.400 --> 00:00:06.000',
      'Další',
      '',
      '00:00:08.000 --> 00:00:07.000',
      'Obráceně',
      '',
      '00:00:20.000 --> 00:00:19.000',
      'Poslední',
      '',
      '00:00:09.000 --> 00:00:10.000',
      'Mezi',
    );
    expect(FALLBACK_CUE_MS).toBe(1_000);
    expect(parseCaptions(text)).toEqual([
      seg(5_000, 5_400, 'Nulová délka'),
      seg(5_400, 6_000, 'Další'),
      seg(8_000, 9_000, 'Obráceně'),
      seg(9_000, 10_000, 'Mezi'),
      seg(20_000, 21_000, 'Poslední'),
    ]);
  });

  it('ends a zero-length cue at the next later start, not at one with the same start', () => {
    const text = vtt(
      '00:00:01.000 --> 00:00:01.000',
      'A',
      '',
      '00:00:01.000 --> 00:00:01.000',
      'B',
      '',
      '00:00:01.300 --> 00:00:02.000',
      'C',
    );
    expect(parseCaptions(text)).toEqual([
      seg(1_000, 1_300, 'A'),
      seg(1_000, 1_300, 'B'),
      seg(1_300, 2_000, 'C'),
    ]);
  });

  describe('voices', () => {
    it('splits a cue with two speakers, sharing the time by text length', () => {
      const text = vtt(
        '00:00:00.000 --> 00:00:10.000',
        '<v Starosta>Ano.</v> <v Radní>Nesouhlasím, ne.</v>',
      );
      expect(parseCaptions(text)).toEqual([
        seg(0, 2_000, 'Ano.', 'Starosta'),
        seg(2_000, 10_000, 'Nesouhlasím, ne.', 'Radní'),
      ]);
    });

    it('keeps one segment for repeated voice tags of one speaker', () => {
      const text = vtt('00:01.000 --> 00:02.000', '<v Novák>Dobrý</v> <v Novák>den.</v>');
      expect(parseCaptions(text)).toEqual([seg(1_000, 2_000, 'Dobrý den.', 'Novák')]);
    });

    it('gives text after </v> to the same speaker and text before any voice to nobody', () => {
      const text = vtt(
        '00:00:00.000 --> 00:00:08.000',
        'Potlesk. <v Starosta Novák>Děkuji</v> všem.',
      );
      expect(parseCaptions(text)).toEqual([
        seg(0, 3_200, 'Potlesk.', null),
        seg(3_200, 8_000, 'Děkuji všem.', 'Starosta Novák'),
      ]);
    });

    it('takes the voice at the start of a cue even with an empty tag before it', () => {
      const text = vtt('00:01.000 --> 00:02.000', '<i></i> <v  Ing.  Jana   Nováková >Text');
      expect(parseCaptions(text)).toEqual([seg(1_000, 2_000, 'Text', 'Ing. Jana Nováková')]);
    });

    it('reads <v> without a name as no speaker, and <V Name> like <v Name>', () => {
      const text = vtt(
        '00:01.000 --> 00:02.000',
        '<v>Bez jména',
        '',
        '00:03.000 --> 00:04.000',
        '<V Novák>S jménem',
      );
      expect(parseCaptions(text)).toEqual([
        seg(1_000, 2_000, 'Bez jména', null),
        seg(3_000, 4_000, 'S jménem', 'Novák'),
      ]);
    });

    it('does not split a cue too short to share', () => {
      const text = vtt('00:00:01.000 --> 00:00:01.001', '<v A>Ano.</v><v B>Ne.</v>');
      expect(parseCaptions(text)).toEqual([seg(1_000, 1_001, 'Ano. Ne.', 'A')]);
    });

    it('gives every speaker at least 1 ms', () => {
      const text = vtt('00:00:01.000 --> 00:00:01.003', '<v A>Ano, ano, ano, ano.<v B>N<v C>e');
      expect(parseCaptions(text)).toEqual([
        seg(1_000, 1_001, 'Ano, ano, ano, ano.', 'A'),
        seg(1_001, 1_002, 'N', 'B'),
        seg(1_002, 1_003, 'e', 'C'),
      ]);
    });
  });

  it('reads header-less WebVTT and SRT-style files forced to vtt', () => {
    expect(parseCaptions('00:01.000 --> 00:02.000\n<v Novák>Ahoj &amp; nashle')).toEqual([
      seg(1_000, 2_000, 'Ahoj & nashle', 'Novák'),
    ]);
    expect(parseCaptions('1\n00:00:01,000 --> 00:00:02,000\n<i>Ahoj</i>', 'vtt')).toEqual([
      seg(1_000, 2_000, 'Ahoj'),
    ]);
  });
});

describe('parseCaptions: SRT', () => {
  it('reads numbered blocks, strips formatting tags and keeps "SPEAKER:" as text', () => {
    const text = [
      '1',
      '00:00:01,000 --> 00:00:03,500',
      '<i>Dobrý den,</i>',
      '<font color="#ffff00">vítám vás.</font>',
      '',
      '2',
      '00:00:03,500 --> 00:00:06,000 X1:100 X2:200 Y1:10 Y2:50',
      '{\\an8}STAROSTA: Zahajuji <B>zasedání</B> <u>č.</u> <s>5</s>.',
      '',
    ].join('\n');
    expect(parseCaptions(text)).toEqual([
      seg(1_000, 3_500, 'Dobrý den, vítám vás.'),
      seg(3_500, 6_000, 'STAROSTA: Zahajuji zasedání č. 5.'),
    ]);
  });

  it('keeps other markup and entities literally', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nAT&amp;T < Q&A > &nbsp; <v Novák> <c.x>';
    expect(parseCaptions(text)).toEqual([
      seg(1_000, 2_000, 'AT&amp;T < Q&A > &nbsp; <v Novák> <c.x>'),
    ]);
  });

  it('copes with missing indexes, missing and stray blank lines', () => {
    const text = [
      'Titulky: Město Kocourkov',
      '',
      '00:00:01,000 --> 00:00:02,000',
      'První část',
      '',
      'pokračování textu',
      '',
      '7',
      '',
      '',
      '2',
      '00:00:03,000 --> 00:00:04,000',
      'Druhý',
      '3',
      '00:00:05,000 --> 00:00:06,000',
      'Třetí',
      'řádek 42',
      '42',
      '',
      '',
    ].join('\n');
    expect(parseCaptions(text)).toEqual([
      seg(1_000, 2_000, 'První část pokračování textu'),
      seg(3_000, 4_000, 'Druhý'),
      seg(5_000, 6_000, 'Třetí řádek 42 42'),
    ]);
  });

  it('treats an index line before a timing line without a blank line as an index', () => {
    const text = ['text bez časování', '5', '00:00:01,000 --> 00:00:02,000', 'Ano'].join('\n');
    expect(parseCaptions(text)).toEqual([seg(1_000, 2_000, 'Ano')]);
  });

  it('keeps a text line with an arrow that is not a timing', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nŠipka --> doprava\n1 --> 2';
    expect(parseCaptions(text)).toEqual([seg(1_000, 2_000, 'Šipka --> doprava 1 --> 2')]);
  });

  it('accepts dots, short timings and a BOM with CRLF', () => {
    expect(parseCaptions('1\n00:01.000 --> 00:02.5\nText', 'srt')).toEqual([
      seg(1_000, 2_500, 'Text'),
    ]);
    expect(parseCaptions('\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nŽluťoučký kůň\r\n')).toEqual([
      seg(1_000, 2_000, 'Žluťoučký kůň'),
    ]);
  });

  it('ignores a WebVTT header when forced to SRT', () => {
    expect(parseCaptions('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>x', 'srt')).toEqual([
      seg(1_000, 2_000, '<v A>x'),
    ]);
  });
});

describe('parseCaptions: errors', () => {
  it('is a typed error with reason, line and a message', () => {
    const error = failure('WEBVTT\n\n00:00:01.000 --> zítra\nText');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CaptionsError');
    expect(error.reason).toBe('malformed_timing');
    expect(error.line).toBe(3);
    expect(error.message).toContain('line 3');
  });

  it.each(['', '   ', '\n\n\r\n', '\t \r', '\uFEFF', '\uFEFF \t\r\n'])('empty: %j', (text) => {
    expectFailure(text, 'empty', null);
  });

  it.each([
    'WEBVTT',
    'WEBVTT\n\nNOTE jen poznámka\n',
    'Zápis ze zasedání\nbez časových značek',
    'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<b> </b>&nbsp;\n',
    '1\n00:00:01,000 --> 00:00:02,000\n\n',
    '1\n\n2\n\n',
  ])('no cues: %j', (text) => {
    expectFailure(text, 'no_cues', null);
  });

  it.each([
    ['WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nText', 3],
    ['WEBVTT\n\n00:00:01 --> 00:00:02\nText', 3],
    ['WEBVTT\n\n00:60:00.000 --> 01:00:01.000\nText', 3],
    ['WEBVTT\n\n00:00:01.000 -->\nText', 3],
    ['WEBVTT\n\nid\n--> 00:00:02.000\nText', 4],
    ['WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\n00:00:03.000 00:00:04.000\nB', 6],
    ['WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\n00:00:03.000 - 00:00:04.000\n', 6],
    ['WEBVTT\n\nNOTE\n00:00:01.000 --> 00:00:0', 4],
    ['WEBVTT\nKind: captions\n00:00:01.000 -> 00:00:02.000 --> x', 3],
    ['\uFEFFWEBVTT\n\nx\n1:2:3 --> 1:2:4', 4],
    ['1\n00:00:01,000 -> 00:00:02,000\nText', 2],
    ['1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 --> 00:00:0x,000\nB', 6],
    ['1\r\n00:00:01,000 --> 00:00:02,000\r\nA\r\n\r\n2\r\n00:00:03;000 --> 00:00:04,000\r\nB', 6],
    ['1\r00:00:01,000 --> 00:00:02,000\rA\r\r2\r00:00:03;000 --> 00:00:04,000\rB', 6],
    ['1\n00:00:01,000 --> 00:00:02,000\nA\n\n\n\n00:00:03,000 00:00:04,000\nB', 7],
    ['00:00:01,000 00:00:02,000\nText', 1],
    ['1\n1 --> 2\nText', 2],
  ])('malformed timing in %j on line %i', (text, line) => {
    expectFailure(text, 'malformed_timing', line);
  });

  it('counts lines in mixed line endings', () => {
    expectFailure(
      'WEBVTT\r\n\r00:00:01.000 --> 00:00:02.000\nA\r\n\n1 --> 2',
      'malformed_timing',
      6,
    );
  });

  it('rejects input over 5 MB, counting UTF-8 bytes', () => {
    expect(MAX_CAPTIONS_BYTES).toBe(5 * 1024 * 1024);
    expectFailure(' '.repeat(MAX_CAPTIONS_BYTES + 1), 'too_large', null);
    // "č" is two bytes: exactly the limit is fine, one more character is not.
    expectFailure('č'.repeat(MAX_CAPTIONS_BYTES / 2), 'no_cues', null);
    expectFailure('č'.repeat(MAX_CAPTIONS_BYTES / 2 + 1), 'too_large', null);
    // Characters outside the BMP are four bytes in two UTF-16 units.
    expectFailure('😀'.repeat(MAX_CAPTIONS_BYTES / 4), 'no_cues', null);
    expectFailure(`${'😀'.repeat(MAX_CAPTIONS_BYTES / 4)}x`, 'too_large', null);
    expectFailure('€'.repeat(Math.floor(MAX_CAPTIONS_BYTES / 3) + 1), 'too_large', null);
  });

  it('rejects more than 50,000 cues at the line of the first one too many', () => {
    expect(MAX_CAPTION_CUES).toBe(50_000);
    const cues = (count: number) =>
      'WEBVTT\n\n' + '00:00:01.000 --> 00:00:02.000\nx\n\n'.repeat(count);
    expect(parseCaptions(cues(MAX_CAPTION_CUES))).toHaveLength(MAX_CAPTION_CUES);
    expectFailure(cues(MAX_CAPTION_CUES + 1), 'too_large', 3 + 3 * MAX_CAPTION_CUES);
  });

  it('stays linear on hostile input near the size limit', () => {
    const started = Date.now();
    const lt = parseCaptions(`WEBVTT\n\n00:01.000 --> 00:02.000\n${'< '.repeat(500_000)}>`);
    expect(lt[0]?.text.length).toBe(1_000_001);
    const italic = parseCaptions(`1\n00:00:01,000 --> 00:00:02,000\n${'<i '.repeat(500_000)}`);
    expect(italic[0]?.text.length).toBe(1_499_999);
    const voices = parseCaptions(
      `WEBVTT\n\n00:01.000 --> 01:00.000\n${'<v A> <v B> '.repeat(50_000)}x`,
    );
    expect(voices).toEqual([seg(1_000, 60_000, 'x', 'B')]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  const trickyLine = fc.constantFrom(
    '',
    ' ',
    'WEBVTT',
    'NOTE',
    'STYLE',
    '1',
    '-->',
    '00:00:01.000 --> 00:00:02.000',
    '00:00:02,000 --> 00:00:01,000',
    '00:00:01.000 --> 00:00:0',
    '00:00:01.000',
    '<v Starosta Novák>Dobrý den.',
    '<v>',
    '<v.loud',
    '</v> & &amp; &#x110000; &#55296;',
    '<c.x><00:00:01.000>náměstí</c>',
    '\uFEFF',
    '\r',
    'Ž',
  );

  it('throws only CaptionsError, or returns valid segments, on any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(trickyLine, { maxLength: 30 }).map((lines) => lines.join('\n')),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        fc.constantFrom(undefined, 'vtt' as const, 'srt' as const),
        (text, format) => {
          try {
            expectValidSegments(parseCaptions(text, format));
          } catch (error) {
            if (!(error instanceof CaptionsError)) throw error;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

// Speaker names and text as parseCaptions returns them: normalized, not blank.
const czechChars = fc.constantFrom(
  ...'aábcčdďeéěfghiíjklmnňoópqrřsštťuúůvwxyýzž AÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ .,?!…-–„“'.split(''),
  '&',
  '<',
  '>',
  ';',
  '-->',
  '&amp;',
  '&lt;',
  '\u00a0',
  '\n',
  '\t',
  '  ',
);
const czechText = fc
  .string({ unit: czechChars, minLength: 1, maxLength: 60 })
  .map(normalized)
  .filter((text) => !blank(text));
const speaker = fc.option(
  fc.constantFrom(
    'Starosta Novák',
    'Radní Dvořáková',
    'Ing. Jan Černý, Ph.D.',
    'Místostarostka Šťastná',
    'Novák & syn <s.r.o.>',
    'v',
  ),
  { nil: null },
);
const segmentsArb = (speakers: fc.Arbitrary<string | null>) =>
  fc
    .array(
      fc.record({
        startMs: fc.integer({ min: 0, max: 10 * 3_600_000 }),
        length: fc.integer({ min: 1, max: 60_000 }),
        text: czechText,
        speaker: speakers,
      }),
      { minLength: 1, maxLength: 20 },
    )
    .map((items) =>
      items
        .map(({ startMs, length, text, speaker }) => seg(startMs, startMs + length, text, speaker))
        .sort((a, b) => a.startMs - b.startMs),
    );

describe('toWebVtt', () => {
  it('writes a WebVTT file with voice tags', () => {
    const segments = [
      seg(1_000, 4_500, 'Dobrý den, vítám vás na zasedání zastupitelstva.', 'Starosta Novák'),
      seg(3_723_456, 3_725_000, 'Bez mluvčího'),
    ];
    expect(toWebVtt(segments)).toBe(
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:04.500',
        '<v Starosta Novák>Dobrý den, vítám vás na zasedání zastupitelstva.</v>',
        '',
        '01:02:03.456 --> 01:02:05.000',
        'Bez mluvčího',
        '',
      ].join('\n'),
    );
    expect(toWebVtt(segments, { speakers: false })).toBe(
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:04.500',
        'Dobrý den, vítám vás na zasedání zastupitelstva.',
        '',
        '01:02:03.456 --> 01:02:05.000',
        'Bez mluvčího',
        '',
      ].join('\n'),
    );
  });

  it('escapes text and names, and never writes an arrow in text', () => {
    const out = toWebVtt([seg(0, 1_000, 'a --> b & <i>c</i>', 'Novák & <syn>')]);
    expect(out).toContain('<v Novák &amp; &lt;syn&gt;>a --&gt; b &amp; &lt;i&gt;c&lt;/i&gt;</v>');
    expect(parseCaptions(out)).toEqual([seg(0, 1_000, 'a --> b & <i>c</i>', 'Novák & <syn>')]);
  });

  it('sorts, normalizes text, skips blank segments and repairs times', () => {
    const out = toWebVtt([
      seg(5_000, 5_000, 'Nulová\n\ndélka'),
      seg(1_000.4, 1_999.6, 'První'),
      seg(2_000, 3_000, ' \n\t '),
      seg(3_000, 4_000, 'Beze jména', '  '),
    ]);
    expect(out).toBe(
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:02.000',
        'První',
        '',
        '00:00:03.000 --> 00:00:04.000',
        'Beze jména',
        '',
        '00:00:05.000 --> 00:00:05.001',
        'Nulová délka',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty file for no segments and rejects bad times', () => {
    expect(toWebVtt([])).toBe('WEBVTT\n');
    expect(() => toWebVtt([seg(-1, 1_000, 'x')])).toThrow(RangeError);
    expect(() => toWebVtt([seg(0, NaN, 'x')])).toThrow(RangeError);
  });

  it('writes valid WebVTT', () => {
    fc.assert(
      fc.property(segmentsArb(speaker), (segments) => {
        const [header, empty, ...blocks] = toWebVtt(segments).split('\n');
        expect([header, empty]).toEqual(['WEBVTT', '']);
        let previousStart = 0;
        for (let k = 0; k < blocks.length - 1; k += 3) {
          const [timing = '', text = '', after] = blocks.slice(k, k + 3);
          const m = /^(\d{2,}:\d{2}:\d{2}\.\d{3}) --> (\d{2,}:\d{2}:\d{2}\.\d{3})$/.exec(timing);
          expect(m).not.toBeNull();
          const start = parseTimestamp(m?.[1] ?? '') ?? -1;
          expect(start).toBeGreaterThanOrEqual(previousStart);
          expect(parseTimestamp(m?.[2] ?? '') ?? -1).toBeGreaterThan(start);
          previousStart = start;
          expect(text).not.toContain('-->');
          expect(text.trim()).not.toBe('');
          expect(after).toBe('');
        }
      }),
    );
  });

  it('round-trips Czech text with voice tags through parseCaptions', () => {
    fc.assert(
      fc.property(segmentsArb(speaker), (segments) => {
        expect(parseCaptions(toWebVtt(segments))).toEqual(segments);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips any text, normalized', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 10 }),
        fc.option(fc.string({ unit: 'binary', maxLength: 20 }), { nil: null }),
        (texts, name) => {
          const segments = texts.map((text, k) => seg(k * 1_000, k * 1_000 + 500, text, name));
          const expected = segments
            .map((s) => ({
              ...s,
              text: normalized(s.text),
              speaker: name === null || blank(normalized(name)) ? null : normalized(name),
            }))
            .filter((s) => !blank(s.text));
          const vttText = toWebVtt(segments);
          if (expected.length === 0) expectFailure(vttText, 'no_cues', null);
          else expect(parseCaptions(vttText)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips the brief example', () => {
    const segments = [
      seg(0, 3_500, 'Dobrý den, vítám vás na zasedání zastupitelstva.', 'Starosta Novák'),
      seg(3_500, 5_000, 'Přítomno je 15 členů & usnášeníschopnost je dána.', 'Starosta Novák'),
      seg(5_000, 6_000, 'Děkuji.', 'Radní Dvořáková'),
    ];
    expect(parseCaptions(toWebVtt(segments))).toEqual(segments);
  });
});

describe('toSrt', () => {
  const segments = [
    seg(1_000, 4_500, 'Dobrý den,\nvítám vás.', 'Starosta Novák'),
    seg(3_723_456, 3_725_000, 'Bez mluvčího'),
  ];

  it('writes numbered SRT cues without speakers', () => {
    expect(toSrt(segments)).toBe(
      [
        '1',
        '00:00:01,000 --> 00:00:04,500',
        'Dobrý den, vítám vás.',
        '',
        '2',
        '01:02:03,456 --> 01:02:05,000',
        'Bez mluvčího',
        '',
      ].join('\n'),
    );
  });

  it('writes speakers as "Name: text" on request', () => {
    expect(toSrt(segments, { speakers: true })).toContain(
      '00:00:01,000 --> 00:00:04,500\nStarosta Novák: Dobrý den, vítám vás.\n',
    );
  });

  it('numbers only written cues and writes nothing for nothing', () => {
    expect(toSrt([seg(0, 1, ' '), seg(2, 3, 'x')])).toBe('1\n00:00:00,002 --> 00:00:00,003\nx\n');
    expect(toSrt([])).toBe('');
  });

  it('round-trips text (speakers are lost: SRT has none)', () => {
    const srtText = fc
      .string({ unit: czechChars, minLength: 1, maxLength: 60 })
      .map((text) => normalized(text.replace(/[<]/g, '')))
      .filter((text) => !blank(text));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(100_000), fc.integer({ min: 1, max: 5_000 }), srtText), {
          minLength: 1,
          maxLength: 20,
        }),
        speaker,
        (items, name) => {
          const segments = items
            .map(([start, length, text]) => seg(start, start + length, text, name))
            .sort((a, b) => a.startMs - b.startMs);
          expect(parseCaptions(toSrt(segments))).toEqual(
            segments.map((s) => ({ ...s, speaker: null })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('toPlainText', () => {
  const segments = [
    seg(1_000, 2_000, 'Zahajuji zasedání.', 'Starosta Novák'),
    seg(0, 1_000, 'Dobrý den.', 'Starosta Novák'),
    seg(65_000, 70_000, 'Děkuji.', 'Radní Dvořáková'),
    seg(3_725_000, 3_726_000, '(potlesk)'),
    seg(3_726_000, 3_727_000, ' '),
    seg(3_727_000, 3_728_000, 'Konec.'),
    seg(3_728_000, 3_729_000, 'Ještě slovo.', 'Starosta Novák'),
  ];

  it('groups consecutive segments of one speaker into paragraphs', () => {
    expect(toPlainText(segments)).toBe(
      [
        'Starosta Novák:',
        'Dobrý den. Zahajuji zasedání.',
        '',
        'Radní Dvořáková:',
        'Děkuji.',
        '',
        '(potlesk) Konec.',
        '',
        'Starosta Novák:',
        'Ještě slovo.',
        '',
      ].join('\n'),
    );
  });

  it('stamps paragraphs with [hh:mm:ss]', () => {
    expect(toPlainText(segments, { timestamps: true })).toBe(
      [
        '[00:00:00] Starosta Novák:',
        'Dobrý den. Zahajuji zasedání.',
        '',
        '[00:01:05] Radní Dvořáková:',
        'Děkuji.',
        '',
        '[01:02:05]',
        '(potlesk) Konec.',
        '',
        '[01:02:08] Starosta Novák:',
        'Ještě slovo.',
        '',
      ].join('\n'),
    );
  });

  it('is empty for no segments', () => {
    expect(toPlainText([])).toBe('');
    expect(toPlainText([seg(0, 1, '\n')], { timestamps: true })).toBe('');
  });
});

describe('splitIntoSentences', () => {
  const texts = (segments: CaptionSegment[]) => segments.map((s) => s.text);
  const one = (text: string) => texts(splitIntoSentences([seg(0, 10_000, text)]));

  it('keeps a single sentence as it is', () => {
    const input = seg(
      1_000,
      4_500,
      'Dobrý den, vítám vás na zasedání zastupitelstva.',
      'Starosta Novák',
    );
    expect(splitIntoSentences([input])).toEqual([input]);
  });

  it('splits a segment and interpolates times by character position', () => {
    // 19 characters over 1.9 s: 100 ms a character.
    expect(splitIntoSentences([seg(0, 1_900, 'Ano. Ne. Možná ano.', 'Novák')])).toEqual([
      seg(0, 400, 'Ano.', 'Novák'),
      seg(500, 800, 'Ne.', 'Novák'),
      seg(900, 1_900, 'Možná ano.', 'Novák'),
    ]);
  });

  it('joins a sentence cut across segments of one speaker', () => {
    const segments = [
      seg(0, 1_200, 'Bod jedna je'),
      seg(2_000, 3_700, 'schválen. Bod dva'),
      seg(3_700, 4_000, 'zní:'),
    ];
    expect(splitIntoSentences(segments)).toEqual([
      seg(0, 2_900, 'Bod jedna je schválen.'),
      seg(3_000, 4_000, 'Bod dva zní:'),
    ]);
  });

  it('does not join segments of different speakers', () => {
    const segments = [
      seg(0, 1_000, 'Navrhuji, abychom', 'Starosta Novák'),
      seg(1_000, 2_000, 'Nesouhlasím! Ne.', 'Radní Dvořáková'),
      seg(2_000, 3_000, 'hlasovali.', 'Starosta Novák'),
    ];
    expect(splitIntoSentences(segments)).toEqual([
      seg(0, 1_000, 'Navrhuji, abychom', 'Starosta Novák'),
      seg(1_000, 1_750, 'Nesouhlasím!', 'Radní Dvořáková'),
      seg(1_813, 2_000, 'Ne.', 'Radní Dvořáková'),
      seg(2_000, 3_000, 'hlasovali.', 'Starosta Novák'),
    ]);
  });

  it.each([
    'Projednáme např. opravu chodníku na ul. Husova a tzv. zelenou linku.',
    'Jde o usnesení č. 15 a nám. Míru, kde bydlí p. Novák.',
    'Slovo má Ing. Novák, Mgr. Dvořáková, MUDr. Černý a Bc. Malá.',
    'Koupíme lavičky, koše atd. a vysadíme stromy.',
    'Vstupné je 50 Kč. za osobu a děti mají vstup zdarma.',
    'Doc. RNDr. Jan Svoboda, CSc. přednesl zprávu.',
    'Schůze se koná 28. října v 18 hodin.',
    'Projednáme 1. bod a pak 2. bod programu.',
    'Lhůta končí 1. 1. 2025 ve 12 hodin.',
    'Ve II. pololetí se opraví škola.',
    'Růst činil 3.5 procenta podle www.mesto.cz a data.gov.cz.',
    'Pomník T. G. Masaryka stojí na náměstí.',
    'No… to nevím.',
    'Tak to je... no, uvidíme.',
    '(např. v Praze) se to osvědčilo.',
    'Firma XY s.r.o. byla vybrána.',
  ])('keeps %j as one sentence', (text) => {
    expect(one(text)).toEqual([text]);
  });

  it.each([
    ['Dobrý den. Vítám vás.', ['Dobrý den.', 'Vítám vás.']],
    ['Souhlasíte? Ano! Skvělé.', ['Souhlasíte?', 'Ano!', 'Skvělé.']],
    ['Opravdu?! Ano.', ['Opravdu?!', 'Ano.']],
    ['Uvidíme… Další bod.', ['Uvidíme…', 'Další bod.']],
    ['Uvidíme... Další bod.', ['Uvidíme...', 'Další bod.']],
    ['Koupíme koše atd. Další bod je rozpočet.', ['Koupíme koše atd.', 'Další bod je rozpočet.']],
    ['Stojí to 50 Kč. Další bod.', ['Stojí to 50 Kč.', 'Další bod.']],
    ['Přišlo jich 15. Pak odešli.', ['Přišlo jich 15.', 'Pak odešli.']],
    ['Řekl: „Souhlasím.“ Pak odešel.', ['Řekl: „Souhlasím.“', 'Pak odešel.']],
    ['(Potlesk.) Děkuji.', ['(Potlesk.)', 'Děkuji.']],
    ['Konec.   ', ['Konec.']],
    ['bez tečky na konci', ['bez tečky na konci']],
    ['. Tečka na začátku.', ['.', 'Tečka na začátku.']],
  ])('splits %j', (text, sentences) => {
    expect(one(text)).toEqual(sentences);
  });

  it('cuts sentences over 300 characters at commas, into balanced pieces', () => {
    const clause = 'zastupitelstvo projednalo návrh rozpočtu';
    const sentence = `${Array.from({ length: 10 }, () => clause).join(', ')}.`;
    expect(sentence.length).toBeGreaterThan(MAX_SENTENCE_CHARS);
    const pieces = splitIntoSentences([seg(0, 60_000, sentence)]);
    expect(texts(pieces).join(' ')).toBe(sentence);
    expect(pieces).toHaveLength(2);
    expect(pieces[0]?.text.endsWith(',')).toBe(true);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(piece.text.length).toBeGreaterThan(150);
    }
    expectValidSegments(pieces);
  });

  it('cuts at spaces when there is no comma, never inside a no-break space', () => {
    const sentence = `${Array.from({ length: 100 }, (_, k) => (k % 2 ? 'v\u00a0Praze' : 'slovo')).join(' ')}.`;
    const pieces = splitIntoSentences([seg(0, 60_000, sentence)]);
    expect(texts(pieces).join(' ')).toBe(sentence);
    expect(pieces.length).toBe(Math.ceil(sentence.length / MAX_SENTENCE_CHARS));
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(piece.text).not.toMatch(/^Praze|v$/);
    }
  });

  it('cuts one huge word hard at the limit, keeping surrogate pairs', () => {
    expect(splitIntoSentences([seg(0, 7_000, 'a'.repeat(700))])).toEqual([
      seg(0, 3_000, 'a'.repeat(300)),
      seg(3_000, 6_000, 'a'.repeat(300)),
      seg(6_000, 7_000, 'a'.repeat(100)),
    ]);
    const emoji = `a${'😀'.repeat(200)}`;
    const pieces = texts(splitIntoSentences([seg(0, 1_000, emoji)]));
    expect(pieces.join('')).toBe(emoji);
    expect(pieces.every((piece) => !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(piece))).toBe(true);
  });

  it('keeps times monotonic for overlapping and zero-length segments', () => {
    const sentences = splitIntoSentences([
      seg(1_000, 5_000, 'První věta. Druhá věta.'),
      seg(2_000, 2_000, 'Třetí. Čtvrtá.'),
    ]);
    expect(texts(sentences)).toEqual(['První věta.', 'Druhá věta.', 'Třetí.', 'Čtvrtá.']);
    expectValidSegments(sentences);
    for (let k = 1; k < sentences.length; k++) {
      expect(sentences[k]?.startMs).toBeGreaterThanOrEqual(sentences[k - 1]?.endMs ?? 0);
    }
  });

  it('sorts its input and ignores blank segments', () => {
    expect(
      splitIntoSentences([
        seg(2_000, 3_000, 'konec.'),
        seg(1_500, 1_600, ' \n '),
        seg(0, 1_000, 'Začátek a'),
      ]),
    ).toEqual([seg(0, 3_000, 'Začátek a konec.')]);
    expect(splitIntoSentences([])).toEqual([]);
    expect(splitIntoSentences([seg(0, 1_000, '\t')])).toEqual([]);
  });

  it('handles a stream of 200,000 sentences', () => {
    const sentences = splitIntoSentences([seg(0, 10_000_000, 'Ano. '.repeat(200_000))]);
    expect(sentences).toHaveLength(200_000);
    expect(sentences[199_999]).toEqual(seg(9_999_960, 10_000_000, 'Ano.'));
  });

  const words = fc.constantFrom(
    'zastupitelstvo',
    'schválilo',
    'rozpočet',
    'náměstí.',
    'např.',
    'Ing.',
    'č.',
    '1.',
    '28.',
    'října',
    'Kč.',
    'atd.',
    'Ano?',
    'Ne!',
    'no…',
    '...',
    '3.5',
    '„Souhlasím.“',
    'Další',
    'bod,',
    'a'.repeat(120),
  );
  const sentenceInput = fc
    .array(
      fc.record({
        gap: fc.nat(2_000),
        length: fc.integer({ min: 5_000, max: 20_000 }),
        words: fc.array(words, { minLength: 1, maxLength: 40 }),
        speaker: fc.constantFrom(null, 'Starosta Novák', 'Radní Dvořáková'),
      }),
      { maxLength: 15 },
    )
    .map((items) => {
      let t = 0;
      return items.map(({ gap, length, words, speaker }) => {
        const s = seg(t + gap, t + gap + length, words.join(' '), speaker);
        t += gap + length;
        return s;
      });
    });

  it('keeps every word, in order, in short sentences with monotonic times', () => {
    fc.assert(
      fc.property(sentenceInput, (segments) => {
        const sentences = splitIntoSentences(segments);
        expectValidSegments(sentences);
        expect(
          sentences
            .map((s) => s.text)
            .join('')
            .replace(/\s/g, ''),
        ).toBe(
          segments
            .map((s) => s.text)
            .join('')
            .replace(/\s/g, ''),
        );
        const first = segments[0];
        const last = segments[segments.length - 1];
        for (const s of sentences) {
          expect(s.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
          expect(s.text).toBe(s.text.trim());
          expect(s.startMs).toBeGreaterThanOrEqual(first?.startMs ?? 0);
          expect(s.endMs).toBeLessThanOrEqual(last?.endMs ?? 0);
        }
        // Within one speaker's run, sentences follow each other without overlap.
        for (let k = 1; k < sentences.length; k++) {
          const [a, b] = [sentences[k - 1], sentences[k]];
          if (a?.speaker === b?.speaker) expect(b?.startMs).toBeGreaterThanOrEqual(a?.endMs ?? 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splits parsed captions end to end', () => {
    const text = vtt(
      '00:00:00.000 --> 00:00:04.000',
      '<v Starosta Novák>Dobrý den. Zahajuji zasedání č. 5 a',
      '',
      '00:00:04.000 --> 00:00:06.000',
      '<v Starosta Novák>vítám hosty.',
    );
    expect(texts(splitIntoSentences(parseCaptions(text)))).toEqual([
      'Dobrý den.',
      'Zahajuji zasedání č. 5 a vítám hosty.',
    ]);
  });
});
