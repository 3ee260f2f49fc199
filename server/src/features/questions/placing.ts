// What a question is about and where: a topic (which also names the department that gets it
// first) and a neighbourhood. The board requires a topic; live sessions may use neither.
import type { Prisma } from '../../db/database.ts';
import { fieldError } from '../../lib/app-error.ts';
import { say, type Actor } from '../auth/actor.ts';

export interface Placing {
  topicId: string | null;
  neighbourhoodId: string | null;
  /** The topic's department, which the question is routed to when it is asked. */
  departmentId: string | null;
}

export async function placeQuestion(
  prisma: Prisma,
  actor: Actor,
  session: { kind: string },
  input: { topicId: string | null; neighbourhoodId: string | null },
): Promise<Placing> {
  if (session.kind === 'board' && !input.topicId) {
    throw fieldError('topicId', say(actor, 'Vyberte téma otázky.', 'Choose a topic.'));
  }
  let departmentId: string | null = null;
  if (input.topicId) {
    const topic = await prisma.topic.findUnique({
      where: { id: input.topicId },
      select: { departmentId: true },
    });
    if (!topic) throw fieldError('topicId', say(actor, 'Neznámé téma.', 'Unknown topic.'));
    departmentId = topic.departmentId;
  }
  if (input.neighbourhoodId) {
    const found = await prisma.neighbourhood.count({ where: { id: input.neighbourhoodId } });
    if (!found) {
      throw fieldError(
        'neighbourhoodId',
        say(actor, 'Neznámá část města.', 'Unknown neighbourhood.'),
      );
    }
  }
  return { topicId: input.topicId, neighbourhoodId: input.neighbourhoodId, departmentId };
}
