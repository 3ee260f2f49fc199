// JSON shapes the server sends (REST bodies and socket payloads). Dates are ISO strings.
import type { RecurrenceRule } from '../domain/recurrence.ts';
import type { SessionKind, SessionStatus, StaffRole } from './enums.ts';
import type { BanDto, ChatMessageDto, ModChatMessageDto, SessionSettingsDto } from './chat.ts';
import type { BallotDto, ModPollDto, PollDto } from './polls.ts';
import type { ModQuestionDto, OwnQuestionDto, QuestionDto } from './questions.ts';

export interface AgendaItemDto {
  id: string;
  position: number;
  title: string;
  description: string;
  offsetMinutes: number | null;
}

export interface DepartmentDto {
  id: string;
  slug: string;
  name: string;
  description: string;
  email: string | null;
}

export interface OfficialDto {
  id: string;
  name: string;
  roleTitle: string;
  bio: string;
  department: { id: string; name: string } | null;
  photoUrl: string | null;
  sortOrder: number;
}

/** Staff see hidden officials too. */
export interface AdminOfficialDto extends OfficialDto {
  isActive: boolean;
}

export interface SessionSummaryDto {
  id: string;
  kind: SessionKind;
  title: string;
  locality: string;
  status: SessionStatus;
  scheduledStart: string;
  scheduledEnd: string;
  startedAt: string | null;
  endedAt: string | null;
  seriesId: string | null;
  /** Moves forward with every change: clients keep the newest copy they have seen. */
  updatedAt: string;
}

export interface SessionDetailDto extends SessionSummaryDto {
  description: string;
  cancelReason: string | null;
  agenda: AgendaItemDto[];
  hosts: OfficialDto[];
  /** The recurring schedule this session belongs to, if any. */
  series: { id: string; rule: RecurrenceRuleDto } | null;
  /** The part of town it is about (the board's list), if any. */
  neighbourhood: { id: string; name: string } | null;
  /** What citizens may do now; moderators change it live. */
  settings: SessionSettingsDto;
  /** The question being answered now, shown on top for everyone. */
  nowAnsweringId: string | null;
  /** The agenda item under discussion now (each change becomes a chapter of the recording). */
  currentAgendaItemId: string | null;
}

/** A series' rule as stored (domain/recurrence.ts is pure TypeScript, safe for the browser). */
export type RecurrenceRuleDto = RecurrenceRule;

export interface SessionOverviewDto {
  live: SessionSummaryDto[];
  upcoming: SessionSummaryDto[];
  recent: SessionSummaryDto[];
}

export interface StaffUserDto {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  isActive: boolean;
  departmentIds: string[];
  lastLoginAt: string | null;
}

export interface ParticipantDto {
  id: string;
  displayName: string | null;
}

export interface MeDto {
  staff: StaffUserDto | null;
  participant: ParticipantDto;
}

export interface SessionSnapshotDto {
  session: SessionDetailDto;
  viewerCount: number;
  /** Approved and answered questions, with vote counts. */
  questions: QuestionDto[];
  /** The last published chat messages, oldest first. */
  chat: ChatMessageDto[];
  /** Launched polls (open and closed), results included where this audience may see them. */
  polls: PollDto[];
  /** What belongs to the one who joined. */
  me: {
    /** Their own questions in every state, with rejection reasons. */
    questions: OwnQuestionDto[];
    /** The questions they upvoted. */
    votedIds: string[];
    /** Their answers to this session's polls. */
    ballots: BallotDto[];
    /** Barred from asking, voting and chatting here. */
    banned: boolean;
  };
}

/** Everything a moderator console needs, fresh on every (re)join. */
export interface ModerationSnapshotDto {
  sessionId: string;
  /** Every question of the session in every state. */
  questions: ModQuestionDto[];
  /** Recent chat including held and hidden messages, oldest first. */
  chat: ModChatMessageDto[];
  bans: BanDto[];
  /** Every poll, drafts included, in console order. */
  polls: ModPollDto[];
  /** Recent moderation actions of this session, newest first. */
  log: AuditEntryDto[];
  departments: { id: string; name: string }[];
}

export interface AuditEntryDto {
  id: string;
  actor: { id: string; name: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** A moderator took this action back. */
  undone: boolean;
  createdAt: string;
}

export interface HealthDto {
  status: 'ok' | 'degraded';
  db: 'ok' | 'down';
  redis: 'ok' | 'off' | 'down';
  /** off: no mediasoup worker (not built, or MEDIA=off); degraded: a worker died and is being
   * replaced. */
  media: 'ok' | 'off' | 'degraded';
  mediaWorkers: { pid: number; alive: boolean; routers: number }[];
  /** Worker processes that died since the start. */
  mediaWorkerDeaths: number;
  version: string;
}
