// The board's words for numbers, times, states and departments, in the reader's language.
import type { NamedDto, QuestionStatus } from '@namesti/server/protocol';
import { formatNumber } from '$lib/format';
import { messageFor } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { durationParts, wholeDaysSince } from './duration';
import { monthDate } from './stats';

/** "113,2 h": chart axes and tables keep one unit. */
export function formatHours(hours: number): string {
  return m.board_hours({ value: formatNumber(hours) });
}

/** "30 h" up to two days, then "3,6 dne" / "5 dní". */
export function formatDuration(hours: number): string {
  const { unit, value } = durationParts(hours);
  return unit === 'hours'
    ? m.board_hours({ value: formatNumber(value) })
    : m.board_days({ count: value, value: formatNumber(value) });
}

/** "Čeká 3 dny" / "Čeká od dneška". */
export function waitingFor(since: string, now = new Date()): string {
  const days = wholeDaysSince(since, now);
  return days === 0 ? m.board_waiting_today() : m.board_waiting_days({ count: days });
}

export function departmentLabel(department: NamedDto | null): string {
  return department?.name ?? m.board_no_department();
}

/** "říj" / "Oct" under a column; "říjen 2026" / "October 2026" in tables. */
export function monthLabel(month: string, style: 'short' | 'long'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'short' ? { month: 'short' } : { month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(getLocale(), { ...options, timeZone: 'UTC' }).format(
    monthDate(month),
  );
}

/** A board question's state as the public reads it: approved means it waits for an answer. */
export const boardStatusLabel = messageFor<QuestionStatus>({
  pending: m.qa_status_pending,
  approved: m.board_status_waiting,
  rejected: m.qa_status_rejected,
  merged: m.qa_status_merged,
  answered: m.qa_status_answered,
});
