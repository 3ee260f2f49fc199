// Transcripts: storing what an engine or imported captions produced (sentence by sentence,
// keeping staff corrections), staff corrections (corrections.ts) and the recording's chapters. Every
// change is audited and reaches the search index before it is acknowledged.
import type { Prisma } from '../../db/database.ts';
import {
  CaptionsError,
  parseCaptions,
  splitIntoSentences,
  type CaptionSegment,
} from '../../domain/captions.ts';
import { keepCorrections } from '../../domain/transcript-merge.ts';
import { inBatches } from '../../lib/batches.ts';
import { fieldError, notFound } from '../../lib/app-error.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import { reindexSession } from '../archive/indexer.ts';
import type { z } from 'zod';
import type { chaptersSchema } from '../../protocol/archive.ts';
import { createTranscriptCorrections } from './corrections.ts';

type Source = 'recording' | 'upload' | 'captions';

export function createTranscriptService(deps: { prisma: Prisma }) {
  const { prisma } = deps;

  async function assertSession(actor: Actor, sessionId: string) {
    const found = await prisma.session.count({ where: { id: sessionId } });
    if (!found) throw notFound(say(actor, 'Zasedání', 'Session'));
  }

  /** Replaces the session's transcript with `segments` (split into sentences here), keeping
   * the sentences staff corrected. */
  async function store(
    sessionId: string,
    input: { source: Source; engine: string; language?: string; segments: CaptionSegment[] },
    audit: { actorId: string | null } | null,
  ): Promise<number> {
    const sentences = splitIntoSentences(input.segments);
    const count = await prisma.$transaction(async (tx) => {
      const transcript = await tx.transcript.upsert({
        where: { sessionId },
        create: { sessionId, source: input.source, status: 'ready' },
        update: {},
      });
      const corrected = await tx.transcriptSegment.findMany({
        where: { transcriptId: transcript.id, edited: true },
      });
      const merged = keepCorrections(
        sentences,
        corrected.map((c) => ({
          startMs: c.startMs,
          endMs: c.endMs,
          text: c.text,
          speaker: c.speakerName,
          officialId: c.officialId,
        })),
      );
      await tx.transcriptSegment.deleteMany({ where: { transcriptId: transcript.id } });
      const rows = merged.map((s, position) => ({
        transcriptId: transcript.id,
        position,
        startMs: Math.round(s.startMs),
        endMs: Math.round(s.endMs),
        text: s.text,
        speakerName: s.speaker,
        officialId: s.officialId,
        edited: s.edited,
      }));
      await inBatches(rows, (data) => tx.transcriptSegment.createMany({ data }));
      await tx.transcript.update({
        where: { id: transcript.id },
        data: {
          source: input.source,
          engine: input.engine,
          language: input.language ?? 'cs',
          status: 'ready',
          progress: 1,
          etaSeconds: null,
          error: null,
          leaseUntil: null,
          finishedAt: new Date(),
        },
      });
      if (audit) {
        await recordAudit(tx, {
          actorId: audit.actorId,
          action: 'transcript.replace',
          entityType: 'transcript',
          entityId: transcript.id,
          sessionId,
          after: { source: input.source, engine: input.engine, sentences: rows.length },
        });
      }
      return rows.length;
    });
    await reindexSession(prisma, sessionId);
    return count;
  }

  return {
    store,
    ...createTranscriptCorrections({ prisma }),

    /** WebVTT or SRT that a session already has (a broadcaster's captions, a typist's). */
    async importCaptions(actor: Actor, sessionId: string, text: string) {
      const staff = authorize(actor, 'session.manage');
      await assertSession(actor, sessionId);
      let segments: CaptionSegment[];
      try {
        segments = parseCaptions(text);
      } catch (err) {
        if (!(err instanceof CaptionsError)) throw err;
        const where =
          err.line === null ? '' : say(actor, ` (řádek ${err.line})`, ` (line ${err.line})`);
        throw fieldError('captions', `${err.message}${where}`);
      }
      const sentences = await store(
        sessionId,
        { source: 'captions', engine: 'captions', segments },
        { actorId: staff.id },
      );
      return { sentences };
    },

    /** For an imported recording: staff set the chapters by clicking in the transcript. */
    async replaceChapters(actor: Actor, sessionId: string, input: z.output<typeof chaptersSchema>) {
      const staff = authorize(actor, 'session.manage');
      await assertSession(actor, sessionId);
      const named = input.chapters.flatMap((c) => (c.agendaItemId ? [c.agendaItemId] : []));
      const own = await prisma.agendaItem.count({ where: { sessionId, id: { in: named } } });
      if (own !== new Set(named).size) {
        throw fieldError(
          'chapters',
          say(
            actor,
            'Bod programu patří k jinému zasedání.',
            'An agenda item is not this session’s.',
          ),
        );
      }
      return prisma.$transaction(async (tx) => {
        await tx.chapter.deleteMany({ where: { sessionId } });
        await tx.chapter.createMany({
          data: input.chapters.map((c) => ({
            sessionId,
            title: c.title,
            agendaItemId: c.agendaItemId ?? null,
            startMs: c.startMs,
          })),
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'chapters.replace',
          entityType: 'session',
          entityId: sessionId,
          sessionId,
          after: input.chapters,
        });
        return tx.chapter.findMany({ where: { sessionId }, orderBy: { startMs: 'asc' } });
      });
    },
  };
}

export type TranscriptService = ReturnType<typeof createTranscriptService>;
