// Many callers asking for the same key at once (a join storm when a meeting starts)
// share one read — but only a read that *began after* they asked, so nobody gets data
// older than their request. At most one read runs and one waits per key.
export function coalesceFresh<V>(load: (key: string) => Promise<V>): (key: string) => Promise<V> {
  const running = new Map<string, Promise<V>>();
  const waiting = new Map<string, Promise<V>>();

  function start(key: string): Promise<V> {
    const read = load(key).finally(() => {
      if (running.get(key) === read) running.delete(key);
    });
    running.set(key, read);
    return read;
  }

  return (key) => {
    const current = running.get(key);
    if (!current) return start(key);
    let next = waiting.get(key);
    if (!next) {
      const settled = current.then(
        () => undefined,
        () => undefined,
      );
      next = settled.then(() => {
        waiting.delete(key);
        return start(key);
      });
      waiting.set(key, next);
    }
    return next;
  };
}
