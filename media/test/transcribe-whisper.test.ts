// The whisper engine end to end: real ffmpeg, the real smart-whisper addon (built by
// `npm run media:whisper`) and a real, if tiny, whisper model. No weights can be downloaded
// here, so the test writes a legacy-ggml model with random weights (1 layer, width 32, about
// 4 MB) in the layout whisper.cpp's loader reads (whisper_model_load in
// node_modules/smart-whisper/whisper.cpp/src/whisper.cpp; the layout is the one that
// models/convert-pt-to-ggml.py writes). Its words are garbage, so we check the shape only.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEngineFromConfig,
  createWhisperEngine,
  toTranscriptionWav,
  TranscriptionError,
  whisperAvailable,
  type TranscriptionEngine,
  type WhisperParams,
} from '../src/transcribe/index.ts';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';
/** whisper.cpp gives up on random weights unless every fallback threshold is relaxed. */
const RELAXED: WhisperParams = {
  no_speech_thold: 1,
  logprob_thold: -1000,
  entropy_thold: 1000,
  temperature_inc: 0,
};

// ---- a random legacy-ggml whisper model ------------------------------------------------------

const GGML_FILE_MAGIC = 0x67676d6c;
const F32 = 0;
const F16 = 1;

interface TinyModelShape {
  /** 51865 or more: multilingual; 51864: English-only. */
  nVocab: number;
  state: number;
  heads: number;
  layers: number;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half from a float (round toward zero; tiny values flush to zero). */
function toHalf(value: number): number {
  f32[0] = value;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  if (exponent <= 0) return sign;
  if (exponent >= 31) return sign | 0x7c00;
  return sign | (exponent << 10) | ((bits >>> 13) & 0x3ff);
}

function int32s(...values: number[]): Buffer {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => buffer.writeInt32LE(value, i * 4));
  return buffer;
}

function tinyWhisperModel(shape: TinyModelShape, seed = 1): Buffer {
  const random = mulberry32(seed);
  const { nVocab, state, heads, layers } = shape;
  const audioCtx = 1500; // 30 s of 10 ms mel frames after the stride-2 convolution
  const textCtx = 448;
  const mels = 80;
  const parts: Buffer[] = [];

  // magic, then hparams: n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
  // n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype (1 = F16 weights)
  parts.push(Buffer.from(new Uint32Array([GGML_FILE_MAGIC]).buffer));
  parts.push(
    int32s(nVocab, audioCtx, state, heads, layers, textCtx, state, heads, layers, mels, 1),
  );

  // mel filters: n_mel, n_fft, then n_mel × n_fft floats (triangles over the FFT bins)
  const fftBins = 201;
  const filters = new Float32Array(mels * fftBins);
  for (let m = 0; m < mels; m++) {
    const centre = ((m + 1) * (fftBins - 1)) / (mels + 1);
    for (let k = 0; k < fftBins; k++) {
      filters[m * fftBins + k] = Math.max(0, 1 - Math.abs(k - centre) / 2.5) * 0.01;
    }
  }
  parts.push(int32s(mels, fftBins), Buffer.from(filters.buffer));

  // vocabulary: count, then (length, bytes) per token; the loader adds the special tokens
  // (end of text, languages, timestamps…) past the ones written here, as for real models.
  // The decoder looks up " " (suppress_blank), and " -" and " '" when it suppresses
  // non-speech tokens, so those must exist; the rest are made-up words.
  const written = 50257;
  const known = [' ', ' -', " '", ...'abcdefghijklmnopqrstuvwxyz'];
  parts.push(int32s(written));
  for (let i = 0; i < written; i++) {
    const token = Buffer.from(known[i] ?? ` w${i.toString(36)}`);
    parts.push(int32s(token.length), token);
  }

  // tensors: n_dims, name length, type, dims (ggml order: fastest-varying first), name, data
  const tensor = (name: string, dims: number[], type: number, fill: 'one' | 'zero' | number) => {
    const count = dims.reduce((a, b) => a * b, 1);
    const nameBytes = Buffer.from(name);
    parts.push(int32s(dims.length, nameBytes.length, type, ...dims), nameBytes);
    const value = () => (fill === 'one' ? 1 : fill === 'zero' ? 0 : (random() * 2 - 1) * fill);
    if (type === F16) {
      const data = new Uint16Array(count);
      for (let i = 0; i < count; i++) data[i] = toHalf(value());
      parts.push(Buffer.from(data.buffer));
    } else {
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = value();
      parts.push(Buffer.from(data.buffer));
    }
  };
  const scale = 1 / Math.sqrt(state);
  const block = (prefix: string, cross: boolean) => {
    const attention = (name: string) => {
      tensor(`${prefix}.${name}_ln.weight`, [state], F32, 'one');
      tensor(`${prefix}.${name}_ln.bias`, [state], F32, 'zero');
      tensor(`${prefix}.${name}.query.weight`, [state, state], F16, scale);
      tensor(`${prefix}.${name}.query.bias`, [state], F32, 'zero');
      tensor(`${prefix}.${name}.key.weight`, [state, state], F16, scale);
      tensor(`${prefix}.${name}.value.weight`, [state, state], F16, scale);
      tensor(`${prefix}.${name}.value.bias`, [state], F32, 'zero');
      tensor(`${prefix}.${name}.out.weight`, [state, state], F16, scale);
      tensor(`${prefix}.${name}.out.bias`, [state], F32, 'zero');
    };
    attention('attn');
    if (cross) attention('cross_attn');
    tensor(`${prefix}.mlp_ln.weight`, [state], F32, 'one');
    tensor(`${prefix}.mlp_ln.bias`, [state], F32, 'zero');
    tensor(`${prefix}.mlp.0.weight`, [state, 4 * state], F16, scale);
    tensor(`${prefix}.mlp.0.bias`, [4 * state], F32, 'zero');
    tensor(`${prefix}.mlp.2.weight`, [4 * state, state], F16, scale / 2);
    tensor(`${prefix}.mlp.2.bias`, [state], F32, 'zero');
  };

  tensor('encoder.positional_embedding', [state, audioCtx], F32, 0.1);
  tensor('encoder.conv1.weight', [3, mels, state], F16, 0.1);
  tensor('encoder.conv1.bias', [1, state], F32, 'zero');
  tensor('encoder.conv2.weight', [3, state, state], F16, 0.1);
  tensor('encoder.conv2.bias', [1, state], F32, 'zero');
  for (let i = 0; i < layers; i++) block(`encoder.blocks.${i}`, false);
  tensor('encoder.ln_post.weight', [state], F32, 'one');
  tensor('encoder.ln_post.bias', [state], F32, 'zero');

  tensor('decoder.positional_embedding', [state, textCtx], F32, 0.1);
  tensor('decoder.token_embedding.weight', [state, nVocab], F16, 0.1);
  for (let i = 0; i < layers; i++) block(`decoder.blocks.${i}`, true);
  tensor('decoder.ln.weight', [state], F32, 'one');
  tensor('decoder.ln.bias', [state], F32, 'zero');

  return Buffer.concat(parts);
}

// ---- tests -------------------------------------------------------------------------------------

let dir: string;
let modelPath: string;
let modelBytes: number;
let wavPath: string;
const AUDIO_MS = 3000;
const engines: TranscriptionEngine[] = [];

function engine(options: Partial<Parameters<typeof createWhisperEngine>[0]> = {}) {
  const created = createWhisperEngine({
    modelPath,
    threads: 2,
    beamSize: 1,
    params: RELAXED,
    ...options,
  });
  engines.push(created);
  return created;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'namesti-whisper-'));
  modelPath = path.join(dir, 'ggml-tiny-random.bin');
  const model = tinyWhisperModel({ nVocab: 51865, state: 32, heads: 2, layers: 1 });
  await writeFile(modelPath, model);
  modelBytes = model.length;

  // A tone in a 48 kHz stereo Opus file, as a browser recording would give.
  const source = path.join(dir, 'tone.ogg');
  await run(FFMPEG, [
    ...['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi'],
    ...['-i', `sine=frequency=440:sample_rate=48000:duration=${AUDIO_MS / 1000}`],
    ...['-ac', '2', '-c:a', 'libopus', source],
  ]);
  wavPath = path.join(dir, 'tone.wav');
  await toTranscriptionWav(source, wavPath, FFMPEG);
});

afterAll(async () => {
  await Promise.all(engines.map((created) => created.close?.()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('whisper engine', () => {
  it('has its native addon built (CI builds it; locally run `npm run media:whisper`)', async () => {
    const availability = await whisperAvailable();
    expect(
      availability,
      'smart-whisper is not built here: run `npm run media:whisper` (media/whisper/build.sh)',
    ).toEqual({ available: true });
  });

  it('writes a small model (about 4 MB, most of it the token embedding)', async () => {
    expect(modelBytes).toBeGreaterThan(3_500_000);
    expect(modelBytes).toBeLessThan(4_500_000);
  });

  it('transcribes a WAV into timed segments within the audio', async () => {
    const progress: number[] = [];
    const started = Date.now();
    const segments = await engine().transcribe(wavPath, {
      language: 'cs',
      onProgress: (fraction) => progress.push(fraction),
    });
    const elapsedMs = Date.now() - started;

    expect(Array.isArray(segments)).toBe(true);
    expect(segments.length).toBeGreaterThan(0);
    let previousStart = 0;
    for (const segment of segments) {
      expect(Number.isInteger(segment.startMs)).toBe(true);
      expect(Number.isInteger(segment.endMs)).toBe(true);
      expect(segment.startMs).toBeGreaterThanOrEqual(previousStart);
      expect(segment.endMs).toBeGreaterThanOrEqual(segment.startMs);
      expect(segment.endMs).toBeLessThanOrEqual(AUDIO_MS);
      expect(typeof segment.text).toBe('string');
      expect(segment.text.trim()).toBe(segment.text);
      expect(segment.text.length).toBeGreaterThan(0);
      expect(segment.speaker).toBeNull();
      previousStart = segment.startMs;
    }
    // One report per segment as whisper.cpp finds it, then 1 at the end.
    expect(progress.length).toBeGreaterThanOrEqual(segments.length + 1);
    expect(progress.every((fraction) => fraction >= 0 && fraction <= 1)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('runs with beam search (the default) and through createEngineFromConfig', async () => {
    const configured = createEngineFromConfig({
      engine: 'whisper',
      modelPath,
      threads: 2,
      params: RELAXED,
    });
    expect(configured?.name).toBe('whisper');
    engines.push(configured!);
    const segments = await configured!.transcribe(wavPath, { language: 'cs' });
    expect(segments.length).toBeGreaterThan(0);
    expect(segments.every((s) => s.endMs <= AUDIO_MS && s.startMs <= s.endMs)).toBe(true);
  });

  it('runs queued calls one after another and rejects an aborted one', async () => {
    const shared = engine();
    const controller = new AbortController();
    const first = shared.transcribe(wavPath, { language: 'cs' });
    const second = shared.transcribe(wavPath, { language: 'cs', signal: controller.signal });
    controller.abort();
    await expect(second).rejects.toMatchObject({ reason: 'aborted' });
    expect((await first).length).toBeGreaterThan(0);
    // An already aborted signal never starts work.
    await expect(
      shared.transcribe(wavPath, { language: 'cs', signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ reason: 'aborted' });
  });

  it('reports a missing or broken model as engine_unavailable instead of crashing', async () => {
    await expect(
      engine({ modelPath: path.join(dir, 'missing.bin') }).transcribe(wavPath, { language: 'cs' }),
    ).rejects.toMatchObject({ name: 'TranscriptionError', reason: 'engine_unavailable' });

    const notAModel = path.join(dir, 'not-a-model.bin');
    await writeFile(notAModel, 'this is not a whisper model');
    await expect(
      engine({ modelPath: notAModel }).transcribe(wavPath, { language: 'cs' }),
    ).rejects.toMatchObject({ reason: 'engine_unavailable' });

    // Right magic, cut short: whisper.cpp itself refuses it (the build's patch makes that a
    // rejection; unpatched smart-whisper 0.8.1 crashed the process here).
    const truncated = path.join(dir, 'truncated.bin');
    const model = tinyWhisperModel({ nVocab: 51865, state: 32, heads: 2, layers: 1 });
    await writeFile(truncated, model.subarray(0, 1_000_000));
    const error: unknown = await engine({ modelPath: truncated })
      .transcribe(wavPath, { language: 'cs' })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TranscriptionError);
    expect((error as TranscriptionError).reason).toBe('engine_unavailable');
  });

  it('refuses Czech with an English-only model and an unknown language code', async () => {
    const englishPath = path.join(dir, 'ggml-tiny-random.en.bin');
    await writeFile(
      englishPath,
      tinyWhisperModel({ nVocab: 51864, state: 32, heads: 2, layers: 1 }, 2),
    );
    const english = engine({ modelPath: englishPath });
    await expect(english.transcribe(wavPath, { language: 'cs' })).rejects.toMatchObject({
      reason: 'engine_unavailable',
      message: expect.stringContaining('English-only'),
    });
    expect((await english.transcribe(wavPath, { language: 'en' })).length).toBeGreaterThan(0);
    await expect(engine().transcribe(wavPath, { language: 'xx' })).rejects.toMatchObject({
      reason: 'engine_failed',
    });
  });

  it('rejects audio that is not a 16 kHz mono WAV as bad_audio', async () => {
    const notWav = path.join(dir, 'tone.ogg');
    await expect(engine().transcribe(notWav, { language: 'cs' })).rejects.toMatchObject({
      reason: 'bad_audio',
    });
  });

  it('frees an idle model and loads it again; a throwing progress callback does no harm', async () => {
    const idle = engine({ idleUnloadMs: 50 });
    const throwing = () => {
      throw new Error('progress bar broke');
    };
    expect((await idle.transcribe(wavPath, { language: 'cs' })).length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await idle.transcribe(wavPath, { language: 'cs', onProgress: throwing });
    expect(again.length).toBeGreaterThan(0);
  });

  it('is closed for good after close()', async () => {
    const closing = engine();
    await closing.transcribe(wavPath, { language: 'cs' });
    await closing.close?.();
    await expect(closing.transcribe(wavPath, { language: 'cs' })).rejects.toMatchObject({
      reason: 'engine_unavailable',
    });
  });
});
