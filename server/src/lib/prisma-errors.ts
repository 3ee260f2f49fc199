// Recognising the database failures we handle, across both driver adapters.

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
