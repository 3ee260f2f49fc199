// The console's polls: every poll of the session, drafts included, from the moderation:join
// snapshot and then the moderators' broadcasts. Polls are kept by `version`, their results
// separately by `at`, because tallies arrive far more often than the polls themselves change.
import type {
  ClientToServerEvents,
  ModPollDto,
  PollControlAction,
  PollDto,
  PollResultsDto,
  Result,
} from '@namesti/server/protocol';
import { AckError, emitWithAck, type Listeners } from './socket';

/** What `poll:save` takes, without the session (the store adds it). */
export type PollDraftInput = Omit<Parameters<ClientToServerEvents['poll:save']>[0], 'sessionId'>;

/** An ack as a value, so forms can show typed errors (validation details) without try/catch. */
async function asResult<T>(pending: Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await pending };
  } catch (error) {
    if (error instanceof AckError) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, details: error.details },
      };
    }
    console.error(error);
    return { ok: false, error: { code: 'internal', message: String(error) } };
  }
}

const newer = (a: PollResultsDto, b: PollResultsDto) => a.at > b.at;

export class ModerationPolls {
  /** Every poll of the session by id. */
  byId: Record<string, ModPollDto> = $state.raw({});

  readonly #sessionId: string;
  /** The newest tally seen per poll, also for polls whose copy has not arrived yet. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  readonly #latest = new Map<string, PollResultsDto>();

  constructor(sessionId: string) {
    this.#sessionId = sessionId;
  }

  get all(): ModPollDto[] {
    return Object.values(this.byId);
  }

  /** Drafts in the moderators' order. */
  get drafts(): ModPollDto[] {
    return this.all
      .filter((poll) => poll.status === 'draft')
      .sort((a, b) => a.position - b.position);
  }

  /** Open polls, the longest running first. */
  get open(): ModPollDto[] {
    return this.all
      .filter((poll) => poll.status === 'open')
      .sort((a, b) => (a.openedAt ?? '').localeCompare(b.openedAt ?? ''));
  }

  /** Closed polls, the most recently closed first. */
  get closed(): ModPollDto[] {
    return this.all
      .filter((poll) => poll.status === 'closed')
      .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  }

  /** The broadcasts this store follows; ModerationStore adds them to its own listeners. */
  get listeners(): Listeners {
    return {
      'moderation:poll': (poll) => this.apply(poll),
      'moderation:poll-removed': ({ sessionId, pollId }) => {
        if (sessionId === this.#sessionId) this.remove(pollId);
      },
      'poll:results': ({ sessionId, results }) => {
        if (sessionId === this.#sessionId) this.applyResults(results);
      },
      // The public copy of a launch or close; its final results may beat the moderators' copy.
      'poll:changed': (poll: PollDto) => {
        if (poll.sessionId === this.#sessionId && poll.results) this.applyResults([poll.results]);
      },
    };
  }

  // ---- Actions: each resolves with the server's Result (and applies what was stored).

  async savePoll(draft: PollDraftInput): Promise<Result<ModPollDto>> {
    const result = await asResult(
      emitWithAck('poll:save', { ...draft, sessionId: this.#sessionId }),
    );
    if (result.ok) this.apply(result.data);
    return result;
  }

  async deletePoll(pollId: string): Promise<Result<null>> {
    const result = await asResult(
      emitWithAck('poll:delete', { sessionId: this.#sessionId, pollId }),
    );
    if (result.ok) this.remove(pollId);
    return result;
  }

  async controlPoll(pollId: string, action: PollControlAction): Promise<Result<ModPollDto>> {
    const result = await asResult(
      emitWithAck('poll:control', { sessionId: this.#sessionId, pollId, action }),
    );
    if (result.ok) this.apply(result.data);
    return result;
  }

  // ---- Applying server state.

  /** From a fresh snapshot: its polls replace ours, unless a broadcast already brought newer. */
  replace(polls: ModPollDto[]): void {
    const current = this.byId;
    this.byId = Object.fromEntries(
      polls
        .filter((poll) => poll.sessionId === this.#sessionId)
        .map((poll) => {
          const known = current[poll.id];
          return [
            poll.id,
            this.#withNewestResults(known && known.version > poll.version ? known : poll),
          ];
        }),
    );
  }

  /** Keeps the newest copy of a poll (by `version`) with the newest results (by `at`). */
  apply(poll: ModPollDto): void {
    if (poll.sessionId !== this.#sessionId) return;
    const known = this.byId[poll.id];
    if (known && known.version > poll.version) return;
    this.byId = { ...this.byId, [poll.id]: this.#withNewestResults(poll) };
  }

  remove(pollId: string): void {
    if (!(pollId in this.byId)) return;
    const { [pollId]: _gone, ...rest } = this.byId;
    this.byId = rest;
    this.#latest.delete(pollId);
  }

  applyResults(results: readonly PollResultsDto[]): void {
    let next: Record<string, ModPollDto> | null = null;
    for (const tally of results) {
      const seen = this.#latest.get(tally.pollId);
      if (seen && !newer(tally, seen)) continue;
      this.#latest.set(tally.pollId, tally);
      const poll = (next ?? this.byId)[tally.pollId];
      if (!poll || !newer(tally, poll.results)) continue;
      next ??= { ...this.byId };
      next[tally.pollId] = { ...poll, results: tally };
    }
    if (next) this.byId = next;
  }

  #withNewestResults(poll: ModPollDto): ModPollDto {
    const seen = this.#latest.get(poll.id);
    if (seen && newer(seen, poll.results)) return { ...poll, results: seen };
    this.#latest.set(poll.id, poll.results);
    return poll;
  }
}
