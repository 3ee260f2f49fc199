// The search benchmark's fixed query mix and what is timed on each database: the app's
// searchArchive() itself, the baselines (the same engine's simplest lookups on the same table,
// through the same Prisma client), the unindexed comparisons, and the correctness checks.
import type { Prisma } from '../src/db/database.ts';
import { searchMatches } from '../src/domain/czech-search.ts';
import { reindexSession } from '../src/features/archive/indexer.ts';
import { searchArchive } from '../src/features/archive/search.ts';
import type { SearchQuery } from '../src/protocol/archive.ts';
import type { SessionWindow } from './search-db.ts';

export const QUERY_CLASSES = [
  'common word',
  'rare word',
  'inflected form',
  'unaccented',
  'multi-word',
  'phrase',
  'prefix (typing)',
  'negation',
  'filtered',
  'deep page',
  'no hit',
] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export interface MixQuery {
  label: string;
  cls: QueryClass;
  query: SearchQuery;
}

const q = (cls: QueryClass, text: string, extra: Partial<SearchQuery> = {}, label?: string) => ({
  label: label ?? text,
  cls,
  query: { q: text, ...extra },
});

/** As typed in the search box; the app treats the last word as a prefix unless quoted/ended. */
export const QUERY_MIX: readonly MixQuery[] = [
  q('common word', 'rozpočet'),
  q('common word', 'zastupitelstvo'),
  q('common word', 'náměstí'),
  q('common word', 'hlasování'),
  q('rare word', 'skatepark'),
  q('rare word', 'vodojem'),
  q('rare word', 'hvězdárna'),
  q('rare word', 'sladovna'),
  q('inflected form', 'zastupitelstvu'),
  q('inflected form', 'rozpočtu'),
  q('inflected form', 'školce'),
  q('inflected form', 'parkovišti'),
  q('unaccented', 'nadrazi'),
  q('unaccented', 'namesti'),
  q('unaccented', 'skolka'),
  q('unaccented', 'rozpoctove opatreni'),
  q('multi-word', 'parkování u nádraží'),
  q('multi-word', 'oprava chodníku Husova'),
  q('multi-word', 'rekonstrukce školy Palackého'),
  q('multi-word', 'dotace sportovní kluby'),
  q('phrase', '"Masarykovo náměstí"'),
  q('phrase', '"parkování u nádraží"'),
  q('phrase', '"rada města schválila"'),
  q('prefix (typing)', 'parko'),
  q('prefix (typing)', 'rekonstr'),
  q('prefix (typing)', 'př'),
  q('negation', 'parkování -nádraží'),
  q('negation', 'rozpočet -"rozpočtové opatření"'),
  q('filtered', 'rozpočet', { kind: 'sentence' }, 'rozpočet, kind=sentence'),
  q('filtered', 'rozpočet', { kind: 'agenda' }, 'rozpočet, kind=agenda'),
  q('filtered', 'nádraží', { from: '2020-01-01', to: '2020-12-31' }, 'nádraží, 2020'),
  q(
    'filtered',
    'parkování',
    { sessionKind: 'hearing', from: '2022-01-01', to: '2022-12-31' },
    'parkování, hearing, 2022',
  ),
  q('deep page', 'rozpočet', { page: 10 }, 'rozpočet, page 10'),
  q('no hit', 'xylofon'),
  q('no hit', 'kvantový počítač'),
];

/** Queries whose hit count is checked against the app's own matcher on a window of sessions. */
export const WINDOW_CHECKS = [
  'rozpočet',
  'zastupitelstvu',
  'nadrazi',
  'parkování u nádraží',
  '"Masarykovo náměstí"',
  'parko',
  'parkování -nádraží',
  'skatepark',
];

export interface Timed<T> {
  ms: number;
  result: T;
}

export async function timed<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

export interface QueryFigures {
  mix: MixQuery;
  samples: number[];
  total: number;
  /** Session id + seconds of each hit of the first run, to compare engines. */
  firstPage: string;
}

export interface BaselineFigures {
  select1: number[];
  row: number[];
  page: number[];
}

function pageKey(hits: { sessionId: string; seconds: number | null; kind: string }[]): string {
  return hits.map((h) => `${h.kind}:${h.sessionId}:${h.seconds ?? ''}`).join(',');
}

/** The simplest things the engine does on this table, through the same Prisma client. */
export function baselines(prisma: Prisma, sessionIds: string[], sourceIds: string[]) {
  let i = 0;
  return {
    select1: () => prisma.$queryRaw`SELECT 1`,
    /** One row by the unique (kind, source_id) B-tree. */
    row: () => {
      const id = sourceIds[i++ % sourceIds.length]!;
      return prisma.$queryRaw`
        SELECT id, session_id, start_ms, speaker, text FROM search_documents
        WHERE kind = 'sentence'::search_kind AND source_id = ${id}::uuid`;
    },
    /** A session's first 20 rows: the session_id B-tree, then a top-20 sort of ~1,400 rows. */
    page: () => {
      const id = sessionIds[i++ % sessionIds.length]!;
      return prisma.$queryRaw`
        SELECT id, kind, start_ms, speaker, text FROM search_documents
        WHERE session_id = ${id}::uuid ORDER BY start_ms LIMIT 20`;
    },
  };
}

/**
 * Warm-up (every query once, and the baselines), then `reps` rounds of the whole mix; before
 * each search, one sample of each baseline, so both see the same conditions.
 */
export async function runMix(
  prisma: Prisma,
  reps: number,
  base: ReturnType<typeof baselines>,
  progress: (round: number) => void,
): Promise<{ queries: QueryFigures[]; baseline: BaselineFigures; warmupMs: number }> {
  const queries: QueryFigures[] = [];
  const warmup = await timed(async () => {
    for (const mix of QUERY_MIX) {
      const { result } = await timed(() => searchArchive(prisma, mix.query));
      queries.push({ mix, samples: [], total: result.total, firstPage: pageKey(result.hits) });
    }
    for (let k = 0; k < 20; k++) {
      await base.select1();
      await base.row();
      await base.page();
    }
  });
  const baseline: BaselineFigures = { select1: [], row: [], page: [] };
  for (let round = 0; round < reps; round++) {
    for (const figures of queries) {
      baseline.select1.push((await timed(base.select1)).ms);
      baseline.row.push((await timed(base.row)).ms);
      baseline.page.push((await timed(base.page)).ms);
      const { ms, result } = await timed(() => searchArchive(prisma, figures.mix.query));
      figures.samples.push(ms);
      if (result.total !== figures.total) {
        throw new Error(`${figures.mix.label}: ${result.total} hits, before ${figures.total}`);
      }
    }
    progress(round + 1);
  }
  return { queries, baseline, warmupMs: warmup.ms };
}

export interface UnindexedFigures {
  label: string;
  samples: number[];
  total: number;
  /** A cut-off (statement_timeout) ended it. */
  timedOut: boolean;
}

/** `fn` in a transaction with `settings` (SET LOCAL …) applied first. */
function withSettings<T>(prisma: Prisma, settings: string[], fn: (tx: Prisma) => Promise<T>) {
  return prisma.$transaction(
    async (tx) => {
      for (const setting of settings) await tx.$executeRawUnsafe(setting);
      // searchArchive only uses $queryRaw, which the transaction client has.
      return fn(tx as unknown as Prisma);
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
}

interface Unindexed {
  label: string;
  settings: string[];
  run: (tx: Prisma) => Promise<number>;
}

/** The naive LIKE search, shaped like the app's query (join, total, newest first, 20 rows). */
function ilike(pattern: string): Unindexed {
  return {
    label: `text ILIKE '${pattern}' (seq scan)`,
    settings: [],
    async run(tx) {
      const rows = await tx.$queryRaw<{ total: bigint }[]>`
        SELECT d.kind, d.session_id, d.start_ms, d.speaker, d.text, s.title,
               count(*) OVER () AS total
        FROM search_documents d JOIN sessions s ON s.id = d.session_id
        WHERE d.text ILIKE ${pattern}
        ORDER BY d.session_date DESC, d.start_ms ASC NULLS FIRST
        LIMIT 20`;
      return Number(rows[0]?.total ?? 0);
    },
  };
}

/** The app's own search with the GIN index out of the planner's reach (no bitmap scans). */
function withoutGin(text: string): Unindexed {
  return {
    label: `searchArchive("${text}"), GIN off`,
    settings: ['SET LOCAL enable_bitmapscan = off'],
    run: async (tx) => (await searchArchive(tx, { q: text })).total,
  };
}

export const UNINDEXED: readonly Unindexed[] = [
  ilike('%nadrazi%'),
  ilike('%nádraží%'),
  withoutGin('nadrazi'),
  withoutGin('rozpočet'),
];

export async function runUnindexed(
  prisma: Prisma,
  reps: number,
  timeoutMs: number | null,
): Promise<UnindexedFigures[]> {
  const figures: UnindexedFigures[] = [];
  for (const { label, settings, run } of UNINDEXED) {
    const all =
      timeoutMs === null ? settings : [...settings, `SET LOCAL statement_timeout = ${timeoutMs}`];
    const samples: number[] = [];
    let total = 0;
    let timedOut = false;
    for (let rep = 0; rep < reps && !timedOut; rep++) {
      const started = performance.now();
      try {
        total = await withSettings(prisma, all, run);
      } catch (err) {
        if (!/statement timeout|canceling statement/i.test(String(err))) throw err;
        timedOut = true;
      }
      samples.push(performance.now() - started);
    }
    figures.push({ label, samples, total, timedOut });
  }
  return figures;
}

export interface WindowCheck {
  query: string;
  database: number;
  app: number;
}

/**
 * For a window of sessions (a date range with nothing else in it): the app's search total with
 * that date filter, against the app's own in-memory matcher (searchMatches) over the same texts.
 */
export async function checkWindow(prisma: Prisma, window: SessionWindow): Promise<WindowCheck[]> {
  const texts = window.sessions.flatMap((s) => [
    `${s.title}. ${s.description}`,
    ...s.agenda.map((item) => `${item.title}. ${item.description}`),
    ...s.sentences.map((sentence) => sentence.text),
  ]);
  const checks: WindowCheck[] = [];
  for (const query of WINDOW_CHECKS) {
    const result = await searchArchive(prisma, { q: query, from: window.from, to: window.to });
    const app = texts.filter((text) => searchMatches(text, query)).length;
    checks.push({ query, database: result.total, app });
  }
  return checks;
}

export interface ReindexFigures {
  rows: number;
  /** The first call (Prisma's first queries of their kind on this client included) and a second. */
  coldMs: number;
  ms: number;
  identical: boolean;
  difference?: string;
}

interface DocumentRow {
  kind: string;
  source_id: string;
  start_ms: number | null;
  speaker: string | null;
  text: string;
  search_text: string;
  session_kind: string;
  session_date: Date;
}

/**
 * The app's own indexer on one session (its agenda and transcript were loaded with it), twice:
 * its time with the GIN index live, and whether it writes exactly the rows the bulk load wrote.
 */
export async function checkReindex(prisma: Prisma, sessionId: string): Promise<ReindexFigures> {
  const read = () => prisma.$queryRaw<DocumentRow[]>`
    SELECT kind::text AS kind, source_id::text AS source_id, start_ms, speaker, text, search_text,
           session_kind::text AS session_kind, session_date
    FROM search_documents WHERE session_id = ${sessionId}::uuid
    ORDER BY kind, source_id`;
  const show = (row: DocumentRow | undefined) => JSON.stringify(row);
  const before = await read();
  const cold = await timed(() => reindexSession(prisma, sessionId));
  const after = await read();
  const { ms, result: rows } = await timed(() => reindexSession(prisma, sessionId));
  let difference: string | undefined;
  if (before.length !== after.length) {
    difference = `${before.length} rows bulk-loaded, ${after.length} written by the indexer`;
  } else {
    const at = before.findIndex((row, i) => show(row) !== show(after[i]));
    if (at >= 0) difference = `bulk: ${show(before[at])}\nindexer: ${show(after[at])}`;
  }
  if (rows !== cold.result) difference ??= `indexed ${cold.result} rows, then ${rows}`;
  return { rows, coldMs: cold.ms, ms, identical: difference === undefined, difference };
}
