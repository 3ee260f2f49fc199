// A companion store's link to a session room (see session.svelte.ts): every join's snapshot,
// then the room's events for this session. Events that arrive while a join is on its way may be
// newer than the snapshot the join brings, so they are replayed onto it.
import type { SessionSnapshotDto } from '@namesti/server/protocol';
import type { LiveSession } from './session.svelte';
import { getSocket, listen, type Listeners } from './socket';

/** Routes one event: applied at once (and again after a pending join) if it is this session's. */
export type Route = (sessionId: string, apply: () => void) => void;

export class SessionFeed {
  readonly #live: LiveSession;
  #replay: (() => void)[] | null = null;
  #cleanup: (() => void) | null = null;

  constructor(live: LiveSession) {
    this.#live = live;
  }

  /** Starts following (browser only), before `live.start()`; no-op when already following. */
  start(
    applySnapshot: (snapshot: SessionSnapshotDto) => void,
    listeners: (route: Route) => Listeners,
  ) {
    if (this.#cleanup) return;
    const stopJoins = this.#live.onJoin({
      joining: () => {
        this.#replay = [];
      },
      joined: (snapshot) => {
        applySnapshot(snapshot);
        const replay = this.#replay ?? [];
        this.#replay = null;
        for (const apply of replay) apply();
      },
      failed: () => {
        this.#replay = null;
      },
    });
    const stopEvents = listen(getSocket(), listeners(this.#route));
    this.#cleanup = () => {
      stopJoins();
      stopEvents();
    };
  }

  stop(): void {
    this.#cleanup?.();
    this.#cleanup = null;
    this.#replay = null;
  }

  #route: Route = (sessionId, apply) => {
    if (sessionId !== this.#live.id) return;
    apply();
    this.#replay?.push(apply);
  };
}
