// Domain events → Socket.IO rooms, in one place. Services call this only after
// their write has committed; with the Redis adapter it reaches every node.
import type { Server } from 'socket.io';
import type { AuditEntryDto, SessionDetailDto } from '../protocol/dto.ts';
import type { BanDto, ChatMessageDto, ModChatMessageDto } from '../protocol/chat.ts';
import type { BallotDto, ModPollDto, PollDto, PollResultsDto } from '../protocol/polls.ts';
import type { ModQuestionDto, OwnQuestionDto, QuestionDto } from '../protocol/questions.ts';
import {
  rooms,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '../protocol/events.ts';

export type NamestiServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** A question as each audience sees it; `public` is null when it is not (or no longer) public. */
export interface QuestionViews {
  public: QuestionDto | null;
  own: OwnQuestionDto;
  mod: ModQuestionDto;
  /** It was public before this change: tell everyone it left. */
  wasPublic: boolean;
}

export interface Notifier {
  sessionChanged(session: SessionDetailDto): void;
  boardAnswered(questionId: string): void;
  questionChanged(views: QuestionViews): void;
  votesChanged(sessionId: string, counts: Record<string, number>): void;
  chatChanged(message: ModChatMessageDto, publicView: ChatMessageDto | null): void;
  banChanged(ban: BanDto, sessionId: string): void;
  logged(sessionId: string, entry: AuditEntryDto): void;
  /** `shown` is the public view, null for drafts. */
  pollChanged(mod: ModPollDto, shown: PollDto | null): void;
  pollRemoved(sessionId: string, pollId: string): void;
  /** Moderators get every tally; the session room only those citizens may see. */
  pollResults(sessionId: string, all: PollResultsDto[], shown: PollResultsDto[]): void;
  ballotStored(participantId: string, ballot: BallotDto): void;
}

export function createNotifier(io: NamestiServer): Notifier {
  return {
    sessionChanged(session) {
      io.to(rooms.session(session.id)).emit('session:state', session);
      io.to(rooms.lobby).emit('lobby:changed', { sessionId: session.id, status: session.status });
    },

    boardAnswered(questionId) {
      io.to(rooms.lobby).emit('board:answered', { questionId });
    },

    questionChanged({ public: shown, own, mod, wasPublic }) {
      const { sessionId, id } = mod;
      if (shown) io.to(rooms.session(sessionId)).emit('question:changed', shown);
      else if (wasPublic) {
        io.to(rooms.session(sessionId)).emit('question:removed', {
          sessionId,
          questionId: id,
          mergedIntoId: mod.mergedIntoId,
        });
      }
      io.to(rooms.participant(mod.participantId)).emit('question:mine', own);
      io.to(rooms.sessionModerators(sessionId)).emit('moderation:question', mod);
    },

    votesChanged(sessionId, counts) {
      io.to(rooms.session(sessionId)).emit('question:votes', { sessionId, counts });
    },

    chatChanged(message, publicView) {
      const { sessionId, id } = message;
      if (publicView) io.to(rooms.session(sessionId)).emit('chat:message', publicView);
      else if (message.status === 'hidden') {
        io.to(rooms.session(sessionId)).emit('chat:removed', { sessionId, messageId: id });
      }
      io.to(rooms.sessionModerators(sessionId)).emit('moderation:chat', message);
    },

    banChanged(ban, sessionId) {
      io.to(rooms.sessionModerators(sessionId)).emit('moderation:ban', ban);
      io.to(rooms.participant(ban.participantId)).emit('participant:banned', {
        sessionId,
        banned: ban.liftedAt === null,
      });
    },

    logged(sessionId, entry) {
      io.to(rooms.sessionModerators(sessionId)).emit('moderation:log', entry);
    },

    pollChanged(mod, shown) {
      if (shown) io.to(rooms.session(mod.sessionId)).emit('poll:changed', shown);
      io.to(rooms.sessionModerators(mod.sessionId)).emit('moderation:poll', mod);
    },

    pollRemoved(sessionId, pollId) {
      io.to(rooms.sessionModerators(sessionId)).emit('moderation:poll-removed', {
        sessionId,
        pollId,
      });
    },

    pollResults(sessionId, all, shown) {
      if (all.length) {
        io.to(rooms.sessionModerators(sessionId)).emit('poll:results', { sessionId, results: all });
      }
      if (shown.length)
        io.to(rooms.session(sessionId)).emit('poll:results', { sessionId, results: shown });
    },

    ballotStored(participantId, ballot) {
      io.to(rooms.participant(participantId)).emit('poll:ballot', ballot);
    },
  };
}
