import type { ErrorCode } from '../protocol/errors.ts';

/**
 * An expected failure with a closed code: mapped once per transport
 * (HTTP status in http/errors.ts, ack in realtime/handler.ts). Bugs stay plain Errors.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, string[]> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, string[]>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') =>
  new AppError('forbidden', message);

/** A form error on one field: the message, also listed under the field for the form. */
export const fieldError = (field: string, message: string) =>
  new AppError('validation_failed', message, { [field]: [message] });
