// THE socket contract. Server and web import these maps; nothing declares them twice.
import type { z } from 'zod';
import type { Result } from './errors.ts';
import type {
  AuditEntryDto,
  ModerationSnapshotDto,
  SessionDetailDto,
  SessionSnapshotDto,
} from './dto.ts';
import { sessionLifecycleEventSchema, sessionRefSchema } from './schemas.ts';
import {
  questionAskSchema,
  questionModerateSchema,
  questionVoteSchema,
  sessionScopedSchema,
  type ModQuestionDto,
  type OwnQuestionDto,
  type QuestionDto,
  type UndoResultDto,
  type VoteResultDto,
} from './questions.ts';
import {
  banSchema,
  chatModerateSchema,
  chatSendSchema,
  sessionSettingsSchema,
  unbanSchema,
  type BanDto,
  type ChatMessageDto,
  type ModChatMessageDto,
} from './chat.ts';
import {
  pollControlSchema,
  pollDraftSchema,
  pollRefSchema,
  pollVoteSchema,
  type BallotDto,
  type ModPollDto,
  type PollDto,
  type PollResultsDto,
} from './polls.ts';
import {
  mediaConnectSchema,
  mediaConsumeSchema,
  mediaConsumerControlSchema,
  mediaJoinSchema,
  mediaProduceSchema,
  mediaProducerControlSchema,
  mediaTransportRefSchema,
  mediaTransportSchema,
  type MediaConsumerDto,
  type MediaJoinDto,
  type MediaParameters,
  type MediaProducerDto,
  type MediaQualityDto,
  type MediaTransportDto,
} from './media.ts';
import {
  stageControlSchema,
  stageDecideSchema,
  stageRaiseSchema,
  stageRefSchema,
  type ModStageRequestDto,
  type OwnStageRequestDto,
  type StageSnapshotDto,
  type StageSpeakerDto,
} from './stage.ts';
import type { StaffRole } from './enums.ts';

/** Bumped on any breaking change; a client with another version is refused at connect. */
export const PROTOCOL_VERSION = 4;

export type Ack<T> = (result: Result<T>) => void;
type Event<S extends z.ZodType, T> = (payload: z.input<S>, ack: Ack<T>) => void;

export interface ClientToServerEvents {
  /** Join a session's room; the ack carries a fresh snapshot (also after reconnects). */
  'session:join': Event<typeof sessionRefSchema, SessionSnapshotDto>;
  'session:leave': Event<typeof sessionRefSchema, null>;
  /** Host or admin: start, end, cancel or reopen a session. */
  'session:lifecycle': Event<typeof sessionLifecycleEventSchema, SessionDetailDto>;
  /** Moderators: questions open, pre-moderation, chat, slow mode, names required. */
  'session:settings': Event<typeof sessionSettingsSchema, SessionDetailDto>;
  /** The home page listens for sessions going live or ending. */
  'lobby:join': (payload: Record<string, never>, ack: Ack<null>) => void;
  'lobby:leave': (payload: Record<string, never>, ack: Ack<null>) => void;

  /** A citizen asks; acknowledged once stored, with its status (pending or approved). */
  'question:ask': Event<typeof questionAskSchema, OwnQuestionDto>;
  /** Upvote or take the upvote back; one per person per question. */
  'question:vote': Event<typeof questionVoteSchema, VoteResultDto>;
  /** Moderators: approve, reject, edit, merge, pin, unpin, answer, assign. */
  'question:moderate': Event<typeof questionModerateSchema, ModQuestionDto>;
  /** Moderators: undo their own last moderation action in the session. */
  'question:undo': Event<typeof sessionScopedSchema, UndoResultDto>;

  'chat:send': Event<typeof chatSendSchema, ChatMessageDto>;
  /** Moderators: hide a message, or publish one held for a blocked word. */
  'chat:moderate': Event<typeof chatModerateSchema, ModChatMessageDto>;

  /** A citizen answers a poll; acknowledged once stored. Again = change it, if the poll allows. */
  'poll:vote': Event<typeof pollVoteSchema, BallotDto>;
  /** Moderators: create a draft poll, or edit one that has not been launched. */
  'poll:save': Event<typeof pollDraftSchema, ModPollDto>;
  /** Moderators: delete a draft. */
  'poll:delete': Event<typeof pollRefSchema, null>;
  /** Moderators: launch or close a poll. */
  'poll:control': Event<typeof pollControlSchema, ModPollDto>;

  /** Live video: the router's capabilities and the tracks on air (again after a reset). */
  'media:join': Event<typeof mediaJoinSchema, MediaJoinDto>;
  /** Closes this connection's transports in the session. */
  'media:leave': Event<typeof mediaJoinSchema, null>;
  /** A WebRTC transport; sending needs the host's right or an accepted stage request. */
  'media:transport': Event<typeof mediaTransportSchema, MediaTransportDto>;
  'media:connect': Event<typeof mediaConnectSchema, null>;
  /** After a network change: new ICE credentials for the same transport. */
  'media:restart-ice': Event<typeof mediaTransportRefSchema, { iceParameters: MediaParameters }>;
  'media:produce': Event<typeof mediaProduceSchema, { producerId: string }>;
  /** The sender: mute (pause), unmute (resume) or stop (close) one of its tracks. */
  'media:producer': Event<typeof mediaProducerControlSchema, null>;
  /** A paused consumer of a track on air; resume it once the browser is ready. */
  'media:consume': Event<typeof mediaConsumeSchema, MediaConsumerDto>;
  'media:consumer': Event<typeof mediaConsumerControlSchema, null>;

  /** The speaker, the caller's own request, and (moderators) the speaking list. */
  'stage:sync': Event<typeof sessionScopedSchema, StageSnapshotDto>;
  /** A citizen raises a hand with a short topic; acknowledged once stored. */
  'stage:raise': Event<typeof stageRaiseSchema, OwnStageRequestDto>;
  'stage:withdraw': Event<typeof stageRefSchema, OwnStageRequestDto>;
  /** Moderators: accept (one speaker at a time, optional time limit) or decline. */
  'stage:decide': Event<typeof stageDecideSchema, ModStageRequestDto>;
  /** Moderators: mute, unmute, remove the speaker, or set their time limit. */
  'stage:control': Event<typeof stageControlSchema, ModStageRequestDto>;

  /** Moderators: join the console's room; the ack carries everything, fresh. */
  'moderation:join': Event<typeof sessionScopedSchema, ModerationSnapshotDto>;
  'moderation:leave': Event<typeof sessionScopedSchema, null>;
  'moderation:ban': Event<typeof banSchema, BanDto>;
  'moderation:unban': Event<typeof unbanSchema, BanDto>;
}

export interface ServerToClientEvents {
  'session:state': (session: SessionDetailDto) => void;
  'session:viewers': (payload: { sessionId: string; count: number }) => void;
  'lobby:changed': (payload: { sessionId: string; status: SessionDetailDto['status'] }) => void;
  /** To the lobby: a board question got its public answer (the board widget refreshes). */
  'board:answered': (payload: { questionId: string }) => void;

  /** A question became or stays public (approved, answered), or changed while public. */
  'question:changed': (question: QuestionDto) => void;
  /** A question left the public list (rejected, merged, or an approval undone). */
  'question:removed': (payload: {
    sessionId: string;
    questionId: string;
    mergedIntoId: string | null;
  }) => void;
  /** To the author only: their question, in any state. */
  'question:mine': (question: OwnQuestionDto) => void;
  /** Vote counts, coalesced: at most a few per second per session. */
  'question:votes': (payload: { sessionId: string; counts: Record<string, number> }) => void;

  'chat:message': (message: ChatMessageDto) => void;
  'chat:removed': (payload: { sessionId: string; messageId: string }) => void;

  /** A poll was launched or closed (everyone), or changed while launched. */
  'poll:changed': (poll: PollDto) => void;
  /** Tallies, coalesced: at most a few per second per session, only those this room may see. */
  'poll:results': (payload: { sessionId: string; results: PollResultsDto[] }) => void;
  /** To the voter only (all their tabs): their stored answer. */
  'poll:ballot': (ballot: BallotDto) => void;

  /** The tracks on air in a session, whole (a viewer consumes the new ones). */
  'media:producers': (payload: { sessionId: string; producers: MediaProducerDto[] }) => void;
  /** The track behind one of this connection's consumers ended. */
  'media:consumer-closed': (payload: { sessionId: string; consumerId: string }) => void;
  /** How well one of this connection's streams arrives, for the quality hint. */
  'media:quality': (payload: MediaQualityDto) => void;
  /** The media server lost this connection's transports (a worker died): join media again. */
  'media:reset': (payload: { sessionId: string }) => void;

  /** Who is on stage now (null: nobody), to everyone in the session. */
  'stage:speaker': (payload: { sessionId: string; speaker: StageSpeakerDto | null }) => void;
  /** To the citizen (all tabs): their request changed, or their place in the list. */
  'stage:mine': (request: OwnStageRequestDto) => void;
  /** Moderators' room: the speaking list, whole. */
  'stage:queue': (payload: { sessionId: string; queue: ModStageRequestDto[] }) => void;

  /** Moderators' room: every change of a question, chat message, ban, and the action log. */
  'moderation:question': (question: ModQuestionDto) => void;
  'moderation:chat': (message: ModChatMessageDto) => void;
  'moderation:ban': (ban: BanDto) => void;
  'moderation:log': (entry: AuditEntryDto) => void;
  'moderation:poll': (poll: ModPollDto) => void;
  'moderation:poll-removed': (payload: { sessionId: string; pollId: string }) => void;
  /** To a participant: they were banned or unbanned in a session. */
  'participant:banned': (payload: { sessionId: string; banned: boolean }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  participantId: string;
  staff: { id: string; role: StaffRole; name: string } | null;
  locale: 'cs' | 'en';
  /** Salted hash of the client's address: per-address limits, bans that outlive a cookie. */
  ipHash: string;
}

/** Payload schemas by event name: the realtime edge validates with these. */
export const clientEventSchemas = {
  'session:join': sessionRefSchema,
  'session:leave': sessionRefSchema,
  'session:lifecycle': sessionLifecycleEventSchema,
  'session:settings': sessionSettingsSchema,
  'lobby:join': null,
  'lobby:leave': null,
  'question:ask': questionAskSchema,
  'question:vote': questionVoteSchema,
  'question:moderate': questionModerateSchema,
  'question:undo': sessionScopedSchema,
  'chat:send': chatSendSchema,
  'chat:moderate': chatModerateSchema,
  'poll:vote': pollVoteSchema,
  'poll:save': pollDraftSchema,
  'poll:delete': pollRefSchema,
  'poll:control': pollControlSchema,
  'media:join': mediaJoinSchema,
  'media:leave': mediaJoinSchema,
  'media:transport': mediaTransportSchema,
  'media:connect': mediaConnectSchema,
  'media:restart-ice': mediaTransportRefSchema,
  'media:produce': mediaProduceSchema,
  'media:producer': mediaProducerControlSchema,
  'media:consume': mediaConsumeSchema,
  'media:consumer': mediaConsumerControlSchema,
  'stage:sync': sessionScopedSchema,
  'stage:raise': stageRaiseSchema,
  'stage:withdraw': stageRefSchema,
  'stage:decide': stageDecideSchema,
  'stage:control': stageControlSchema,
  'moderation:join': sessionScopedSchema,
  'moderation:leave': sessionScopedSchema,
  'moderation:ban': banSchema,
  'moderation:unban': unbanSchema,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType | null>;

export const rooms = {
  session: (sessionId: string) => `session:${sessionId}`,
  sessionModerators: (sessionId: string) => `session:${sessionId}:mod`,
  /** Connections that joined a session's media (media:join), on the node that carries it. */
  sessionMedia: (sessionId: string) => `session:${sessionId}:media`,
  /** Every socket of one citizen (all tabs, on every node). */
  participant: (participantId: string) => `participant:${participantId}`,
  lobby: 'lobby',
} as const;
