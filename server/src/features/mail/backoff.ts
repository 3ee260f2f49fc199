// When a failed send is tried again: each wait four times the last (30 s, 2 min, 8 min, 32 min,
// ~2 h, then 6 h), so a short SMTP hiccup costs seconds and a day-long outage a few tries.
// Jitter spreads the retries of a batch that failed together (one outage, many messages).

/** Sends before a message is given up (failed); about a day and a half with the defaults. */
export const MAX_ATTEMPTS = 10;

export interface BackoffOptions {
  /** The wait after the first failure. */
  baseMs: number;
  /** No wait is longer. */
  capMs?: number;
  /** 0 ≤ x < 1; injected so the schedule is testable. */
  random?: () => number;
}

export const BACKOFF_CAP_MS = 6 * 3600 * 1000;
const FACTOR = 4;
/** The wait is the schedule's ±20 %. */
const JITTER = 0.2;

/** The wait after the `attempts`-th failed send (1 = the first). */
export function retryDelayMs(attempts: number, options: BackoffOptions): number {
  const { baseMs, capMs = BACKOFF_CAP_MS, random = Math.random } = options;
  const exponent = Math.max(0, Math.floor(attempts) - 1);
  // Capped before jitter, and the jitter kept under the cap: no wait beyond it.
  const planned = Math.min(capMs, baseMs * FACTOR ** exponent);
  const jittered = planned * (1 - JITTER + 2 * JITTER * random());
  return Math.round(Math.min(capMs, jittered));
}
