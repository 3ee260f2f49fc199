// Which simulcast layer a viewer asks for: as sharp as the player is wide, one step lower
// while the connection cannot keep up. Pure: the caller feeds scores and the time.

/** The studio sends three layers: a quarter, half and full resolution. */
export const TOP_LAYER = 2;

/** The layer whose resolution fits a player this many CSS pixels wide. */
export function layerForWidth(width: number): number {
  if (width <= 480) return 0;
  if (width <= 960) return 1;
  return TOP_LAYER;
}

export type QualityLevel = 'good' | 'fair' | 'poor';

/** mediasoup scores a stream 0–10: what arrives compared with what was sent. */
export function qualityLevel(score: number): QualityLevel {
  if (score >= 8) return 'good';
  if (score >= 5) return 'fair';
  return 'poor';
}

export interface QualityGuardOptions {
  /** How long a poor score must last before the ceiling steps down. */
  holdMs?: number;
  /** How long a good score must last before it steps back up. */
  recoverMs?: number;
}

/**
 * A ceiling on the layer: one step down after a score below 5 has lasted `holdMs`, one step
 * up after a score of 8 or more has lasted `recoverMs`. Scores arrive only when they change,
 * so `tick()` re-checks the clock between them.
 */
export class QualityGuard {
  ceiling = TOP_LAYER;
  readonly #holdMs: number;
  readonly #recoverMs: number;
  #score: number | null = null;
  #since = 0;

  constructor(options: QualityGuardOptions = {}) {
    this.#holdMs = options.holdMs ?? 4_000;
    this.#recoverMs = options.recoverMs ?? 20_000;
  }

  observe(score: number, now: number): void {
    if (this.#score === null || qualityLevel(score) !== qualityLevel(this.#score)) {
      this.#since = now;
    }
    this.#score = score;
  }

  /** Moves the ceiling when a score has lasted long enough; true when it moved. */
  tick(now: number): boolean {
    if (this.#score === null) return false;
    const lasted = now - this.#since;
    if (this.#score < 5 && lasted >= this.#holdMs && this.ceiling > 0) {
      this.ceiling -= 1;
      this.#since = now; // another full hold before the next step
      return true;
    }
    if (this.#score >= 8 && lasted >= this.#recoverMs && this.ceiling < TOP_LAYER) {
      this.ceiling += 1;
      this.#since = now;
      return true;
    }
    return false;
  }
}
