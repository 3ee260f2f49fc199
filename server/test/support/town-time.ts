// The admin API takes town-local wall times ("2026-12-07T17:00", Europe/Prague); tests and
// e2e specs ask for one some time from now.

/** The town's wall clock `inMs` from now, as the admin API takes it (YYYY-MM-DDTHH:MM). */
export function townTime(inMs: number): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Prague',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + inMs));
  return parts.replace(' ', 'T');
}
