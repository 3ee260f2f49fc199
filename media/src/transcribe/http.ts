// Transcription by an OpenAI-compatible service (OpenAI, or self-hosted ones that speak its API,
// such as speaches/faster-whisper-server or LocalAI): POST {url}/v1/audio/transcriptions.
// Long recordings are sent in pieces (OpenAI takes at most 25 MB a request), cut where the
// audio is quietest, and the pieces' times are shifted back onto the recording's clock.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { encodeTranscriptionWav, TRANSCRIPTION_SAMPLE_RATE, transcriptionWavPcm } from './audio.ts';
import {
  abortedError,
  languageOrDefault,
  TranscriptionError,
  type TranscribeOptions,
  type TranscriptionEngine,
  type TranscriptSegment,
} from './types.ts';

export interface HttpEngineOptions {
  /** The service's base URL, e.g. https://api.openai.com (a trailing /v1 is accepted too). */
  url: string;
  /** Sent as `Authorization: Bearer …`; omit for services without authentication. */
  apiKey?: string;
  /** The service's model name, e.g. 'whisper-1'. */
  model: string;
  /** Per request, in ms; default 15 minutes. */
  timeoutMs?: number;
  /** Longest piece of audio per request, in ms; default 10 minutes (19 MB of WAV). */
  maxChunkMs?: number;
  /** Retries after 429, 502, 503, 504 or a failed connection; default 2. */
  retries?: number;
  /** First retry delay in ms (then ×4); default 1000. */
  retryDelayMs?: number;
}

const BYTES_PER_MS = (TRANSCRIPTION_SAMPLE_RATE * 2) / 1000;
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 60_000;
const ERROR_BODY_CHARS = 300;

interface VerboseJson {
  text?: unknown;
  segments?: unknown;
}

export function createHttpEngine(options: HttpEngineOptions): TranscriptionEngine {
  const base = options.url.replace(/\/+$/, '');
  const endpoint = /\/v1$/.test(base)
    ? `${base}/audio/transcriptions`
    : `${base}/v1/audio/transcriptions`;
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const maxChunkMs = Math.max(10_000, options.maxChunkMs ?? 10 * 60_000);
  const retries = Math.max(0, options.retries ?? 2);
  const retryDelayMs = options.retryDelayMs ?? 1000;

  async function post(
    wav: Buffer,
    fileName: string,
    language: string,
    signal: AbortSignal | undefined,
  ): Promise<VerboseJson> {
    for (let attempt = 0; ; attempt++) {
      const form = new FormData();
      form.append('file', new Blob([wav], { type: 'audio/wav' }), fileName);
      form.append('model', options.model);
      form.append('language', language);
      form.append('response_format', 'verbose_json');
      form.append('timestamp_granularities[]', 'segment');
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
          body: form,
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (err) {
        if (signal?.aborted) throw abortedError(signal);
        const why = timeout.aborted ? `timed out after ${timeoutMs} ms` : describe(err);
        if (!timeout.aborted && attempt < retries) {
          await sleep(retryDelayMs * 4 ** attempt, signal);
          continue;
        }
        throw new TranscriptionError('http_error', `${endpoint}: ${why}`, { cause: err });
      }
      let body: string;
      try {
        body = await response.text();
      } catch (err) {
        if (signal?.aborted) throw abortedError(signal);
        const why = timeout.aborted ? `timed out after ${timeoutMs} ms` : describe(err);
        throw new TranscriptionError('http_error', `${endpoint}: ${why}`, {
          status: response.status,
          cause: err,
        });
      }
      if (!response.ok) {
        if (RETRY_STATUSES.has(response.status) && attempt < retries) {
          const retryAfter = Number(response.headers.get('retry-after')) * 1000;
          const delay =
            Number.isFinite(retryAfter) && retryAfter > 0
              ? Math.min(retryAfter, MAX_RETRY_AFTER_MS)
              : retryDelayMs * 4 ** attempt;
          await sleep(delay, signal);
          continue;
        }
        throw new TranscriptionError(
          'http_error',
          `${endpoint} answered ${response.status}: ${errorMessage(body)}`,
          { status: response.status },
        );
      }
      try {
        const parsed: unknown = JSON.parse(body);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          return parsed as VerboseJson;
        }
      } catch (err) {
        throw new TranscriptionError('engine_failed', `${endpoint} answered invalid JSON`, {
          cause: err,
        });
      }
      throw new TranscriptionError('engine_failed', `${endpoint} answered JSON that is no object`);
    }
  }

  return {
    name: 'http',

    async transcribe(wavFile: string, call: TranscribeOptions): Promise<TranscriptSegment[]> {
      const { signal, onProgress } = call;
      if (signal?.aborted) throw abortedError(signal);
      const language = languageOrDefault(call.language);
      let bytes: Buffer;
      try {
        bytes = await readFile(wavFile);
      } catch (err) {
        throw new TranscriptionError('bad_audio', `cannot read ${wavFile}: ${String(err)}`, {
          cause: err,
        });
      }
      const pcm = transcriptionWavPcm(bytes, wavFile);
      if (pcm.length === 0) return [];
      const totalMs = pcm.length / BYTES_PER_MS;
      const segments: TranscriptSegment[] = [];
      const pieces = cutPoints(pcm, maxChunkMs);
      const name = basename(wavFile).replace(/\.[^.]*$/, '');
      for (const [index, piece] of pieces.entries()) {
        const offsetMs = piece.start / BYTES_PER_MS;
        const pieceMs = (piece.end - piece.start) / BYTES_PER_MS;
        const fileName = pieces.length > 1 ? `${name}-${index + 1}.wav` : `${name}.wav`;
        const wav = encodeTranscriptionWav(pcm.subarray(piece.start, piece.end));
        const json = await post(wav, fileName, language, signal);
        segments.push(...parseSegments(json, endpoint, offsetMs, pieceMs));
        onProgress?.(Math.min(1, (offsetMs + pieceMs) / Math.max(1, totalMs)));
      }
      return segments;
    },
  };
}

/** verbose_json segments (seconds) → ours (ms on the recording's clock). */
function parseSegments(
  json: VerboseJson,
  endpoint: string,
  offsetMs: number,
  pieceMs: number,
): TranscriptSegment[] {
  const invalid = (why: string) =>
    new TranscriptionError('engine_failed', `${endpoint} answered unexpected JSON: ${why}`);
  if (json.segments === undefined || json.segments === null) {
    // Some services ignore verbose_json: keep their text, timed as the whole piece.
    if (typeof json.text !== 'string') throw invalid('neither segments nor text');
    const text = json.text.trim();
    if (!text) return [];
    return [
      {
        startMs: Math.round(offsetMs),
        endMs: Math.round(offsetMs + pieceMs),
        text,
        speaker: null,
      },
    ];
  }
  if (!Array.isArray(json.segments)) throw invalid('segments is not an array');
  const segments: TranscriptSegment[] = [];
  for (const item of json.segments as unknown[]) {
    if (!item || typeof item !== 'object') throw invalid('a segment is not an object');
    const { start, end, text, speaker } = item as Record<string, unknown>;
    if (typeof start !== 'number' || typeof end !== 'number' || typeof text !== 'string') {
      throw invalid('a segment lacks numeric start/end or text');
    }
    if (!Number.isFinite(start) || !Number.isFinite(end)) throw invalid('a time is not finite');
    const trimmed = text.trim();
    if (!trimmed) continue;
    const startMs = Math.round(offsetMs + Math.max(0, start) * 1000);
    const endMs = Math.max(startMs, Math.round(offsetMs + Math.max(0, end) * 1000));
    segments.push({
      startMs,
      endMs,
      text: trimmed,
      speaker: typeof speaker === 'string' && speaker ? speaker : null,
    });
  }
  return segments;
}

/**
 * Byte ranges of at most `maxChunkMs` each. Each cut falls in the quietest 50 ms of the last
 * stretch before the limit, so it seldom splits a word.
 */
export function cutPoints(pcm: Buffer, maxChunkMs: number): { start: number; end: number }[] {
  const maxBytes = Math.floor(maxChunkMs * BYTES_PER_MS) & ~1;
  const frameBytes = Math.round(50 * BYTES_PER_MS);
  const searchBytes = Math.min(Math.round(15_000 * BYTES_PER_MS), Math.floor(maxBytes / 4));
  const pieces: { start: number; end: number }[] = [];
  let start = 0;
  while (pcm.length - start > maxBytes) {
    const limit = start + maxBytes;
    let best = limit;
    let bestEnergy = Number.POSITIVE_INFINITY;
    for (let frame = limit - searchBytes; frame + frameBytes <= limit; frame += frameBytes) {
      let energy = 0;
      for (let i = frame; i < frame + frameBytes; i += 2) energy += pcm.readInt16LE(i) ** 2;
      if (energy < bestEnergy) {
        bestEnergy = energy;
        best = frame + frameBytes / 2;
      }
    }
    best -= best % 2;
    pieces.push({ start, end: best });
    start = best;
  }
  pieces.push({ start, end: pcm.length });
  return pieces;
}

function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; detail?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
    if (typeof parsed.detail === 'string') return parsed.detail;
  } catch {
    // not JSON: show the start of the body
  }
  const text = body.trim();
  return text ? text.slice(0, ERROR_BODY_CHARS) : '(empty body)';
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
