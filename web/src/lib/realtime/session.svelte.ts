// Live state of one session page: joins the session's room on every connect (first and after
// reconnects), replaces its state from the snapshot, and follows `session:state`/`session:viewers`.
// Companion stores (participation.svelte.ts) take the rest of the snapshot through onJoin().
import type { SessionDetailDto, SessionSnapshotDto, WireError } from '@namesti/server/protocol';
import { AckError, emitWithAck, getSocket, listen, type AppSocket } from './socket';

/** Told about every join of the room: when it is sent, and the snapshot its ack carried. */
export interface JoinListener {
  joining(): void;
  joined(snapshot: SessionSnapshotDto): void;
  /** The join failed; the next connect joins again. */
  failed(): void;
}

export class LiveSession {
  session: SessionDetailDto = $state() as SessionDetailDto;
  /** Null until the first snapshot arrives. */
  viewerCount: number | null = $state(null);
  connected = $state(false);
  /** The last join failure, if any (cleared by the next successful join). */
  error: WireError | null = $state(null);

  readonly #id: string;
  #socket: AppSocket | null = null;
  #cleanup: (() => void) | null = null;
  #joinListeners: JoinListener[] = [];

  constructor(initial: SessionDetailDto) {
    this.session = initial;
    this.#id = initial.id;
  }

  get id(): string {
    return this.#id;
  }

  /** Starts following the session (browser only). Idempotent; undo with destroy(). */
  start(): void {
    if (this.#cleanup) return;
    const socket = getSocket();
    this.#socket = socket;

    const onConnect = () => {
      this.connected = true;
      void this.#join();
    };
    const onDisconnect = () => {
      this.connected = false;
    };
    const onState = (session: SessionDetailDto) => this.#keepNewest(session);
    const onViewers = (payload: { sessionId: string; count: number }) => {
      if (payload.sessionId === this.#id) this.viewerCount = payload.count;
    };

    const stop = listen(socket, {
      connect: onConnect,
      disconnect: onDisconnect,
      'session:state': onState,
      'session:viewers': onViewers,
    });
    if (socket.connected) onConnect();
    this.#cleanup = stop;
  }

  /** Replaces the state with a fresher copy (e.g. the result of a lifecycle action). */
  apply(session: SessionDetailDto): void {
    this.#keepNewest(session);
  }

  /**
   * A join snapshot can be read just before a change whose broadcast then overtakes the ack;
   * keeping the newest copy (by `updatedAt`) means an older one never overwrites a newer one.
   */
  #keepNewest(session: SessionDetailDto): void {
    if (session.id !== this.#id) return;
    if (session.updatedAt >= this.session.updatedAt) this.session = session;
  }

  /** Adds a listener of joins (add it before start()); returns its removal. */
  onJoin(listener: JoinListener): () => void {
    this.#joinListeners = [...this.#joinListeners, listener];
    return () => {
      this.#joinListeners = this.#joinListeners.filter((known) => known !== listener);
    };
  }

  /** Stops listening and leaves the room. */
  destroy(): void {
    this.#cleanup?.();
    this.#cleanup = null;
    const socket = this.#socket;
    this.#socket = null;
    if (socket?.connected) {
      emitWithAck('session:leave', { sessionId: this.#id }).catch((error: unknown) => {
        console.warn('session:leave failed', error);
      });
    }
  }

  async #join(): Promise<void> {
    for (const listener of this.#joinListeners) listener.joining();
    try {
      const snapshot = await emitWithAck('session:join', { sessionId: this.#id });
      this.#keepNewest(snapshot.session);
      this.viewerCount = snapshot.viewerCount;
      this.error = null;
      for (const listener of this.#joinListeners) listener.joined(snapshot);
    } catch (error) {
      for (const listener of this.#joinListeners) listener.failed();
      this.error =
        error instanceof AckError
          ? { code: error.code, message: error.message }
          : { code: 'internal', message: String(error) };
      console.error('session:join failed', error);
    }
  }
}
