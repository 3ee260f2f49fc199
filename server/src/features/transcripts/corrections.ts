// Staff corrections of a transcript: one sentence's text and speaker, or who said a run of
// sentences in one action. A corrected sentence is marked `edited`, so a new transcription of
// the recording keeps it; its search entry changes in the same transaction.
import type { z } from 'zod';
import type { Prisma } from '../../db/database.ts';
import { searchDocument } from '../../domain/czech-search.ts';
import { notFound } from '../../lib/app-error.ts';
import type {
  segmentEditSchema,
  speakerRangeSchema,
  TranscriptSegmentDto,
} from '../../protocol/archive.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';

type Tx = Pick<Prisma, 'searchDocument'>;

const withOfficial = { official: { select: { name: true } } } as const;

interface SegmentRow {
  id: string;
  startMs: number;
  endMs: number;
  text: string;
  speakerName: string | null;
  officialId: string | null;
  official: { name: string } | null;
}

const speakerOf = (row: SegmentRow) => row.official?.name ?? row.speakerName;

function toDto(row: SegmentRow): TranscriptSegmentDto {
  return {
    id: row.id,
    startMs: row.startMs,
    endMs: row.endMs,
    text: row.text,
    speaker: speakerOf(row),
    officialId: row.officialId,
    edited: true,
  };
}

/** Only the fields that were sent: `null` clears, absent keeps. */
function speakerData(input: { speaker?: string | null; officialId?: string | null }) {
  return {
    ...(input.speaker === undefined ? {} : { speakerName: input.speaker }),
    ...(input.officialId === undefined ? {} : { officialId: input.officialId }),
  };
}

export function createTranscriptCorrections(deps: { prisma: Prisma }) {
  const { prisma } = deps;

  async function assertOfficial(actor: Actor, officialId: string | null | undefined) {
    if (!officialId) return;
    const found = await prisma.official.count({ where: { id: officialId } });
    if (!found) throw notFound(say(actor, 'Zastupitel', 'Official'));
  }

  /** The search entries of these sentences follow their text and speaker. */
  async function reindexSentences(tx: Tx, rows: SegmentRow[], withText: boolean) {
    for (const row of rows) {
      await tx.searchDocument.updateMany({
        where: { kind: 'sentence', sourceId: row.id },
        data: {
          ...(withText ? { text: row.text, searchText: searchDocument(row.text) } : {}),
          speaker: speakerOf(row),
        },
      });
    }
  }

  return {
    async editSegment(
      actor: Actor,
      sessionId: string,
      segmentId: string,
      patch: z.output<typeof segmentEditSchema>,
    ): Promise<TranscriptSegmentDto> {
      const staff = authorize(actor, 'session.moderate');
      const segment = await prisma.transcriptSegment.findFirst({
        where: { id: segmentId, transcript: { sessionId } },
      });
      if (!segment) throw notFound(say(actor, 'Věta přepisu', 'Transcript sentence'));
      await assertOfficial(actor, patch.officialId);
      return prisma.$transaction(async (tx) => {
        const updated = await tx.transcriptSegment.update({
          where: { id: segmentId },
          data: {
            ...(patch.text === undefined ? {} : { text: patch.text }),
            ...speakerData(patch),
            edited: true,
          },
          include: withOfficial,
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'transcript.correct',
          entityType: 'transcript_segment',
          entityId: segmentId,
          sessionId,
          before: {
            text: segment.text,
            speaker: segment.speakerName,
            officialId: segment.officialId,
          },
          after: patch,
        });
        await reindexSentences(tx, [updated], true);
        return toDto(updated);
      });
    },

    /** Who said every sentence from one through another (either order), in one action. */
    async assignSpeaker(
      actor: Actor,
      sessionId: string,
      input: z.output<typeof speakerRangeSchema>,
    ): Promise<TranscriptSegmentDto[]> {
      const staff = authorize(actor, 'session.moderate');
      const ends = await prisma.transcriptSegment.findMany({
        where: {
          id: { in: [input.fromSegmentId, input.throughSegmentId] },
          transcript: { sessionId },
        },
        select: { transcriptId: true, position: true },
      });
      const wanted = input.fromSegmentId === input.throughSegmentId ? 1 : 2;
      if (ends.length !== wanted) throw notFound(say(actor, 'Věta přepisu', 'Transcript sentence'));
      await assertOfficial(actor, input.officialId);
      const positions = ends.map((end) => end.position);
      const range = {
        transcriptId: ends[0]!.transcriptId,
        position: { gte: Math.min(...positions), lte: Math.max(...positions) },
      };
      return prisma.$transaction(async (tx) => {
        const before = await tx.transcriptSegment.findMany({
          where: range,
          select: { id: true, speakerName: true, officialId: true },
        });
        await tx.transcriptSegment.updateMany({
          where: range,
          data: { ...speakerData(input), edited: true },
        });
        const updated = await tx.transcriptSegment.findMany({
          where: range,
          include: withOfficial,
          orderBy: { position: 'asc' },
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'transcript.speakers',
          entityType: 'session',
          entityId: sessionId,
          sessionId,
          before: before.map((row) => ({
            id: row.id,
            speaker: row.speakerName,
            officialId: row.officialId,
          })),
          after: input,
        });
        await reindexSentences(tx, updated, false);
        return updated.map(toDto);
      });
    },
  };
}
