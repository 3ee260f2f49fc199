// The demo's ended council meeting as the archive shows it: a 90-second recording made by
// ffmpeg (a test picture and quiet room tone; the speech is in the transcript), chapters at its
// agenda items, and a transcript whose sentences search finds ("parkování u nádraží").
import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Prisma } from '../db/database.ts';
import type { CaptionSegment } from '../domain/captions.ts';
import type { TranscriptService } from '../features/transcripts/service.ts';
import type { Logger } from '../lib/logger.ts';

const run = promisify(execFile);
export const DEMO_MEETING_TITLE = 'Zasedání zastupitelstva města';
const DURATION_S = 90;
/** Where each agenda item starts in the recording, in order. */
const CHAPTER_STARTS_MS = [0, 20_000, 50_000, 75_000];

const MAYOR = 'Mgr. Jana Nováková';
const DEPUTY = 'Ing. Petr Svoboda';
const TRANSPORT = 'Ing. Tomáš Černý';
const LINES: Array<[startS: number, endS: number, speaker: string, text: string]> = [
  [1, 6, MAYOR, 'Dobrý den, vítám vás na zasedání zastupitelstva města.'],
  [6, 12, MAYOR, 'Zasedání bylo řádně svoláno a zastupitelstvo je usnášeníschopné.'],
  [20, 27, TRANSPORT, 'Prvním bodem je parkování u nádraží a nový systém zón.'],
  [27, 35, TRANSPORT, 'Parkoviště u nádraží bude mít sto dvacet míst a první hodina bude zdarma.'],
  [35, 42, TRANSPORT, 'Rezidenti z Husovy ulice dostanou parkovací kartu za sto korun ročně.'],
  [50, 57, DEPUTY, 'Rozpočtové opatření číslo čtyři přidává dva miliony korun na opravu chodníků.'],
  [57, 64, DEPUTY, 'Zastupitelstvo schválilo rozpočtové opatření sedmnácti hlasy.'],
  [75, 82, MAYOR, 'Nyní prosím o dotazy občanů.'],
  [82, 89, MAYOR, 'Děkuji všem za účast a zasedání končím.'],
];

/** Citizens' questions in the meeting: asked at, answered at (null: in writing the next day). */
const QUESTIONS: Array<[askedS: number, answeredS: number | null, text: string, answer: string]> = [
  [
    18,
    38,
    'Bude parkování u nádraží placené i o víkendu?',
    'O víkendu bude první dvě hodiny zdarma, pak platí stejný tarif jako ve všední dny.',
  ],
  [
    45,
    62,
    'Kdy začne oprava chodníků v ulici Husova?',
    'Práce začnou v dubnu a potrvají zhruba šest týdnů.',
  ],
  [
    80,
    null,
    'Proč se zasedání nekoná večer, kdy může přijít víc lidí?',
    'Děkujeme za podnět, od března zkusíme začínat v 18 hodin.',
  ],
];

/** What viewers wrote in the chat, at seconds into the recording (one held for a blocked word,
 * which the replay must not show). */
const CHAT: Array<[atS: number, author: number, text: string, status: 'published' | 'held']> = [
  [3, 0, 'Dobrý den, slyšíme vás dobře.', 'published'],
  [24, 1, 'Konečně se řeší parkování u nádraží!', 'published'],
  [31, 2, 'Bude první hodina zdarma i pro motorky?', 'published'],
  [40, 3, 'Tohle je spam, kupte si hodinky.', 'held'],
  [58, 3, 'Chodníky v Husově ulici to opravdu potřebují.', 'published'],
  [84, 0, 'Děkujeme za přenos.', 'published'],
];

export interface DemoArchiveDeps {
  prisma: Prisma;
  transcripts: TranscriptService;
  recordingsDir: string;
  ffmpegPath: string;
  logger: Logger;
}

async function makeRecording(file: string, ffmpegPath: string) {
  await mkdir(path.dirname(file), { recursive: true });
  await run(ffmpegPath, [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc=size=640x360:rate=15:duration=${DURATION_S}`],
    ...['-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.02:duration=${DURATION_S}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', '-shortest', file],
  ]);
}

/** Adds the archive parts to the demo meeting once (on the start after it was seeded). */
export async function seedDemoArchive(deps: DemoArchiveDeps): Promise<void> {
  const { prisma, logger } = deps;
  const session = await prisma.session.findFirst({
    where: { title: DEMO_MEETING_TITLE, status: 'ended', recording: null },
    include: { agendaItems: { orderBy: { position: 'asc' } } },
  });
  if (!session?.startedAt) return;
  const relative = path.join(session.id, 'recording.mp4');
  const file = path.join(deps.recordingsDir, relative);
  try {
    await makeRecording(file, deps.ffmpegPath);
  } catch (err) {
    logger.warn({ err }, 'demo recording not made (is ffmpeg installed?); the archive has none');
    return;
  }
  try {
    await prisma.recording.create({
      data: {
        sessionId: session.id,
        status: 'ready',
        startedAt: session.startedAt,
        endedAt: new Date(session.startedAt.getTime() + DURATION_S * 1000),
        durationMs: DURATION_S * 1000,
        sizeBytes: BigInt((await stat(file)).size),
        file: relative,
      },
    });
  } catch {
    return; // another node seeded it at the same time
  }
  await prisma.chapter.createMany({
    data: session.agendaItems.slice(0, CHAPTER_STARTS_MS.length).map((item, i) => ({
      sessionId: session.id,
      agendaItemId: item.id,
      title: item.title,
      startMs: CHAPTER_STARTS_MS[i]!,
    })),
  });
  const citizens = await Promise.all(
    ['Marie K.', 'Josef P.', 'Alena V.', 'Karel D.'].map((displayName) =>
      prisma.participant.create({ data: { displayName } }),
    ),
  );
  await seedQuestions(prisma, session.id, session.startedAt, citizens);
  await seedChat(prisma, session.id, session.startedAt, citizens);
  const segments: CaptionSegment[] = LINES.map(([start, end, speaker, text]) => ({
    startMs: start * 1000,
    endMs: end * 1000,
    speaker,
    text,
  }));
  await deps.transcripts.store(session.id, { source: 'captions', engine: 'demo', segments }, null);
  logger.info({ sessionId: session.id }, 'demo archive: recording, chapters and transcript');
}

type Citizen = { id: string; displayName: string | null };

async function seedQuestions(prisma: Prisma, sessionId: string, start: Date, citizens: Citizen[]) {
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  const answerer = await prisma.official.findFirst({ where: { name: MAYOR } });
  for (const [index, [askedS, answeredS, text, answer]] of QUESTIONS.entries()) {
    const author = citizens[index]!;
    const question = await prisma.question.create({
      data: {
        sessionId,
        participantId: author.id,
        authorName: author.displayName,
        text,
        status: 'answered',
        createdAt: at(askedS),
        approvedAt: at(askedS + 2),
        answerText: answer,
        answeredById: answerer?.id ?? null,
        answeredAt: answeredS === null ? at(24 * 3600) : at(answeredS),
      },
    });
    await prisma.questionVote.createMany({
      data: citizens
        .filter((c) => c.id !== author.id)
        .slice(0, 3 - index)
        .map((c) => ({ questionId: question.id, participantId: c.id })),
    });
  }
}

async function seedChat(prisma: Prisma, sessionId: string, start: Date, citizens: Citizen[]) {
  await prisma.chatMessage.createMany({
    data: CHAT.map(([atS, author, text, status]) => ({
      sessionId,
      participantId: citizens[author]!.id,
      authorName: citizens[author]!.displayName,
      text,
      status,
      heldFor: status === 'held' ? ['hodinky'] : [],
      createdAt: new Date(start.getTime() + atS * 1000),
    })),
  });
}
