// The speaking list of one session, as a citizen and as a moderator see it: who is on stage,
// the citizen's own request, and (moderators) the ordered list. Every join of the session room
// is followed by a `stage:sync`; events that arrive while a sync is on its way may be newer
// than its snapshot, so they are replayed onto it.
import type {
  ModStageRequestDto,
  OwnStageRequestDto,
  SessionKind,
  StageSnapshotDto,
  StageSpeakerDto,
  StageStatus,
} from '@namesti/server/protocol';
import type { LiveSession } from './session.svelte';
import { emitWithAck, getSocket, listen } from './socket';

/** Kinds where citizens take the floor (the server refuses the rest). */
const FLOOR_KINDS: readonly SessionKind[] = ['consultation', 'mayor_chat', 'hearing'];
export const hasFloor = (kind: SessionKind) => FLOOR_KINDS.includes(kind);

/** A request only moves forward: waiting → accepted → one of the ends. */
const STEP: Record<StageStatus, number> = {
  waiting: 0,
  accepted: 1,
  declined: 2,
  withdrawn: 2,
  done: 2,
};

export const isActive = (request: { status: StageStatus }) =>
  request.status === 'waiting' || request.status === 'accepted';

type Decision =
  | { decision: 'accept'; timeLimitSeconds: number | null }
  | {
      decision: 'decline';
      reason?: string;
    };
type Control =
  { action: 'mute' | 'unmute' | 'remove' } | { action: 'time'; seconds: number | null };

export class Stage {
  speaker: StageSpeakerDto | null = $state.raw(null);
  mine: OwnStageRequestDto | null = $state.raw(null);
  /** Moderators only: the speaker's request first, then the waiting in order. */
  queue: ModStageRequestDto[] | null = $state.raw(null);
  /** False until the first snapshot arrives. */
  ready = $state(false);

  readonly waiting: ModStageRequestDto[] = $derived(
    (this.queue ?? []).filter((request) => request.status === 'waiting'),
  );
  readonly accepted: ModStageRequestDto | null = $derived(
    this.queue?.find((request) => request.status === 'accepted') ?? null,
  );

  readonly #live: LiveSession;
  #replay: (() => void)[] | null = null;
  #syncs = 0;
  #cleanup: (() => void) | null = null;

  constructor(live: LiveSession) {
    this.#live = live;
  }

  get sessionId(): string {
    return this.#live.id;
  }

  /** Starts following (browser only); undo with destroy(). */
  start(): void {
    if (this.#cleanup) return;
    const stopJoins = this.#live.onJoin({
      joining: () => {},
      joined: () => void this.sync(),
      failed: () => {},
    });
    const stopEvents = listen(getSocket(), {
      'stage:speaker': ({ sessionId, speaker }) =>
        this.#route(sessionId, () => {
          this.speaker = speaker;
        }),
      'stage:mine': (request) => this.#route(request.sessionId, () => this.#putMine(request)),
      'stage:queue': ({ sessionId, queue }) =>
        this.#route(sessionId, () => {
          this.queue = queue;
        }),
    });
    this.#cleanup = () => {
      stopJoins();
      stopEvents();
    };
    // The room was joined before this store started (the page's own store came first).
    if (this.#live.viewerCount !== null) void this.sync();
  }

  destroy(): void {
    this.#cleanup?.();
    this.#cleanup = null;
    this.#replay = null;
  }

  /** Reads the whole state again; events that overtake the answer are replayed onto it. */
  async sync(): Promise<void> {
    const attempt = ++this.#syncs;
    this.#replay = [];
    try {
      const snapshot = await emitWithAck('stage:sync', { sessionId: this.sessionId });
      if (attempt !== this.#syncs || !this.#cleanup) return;
      this.#apply(snapshot);
      const replay = this.#replay ?? [];
      this.#replay = null;
      for (const apply of replay) apply();
    } catch (error) {
      if (attempt === this.#syncs) this.#replay = null;
      console.error('stage:sync failed', error);
    }
  }

  /** Raises a hand; rejects with the server's AckError (shown next to the form). */
  async raise(topic: string, authorName?: string): Promise<OwnStageRequestDto> {
    const request = await emitWithAck('stage:raise', {
      sessionId: this.sessionId,
      topic,
      ...(authorName ? { authorName } : {}),
    });
    this.#putMine(request);
    return request;
  }

  /** Takes the hand down, or ends one's own turn on stage. */
  async withdraw(requestId: string): Promise<void> {
    this.#putMine(await emitWithAck('stage:withdraw', { sessionId: this.sessionId, requestId }));
  }

  async decide(requestId: string, decision: Decision): Promise<ModStageRequestDto> {
    return emitWithAck('stage:decide', { sessionId: this.sessionId, requestId, ...decision });
  }

  async control(requestId: string, control: Control): Promise<ModStageRequestDto> {
    return emitWithAck('stage:control', { sessionId: this.sessionId, requestId, ...control });
  }

  #apply(snapshot: StageSnapshotDto): void {
    this.speaker = snapshot.speaker;
    this.mine = snapshot.mine;
    this.queue = snapshot.queue;
    this.ready = true;
  }

  #route(sessionId: string, apply: () => void): void {
    if (sessionId !== this.sessionId) return;
    apply();
    this.#replay?.push(apply);
  }

  /**
   * The copy to keep: a raise's late ack must not undo the acceptance that overtook it, and a
   * finished request's late news must not hide a newer active one.
   */
  #putMine(request: OwnStageRequestDto): void {
    const known = this.mine;
    if (known && known.id === request.id && STEP[known.status] > STEP[request.status]) return;
    if (known && known.id !== request.id && isActive(known) && !isActive(request)) return;
    this.mine = request;
  }
}
