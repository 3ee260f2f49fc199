// Keeps the search index of one session in step with what it is made of: its title and
// description, agenda items, public questions with their answers, and every transcript sentence.
// A session is indexed whole, in one transaction, so a search never sees half of it.
import type { Prisma } from '../../db/database.ts';
import { searchDocument } from '../../domain/czech-search.ts';
import { PUBLIC_STATUSES } from '../../domain/question-queue.ts';
import { inBatches } from '../../lib/batches.ts';

type SearchKind = 'session' | 'agenda' | 'question' | 'sentence';

interface Entry {
  kind: SearchKind;
  sourceId: string;
  text: string;
  startMs?: number | null;
  speaker?: string | null;
}

/** Sessions that belong to the archive. */
export const ARCHIVED = 'ended' as const;

export async function reindexSession(prisma: Prisma, sessionId: string): Promise<number> {
  // Only ended sessions are indexed, and a session never leaves that state: a live session's
  // moderation costs one small read here.
  const status = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { status: true },
  });
  if (status?.status !== ARCHIVED) return 0;
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    include: {
      agendaItems: { orderBy: { position: 'asc' } },
      questions: {
        where: { status: { in: PUBLIC_STATUSES } },
        include: { answeredBy: { select: { name: true } } },
      },
      transcript: {
        include: {
          segments: { orderBy: { position: 'asc' }, include: { official: true } },
        },
      },
    },
  });
  if (!session) return 0;
  const entries: Entry[] = [
    { kind: 'session', sourceId: session.id, text: `${session.title}. ${session.description}` },
    ...session.agendaItems.map((item) => ({
      kind: 'agenda' as const,
      sourceId: item.id,
      text: `${item.title}. ${item.description}`,
    })),
    ...session.questions.map((q) => ({
      kind: 'question' as const,
      sourceId: q.id,
      text: q.answerText ? `${q.text} — ${q.answerText}` : q.text,
      speaker: q.answeredBy?.name ?? null,
    })),
    ...(session.transcript?.status === 'ready' ? session.transcript.segments : []).map((s) => ({
      kind: 'sentence' as const,
      sourceId: s.id,
      text: s.text,
      startMs: s.startMs,
      speaker: s.official?.name ?? s.speakerName,
    })),
  ];
  const sessionDate = session.startedAt ?? session.scheduledStart;
  const rows = entries.map((e) => ({
    sessionId,
    kind: e.kind,
    sourceId: e.sourceId,
    text: e.text.trim(),
    searchText: searchDocument(e.text),
    startMs: e.startMs ?? null,
    speaker: e.speaker ?? null,
    sessionKind: session.kind,
    sessionDate,
  }));
  await prisma.$transaction(async (tx) => {
    await tx.searchDocument.deleteMany({ where: { sessionId } });
    await inBatches(rows, (data) => tx.searchDocument.createMany({ data }));
  });
  return rows.length;
}
