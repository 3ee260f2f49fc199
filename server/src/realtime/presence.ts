// Live viewer counts, correct across nodes: the count is always read from the adapter
// (every node's sockets), never kept in a per-node counter that a crash would corrupt.
// Recounts are throttled per session, with a trailing one so the last change always shows.
import type { Logger } from '../lib/logger.ts';
import { rooms } from '../protocol/events.ts';
import type { NamestiServer } from './notifier.ts';

const THROTTLE_MS = 500;
/** A second look after things settle: covers two nodes' recounts crossing on the wire. */
const SETTLE_MS = 2_000;

export function createPresence(io: NamestiServer, logger: Logger) {
  const pending = new Map<string, { timer: NodeJS.Timeout; settle?: NodeJS.Timeout }>();
  const lastCount = new Map<string, number>();

  /** Distinct citizens in the session's room on all nodes (two tabs count once). */
  async function count(sessionId: string): Promise<number> {
    const sockets = await io.in(rooms.session(sessionId)).fetchSockets();
    return new Set(sockets.map((s) => s.data.participantId)).size;
  }

  async function broadcast(sessionId: string) {
    try {
      const viewers = await count(sessionId);
      if (viewers === 0) lastCount.delete(sessionId);
      else lastCount.set(sessionId, viewers);
      io.to(rooms.session(sessionId)).emit('session:viewers', { sessionId, count: viewers });
    } catch (err) {
      logger.warn({ err, sessionId }, 'viewer count failed');
    }
  }

  let stopped = false;

  function changed(sessionId: string) {
    if (stopped) return;
    const entry = pending.get(sessionId);
    if (entry?.settle) clearTimeout(entry.settle);
    if (entry && !entry.settle) return; // a recount is already due
    const timer = setTimeout(() => {
      void broadcast(sessionId);
      const settle = setTimeout(() => {
        pending.delete(sessionId);
        void broadcast(sessionId);
      }, SETTLE_MS);
      pending.set(sessionId, { timer, settle });
    }, THROTTLE_MS);
    pending.set(sessionId, { timer });
  }

  /** The latest count for a snapshot: cached while recounts are flowing, else counted now. */
  async function viewers(sessionId: string): Promise<number> {
    return lastCount.get(sessionId) ?? count(sessionId);
  }

  function stop() {
    stopped = true;
    for (const { timer, settle } of pending.values()) {
      clearTimeout(timer);
      if (settle) clearTimeout(settle);
    }
    pending.clear();
    lastCount.clear();
  }

  return { count, viewers, changed, stop };
}

export type Presence = ReturnType<typeof createPresence>;
