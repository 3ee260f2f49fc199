// AppError → HTTP, in one place. Anything else is a bug: logged with context, answered 500.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../lib/app-error.ts';
import type { Logger } from '../lib/logger.ts';
import { appErrorFromDatabase } from '../lib/prisma-errors.ts';
import type { ErrorCode, WireError } from '../protocol/errors.ts';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  internal: 500,
};

export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', 'No such API endpoint'));
};

/** Errors raised outside our code (body parsers, the database driver) that we can name. */
function fromParserError(err: { type?: string; status?: number }): AppError | undefined {
  if (err.type === 'entity.too.large') return new AppError('payload_too_large', 'Body too large');
  if (err.type === 'entity.parse.failed') return new AppError('bad_request', 'Malformed JSON');
  if (err.type === 'encoding.unsupported' || err.status === 415)
    return new AppError('unsupported_media_type', 'Unsupported encoding');
  return appErrorFromDatabase(err);
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const known =
      err instanceof AppError ? err : fromParserError(err as { type?: string; status?: number });
    if (known) {
      if (known.code === 'unavailable')
        logger.warn({ err, url: req.originalUrl }, 'database unavailable');
      const body: WireError = { code: known.code, message: known.message };
      if (known.details) body.details = known.details;
      if (known.code === 'rate_limited' && known.details?.retryAfter?.[0]) {
        res.setHeader('Retry-After', known.details.retryAfter[0]);
      }
      res.status(HTTP_STATUS[known.code]).json({ error: body });
      return;
    }
    logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error in request');
    res.status(500).json({ error: { code: 'internal', message: 'Internal server error' } });
  };
}
