// Live state of the moderator console of one session. On every connect (first and after
// reconnects) it joins the session's room (through LiveSession) and the moderators' room, and
// replaces everything from the fresh snapshot; between snapshots it follows the broadcasts.
import type {
  AuditEntryDto,
  BanDto,
  ChatMessageDto,
  ModChatMessageDto,
  ModerationAction,
  ModerationSnapshotDto,
  ModQuestionDto,
  SessionDetailDto,
  SessionSettingsPatch,
  UndoResultDto,
  WireError,
} from '@namesti/server/protocol';
import { ModerationPolls } from './moderation-polls.svelte';
import { LiveSession } from './session.svelte';
import { AckError, emitWithAck, getSocket, listen } from './socket';
import { api } from '$lib/api';

/** How many log entries the console keeps. */
const LOG_LIMIT = 60;

/**
 * A chat message as the console knows it. A public `chat:message` can arrive before its
 * `moderation:chat` copy; until then the author is unknown (null) and cannot be banned.
 */
export type ConsoleChatMessage = Omit<ModChatMessageDto, 'participantId'> & {
  participantId: string | null;
};

export type SettingsPatch = Omit<SessionSettingsPatch, 'sessionId'>;

export class ModerationStore {
  /** Session state, settings and "now answering" (joins `session:<id>` on every connect). */
  readonly live: LiveSession;
  /** Every poll incl. drafts, with live results; its actions are savePoll, deletePoll, controlPoll. */
  readonly polls: ModerationPolls;

  /** Every question of the session by id; `loaded` turns true with the first snapshot. */
  questionsById: Record<string, ModQuestionDto> = $state.raw({});
  loaded = $state(false);
  chat: ConsoleChatMessage[] = $state.raw([]);
  bans: BanDto[] = $state.raw([]);
  log: AuditEntryDto[] = $state.raw([]);
  departments: { id: string; name: string }[] = $state.raw([]);
  /** The last moderation:join failure (e.g. forbidden); cleared by the next success. */
  joinError: WireError | null = $state(null);

  readonly #id: string;
  #cleanup: (() => void) | null = null;

  constructor(initial: SessionDetailDto) {
    this.live = new LiveSession(initial);
    this.polls = new ModerationPolls(initial.id);
    this.#id = initial.id;
  }

  get session(): SessionDetailDto {
    return this.live.session;
  }

  get connected(): boolean {
    return this.live.connected;
  }

  get questions(): ModQuestionDto[] {
    return Object.values(this.questionsById);
  }

  /** Starts following (browser only). Idempotent; undo with destroy(). */
  start(): void {
    if (this.#cleanup) return;
    const socket = getSocket();
    this.live.start();
    const onConnect = () => void this.#join();
    const stop = listen(socket, {
      connect: onConnect,
      'moderation:question': (question) => this.applyQuestion(question),
      'question:votes': ({ sessionId, counts }) => {
        if (sessionId === this.#id) this.#applyVotes(counts);
      },
      'moderation:chat': (message) => this.applyChat(message),
      'chat:message': (message) => this.#applyPublicChat(message),
      'chat:removed': ({ sessionId, messageId }) => {
        if (sessionId === this.#id) this.#markHidden(messageId);
      },
      'moderation:ban': (ban) => this.applyBan(ban),
      'moderation:log': (entry) => this.#applyLog(entry),
      ...this.polls.listeners,
    });
    if (socket.connected) onConnect();
    this.#cleanup = stop;
  }

  /** Stops listening and leaves both rooms. */
  destroy(): void {
    const wasFollowing = this.#cleanup !== null;
    this.#cleanup?.();
    this.#cleanup = null;
    this.live.destroy();
    if (wasFollowing && getSocket().connected) {
      emitWithAck('moderation:leave', { sessionId: this.#id }).catch((error: unknown) => {
        console.warn('moderation:leave failed', error);
      });
    }
  }

  // ---- Actions: each resolves with the stored result (and applies it), or rejects with AckError.

  async moderate(questionId: string, action: ModerationAction): Promise<ModQuestionDto> {
    const question = await emitWithAck('question:moderate', {
      sessionId: this.#id,
      questionId,
      action,
    });
    this.applyQuestion(question);
    return question;
  }

  async undo(): Promise<UndoResultDto> {
    const result = await emitWithAck('question:undo', { sessionId: this.#id });
    this.applyQuestion(result.question);
    return result;
  }

  async moderateChat(messageId: string, action: 'hide' | 'release'): Promise<void> {
    const message = await emitWithAck('chat:moderate', { sessionId: this.#id, messageId, action });
    this.applyChat(message);
  }

  async ban(participantId: string, scope: BanDto['scope'], reason: string): Promise<void> {
    const ban = await emitWithAck('moderation:ban', {
      sessionId: this.#id,
      participantId,
      scope,
      reason,
    });
    this.applyBan(ban);
  }

  async unban(banId: string): Promise<void> {
    this.applyBan(await emitWithAck('moderation:unban', { sessionId: this.#id, banId }));
  }

  /** "Now discussing": everyone sees it, and the recording gets a chapter there. */
  async setCurrentAgendaItem(agendaItemId: string | null): Promise<void> {
    const session = await api.post<SessionDetailDto>(`/sessions/${this.#id}/agenda/current`, {
      agendaItemId,
    });
    this.live.apply(session);
  }

  async updateSettings(patch: SettingsPatch): Promise<void> {
    const session = await emitWithAck('session:settings', { sessionId: this.#id, ...patch });
    this.live.apply(session);
  }

  // ---- Applying server state.

  /** Keeps the newest copy of a question (by `version`). */
  applyQuestion(question: ModQuestionDto): void {
    if (question.sessionId !== this.#id) return;
    const current = this.questionsById[question.id];
    if (current && current.version > question.version) return;
    this.questionsById = { ...this.questionsById, [question.id]: question };
  }

  applyChat(message: ModChatMessageDto): void {
    if (message.sessionId !== this.#id) return;
    this.#upsertChat(message);
  }

  applyBan(ban: BanDto): void {
    if (ban.sessionId !== null && ban.sessionId !== this.#id) return;
    const others = this.bans.filter((existing) => existing.id !== ban.id);
    this.bans = [ban, ...others];
  }

  /** Whether the person is barred here: the newest ban we know of decides, else the DTO's flag. */
  isBanned(participantId: string, fallback = false): boolean {
    const known = this.bans.filter((ban) => ban.participantId === participantId);
    if (known.length === 0) return fallback;
    return known.some((ban) => ban.liftedAt === null);
  }

  /** The active ban of a person, for "unban" next to their messages. */
  activeBanOf(participantId: string): BanDto | undefined {
    return this.bans.find((ban) => ban.participantId === participantId && ban.liftedAt === null);
  }

  #replaceFrom(snapshot: ModerationSnapshotDto): void {
    // A broadcast can overtake the ack of the snapshot it is newer than: keep the newer copy.
    const current = this.questionsById;
    this.questionsById = Object.fromEntries(
      snapshot.questions.map((q) => {
        const known = current[q.id];
        return [q.id, known && known.version > q.version ? known : q];
      }),
    );
    this.chat = snapshot.chat;
    this.bans = snapshot.bans;
    this.log = snapshot.log.slice(0, LOG_LIMIT);
    this.departments = snapshot.departments;
    this.polls.replace(snapshot.polls);
    this.loaded = true;
  }

  #applyVotes(counts: Record<string, number>): void {
    const next = { ...this.questionsById };
    let changed = false;
    for (const [id, voteCount] of Object.entries(counts)) {
      const question = next[id];
      if (question && question.voteCount !== voteCount) {
        next[id] = { ...question, voteCount };
        changed = true;
      }
    }
    if (changed) this.questionsById = next;
  }

  #upsertChat(message: ConsoleChatMessage): void {
    const index = this.chat.findIndex((existing) => existing.id === message.id);
    if (index === -1) {
      // Oldest first, as in the snapshot.
      this.chat = [...this.chat, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    } else {
      const next = [...this.chat];
      next[index] = message;
      this.chat = next;
    }
  }

  /** The public copy carries no author id: keep what the moderators' copy told us. */
  #applyPublicChat(message: ChatMessageDto): void {
    if (message.sessionId !== this.#id) return;
    const known = this.chat.find((existing) => existing.id === message.id);
    this.#upsertChat({
      ...message,
      participantId: known?.participantId ?? null,
      heldFor: known?.heldFor ?? [],
      hiddenBy: known?.hiddenBy ?? null,
    });
  }

  #markHidden(messageId: string): void {
    const known = this.chat.find((existing) => existing.id === messageId);
    if (known && known.status !== 'hidden') this.#upsertChat({ ...known, status: 'hidden' });
  }

  /** New entries go on top; a known one is replaced in place (e.g. marked undone). */
  #applyLog(entry: AuditEntryDto): void {
    const index = this.log.findIndex((existing) => existing.id === entry.id);
    if (index === -1) {
      this.log = [entry, ...this.log].slice(0, LOG_LIMIT);
    } else {
      this.log = this.log.with(index, entry);
    }
  }

  async #join(): Promise<void> {
    try {
      const snapshot = await emitWithAck('moderation:join', { sessionId: this.#id });
      this.#replaceFrom(snapshot);
      this.joinError = null;
    } catch (error) {
      this.joinError =
        error instanceof AckError
          ? { code: error.code, message: error.message }
          : { code: 'internal', message: String(error) };
      console.error('moderation:join failed', error);
    }
  }
}
