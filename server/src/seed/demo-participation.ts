// Questions, votes and chat for the demo's live consultation and its ended council meeting,
// so the session pages and the moderator console show a conversation from the first start.
import type { Tx } from '../features/sessions/mutations.ts';
import { addMinutes } from '../domain/time-zone.ts';
import { uuidv7 } from '../lib/ids.ts';

const CITIZENS = ['Karel Veselý', 'Marie Horáková', 'Jiří Marek', 'Alena Pokorná', null] as const;

interface DemoQuestion {
  text: string;
  by: number;
  status: 'pending' | 'approved' | 'answered';
  voters: number[];
  anonymous?: boolean;
  answer?: string;
}

const CONSULTATION_QUESTIONS: DemoQuestion[] = [
  {
    text: 'Bude na novém hřišti i stín? V létě je tam k nevydržení.',
    by: 0,
    status: 'approved',
    voters: [1, 2, 3, 4],
  },
  {
    text: 'Zůstanou zachované vzrostlé lípy u cesty ke škole?',
    by: 1,
    status: 'answered',
    voters: [0, 3],
    answer: 'Ano. Studie všechny lípy zachovává a doplňuje dalších dvanáct stromů.',
  },
  {
    text: 'Kolik bude stát údržba parku ročně a kdo ji zaplatí?',
    by: 4,
    status: 'approved',
    voters: [2],
    anonymous: true,
  },
  { text: 'Plánuje se v parku i veřejné osvětlení?', by: 2, status: 'pending', voters: [] },
];

const CONSULTATION_CHAT = [
  [0, 'Dobrý den ze Výsluní, slyšíme dobře.'],
  [3, 'Prosím o mapu, kudy povede nová cesta.'],
  [1, 'Díky za přenos, do komunitního centra to dnes nestihnu.'],
] as const;

export async function seedDemoParticipation(
  tx: Tx,
  ids: { consultationId: string; answeringOfficialId: string; now: Date },
): Promise<string[]> {
  const { consultationId, answeringOfficialId, now } = ids;
  const people = CITIZENS.map((name, index) => ({
    id: uuidv7(addMinutes(now, -120 + index).getTime()),
    displayName: name,
  }));
  await tx.participant.createMany({ data: people });

  for (const [index, question] of CONSULTATION_QUESTIONS.entries()) {
    const askedAt = addMinutes(now, -12 + index * 2);
    const shown = question.status !== 'pending';
    const row = await tx.question.create({
      data: {
        sessionId: consultationId,
        participantId: people[question.by]!.id,
        authorName: people[question.by]!.displayName,
        anonymous: question.anonymous ?? false,
        text: question.text,
        status: question.status,
        createdAt: askedAt,
        approvedAt: shown ? addMinutes(askedAt, 1) : null,
        answerText: question.answer ?? null,
        answeredById: question.answer ? answeringOfficialId : null,
        answeredAt: question.answer ? addMinutes(askedAt, 3) : null,
      },
    });
    await tx.questionVote.createMany({
      data: question.voters.map((voter) => ({
        questionId: row.id,
        participantId: people[voter]!.id,
      })),
    });
  }

  for (const [index, [by, text]] of CONSULTATION_CHAT.entries()) {
    await tx.chatMessage.create({
      data: {
        sessionId: consultationId,
        participantId: people[by]!.id,
        authorName: people[by]!.displayName,
        text,
        createdAt: addMinutes(now, -14 + index * 3),
      },
    });
  }
  return people.map((person) => person.id);
}
