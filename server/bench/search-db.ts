// The search benchmark's bulk load. Each run gets a throwaway database (bench-db.ts), then
// loaded past the app with COPY: sessions (status 'ended'), agenda items, and search_documents
// rows exactly as the app's indexer (features/archive/indexer.ts) writes them — text trimmed,
// search_text = searchDocument(text), the session's kind and start — without the GIN index,
// which is then built with the definition the migration gave it.
import { searchDocument } from '../src/domain/czech-search.ts';
import type { RawDb } from './bench-db.ts';
import { archiveShape, generateArchive, uuid7, type CorpusSession } from './czech-corpus.ts';
import { seededRandom } from './stats.ts';

export const GIN_INDEX = 'search_documents_search_idx';

// ---- the archive as COPY text --------------------------------------------------------------------

/** A value in COPY's text format. */
function field(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

const line = (values: (string | number | null)[]) => values.map(field).join('\t') + '\n';

const ROWS_PER_CHUNK = 20_000;

/** Lines gathered into COPY chunks of ROWS_PER_CHUNK rows. */
class Chunks {
  readonly chunks: string[] = [];
  rows = 0;
  #current: string[] = [];

  add(text: string) {
    this.#current.push(text);
    this.rows++;
    if (this.#current.length >= ROWS_PER_CHUNK) this.flush();
  }

  flush() {
    if (this.#current.length > 0) this.chunks.push(this.#current.join(''));
    this.#current = [];
  }
}

export const SESSION_COLUMNS = [
  'id',
  'kind',
  'title',
  'description',
  'status',
  'scheduled_start',
  'scheduled_end',
  'started_at',
  'ended_at',
  'updated_at',
] as const;
export const AGENDA_COLUMNS = ['id', 'session_id', 'position', 'title', 'description'] as const;
export const DOCUMENT_COLUMNS = [
  'id',
  'session_id',
  'kind',
  'source_id',
  'start_ms',
  'speaker',
  'text',
  'search_text',
  'session_kind',
  'session_date',
] as const;
export const TRANSCRIPT_COLUMNS = ['id', 'session_id', 'source', 'status', 'updated_at'] as const;
export const SEGMENT_COLUMNS = [
  'id',
  'transcript_id',
  'position',
  'start_ms',
  'end_ms',
  'text',
  'speaker_name',
  'updated_at',
] as const;

/** A slice of consecutive sessions (distinct days), kept whole for the in-app cross-check. */
export interface SessionWindow {
  from: string;
  to: string;
  sessions: CorpusSession[];
}

export interface PreparedArchive {
  hours: number;
  seed: number;
  sessions: Chunks;
  agenda: Chunks;
  documents: Chunks;
  /** Transcript and segments of `reindexed` only: the app's indexer re-indexes it from them. */
  transcript: Chunks;
  segments: Chunks;
  reindexed: { id: string; sentences: number };
  window: SessionWindow | null;
  sentences: number;
  kinds: Record<string, number>;
  firstDay: string;
  lastDay: string;
  /** Characters of text indexed, and of search_text. */
  textChars: number;
  searchChars: number;
  /** Distinct search tokens (stems) in the archive. */
  vocabulary: number;
  generateMs: number;
  normalizeMs: number;
  /** For the B-tree baselines: some session ids and some sentence source ids. */
  sampleSessionIds: string[];
  sampleSourceIds: string[];
}

const WINDOW_SESSIONS = 12;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Generates the archive and turns it into COPY chunks, timing the text generation and the app's
 * normalization (searchDocument) apart.
 */
export function prepareArchive(hours: number, seed: number): PreparedArchive {
  const sessions = new Chunks();
  const agenda = new Chunks();
  const documents = new Chunks();
  const transcript = new Chunks();
  const segments = new Chunks();
  const idRandom = seededRandom(seed + 1_000_003);
  let idStamp = Date.UTC(2025, 6, 1);
  const kinds: Record<string, number> = {};
  const vocabulary = new Set<string>();
  const sampleSessionIds: string[] = [];
  const sampleSourceIds: string[] = [];
  let sentences = 0;
  let textChars = 0;
  let searchChars = 0;
  let normalizeMs = 0;
  let generateMs = 0;
  let firstDay = '';
  let lastDay = '';
  const loaded = new Date().toISOString();

  const generator = generateArchive(hours, seed);
  // A window of sessions on distinct days (not so past ~7,000 hours: more sessions than days).
  const window: CorpusSession[] = [];
  let reindexed = { id: '', sentences: 0 };
  for (;;) {
    const started = performance.now();
    const next = generator.next();
    generateMs += performance.now() - started;
    if (next.done) break;
    const session = next.value;
    const date = session.start.toISOString();
    firstDay ||= day(session.start);
    lastDay = day(session.start);
    kinds[session.kind] = (kinds[session.kind] ?? 0) + 1;
    sessions.add(
      line([
        session.id,
        session.kind,
        session.title,
        session.description,
        'ended',
        date,
        session.end.toISOString(),
        date,
        session.end.toISOString(),
        loaded,
      ]),
    );
    session.agenda.forEach((item, position) =>
      agenda.add(line([item.id, session.id, position, item.title, item.description])),
    );
    // As reindexSession() builds its entries: the session, its agenda items, its sentences.
    const entries: {
      kind: string;
      sourceId: string;
      text: string;
      startMs: number | null;
      speaker: string | null;
    }[] = [
      {
        kind: 'session',
        sourceId: session.id,
        text: `${session.title}. ${session.description}`,
        startMs: null,
        speaker: null,
      },
      ...session.agenda.map((item) => ({
        kind: 'agenda',
        sourceId: item.id,
        text: `${item.title}. ${item.description}`,
        startMs: null,
        speaker: null,
      })),
      ...session.sentences.map((s) => ({
        kind: 'sentence',
        sourceId: s.id,
        text: s.text,
        startMs: s.startMs,
        speaker: s.speaker,
      })),
    ];
    for (const entry of entries) {
      const t0 = performance.now();
      const searchText = searchDocument(entry.text);
      normalizeMs += performance.now() - t0;
      textChars += entry.text.length;
      searchChars += searchText.length;
      for (const token of searchText.split(' ')) if (token) vocabulary.add(token);
      documents.add(
        line([
          uuid7(idStamp++, idRandom),
          session.id,
          entry.kind,
          entry.sourceId,
          entry.startMs,
          entry.speaker,
          entry.text.trim(),
          searchText,
          session.kind,
          date,
        ]),
      );
    }
    sentences += session.sentences.length;
    if (session.index % 10 === 0) sampleSessionIds.push(session.id);
    for (let i = 0; i < session.sentences.length; i += 97) {
      if (sampleSourceIds.length < 2_000) sampleSourceIds.push(session.sentences[i]!.id);
    }
    // The window: from the middle of the archive on.
    const middle = Math.floor(archiveShape(hours).sessions / 2);
    if (session.index >= middle && window.length < WINDOW_SESSIONS) window.push(session);
    if (session.index === middle) {
      reindexed = { id: session.id, sentences: session.sentences.length };
      const transcriptId = uuid7(idStamp++, idRandom);
      transcript.add(line([transcriptId, session.id, 'recording', 'ready', loaded]));
      session.sentences.forEach((s, position) =>
        segments.add(
          line([
            s.id,
            transcriptId,
            position,
            s.startMs,
            s.startMs + 2_500,
            s.text,
            s.speaker,
            loaded,
          ]),
        ),
      );
    }
  }
  for (const chunks of [sessions, agenda, documents, transcript, segments]) chunks.flush();
  const distinctDays = new Set(window.map((s) => day(s.start))).size === window.length;
  return {
    hours,
    seed,
    sessions,
    agenda,
    documents,
    transcript,
    segments,
    reindexed,
    window:
      window.length > 0 && distinctDays
        ? { from: day(window[0]!.start), to: day(window.at(-1)!.start), sessions: window }
        : null,
    sentences,
    kinds,
    firstDay,
    lastDay,
    textChars,
    searchChars,
    vocabulary: vocabulary.size,
    generateMs,
    normalizeMs,
    sampleSessionIds,
    sampleSourceIds,
  };
}

// ---- loading -------------------------------------------------------------------------------------

export interface LoadFigures {
  /** COPY of the search_documents rows, B-tree indexes live, no GIN. */
  copyMs: number;
  /** COPY of sessions, agenda items and the one transcript. */
  otherCopyMs: number;
  indexMs: number;
  analyzeMs: number;
  indexDefinition: string;
  maintenanceWorkMem: string;
  version: string;
  rows: number;
  sizes: Sizes;
}

export interface Sizes {
  heap: number;
  gin: number;
  otherIndexes: number;
  total: number;
}

/** Loads the prepared archive into a migrated database (raw driver), then builds the GIN index. */
export async function loadArchive(raw: RawDb, archive: PreparedArchive): Promise<LoadFigures> {
  const [index] = await raw.query<{ indexdef: string }>(
    'SELECT indexdef FROM pg_indexes WHERE indexname = $1',
    [GIN_INDEX],
  );
  if (!index) throw new Error(`the migrations did not create ${GIN_INDEX}`);
  const [{ version } = { version: '?' }] = await raw.query<{ version: string }>('SELECT version()');
  const [{ maintenance_work_mem: mem } = { maintenance_work_mem: '?' }] = await raw.query<{
    maintenance_work_mem: string;
  }>('SHOW maintenance_work_mem');
  await raw.exec(`DROP INDEX "${GIN_INDEX}"`);

  let started = performance.now();
  await raw.exec('BEGIN');
  await raw.copyIn('sessions', SESSION_COLUMNS, archive.sessions.chunks);
  await raw.copyIn('agenda_items', AGENDA_COLUMNS, archive.agenda.chunks);
  await raw.copyIn('transcripts', TRANSCRIPT_COLUMNS, archive.transcript.chunks);
  await raw.copyIn('transcript_segments', SEGMENT_COLUMNS, archive.segments.chunks);
  await raw.exec('COMMIT');
  const otherCopyMs = performance.now() - started;

  started = performance.now();
  await raw.exec('BEGIN');
  await raw.copyIn('search_documents', DOCUMENT_COLUMNS, archive.documents.chunks);
  await raw.exec('COMMIT');
  const copyMs = performance.now() - started;

  started = performance.now();
  await raw.exec(index.indexdef);
  const indexMs = performance.now() - started;

  // PostgreSQL's autovacuum would get to it; PGlite has none. Either way the queries below
  // should see a settled table with statistics.
  started = performance.now();
  await raw.exec('VACUUM (ANALYZE) search_documents');
  await raw.exec('ANALYZE sessions');
  const analyzeMs = performance.now() - started;

  return {
    copyMs,
    otherCopyMs,
    indexMs,
    analyzeMs,
    indexDefinition: index.indexdef,
    maintenanceWorkMem: mem,
    version,
    rows: archive.documents.rows,
    sizes: await sizes(raw),
  };
}

export async function sizes(raw: RawDb): Promise<Sizes> {
  const [row] = await raw.query<{ heap: string; gin: string; indexes: string; total: string }>(
    `SELECT pg_relation_size('search_documents')::text AS heap,
            pg_relation_size('${GIN_INDEX}')::text AS gin,
            pg_indexes_size('search_documents')::text AS indexes,
            pg_total_relation_size('search_documents')::text AS total`,
  );
  if (!row) throw new Error('no sizes');
  return {
    heap: Number(row.heap),
    gin: Number(row.gin),
    otherIndexes: Number(row.indexes) - Number(row.gin),
    total: Number(row.total),
  };
}
