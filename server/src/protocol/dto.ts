// JSON shapes the server sends (REST bodies and socket payloads). Dates are ISO strings.
import type { RecurrenceRule } from '../domain/recurrence.ts';
import type { SessionKind, SessionStatus, StaffRole } from './enums.ts';

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
}

export interface AuditEntryDto {
  id: string;
  actor: { id: string; name: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export interface HealthDto {
  status: 'ok' | 'degraded';
  db: 'ok' | 'down';
  redis: 'ok' | 'off' | 'down';
  media: 'ok' | 'off';
  version: string;
}
