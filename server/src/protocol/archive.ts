// The archive's wire contract: the list of ended sessions, one session's replay (recording,
// chapters, transcript, questions and polls on one timeline) and the search over all of it.
import { z } from 'zod';
import { SESSION_KINDS, type SessionKind } from './enums.ts';
import { optional } from './query-params.ts';
import type { ChatMessageDto } from './chat.ts';
import type { OfficialDto } from './dto.ts';
import type { PollDto } from './polls.ts';
import type { RecordingDto } from './media.ts';

export const SEARCH_KINDS = ['session', 'agenda', 'question', 'sentence'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

const day = z.iso.date('date');

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  kind: optional(z.enum(SEARCH_KINDS)),
  sessionKind: optional(z.enum(SESSION_KINDS)),
  from: optional(day),
  to: optional(day),
  page: optional(z.coerce.number().int().min(1).max(50)),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const archiveQuerySchema = z.object({
  kind: optional(z.enum(SESSION_KINDS)),
  year: optional(z.coerce.number().int().min(2000).max(2100)),
  locality: optional(z.string().trim().max(120)),
  officialId: optional(z.uuid()),
  page: optional(z.coerce.number().int().min(1).max(1000)),
});
export type ArchiveQuery = z.output<typeof archiveQuerySchema>;

/** A piece of a hit's text; `hit` pieces are the words that matched (shown as <mark>). */
export interface TextPartDto {
  text: string;
  hit: boolean;
}

export interface SearchHitDto {
  kind: SearchKind;
  sessionId: string;
  sessionTitle: string;
  sessionKind: SessionKind;
  sessionDate: string;
  /** Where to start the replay, in whole seconds; null when the hit has no time. */
  seconds: number | null;
  speaker: string | null;
  snippet: TextPartDto[];
}

export interface SearchResultsDto {
  query: string;
  hits: SearchHitDto[];
  /** All matches, not only this page's. */
  total: number;
  page: number;
  pageSize: number;
}

export interface ArchiveSessionDto {
  id: string;
  kind: SessionKind;
  title: string;
  locality: string;
  date: string;
  durationMs: number | null;
  hasRecording: boolean;
  /** A still from the recording (an image), when it has one. */
  posterUrl: string | null;
  hasTranscript: boolean;
  questionCount: number;
  voteCount: number;
  officials: string[];
}

export interface ArchivePageDto {
  sessions: ArchiveSessionDto[];
  total: number;
  page: number;
  pageSize: number;
  /** For the filters: the years and localities that have sessions. */
  years: number[];
  localities: string[];
}

export interface ChapterDto {
  id: string;
  title: string;
  agendaItemId: string | null;
  startMs: number;
}

export interface TranscriptSegmentDto {
  id: string;
  startMs: number;
  endMs: number;
  text: string;
  speaker: string | null;
  officialId: string | null;
  edited: boolean;
}

export type TranscriptStatusDto = 'off' | 'none' | 'queued' | 'running' | 'ready' | 'failed';

export interface TranscriptInfoDto {
  status: TranscriptStatusDto;
  source: 'recording' | 'upload' | 'captions' | null;
  /** 0–1 while running. */
  progress: number;
  etaSeconds: number | null;
  error: string | null;
}

/** A question on the replay's timeline: asked at `askedMs`, answered in writing or live. */
export interface TimelineQuestionDto {
  id: string;
  text: string;
  authorName: string | null;
  votes: number;
  askedMs: number | null;
  answer: { text: string; official: string | null; atMs: number | null } | null;
}

export interface TimelinePollDto {
  poll: PollDto;
  openedMs: number | null;
  closedMs: number | null;
}

/** A published chat message on the replay's timeline, written at `atMs` (null: before the
 * recording began). */
export interface TimelineChatDto {
  message: ChatMessageDto;
  atMs: number | null;
}

/** The most chat messages a replay carries (the first ones): a busy meeting's whole chat. */
export const REPLAY_CHAT_LIMIT = 2_000;

export interface ReplayDto {
  session: ArchiveSessionDto & { description: string };
  recording: RecordingDto;
  chapters: ChapterDto[];
  transcript: TranscriptInfoDto;
  segments: TranscriptSegmentDto[];
  questions: TimelineQuestionDto[];
  polls: TimelinePollDto[];
  chat: TimelineChatDto[];
  officials: OfficialDto[];
}

export const segmentEditSchema = z
  .object({
    text: z.string().trim().min(1).max(2000).optional(),
    speaker: z.string().trim().max(120).nullable().optional(),
    officialId: z.uuid().nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'empty');

/** Who said a run of sentences, in one action: from one sentence through another. */
export const speakerRangeSchema = z
  .object({
    fromSegmentId: z.uuid(),
    throughSegmentId: z.uuid(),
    speaker: z.string().trim().max(120).nullable().optional(),
    officialId: z.uuid().nullable().optional(),
  })
  .refine((v) => v.speaker !== undefined || v.officialId !== undefined, 'empty');

export const chaptersSchema = z.object({
  chapters: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(200),
        agendaItemId: z.uuid().nullable().optional(),
        startMs: z
          .int()
          .min(0)
          .max(48 * 3600 * 1000),
      }),
    )
    .max(100),
});
