// The citizen's side of live polls in one session: the launched polls, their results where
// this audience may see them, and the viewer's own answers. Like Participation, the state is
// replaced from every join snapshot and then follows the room's events.
import type {
  BallotChoice,
  BallotDto,
  PollDto,
  PollResultsDto,
  Result,
  SessionSnapshotDto,
} from '@namesti/server/protocol';
import { resultsVisible } from '@namesti/server/domain/polls';
import { SvelteSet } from 'svelte/reactivity';
import type { LiveSession } from './session.svelte';
import { SessionFeed } from './session-feed';
import { AckError, emitWithAck } from './socket';

/** The newer of two tallies (by `at`); either may be missing. */
function newest(a: PollResultsDto | null, b: PollResultsDto | null): PollResultsDto | null {
  if (!a || !b) return a ?? b;
  return b.at > a.at ? b : a;
}

const newestFirst = (a: string | null, b: string | null) => (b ?? '').localeCompare(a ?? '');
const byOpened = (a: PollDto, b: PollDto) => newestFirst(a.openedAt, b.openedAt);
// Ending a session closes its polls at one instant; they then keep their launch order.
const byClosed = (a: PollDto, b: PollDto) => newestFirst(a.closedAt, b.closedAt) || byOpened(a, b);

export class Polls {
  /** Launched polls by id. */
  polls: Record<string, PollDto> = $state.raw({});
  /** The viewer's answers by poll id. */
  ballots: Record<string, BallotDto> = $state.raw({});
  /** Polls whose vote is on its way to the server. */
  readonly voting = new SvelteSet<string>();
  /** False until the first snapshot arrives. */
  ready = $state(false);

  /** Newest opened first. */
  readonly open: PollDto[] = $derived(
    Object.values(this.polls)
      .filter((poll) => poll.status === 'open')
      .sort(byOpened),
  );
  /** Newest closed first. */
  readonly closed: PollDto[] = $derived(
    Object.values(this.polls)
      .filter((poll) => poll.status === 'closed')
      .sort(byClosed),
  );

  readonly #live: LiveSession;
  readonly #feed: SessionFeed;

  constructor(live: LiveSession) {
    this.#live = live;
    this.#feed = new SessionFeed(live);
  }

  get sessionId(): string {
    return this.#live.id;
  }

  /** Starts following the room (browser only). Call before `live.start()`, undo with destroy(). */
  start(): void {
    this.#feed.start(
      (snapshot) => this.#applySnapshot(snapshot),
      (route) => ({
        'poll:changed': (poll) => route(poll.sessionId, () => this.#putPoll(poll)),
        'poll:results': ({ sessionId, results }) =>
          route(sessionId, () => this.#putResults(results)),
        'poll:ballot': (ballot) => route(ballot.sessionId, () => this.#putBallot(ballot)),
      }),
    );
  }

  destroy(): void {
    this.#feed.stop();
  }

  /**
   * Answers a poll (again, to change the answer where the poll allows it). Resolves with the
   * server's Result rather than throwing, so the card can show the typed refusal next to its form.
   */
  async vote(pollId: string, choice: BallotChoice): Promise<Result<BallotDto>> {
    if (this.voting.has(pollId)) {
      return { ok: false, error: { code: 'conflict', message: '' } };
    }
    this.voting.add(pollId);
    try {
      const ballot = await emitWithAck('poll:vote', { sessionId: this.sessionId, pollId, choice });
      this.#putBallot(ballot);
      return { ok: true, data: ballot };
    } catch (error) {
      if (error instanceof AckError) {
        return {
          ok: false,
          error: { code: error.code, message: error.message, details: error.details },
        };
      }
      console.error('poll:vote failed', error);
      return { ok: false, error: { code: 'internal', message: String(error) } };
    } finally {
      this.voting.delete(pollId);
    }
  }

  #applySnapshot(snapshot: SessionSnapshotDto): void {
    this.polls = Object.fromEntries(snapshot.polls.map((poll) => [poll.id, poll]));
    this.ballots = Object.fromEntries(snapshot.me.ballots.map((ballot) => [ballot.pollId, ballot]));
    this.ready = true;
  }

  /**
   * Keeps the copy with the highest version. Its results say whether this audience may see a
   * tally now; when it may, the newer of the two tallies wins.
   */
  #putPoll(poll: PollDto): void {
    if (poll.status === 'draft') return;
    const known = this.polls[poll.id];
    if (known && known.version > poll.version) return;
    const results = poll.results ? newest(poll.results, known?.results ?? null) : null;
    this.polls = { ...this.polls, [poll.id]: { ...poll, results } };
  }

  #putResults(list: readonly PollResultsDto[]): void {
    let polls = this.polls;
    for (const results of list) {
      const poll = polls[results.pollId];
      if (!poll || !resultsVisible(poll, false)) continue;
      const kept = newest(poll.results, results);
      if (kept !== poll.results) polls = { ...polls, [poll.id]: { ...poll, results: kept } };
    }
    this.polls = polls;
  }

  #putBallot(ballot: BallotDto): void {
    const known = this.ballots[ballot.pollId];
    if (known && known.updatedAt > ballot.updatedAt) return;
    this.ballots = { ...this.ballots, [ballot.pollId]: ballot };
  }
}
