// Recognising the database failures we handle, across both driver adapters.
import { AppError } from './app-error.ts';

/** A unique constraint said no (P2002). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'P2002';
}

const UNREACHABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNREACHABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|terminating connection|Connection terminated|timeout exceeded when trying to connect|does not exist|the database system is (starting up|shutting down)/i;

/** The database cannot be reached right now: answer 503, not 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (e.name === 'PrismaClientInitializationError') return true;
  return (
    typeof e.message === 'string' &&
    UNREACHABLE_TEXT.test(e.message) &&
    /database|connect/i.test(e.message)
  );
}

/**
 * Database refusals that are the client's race, not our bug: someone else took the name,
 * deleted the row, or the database is away. One mapping for both transports.
 */
export function appErrorFromDatabase(err: unknown): AppError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'P2002') return new AppError('conflict', 'Already exists (changed meanwhile)');
  if (code === 'P2025') return new AppError('not_found', 'Not found (changed meanwhile)');
  if (code === 'P2003')
    return new AppError('conflict', 'Refers to something that no longer exists');
  if (isDatabaseUnavailable(err)) return new AppError('unavailable', 'Database unavailable');
  // No pooled connection within maxWait (an overload): retryable, not a bug.
  if (code === 'P2028') return new AppError('unavailable', 'The server is busy; try again');
  return undefined;
}
