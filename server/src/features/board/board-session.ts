// The board is a session of its own kind that never starts or ends: the question queue's
// machinery (asking, limits, moderation, merging, answers, live updates) serves it as it is.
// There is one per installation (a unique index says so), made at start with default topics.
import type { Tx } from '../sessions/mutations.ts';
import { slugify } from '../../lib/slug.ts';

export const BOARD_TITLE = 'Otázky na vedení města';

/** What towns ask about most; staff rename them and point them at departments. */
const DEFAULT_TOPICS = [
  'Doprava a parkování',
  'Životní prostředí a zeleň',
  'Výstavba a územní plán',
  'Sociální věci a zdraví',
  'Školy a školky',
  'Kultura a sport',
  'Bezpečnost a pořádek',
  'Ostatní',
] as const;

/** The board's session id; creates the board and the default topics on the first start. */
export async function ensureBoard(tx: Tx, now: Date): Promise<string> {
  const found = await tx.session.findFirst({ where: { kind: 'board' }, select: { id: true } });
  if (found) return found.id;
  const board = await tx.session.create({
    data: {
      kind: 'board',
      title: BOARD_TITLE,
      description:
        'Zeptejte se vedení města na cokoli, kdykoli. Moderátor otázku předá odboru, který ' +
        'odpoví veřejně; podobné otázky spojí do jedné.',
      status: 'scheduled',
      scheduledStart: now,
      scheduledEnd: now,
      preModeration: true,
      chatEnabled: false,
    },
    select: { id: true },
  });
  if ((await tx.topic.count()) === 0) {
    await tx.topic.createMany({
      data: DEFAULT_TOPICS.map((name, position) => ({ name, slug: slugify(name), position })),
    });
  }
  return board.id;
}
