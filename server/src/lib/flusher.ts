// Coalesces bursts: keys marked dirty in a group are flushed together at most once per
// interval, and flushed once more after the group has been quiet for `settleMs` — so the
// last word is always a read taken after the burst ended (across nodes, whose flushes can
// cross on the wire, that is what makes every client converge).
export interface FlusherOptions {
  intervalMs: number;
  settleMs: number;
  flush(group: string, keys: string[]): Promise<void>;
  onError(err: unknown, group: string): void;
}

export function createFlusher({ intervalMs, settleMs, flush, onError }: FlusherOptions) {
  const dirty = new Map<string, Set<string>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settling = new Map<string, { timer: NodeJS.Timeout; keys: Set<string> }>();
  let stopped = false;
  /** Flushes under way: stopping waits for them, so none emits after the transport is gone. */
  const inflight = new Set<Promise<void>>();

  function safeFlush(group: string, keys: Set<string>): Promise<void> {
    const running = (async () => {
      try {
        await flush(group, [...keys]);
      } catch (err) {
        onError(err, group);
      }
    })();
    inflight.add(running);
    void running.finally(() => inflight.delete(running));
    return running;
  }

  async function run(group: string) {
    timers.delete(group);
    const keys = dirty.get(group);
    dirty.delete(group);
    if (!keys?.size || stopped) return;
    await safeFlush(group, keys);
    if (stopped) return;
    const previous = settling.get(group);
    if (previous) clearTimeout(previous.timer);
    const all = new Set([...(previous?.keys ?? []), ...keys]);
    const timer = setTimeout(() => {
      settling.delete(group);
      if (!stopped) void safeFlush(group, all);
    }, settleMs);
    settling.set(group, { timer, keys: all });
  }

  return {
    mark(group: string, key: string) {
      if (stopped) return;
      let keys = dirty.get(group);
      if (!keys) dirty.set(group, (keys = new Set()));
      keys.add(key);
      if (!timers.has(group))
        timers.set(
          group,
          setTimeout(() => void run(group), intervalMs),
        );
    },
    /** No more flushes; resolves when the ones under way have finished. */
    async stop(): Promise<void> {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      for (const { timer } of settling.values()) clearTimeout(timer);
      timers.clear();
      settling.clear();
      dirty.clear();
      await Promise.allSettled([...inflight]);
    },
  };
}

export type Flusher = ReturnType<typeof createFlusher>;
