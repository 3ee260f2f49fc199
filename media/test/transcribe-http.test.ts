// The HTTP engine against a real local server that plays an OpenAI-compatible transcription
// service: what it sends (multipart fields, auth), how it reads verbose_json, and how it fails.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeTranscriptionWav } from '../src/transcribe/audio.ts';
import {
  createEngineFromConfig,
  createHttpEngine,
  type HttpEngineOptions,
} from '../src/transcribe/index.ts';
import { rejection } from './support/rejection.ts';

interface Received {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  fields: Record<string, string[]>;
  file: { name: string; type: string; bytes: Buffer } | null;
}

type Handler = (request: Received, res: ServerResponse) => void | Promise<void>;

let server: Server;
let baseUrl: string;
let handler: Handler;
const received: Received[] = [];
const hanging: ServerResponse[] = [];
let dir: string;

async function readRequest(req: IncomingMessage): Promise<Received> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  // Parse the multipart body with a real parser (undici's, through Response.formData()).
  const form = await new Response(Buffer.concat(chunks), {
    headers: { 'content-type': req.headers['content-type'] ?? '' },
  }).formData();
  const fields: Record<string, string[]> = {};
  let file: Received['file'] = null;
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') (fields[key] ??= []).push(value);
    else
      file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
  }
  return {
    method: req.method,
    url: req.url,
    authorization: req.headers.authorization,
    fields,
    file,
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'namesti-transcribe-http-'));
  server = createServer((req, res) => {
    readRequest(req)
      .then(async (request) => {
        received.push(request);
        await handler(request, res);
      })
      .catch((err: unknown) => json(res, 599, { error: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  received.length = 0;
  for (const res of hanging.splice(0)) res.destroy();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A WAV of `seconds` of a tone, with silence wherever `quiet` says. */
async function wav(name: string, seconds: number, quiet: (t: number) => boolean = () => false) {
  const count = Math.round(seconds * 16_000);
  const pcm = Buffer.alloc(count * 2);
  for (let i = 0; i < count; i++) {
    const t = i / 16_000;
    const value = quiet(t) ? 0 : Math.round(8000 * Math.sin(2 * Math.PI * 220 * t));
    pcm.writeInt16LE(value, i * 2);
  }
  const file = path.join(dir, name);
  await writeFile(file, encodeTranscriptionWav(pcm));
  return file;
}

function engine(options: Partial<HttpEngineOptions> = {}) {
  return createHttpEngine({
    url: baseUrl,
    apiKey: 'sk-test-123',
    model: 'whisper-1',
    retryDelayMs: 10,
    ...options,
  });
}

describe('http engine', () => {
  it('posts the WAV as OpenAI multipart and turns verbose_json seconds into ms', async () => {
    handler = (_request, res) =>
      json(res, 200, {
        task: 'transcribe',
        language: 'czech',
        duration: 3,
        text: 'Dobrý den. Zahajuji zasedání.',
        segments: [
          { id: 0, start: 0, end: 1.52, text: ' Dobrý den.', tokens: [1, 2] },
          { id: 1, start: 1.52, end: 2.999, text: ' Zahajuji zasedání.', tokens: [3] },
          { id: 2, start: 2.999, end: 3, text: '   ', tokens: [] },
        ],
      });
    const file = await wav('meeting.wav', 3);
    const progress: number[] = [];
    const segments = await engine().transcribe(file, {
      language: 'cs',
      onProgress: (fraction) => progress.push(fraction),
    });

    expect(segments).toEqual([
      { startMs: 0, endMs: 1520, text: 'Dobrý den.', speaker: null },
      { startMs: 1520, endMs: 2999, text: 'Zahajuji zasedání.', speaker: null },
    ]);
    expect(progress).toEqual([1]);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({
      method: 'POST',
      url: '/v1/audio/transcriptions',
      authorization: 'Bearer sk-test-123',
      fields: {
        model: ['whisper-1'],
        language: ['cs'],
        response_format: ['verbose_json'],
        'timestamp_granularities[]': ['segment'],
      },
    });
    expect(request!.file).toMatchObject({ name: 'meeting.wav', type: 'audio/wav' });
    expect(request!.file!.bytes.toString('latin1', 0, 4)).toBe('RIFF');
    expect(request!.file!.bytes.length).toBe(44 + 3 * 16_000 * 2);
  });

  it('accepts a base URL ending in /v1, no API key, and an empty language as Czech', async () => {
    handler = (_request, res) =>
      json(res, 200, { text: 'Ahoj', segments: [{ start: 0.25, end: 0.75, text: 'Ahoj' }] });
    const file = await wav('short.wav', 1);
    const segments = await engine({ url: `${baseUrl}/v1/`, apiKey: undefined }).transcribe(file, {
      language: '',
    });
    expect(segments).toEqual([{ startMs: 250, endMs: 750, text: 'Ahoj', speaker: null }]);
    expect(received[0]).toMatchObject({
      url: '/v1/audio/transcriptions',
      authorization: undefined,
    });
    expect(received[0]!.fields.language).toEqual(['cs']);
  });

  it('sends a long recording in pieces cut in silence, on the recording clock', async () => {
    let call = 0;
    handler = (_request, res) => {
      call++;
      json(res, 200, { segments: [{ start: 1, end: 2, text: `piece ${call}` }] });
    };
    // 25 s of tone with quiet gaps around 8.3 s and 17.6 s; pieces may be at most 10 s.
    const quiet = (t: number) => (t > 8.2 && t < 8.4) || (t > 17.5 && t < 17.7);
    const file = await wav('long.wav', 25, quiet);
    const progress: number[] = [];
    const segments = await engine({ maxChunkMs: 10_000 }).transcribe(file, {
      language: 'cs',
      onProgress: (fraction) => progress.push(fraction),
    });

    expect(received.map((request) => request.file!.name)).toEqual([
      'long-1.wav',
      'long-2.wav',
      'long-3.wav',
    ]);
    const pieceMs = received.map((request) => (request.file!.bytes.length - 44) / 32);
    expect(pieceMs.every((ms) => ms <= 10_000)).toBe(true);
    expect(pieceMs.reduce((a, b) => a + b, 0)).toBe(25_000);
    const cutsMs = [pieceMs[0]!, pieceMs[0]! + pieceMs[1]!];
    expect(quiet(cutsMs[0]! / 1000)).toBe(true);
    expect(quiet(cutsMs[1]! / 1000)).toBe(true);
    expect(segments.map((s) => s.text)).toEqual(['piece 1', 'piece 2', 'piece 3']);
    expect(segments.map((s) => s.startMs)).toEqual([
      1000,
      Math.round(cutsMs[0]! + 1000),
      Math.round(cutsMs[1]! + 1000),
    ]);
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('turns a 500 into http_error with the status and the service message', async () => {
    handler = (_request, res) =>
      json(res, 500, { error: { message: 'The server had an error', type: 'server_error' } });
    const file = await wav('err.wav', 1);
    const error = await rejection(engine().transcribe(file, { language: 'cs' }));
    expect(error).toMatchObject({ name: 'TranscriptionError', reason: 'http_error', status: 500 });
    expect(error.message).toContain('500');
    expect(error.message).toContain('The server had an error');
    expect(received).toHaveLength(1); // 500 is not retried
  });

  it('retries 503 and 429, then gives up with http_error', async () => {
    const statuses = [503, 429];
    handler = (_request, res) => {
      const status = statuses.shift();
      if (status) json(res, status, { error: 'busy' });
      else json(res, 200, { segments: [{ start: 0, end: 0.5, text: 'ok' }] });
    };
    const file = await wav('retry.wav', 1);
    expect(await engine().transcribe(file, { language: 'cs' })).toHaveLength(1);
    expect(received).toHaveLength(3);

    received.length = 0;
    handler = (_request, res) => json(res, 503, { error: 'still busy' });
    const error = await rejection(engine({ retries: 1 }).transcribe(file, { language: 'cs' }));
    expect(error).toMatchObject({ reason: 'http_error', status: 503 });
    expect(received).toHaveLength(2);
  });

  it('says aborted at once when the caller aborts a slow request', async () => {
    handler = (_request, res) => {
      hanging.push(res); // never answers
    };
    const file = await wav('slow.wav', 1);
    const controller = new AbortController();
    const started = Date.now();
    const pending = engine().transcribe(file, { language: 'cs', signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const error = await rejection(pending);
    expect(error.reason).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(received).toHaveLength(1);
  });

  it('says http_error on a timeout and when nothing listens', async () => {
    handler = (_request, res) => {
      hanging.push(res);
    };
    const file = await wav('timeout.wav', 1);
    const timedOut = await rejection(
      engine({ timeoutMs: 300 }).transcribe(file, { language: 'cs' }),
    );
    expect(timedOut.reason).toBe('http_error');
    expect(timedOut.message).toContain('timed out');

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await rejection(
      engine({ url: `http://127.0.0.1:${port}`, retries: 0 }).transcribe(file, { language: 'cs' }),
    );
    expect(refused.reason).toBe('http_error');
  });

  it('says engine_failed on invalid JSON or segments without times', async () => {
    const file = await wav('bad.wav', 1);
    handler = (_request, res) => json(res, 200, '{"segments": [');
    const notJson = await rejection(engine().transcribe(file, { language: 'cs' }));
    expect(notJson.reason).toBe('engine_failed');
    expect(notJson.message).toContain('invalid JSON');

    handler = (_request, res) => json(res, 200, { segments: [{ text: 'no times' }] });
    expect((await rejection(engine().transcribe(file, { language: 'cs' }))).reason).toBe(
      'engine_failed',
    );
  });

  it('keeps plain text from services that ignore verbose_json, timed as the whole file', async () => {
    handler = (_request, res) => json(res, 200, { text: ' Jen text. ' });
    const file = await wav('plain.wav', 2);
    expect(await engine().transcribe(file, { language: 'cs' })).toEqual([
      { startMs: 0, endMs: 2000, text: 'Jen text.', speaker: null },
    ]);
  });

  it('is made by createEngineFromConfig; engine off gives null', () => {
    expect(createEngineFromConfig({ engine: 'off' })).toBeNull();
    expect(createEngineFromConfig({ engine: 'http', url: baseUrl, model: 'whisper-1' })?.name).toBe(
      'http',
    );
    expect(() => createEngineFromConfig({ engine: 'http', url: '', model: 'whisper-1' })).toThrow(
      /needs a url/,
    );
  });
});
