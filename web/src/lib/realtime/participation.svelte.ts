// The citizen's side of live participation in one session: public questions, the author's own
// questions, votes and chat. State is replaced from every join snapshot (so a reconnect resyncs)
// and then follows the room's events; actions resolve only with what the server acknowledged.
import type {
  ChatMessageDto,
  ChatSend,
  OwnQuestionDto,
  QuestionAsk,
  QuestionDto,
  SessionSettingsDto,
  SessionSnapshotDto,
} from '@namesti/server/protocol';
import { SvelteSet } from 'svelte/reactivity';
import type { LiveSession } from './session.svelte';
import { SessionFeed } from './session-feed';
import { emitWithAck } from './socket';
import { readName, rememberName } from '$lib/remembered-name';

/** Chat messages kept in memory: the join history plus what arrived live since. */
const CHAT_KEEP = 300;

type AskDefaults = 'agendaItemId' | 'anonymous' | 'topicId' | 'neighbourhoodId';
type Ask = Omit<QuestionAsk, 'sessionId' | AskDefaults> & Partial<Pick<QuestionAsk, AskDefaults>>;
type Chat = Omit<ChatSend, 'sessionId' | 'officialId'> & Partial<Pick<ChatSend, 'officialId'>>;

const without = <T>(record: Record<string, T>, id: string): Record<string, T> => {
  const { [id]: _removed, ...rest } = record;
  return rest;
};

const byCreated = (a: { createdAt: string }, b: { createdAt: string }) =>
  a.createdAt.localeCompare(b.createdAt);

export class Participation {
  /** Approved and answered questions by id: what everyone sees. */
  questions: Record<string, QuestionDto> = $state.raw({});
  /** The viewer's own questions in every state, by id. */
  mine: Record<string, OwnQuestionDto> = $state.raw({});
  readonly votedIds = new SvelteSet<string>();
  /** Questions whose vote is on its way to the server. */
  readonly votingIds = new SvelteSet<string>();
  /** Published messages, oldest first. */
  chat: ChatMessageDto[] = $state.raw([]);
  banned = $state(false);
  /** False until the first snapshot arrives. */
  ready = $state(false);
  /** The name the viewer gave last (remembered in this browser). */
  name = $state('');

  readonly approved: QuestionDto[] = $derived(
    Object.values(this.questions).filter((question) => question.status === 'approved'),
  );
  /** Newest answer first. */
  readonly answered: QuestionDto[] = $derived(
    Object.values(this.questions)
      .filter((question) => question.status === 'answered')
      .sort((a, b) => (b.answer?.answeredAt ?? '').localeCompare(a.answer?.answeredAt ?? '')),
  );
  /** Newest first. */
  readonly myQuestions: OwnQuestionDto[] = $derived(
    Object.values(this.mine).sort((a, b) => byCreated(b, a)),
  );

  readonly #live: LiveSession;
  readonly #feed: SessionFeed;

  /** The name the server remembers for this citizen (from `/api/me`), if any. */
  readonly #knownName: string | null;

  constructor(live: LiveSession, knownName: string | null = null) {
    this.#knownName = knownName;
    this.#live = live;
    this.#feed = new SessionFeed(live);
  }

  get sessionId(): string {
    return this.#live.id;
  }

  get settings(): SessionSettingsDto {
    return this.#live.session.settings;
  }

  get nowAnsweringId(): string | null {
    return this.#live.session.nowAnsweringId;
  }

  /** The question being answered now, if everyone can see it. */
  get nowAnswering(): QuestionDto | null {
    const id = this.nowAnsweringId;
    return (id && this.questions[id]) || null;
  }

  /** Any question's text by id (public or own), e.g. to name a merge target. */
  textOf(id: string): string | null {
    return this.questions[id]?.text ?? this.mine[id]?.text ?? null;
  }

  /** Starts following the room (browser only). Call before `live.start()`, undo with destroy(). */
  start(): void {
    // The server's copy wins: it is what the server falls back to when no name is sent.
    this.name = this.#knownName ?? readName();
    this.#feed.start(
      (snapshot) => this.#applySnapshot(snapshot),
      (route) => ({
        'question:changed': (question) =>
          route(question.sessionId, () => this.#putPublic(question)),
        'question:removed': ({ sessionId, questionId }) =>
          route(sessionId, () => {
            this.questions = without(this.questions, questionId);
          }),
        'question:mine': (question) => route(question.sessionId, () => this.#putMine(question)),
        'question:votes': ({ sessionId, counts }) =>
          route(sessionId, () => this.#setCounts(counts)),
        'chat:message': (message) => route(message.sessionId, () => this.#addChat(message)),
        'chat:removed': ({ sessionId, messageId }) =>
          route(sessionId, () => {
            this.chat = this.chat.filter((message) => message.id !== messageId);
          }),
        'participant:banned': ({ sessionId, banned }) =>
          route(sessionId, () => {
            this.banned = banned;
          }),
      }),
    );
  }

  destroy(): void {
    this.#feed.stop();
  }

  /** Asks a question; resolves with the stored question (pending or approved). */
  async ask(input: Ask): Promise<OwnQuestionDto> {
    const question = await emitWithAck('question:ask', { ...input, sessionId: this.sessionId });
    this.#putMine(question);
    if (question.status === 'approved') this.#putPublic(question);
    if (input.authorName) this.#rememberName(input.authorName);
    return question;
  }

  /** Upvotes (`up`) or takes the upvote back; the ack's count is applied. One at a time. */
  async vote(questionId: string, up: boolean): Promise<void> {
    if (this.votingIds.has(questionId)) return;
    this.votingIds.add(questionId);
    try {
      const result = await emitWithAck('question:vote', {
        sessionId: this.sessionId,
        questionId,
        vote: up,
      });
      if (result.voted) this.votedIds.add(result.questionId);
      else this.votedIds.delete(result.questionId);
      this.#setCounts({ [result.questionId]: result.voteCount });
    } finally {
      this.votingIds.delete(questionId);
    }
  }

  /** Sends a chat message; resolves with it as stored (it may be held for review). */
  async sendChat(input: Chat): Promise<ChatMessageDto> {
    const message = await emitWithAck('chat:send', { ...input, sessionId: this.sessionId });
    this.#addChat(message);
    if (input.authorName) this.#rememberName(input.authorName);
    return message;
  }

  #applySnapshot(snapshot: SessionSnapshotDto): void {
    this.questions = Object.fromEntries(
      snapshot.questions.map((question) => [question.id, question]),
    );
    this.mine = Object.fromEntries(
      snapshot.me.questions.map((question) => [question.id, question]),
    );
    this.votedIds.clear();
    for (const id of snapshot.me.votedIds) this.votedIds.add(id);
    this.chat = [...snapshot.chat].sort(byCreated);
    this.banned = snapshot.me.banned;
    this.ready = true;
  }

  /** Keeps the copy with the highest version (a broadcast can overtake an older snapshot). */
  #putPublic(question: QuestionDto): void {
    const known = this.questions[question.id];
    if (known && known.version > question.version) return;
    this.questions = { ...this.questions, [question.id]: question };
  }

  #putMine(question: OwnQuestionDto): void {
    const known = this.mine[question.id];
    if (known && known.version > question.version) return;
    this.mine = { ...this.mine, [question.id]: question };
  }

  #setCounts(counts: Record<string, number>): void {
    let questions = this.questions;
    let mine = this.mine;
    for (const [id, voteCount] of Object.entries(counts)) {
      const shown = questions[id];
      if (shown && shown.voteCount !== voteCount)
        questions = { ...questions, [id]: { ...shown, voteCount } };
      const own = mine[id];
      if (own && own.voteCount !== voteCount) mine = { ...mine, [id]: { ...own, voteCount } };
    }
    this.questions = questions;
    this.mine = mine;
  }

  #addChat(message: ChatMessageDto): void {
    if (message.status !== 'published') return;
    if (this.chat.some((known) => known.id === message.id)) return;
    const chat = [...this.chat, message];
    // Messages nearly always arrive in order; sort only when one did not.
    const last = this.chat[this.chat.length - 1];
    if (last && last.createdAt > message.createdAt) chat.sort(byCreated);
    this.chat = chat.slice(-CHAT_KEEP);
  }

  #rememberName(name: string): void {
    this.name = name;
    rememberName(name);
  }
}
