// Search over the archive: one query over the search index, ranked by relevance (titles and
// agenda items weigh more than a sentence), then by how recent the session is. The Czech
// normalization of both sides is the app's (domain/czech-search.ts), so PGlite and any
// PostgreSQL give the same hits.
import type { Prisma } from '../../db/database.ts';
import { searchQuery, snippet } from '../../domain/czech-search.ts';
import { Prisma as Sql } from '../../generated/prisma/client.ts';
import type { SearchHitDto, SearchQuery, SearchResultsDto } from '../../protocol/archive.ts';

export const SEARCH_PAGE_SIZE = 20;
const SNIPPET_CHARS = 180;

interface HitRow {
  kind: SearchHitDto['kind'];
  session_id: string;
  start_ms: number | null;
  speaker: string | null;
  text: string;
  session_kind: SearchHitDto['sessionKind'];
  session_date: Date;
  title: string;
  total: bigint;
}

export async function searchArchive(prisma: Prisma, query: SearchQuery): Promise<SearchResultsDto> {
  const page = query.page ?? 1;
  const empty = { query: query.q, hits: [], total: 0, page, pageSize: SEARCH_PAGE_SIZE };
  const tsquery = searchQuery(query.q);
  if (tsquery === null) return empty;

  const filters = [
    query.kind ? Sql.sql`AND d.kind = ${query.kind}::search_kind` : Sql.empty,
    query.sessionKind
      ? Sql.sql`AND d.session_kind = ${query.sessionKind}::session_kind`
      : Sql.empty,
    query.from ? Sql.sql`AND d.session_date >= ${query.from}::date` : Sql.empty,
    query.to ? Sql.sql`AND d.session_date < ${query.to}::date + 1` : Sql.empty,
  ];
  // Ranks and sorts narrow rows (no text) and fetches the text for one page only: a common
  // word matches tens of thousands of sentences, and sorting them with their text spills.
  const rows = await prisma.$queryRaw<HitRow[]>`
    WITH q AS (SELECT to_tsquery('simple', ${tsquery}) AS query),
    hits AS (
      SELECT d.id, d.session_date, d.start_ms,
             ts_rank(d.search_vector, q.query, 1)
               * CASE d.kind WHEN 'session' THEN 2 WHEN 'agenda' THEN 1.5 ELSE 1 END AS score
      FROM search_documents d CROSS JOIN q
      WHERE d.search_vector @@ q.query ${Sql.join(filters, ' ')}
    ),
    page AS (
      SELECT id, score, session_date, start_ms, count(*) OVER () AS total
      FROM hits
      ORDER BY score DESC, session_date DESC, start_ms ASC NULLS FIRST
      LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${(page - 1) * SEARCH_PAGE_SIZE}
    )
    SELECT d.kind, d.session_id, d.start_ms, d.speaker, d.text, d.session_kind, d.session_date,
           s.title, page.total
    FROM page
    JOIN search_documents d ON d.id = page.id
    JOIN sessions s ON s.id = d.session_id
    ORDER BY page.score DESC, page.session_date DESC, page.start_ms ASC NULLS FIRST`;

  return {
    ...empty,
    total: Number(rows[0]?.total ?? 0),
    hits: rows.map((row) => ({
      kind: row.kind,
      sessionId: row.session_id,
      sessionTitle: row.title,
      sessionKind: row.session_kind,
      sessionDate: row.session_date.toISOString(),
      seconds: row.start_ms === null ? null : Math.floor(row.start_ms / 1000),
      speaker: row.speaker,
      snippet: snippet(row.text, query.q, SNIPPET_CHARS),
    })),
  };
}
