// The time limits a moderator picks from, and the arithmetic of "+1 minute".
import { STAGE_MAX_SECONDS } from '@namesti/server/protocol';
import { m } from '$lib/paraglide/messages';

/** Seconds; null = no limit. */
export const LIMIT_CHOICES: readonly (number | null)[] = [null, 60, 120, 180, 300];

export function limitLabel(seconds: number | null): string {
  return seconds === null
    ? m.stage_mod_limit_none()
    : m.stage_mod_limit_minutes({ minutes: seconds / 60 });
}

/** A minute more than is left now (a minute from now when no time or no limit is left). */
export function oneMinuteMore(endsAt: string | null, now: number): number {
  const left = endsAt ? Math.max(0, Math.round((new Date(endsAt).getTime() - now) / 1000)) : 0;
  return Math.min(STAGE_MAX_SECONDS, left + 60);
}
