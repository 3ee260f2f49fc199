// When a session's notices are due. Pure: the sweep passes the clock's "now".
// - Reminder 24 h: from 24 h before the start until 1 h before; a session scheduled (or a
//   subscription confirmed) later than that still gets it at the next sweep.
// - Reminder 1 h: the last hour before the start. A session made less than an hour ahead gets
//   only this one.
// - Live: while the session has been live for less than LIVE_NOTICE_WINDOW (a sweep after a
//   restart catches a start the hook missed; a stale "live now" is not sent).
// - Recording: once the recording is ready, and its transcript too when one is being made,
//   waiting for the transcript at most TRANSCRIPT_WAIT; nothing for recordings older than
//   RECORDING_NOTICE_WINDOW (an archive imported years later is not news).
import type { TranscriptStatus } from '../../generated/prisma/enums.ts';

export type ReminderKind = 'reminder_24h' | 'reminder_1h';

const HOUR = 3_600_000;
export const REMINDER_LEAD_MS: Record<ReminderKind, number> = {
  reminder_24h: 24 * HOUR,
  reminder_1h: HOUR,
};
export const LIVE_NOTICE_WINDOW_MS = 30 * 60_000;
export const TRANSCRIPT_WAIT_MS = 6 * HOUR;
export const RECORDING_NOTICE_WINDOW_MS = 3 * 24 * HOUR;

/** The reminder due now for a session starting at `start`, if any. */
export function dueReminder(start: Date, now: Date): ReminderKind | null {
  const left = start.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left <= REMINDER_LEAD_MS.reminder_1h) return 'reminder_1h';
  if (left <= REMINDER_LEAD_MS.reminder_24h) return 'reminder_24h';
  return null;
}

export function liveNoticeDue(startedAt: Date, now: Date): boolean {
  const since = now.getTime() - startedAt.getTime();
  return since >= 0 && since < LIVE_NOTICE_WINDOW_MS;
}

export type RecordingNotice = 'now' | 'wait' | 'never';

export function recordingNoticeDue(
  readyAt: Date,
  transcript: TranscriptStatus | null,
  now: Date,
): RecordingNotice {
  const since = now.getTime() - readyAt.getTime();
  if (since > RECORDING_NOTICE_WINDOW_MS) return 'never';
  const transcribing = transcript === 'queued' || transcript === 'running';
  return transcribing && since < TRANSCRIPT_WAIT_MS ? 'wait' : 'now';
}
