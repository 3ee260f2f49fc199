// The Czech search of domain/czech-search.ts on real databases: documents stored as
// searchDocument() and indexed as to_tsvector('simple', …), queries from searchQuery() through
// to_tsquery('simple', …). Run on PostgreSQL and on PGlite, which must give the same rows, the
// same ranks, and agree with the app's own matcher (searchMatches).
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  searchDocument,
  searchMatches,
  searchQuery,
  searchTokens,
} from '../src/domain/czech-search.ts';
import { SEARCH_CORPUS, SEARCH_TABLE } from './support/czech-search-corpus.ts';

const DOCS = SEARCH_CORPUS;
const TABLE = SEARCH_TABLE;

interface Engine {
  name: string;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function postgres(): Promise<Engine> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  return {
    name: 'PostgreSQL',
    query: async <T>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}

async function pglite(): Promise<Engine> {
  const db = await PGlite.create();
  return {
    name: 'PGlite',
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    close: () => db.close(),
  };
}

const SCHEMA = [
  `CREATE TEMPORARY TABLE search_doc (
     id integer PRIMARY KEY,
     body text NOT NULL,
     normalized text NOT NULL,
     tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', normalized)) STORED
   )`,
  'CREATE INDEX search_doc_tsv ON search_doc USING gin (tsv)',
];

const SEARCH_SQL = `SELECT id, ts_rank(tsv, query) AS rank
  FROM search_doc, to_tsquery('simple', $1) AS query
  WHERE tsv @@ query
  ORDER BY rank DESC, id`;

interface Hit {
  id: number;
  rank: number;
}

async function search(engine: Engine, input: string): Promise<Hit[]> {
  const query = searchQuery(input);
  if (query === null) return [];
  const rows = await engine.query<{ id: number; rank: number | string }>(SEARCH_SQL, [query]);
  return rows.map((row) => ({ id: row.id, rank: Number(row.rank) }));
}

const ids = (hits: Hit[]) => hits.map((hit) => hit.id).sort((a, b) => a - b);

const engines: Engine[] = [];

async function load(engine: Engine): Promise<Engine> {
  for (const sql of SCHEMA) await engine.query(sql);
  for (const [i, body] of DOCS.entries()) {
    await engine.query('INSERT INTO search_doc (id, body, normalized) VALUES ($1, $2, $3)', [
      i + 1,
      body,
      searchDocument(body),
    ]);
  }
  return engine;
}

// PGlite's start (initdb in WebAssembly) is most of this file's time; PostgreSQL loads meanwhile.
beforeAll(async () => {
  engines.push(...(await Promise.all([postgres().then(load), pglite().then(load)])));
});

afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
});

describe.each(['PostgreSQL', 'PGlite'])('Czech search on %s', (name) => {
  const engine = () => engines.find((candidate) => candidate.name === name)!;

  it.each(TABLE)('%j → %j', async (input, expected) => {
    const hits = await search(engine(), input);
    expect(ids(hits)).toStrictEqual(expected);
    for (const hit of hits) expect(hit.rank).toBeGreaterThan(0);
    // the app's matcher agrees with the database
    const inApp = DOCS.flatMap((doc, i) => (searchMatches(doc, input) ? [i + 1] : []));
    expect(inApp).toStrictEqual(expected);
  });

  it('stores exactly the app tokens as lexemes, one position each', async () => {
    for (const doc of DOCS) {
      const rows = await engine().query<{ lexeme: string; positions: number[] }>(
        "SELECT lexeme, positions FROM unnest(to_tsvector('simple', $1))",
        [searchDocument(doc)],
      );
      const tokens = searchTokens(doc);
      const fromDb = rows.flatMap((row) => row.positions.map((at) => [at, row.lexeme] as const));
      const sorted = fromDb.sort((a, b) => a[0] - b[0]).map(([, lexeme]) => lexeme);
      expect(sorted).toStrictEqual(tokens);
    }
  });

  it('ranks a document with the word twice above one with it once', async () => {
    const [row] = await engine().query<{ once: number; twice: number }>(
      `SELECT ts_rank(to_tsvector('simple', $1), to_tsquery('simple', $3)) AS once,
              ts_rank(to_tsvector('simple', $2), to_tsquery('simple', $3)) AS twice`,
      [
        searchDocument('Oprava chodníku.'),
        searchDocument('Oprava chodníku a oprava silnice.'),
        searchQuery('opravy'),
      ],
    );
    expect(Number(row?.twice)).toBeGreaterThan(Number(row?.once));
  });

  it('any input gives a valid tsquery that finds what the app matcher finds', async () => {
    const word = fc.constantFrom(
      ...'zastupitelstvo rozpočtu nádraží parko most Husově "u -a 12 1e5x a:* & | ! ( ) <-> \' \\'.split(
        ' ',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(word, { maxLength: 5 }).map((words) => words.join(' ')),
          fc.fullUnicodeString({ maxLength: 30 }),
        ),
        async (input) => {
          const inApp = DOCS.flatMap((doc, i) => (searchMatches(doc, input) ? [i + 1] : []));
          expect(ids(await search(engine(), input))).toStrictEqual(inApp);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any text is stored as its app tokens (the parser does not split them)', async () => {
    const text = fc.stringOf(fc.constantFrom(...'ae1e5x zčřů.-Z0 E'.split('')), { maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(text, async (body) => {
        const [row] = await engine().query<{ words: string[] | null }>(
          `SELECT array_agg(lexeme ORDER BY position) AS words
             FROM unnest(to_tsvector('simple', $1)) AS t(lexeme, positions, weights),
                  unnest(positions) AS position`,
          [searchDocument(body)],
        );
        expect(row?.words ?? []).toStrictEqual(searchTokens(body));
      }),
      { numRuns: 150 },
    );
  });
});

describe('PostgreSQL and PGlite', () => {
  it('give the same rows in the same order with the same ranks', async () => {
    const [server, embedded] = engines as [Engine, Engine];
    for (const [input] of TABLE) {
      const a = await search(server, input);
      const b = await search(embedded, input);
      expect(
        b.map((hit) => hit.id),
        input,
      ).toStrictEqual(a.map((hit) => hit.id));
      for (const [i, hit] of a.entries()) expect(b[i]?.rank).toBeCloseTo(hit.rank, 6);
    }
  });
});
