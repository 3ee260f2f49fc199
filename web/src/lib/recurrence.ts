// Human descriptions of recurring schedules, for the admin forms.
import type { RecurrenceRuleDto } from '@namesti/server/protocol';
import { formatDate, weekdayName } from '$lib/format';
import { messageFor } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

export type Nth = 1 | 2 | 3 | 4 | -1;
export const NTH_VALUES: readonly Nth[] = [1, 2, 3, 4, -1];

/** The option labels: "první" … "poslední". */
export const nthLabel = messageFor<Nth>({
  1: m.nth_1,
  2: m.nth_2,
  3: m.nth_3,
  4: m.nth_4,
  [-1]: m.nth_last,
});

/** Used inside a sentence: "1." / "first", agreeing with any weekday. */
export const nthInSentence = messageFor<Nth>({
  1: m.nth_in_sentence_1,
  2: m.nth_in_sentence_2,
  3: m.nth_in_sentence_3,
  4: m.nth_in_sentence_4,
  [-1]: m.nth_in_sentence_last,
});

export function describeWeekly(weekday: number, interval: number, time?: string): string {
  const day = weekdayName(weekday);
  const base =
    interval <= 1
      ? m.rule_weekly({ weekday: day })
      : m.rule_weekly_n({ n: interval, weekday: day });
  return time ? m.rule_at_time({ rule: base, time }) : base;
}

export function describeMonthly(weekday: number, nth: Nth, time?: string): string {
  const base = m.rule_monthly({ nth: nthInSentence(nth), weekday: weekdayName(weekday) });
  return time ? m.rule_at_time({ rule: base, time }) : base;
}

export function describeRule(rule: RecurrenceRuleDto): string {
  const text =
    rule.frequency === 'weekly'
      ? describeWeekly(rule.weekday, rule.interval, rule.time)
      : describeMonthly(rule.weekday, rule.nth as Nth, rule.time);
  return rule.until
    ? m.rule_until({ rule: text, date: formatDate(`${rule.until}T12:00:00Z`) })
    : text;
}
