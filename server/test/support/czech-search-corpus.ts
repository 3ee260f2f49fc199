// The Czech search's corpus and its table of query → documents found (1-based), as typed (the
// last word also as a prefix). The app's matcher (server/src/domain/czech-search.test.ts) and both
// databases (server/test/czech-search-sql.test.ts) must give exactly these; documents 1–4 are the
// ones from the notes on transcripts and search.
export const SEARCH_CORPUS = [
  'Zastupitelstvo města schválilo rozpočet na opravu náměstí.',
  'Program zasedání zastupitelstva byl schválen.',
  'Návrh předložený zastupitelstvu obsahoval chyby.',
  'Diskuse o parkování u nádraží.',
  'Město opraví chodník v Palackého ulici.',
  'Oprava chodníku v Husově ulici začne v květnu.',
  'Nové parkoviště u základní školy.',
  'Ve školce chybí místa pro děti.',
  'Mostecká ulice bude uzavřena.',
  'Rekonstrukce mostu přes Labe.',
  'Zastupitelé hlasovali o usnesení k rozpočtovému opatření.',
  'Jednání v Praze bylo odloženo.',
  'Je to opravdu nutné?',
  'Autobus č. 12 jezdí na sídliště Frýdek-Místek.',
];

export const SEARCH_TABLE: ReadonlyArray<[query: string, found: number[]]> = [
  // the required ones, on the whole corpus ("rozpočtovému" shares the stem of "rozpočet")
  ['zastupitelstvo', [1, 2, 3]],
  ['zastupitelstva', [1, 2, 3]],
  ['namesti', [1]],
  ['rozpoctu', [1, 11]],
  ['nadrazi', [4]],
  ['zasedani zastupitelstvo', [2]],
  // case and diacritics do not matter
  ['ZASTUPITELSTVO', [1, 2, 3]],
  ['Zastupitelstvo NÁMĚSTÍ', [1]],
  ['náměstí', [1]],
  ['nádražím', [4]],
  // declined nouns, the mobile e, k/c and h/z
  ['rozpočet', [1, 11]],
  ['rozpočtem', [1, 11]],
  ['zastupitelstvem', [1, 2, 3]],
  ['školka', [8]],
  ['školce', [8]],
  ['školek', [8]],
  ['skolky', [8]],
  ['parkoviště', [7]],
  ['parkovišti', [7]],
  ['Praha', [12]],
  ['v Praze', [12]],
  ['květen', [6]],
  ['programu', [2]],
  // verb forms and verbal nouns
  ['opravit', [1, 5, 6]],
  ['opraví', [1, 5, 6]],
  ['opravili', [1, 5, 6]],
  ['oprava', [1, 5, 6]],
  ['schválený', [1, 2]],
  ['schvalit', [1, 2]],
  ['hlasování', [11]],
  ['hlasovat', [11]],
  ['parkovat', [4]],
  // street names: the adjective, the possessive, with and without "ulice"
  ['Palackého', [5]],
  ['Palackeho', [5]],
  ['Palackého ulice', [5]],
  ['ulice Palackého', [5]],
  ['v palackeho ulici', [5]],
  ['ulice Husova', [6]],
  ['Husově ulici', [6]],
  ['Husův', [6]],
  // as you type: the last word is a beginning too
  ['parko', [4, 7]],
  ['zastup', [1, 2, 3, 11]],
  ['zastupitel', [1, 2, 3, 11]], // on the way to "zastupitelstvo"
  ['Husov', [6]],
  ['nádraž', [4]],
  ['most', [9, 10]], // may become "mostecká"
  // numbers and compound names
  ['12', [14]],
  ['autobus 12', [14]],
  ['Frýdek-Místek', [14]],
  ['frydek mistek', [14]],
  ['"Frýdek Místek"', [14]],
  // phrases: words in a row, function words between them do not count
  ['"zasedání zastupitelstva"', [2]],
  ['"zastupitelstva zasedání"', []],
  ['"parkování u nádraží"', [4]],
  ['"parkování nádraží"', [4]],
  // exclusion
  ['rozpočet -zastupitelstvo', [11]],
  ['zastupitelstvo -"zasedání zastupitelstva"', [1, 3]],
  ['ulice -Palackého -Husova', [9]],
  // precision: these must not match
  ['nádraží náměstí', []], // all words are required
  ['zastupitele', [11]], // the councillors, not the council
  ['mostecký ', [9]], // finished word: not "most"
  ['most ', [10]], // finished word: the bridge, not "Mostecká"
  ['oprava ', [1, 5, 6]], // not "opravdu"
  ['opravdu', [13]], // not "oprava"
  ['skola ', [7]], // "škola" is not "školka"
  ['parkování ', [4]], // parking is not a car park ("parkoviště")
  ['chodník Palackého Husova', []],
  ['pes', []],
];
