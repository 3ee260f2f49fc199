/** Every expected failure, on the wire and inside the server. Closed on purpose. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WireError {
  code: ErrorCode;
  message: string;
  /** Field path → messages, for forms. */
  details?: Record<string, string[]>;
}

/** The shape of every ack and every JSON error body. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: WireError };
