// Live viewer counts, correct across nodes: the count is always read from the adapter
// (every node's sockets), never kept in a per-node counter that a crash would corrupt.
// Recounts are throttled per session, with a trailing one so the last change always shows.
import { createFlusher } from '../lib/flusher.ts';
import type { Logger } from '../lib/logger.ts';
import { rooms } from '../protocol/events.ts';
import type { NamestiServer } from './notifier.ts';

const THROTTLE_MS = 500;
/** A second look after things settle: covers two nodes' recounts crossing on the wire. */
const SETTLE_MS = 2_000;

export function createPresence(io: NamestiServer, logger: Logger) {
  const lastCount = new Map<string, number>();

  /** Distinct citizens in the session's room on all nodes (two tabs count once). */
  async function count(sessionId: string): Promise<number> {
    const sockets = await io.in(rooms.session(sessionId)).fetchSockets();
    return new Set(sockets.map((s) => s.data.participantId)).size;
  }

  const recounts = createFlusher({
    intervalMs: THROTTLE_MS,
    settleMs: SETTLE_MS,
    async flush(sessionId) {
      const viewers = await count(sessionId);
      if (viewers === 0) lastCount.delete(sessionId);
      else lastCount.set(sessionId, viewers);
      io.to(rooms.session(sessionId)).emit('session:viewers', { sessionId, count: viewers });
    },
    onError: (err, sessionId) => logger.warn({ err, sessionId }, 'viewer count failed'),
  });

  /** The latest count for a snapshot: cached while recounts are flowing, else counted now. */
  async function viewers(sessionId: string): Promise<number> {
    return lastCount.get(sessionId) ?? count(sessionId);
  }

  return {
    count,
    viewers,
    changed: (sessionId: string) => recounts.mark(sessionId, sessionId),
    /** Resolves when a recount under way has finished (it may still need Redis). */
    async stop() {
      lastCount.clear();
      await recounts.stop();
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
