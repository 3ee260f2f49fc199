// Citizens on stage (consultations, mayor chats): a citizen raises a hand with a short topic,
// moderators keep the ordered speaking list, accept one speaker at a time, and can mute,
// remove or time-limit them. The speaker's microphone goes through the media signalling.
import { z } from 'zod';

const id = z.uuid();
const sessionId = id;

export const STAGE_TOPIC_MAX_LENGTH = 200;
/** The longest time limit a moderator can set, in seconds. */
export const STAGE_MAX_SECONDS = 30 * 60;
export const STAGE_STATUSES = ['waiting', 'accepted', 'declined', 'withdrawn', 'done'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const stageRaiseSchema = z.object({
  sessionId,
  topic: z.string().trim().min(3).max(STAGE_TOPIC_MAX_LENGTH),
  /** Shown to everyone while on stage; required when the session requires names. */
  authorName: z.string().trim().min(2).max(60).optional(),
});

export const stageRefSchema = z.object({ sessionId, requestId: id });

export const stageDecideSchema = z.discriminatedUnion('decision', [
  z.object({
    sessionId,
    requestId: id,
    decision: z.literal('accept'),
    timeLimitSeconds: z.number().int().min(15).max(STAGE_MAX_SECONDS).nullable().optional(),
  }),
  z.object({
    sessionId,
    requestId: id,
    decision: z.literal('decline'),
    reason: z.string().trim().max(200).optional(),
  }),
]);

export const stageControlSchema = z.discriminatedUnion('action', [
  z.object({ sessionId, requestId: id, action: z.enum(['mute', 'unmute', 'remove']) }),
  z.object({
    sessionId,
    requestId: id,
    action: z.literal('time'),
    /** From now; null = no limit. */
    seconds: z.number().int().min(15).max(STAGE_MAX_SECONDS).nullable(),
  }),
]);

/** Who is on stage, as everyone sees it. */
export interface StageSpeakerDto {
  requestId: string;
  name: string;
  topic: string;
  startedAt: string;
  /** The time limit runs out then; null = no limit. */
  endsAt: string | null;
  muted: boolean;
}

/** The citizen's own request. */
export interface OwnStageRequestDto {
  id: string;
  sessionId: string;
  topic: string;
  status: StageStatus;
  /** 1 = next, while waiting. */
  position: number | null;
  declineReason: string | null;
  endsAt: string | null;
  muted: boolean;
}

/** A request in the moderators' speaking list. */
export interface ModStageRequestDto extends OwnStageRequestDto {
  name: string;
  participantId: string;
  createdAt: string;
}

export interface StageSnapshotDto {
  sessionId: string;
  speaker: StageSpeakerDto | null;
  mine: OwnStageRequestDto | null;
  /** Moderators only: the waiting list in order, and the speaker's request. */
  queue: ModStageRequestDto[] | null;
}
