// One small typed client for the REST API (docs/api.md). Pages pass SvelteKit's `fetch` in load
// functions; forms in the browser use the global one. Every failure becomes an ApiError.
import type { ErrorCode, WireError } from '@namesti/server/protocol';
import { ERROR_CODES } from '@namesti/server/protocol';

type Fetch = typeof fetch;

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: Record<string, string[]>;
  /** Seconds from `Retry-After` (429), when given. */
  readonly retryAfter: number | null;

  constructor(status: number, wire: WireError, retryAfter: number | null = null) {
    super(wire.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = wire.code;
    this.details = wire.details ?? {};
    this.retryAfter = retryAfter;
  }
}

const knownCodes: ReadonlySet<string> = new Set(ERROR_CODES);

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return 'internal';
  }
}

function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && knownCodes.has(code) && typeof message === 'string';
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterHeader = response.status === 429 ? response.headers.get('retry-after') : null;
  const retryAfter = retryAfterHeader ? Number.parseInt(retryAfterHeader, 10) || null : null;
  // Not JSON (a proxy's error page, an empty 413 from a body limit): fall back to the status.
  const body: unknown = await response.json().catch((): null => null);
  const wire = (body as { error?: unknown } | null)?.error;
  if (isWireError(wire)) return new ApiError(response.status, wire, retryAfter);
  return new ApiError(
    response.status,
    {
      code: codeForStatus(response.status),
      message: response.statusText || `HTTP ${response.status}`,
    },
    retryAfter,
  );
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (uploads), with its own type. */
  body?: Blob;
  contentType?: string;
  fetch?: Fetch;
  signal?: AbortSignal;
}

/** Calls `/api${path}`; resolves to the parsed body (undefined for 204), rejects with ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', json, body, contentType, signal } = options;
  const fetchFn = options.fetch ?? fetch;
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (body !== undefined) {
    headers['content-type'] = contentType ?? (body.type || 'application/octet-stream');
    payload = body;
  } else if (method !== 'GET' && method !== 'DELETE') {
    // The server requires a JSON content type on state-changing requests.
    headers['content-type'] = 'application/json';
    payload = '{}';
  }

  let response: Response;
  try {
    response = await fetchFn(`/api${path}`, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, {
      code: 'unavailable',
      message: cause instanceof Error ? cause.message : String(cause),
    });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, fetchFn?: Fetch) => request<T>(path, { fetch: fetchFn }),
  post: <T>(path: string, json?: unknown) => request<T>(path, { method: 'POST', json }),
  put: <T>(path: string, json?: unknown) => request<T>(path, { method: 'PUT', json }),
  patch: <T>(path: string, json?: unknown) => request<T>(path, { method: 'PATCH', json }),
  delete: <T = void>(path: string) => request<T>(path, { method: 'DELETE' }),
  upload: <T>(path: string, file: Blob) =>
    request<T>(path, { method: 'PUT', body: file, contentType: file.type }),
  /** A file as the request body, e.g. captions as text/vtt. */
  postFile: <T>(path: string, file: Blob, contentType: string) =>
    request<T>(path, { method: 'POST', body: file, contentType }),
};

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
