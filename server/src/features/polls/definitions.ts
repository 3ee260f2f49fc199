// Poll definitions (kind, options, limits) are frozen once a poll is launched, so every vote
// can be checked against a copy kept in memory instead of a read per vote. Drafts are never
// kept: they may still change, and nobody may vote on them.
import type { Prisma } from '../../db/database.ts';
import type { PollDefinition } from '../../domain/polls.ts';
import { findPoll, toDefinition } from './data.ts';

const KEEP = 2_000;

export interface LaunchedPoll extends PollDefinition {
  sessionId: string;
}

export function createPollDefinitions(prisma: Prisma) {
  const known = new Map<string, LaunchedPoll>();

  return {
    /** The poll's frozen definition, or null when it does not exist or is still a draft. */
    async launched(pollId: string): Promise<LaunchedPoll | null> {
      const cached = known.get(pollId);
      if (cached) return cached;
      const row = await findPoll(prisma, pollId);
      if (!row || row.status === 'draft') return null;
      const definition = { ...toDefinition(row), sessionId: row.sessionId };
      if (known.size >= KEEP) known.delete(known.keys().next().value!);
      known.set(pollId, definition);
      return definition;
    },
  };
}

export type PollDefinitions = ReturnType<typeof createPollDefinitions>;
