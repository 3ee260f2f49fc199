// Runs the subscriptions' periodic work on every node: session notices, due announcements and
// the removal of never-confirmed addresses. Each part is safe to run on several nodes at once
// (see notices.ts and announcements.ts), so there is no leader; a pass that fails is logged and
// the next one tries again. Runs on one node never overlap: a nudge during a pass queues one more.
import type { Logger } from '../../lib/logger.ts';

export interface SweepPart {
  name: string;
  run(): Promise<unknown>;
}

export function createSweep(parts: SweepPart[], intervalMs: number, logger: Logger) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;

  async function pass() {
    for (const part of parts) {
      if (stopping) return;
      try {
        await part.run();
      } catch (err) {
        logger.error({ err, part: part.name }, 'subscription sweep failed');
      }
    }
  }

  function wake() {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = null;
      if (again) {
        again = false;
        wake();
      }
    });
  }

  return {
    start() {
      wake();
      timer = setInterval(wake, intervalMs);
      timer.unref();
    },
    /** Run a pass now (a session started, a recording is ready, an announcement is due). */
    nudge: wake,
    /** Resolves when the pass under way (and one nudged during it) is done. */
    async idle() {
      while (running) await running;
    },
    async close() {
      stopping = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
