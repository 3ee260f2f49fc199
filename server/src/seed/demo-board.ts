// The demo town's question board: topics pointed at departments, parts of town, and questions
// asked over the past months, most answered by an official after a few days, a few still
// waiting, so the board, the departments' queues and the response-time charts have content.
import { addMinutes } from '../domain/time-zone.ts';
import { ensureBoard } from '../features/board/board-session.ts';
import type { Tx } from '../features/sessions/mutations.ts';
import { slugify } from '../lib/slug.ts';
import { uuidv7 } from '../lib/ids.ts';

const NEIGHBOURHOODS = ['Centrum', 'Sídliště Výsluní', 'Nádražní čtvrť', 'Horní Ves'] as const;

/** Topic name → the index of the demo department that answers it. */
const TOPIC_DEPARTMENTS: Record<string, number> = {
  'Doprava a parkování': 1,
  'Životní prostředí a zeleň': 2,
  'Výstavba a územní plán': 3,
  'Sociální věci a zdraví': 4,
  Ostatní: 0,
};

interface BoardQuestion {
  text: string;
  topic: string;
  place: number | null;
  /** Days before now it was asked, and hours it took to answer (null: waiting). */
  daysAgo: number;
  answerHours: number | null;
  answer?: string;
  voters: number;
  status?: 'pending';
}

const DAY_MINUTES = 24 * 60;

const QUESTIONS: BoardQuestion[] = [
  {
    text: 'Kdy se opraví chodník v Nádražní ulici? Je tam několik propadlých dlaždic.',
    topic: 'Doprava a parkování',
    place: 2,
    daysAgo: 80,
    answerHours: 52,
    answer: 'Oprava je objednaná na duben, chodník dostane novou dlažbu v celé délce.',
    voters: 6,
  },
  {
    text: 'Proč se na sídlišti Výsluní vyváží bioodpad jen jednou za dva týdny?',
    topic: 'Životní prostředí a zeleň',
    place: 1,
    daysAgo: 64,
    answerHours: 30,
    answer: 'Od května vyvážíme hnědé nádoby každý týden; v zimě stačí interval dvou týdnů.',
    voters: 9,
  },
  {
    text: 'Bude nové parkoviště u nádraží placené i pro rezidenty?',
    topic: 'Doprava a parkování',
    place: 2,
    daysAgo: 40,
    answerHours: 120,
    answer:
      'Rezidenti dostanou parkovací kartu za sto korun ročně, první hodina je zdarma pro všechny.',
    voters: 14,
  },
  {
    text: 'Plánuje město stavět na louce za Horní Vsí? Slyšeli jsme o nových domech.',
    topic: 'Výstavba a územní plán',
    place: 3,
    daysAgo: 21,
    answerHours: 200,
    answer: 'Návrh územního plánu tam počítá s veřejnou zelení, ne se zástavbou.',
    voters: 11,
  },
  {
    text: 'Kolik míst bude mít nový domov pro seniory a kdy se otevře?',
    topic: 'Sociální věci a zdraví',
    place: null,
    daysAgo: 9,
    answerHours: null,
    voters: 7,
  },
  {
    text: 'Šlo by prodloužit zelenou pro chodce na přechodu u školy v Centru?',
    topic: 'Doprava a parkování',
    place: 0,
    daysAgo: 3,
    answerHours: null,
    voters: 4,
  },
  {
    text: 'Můžete na náměstí přidat lavičky ve stínu?',
    topic: 'Ostatní',
    place: 0,
    daysAgo: 1,
    answerHours: null,
    voters: 0,
    status: 'pending',
  },
];

export async function seedDemoBoard(
  tx: Tx,
  input: { now: Date; departmentIds: string[]; answeringOfficialIds: string[] },
): Promise<void> {
  const { now, departmentIds, answeringOfficialIds } = input;
  const boardId = await ensureBoard(tx, now);
  for (const [name, department] of Object.entries(TOPIC_DEPARTMENTS)) {
    await tx.topic.updateMany({
      where: { slug: slugify(name) },
      data: { departmentId: departmentIds[department] ?? null },
    });
  }
  const topics = await tx.topic.findMany({ select: { id: true, name: true, departmentId: true } });
  const places = [];
  for (const [position, name] of NEIGHBOURHOODS.entries()) {
    places.push(await tx.neighbourhood.create({ data: { name, slug: slugify(name), position } }));
  }
  const residents = Array.from({ length: 16 }, (_, index) => ({
    id: uuidv7(addMinutes(now, -200 * DAY_MINUTES + index).getTime()),
  }));
  await tx.participant.createMany({ data: residents });

  for (const [index, q] of QUESTIONS.entries()) {
    const topic = topics.find((t) => t.name === q.topic)!;
    const askedAt = addMinutes(now, -q.daysAgo * DAY_MINUTES);
    const approvedAt = q.status === 'pending' ? null : addMinutes(askedAt, 90);
    const answeredAt =
      q.answerHours === null ? null : addMinutes(askedAt, Math.round(q.answerHours * 60));
    const row = await tx.question.create({
      data: {
        sessionId: boardId,
        participantId: residents[index]!.id,
        text: q.text,
        topicId: topic.id,
        neighbourhoodId: q.place === null ? null : places[q.place]!.id,
        departmentId: topic.departmentId,
        status: q.status ?? (answeredAt ? 'answered' : 'approved'),
        createdAt: askedAt,
        approvedAt,
        answerText: q.answer ?? null,
        answeredById: answeredAt ? answeringOfficialIds[index % answeringOfficialIds.length] : null,
        answeredAt,
      },
    });
    if (topic.departmentId) {
      await tx.questionRouting.create({
        data: { questionId: row.id, departmentId: topic.departmentId, createdAt: askedAt },
      });
    }
    await tx.questionVote.createMany({
      data: residents
        .filter((_, voter) => voter !== index)
        .slice(0, q.voters)
        .map((voter) => ({ questionId: row.id, participantId: voter.id })),
    });
  }
}
