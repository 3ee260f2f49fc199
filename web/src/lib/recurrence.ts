// Human descriptions of recurring schedules, for the admin forms.
import type { RecurrenceRuleDto } from '@namesti/server/protocol';
import { formatDate, weekdayName } from '$lib/format';
import { m } from '$lib/paraglide/messages';

export type Nth = 1 | 2 | 3 | 4 | -1;
export const NTH_VALUES: readonly Nth[] = [1, 2, 3, 4, -1];

/** The option labels: "první" … "poslední". */
export function nthLabel(nth: Nth): string {
  switch (nth) {
    case 1:
      return m.nth_1();
    case 2:
      return m.nth_2();
    case 3:
      return m.nth_3();
    case 4:
      return m.nth_4();
    case -1:
      return m.nth_last();
  }
}

/** Used inside a sentence: "1." / "first", agreeing with any weekday. */
export function nthInSentence(nth: Nth): string {
  switch (nth) {
    case 1:
      return m.nth_in_sentence_1();
    case 2:
      return m.nth_in_sentence_2();
    case 3:
      return m.nth_in_sentence_3();
    case 4:
      return m.nth_in_sentence_4();
    case -1:
      return m.nth_in_sentence_last();
  }
}

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
