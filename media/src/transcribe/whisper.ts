// Local transcription with whisper.cpp through smart-whisper's native addon. The addon is built
// by `npm run media:whisper` (media/whisper/build.sh); until then it is simply unavailable:
// nothing here loads it before the first transcription, and a missing build is an error value,
// never a crash at startup.
import { availableParallelism } from 'node:os';
import { open } from 'node:fs/promises';
import type * as SmartWhisper from 'smart-whisper';
import { readTranscriptionWav, TRANSCRIPTION_SAMPLE_RATE } from './audio.ts';
import {
  abortedError,
  languageOrDefault,
  TranscriptionError,
  type TranscribeOptions,
  type TranscriptionEngine,
  type TranscriptSegment,
} from './types.ts';

type SmartWhisperModule = typeof SmartWhisper;
type WhisperModel = SmartWhisper.WhisperModel;
export type WhisperParams = Partial<SmartWhisper.TranscribeParams<'simple', false>>;

export type WhisperAvailability = { available: true } | { available: false; reason: string };

export interface WhisperEngineOptions {
  /** A whisper.cpp ggml model file (ggml-small.bin or larger for Czech). */
  modelPath: string;
  /** CPU threads for one transcription; default min(4, available cores). */
  threads?: number;
  /** Beam search width; 1 decodes greedily (faster, a little less accurate). Default 5. */
  beamSize?: number;
  /** Free the model after this long without work (ms); 0 keeps it. Default 5 minutes. */
  idleUnloadMs?: number;
  /** More whisper.cpp parameters, applied last (tests use them to relax thresholds). */
  params?: WhisperParams;
}

const GGML_FILE_MAGIC = 0x67676d6c;
/** whisper.cpp: models with fewer tokens are English-only. */
const MULTILINGUAL_MIN_VOCAB = 51865;
const DEFAULT_IDLE_UNLOAD_MS = 5 * 60_000;
/** The language codes whisper.cpp knows (g_lang in whisper.cpp), plus 'auto'. */
const WHISPER_LANGUAGES = new Set(
  (
    'auto en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ' +
    'ta no th ur hr bg lt la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk ' +
    'sq sw gl mr pa si km sn yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my ' +
    'bo tl mg as tt haw ln ha ba jw su yue'
  ).split(' '),
);

let loading: Promise<SmartWhisperModule> | null = null;

/** Loads smart-whisper once; rejects with 'engine_unavailable' if its addon is not built. */
function loadSmartWhisper(): Promise<SmartWhisperModule> {
  loading ??= import('smart-whisper').then(
    (module) => module,
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      const reason = /build[/\\]Release/.test(message)
        ? 'the smart-whisper native addon is not built: run `npm run media:whisper`'
        : /Cannot find (package|module) 'smart-whisper'/.test(message)
          ? 'the smart-whisper package is not installed: run `npm install`'
          : `smart-whisper failed to load (${message}); rebuild it with \`npm run media:whisper\``;
      throw new TranscriptionError('engine_unavailable', reason, { cause: err });
    },
  );
  return loading;
}

/** Whether the whisper engine can run here; never throws. */
export async function whisperAvailable(): Promise<WhisperAvailability> {
  try {
    await loadSmartWhisper();
    return { available: true };
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Reads the model header: whisper.cpp would crash or hang on a file that is not a model. */
async function inspectModel(modelPath: string): Promise<{ multilingual: boolean }> {
  let header: Buffer;
  try {
    const file = await open(modelPath, 'r');
    try {
      header = Buffer.alloc(8);
      const { bytesRead } = await file.read(header, 0, 8, 0);
      header = header.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (err) {
    throw new TranscriptionError(
      'engine_unavailable',
      `whisper model ${modelPath} cannot be read: ${String(err)}`,
      { cause: err },
    );
  }
  if (header.length < 8 || header.readUInt32LE(0) !== GGML_FILE_MAGIC) {
    throw new TranscriptionError(
      'engine_unavailable',
      `${modelPath} is not a whisper.cpp ggml model (e.g. ggml-small.bin)`,
    );
  }
  return { multilingual: header.readInt32LE(4) >= MULTILINGUAL_MIN_VOCAB };
}

/**
 * whisper.cpp in this process. One transcription runs at a time (each already uses `threads`
 * cores); later calls wait their turn. whisper.cpp cannot be interrupted, so an aborted call
 * rejects at once but its native work finishes in the background before the next one starts.
 */
export function createWhisperEngine(options: WhisperEngineOptions): TranscriptionEngine {
  const threads = Math.max(1, Math.floor(options.threads ?? Math.min(4, availableParallelism())));
  const beamSize = Math.max(1, Math.floor(options.beamSize ?? 5));
  const idleUnloadMs = options.idleUnloadMs ?? DEFAULT_IDLE_UNLOAD_MS;

  let model: { native: WhisperModel; multilingual: boolean } | null = null;
  let closed = false;
  /** Settles when the last queued transcription (including its native part) is done. */
  let busy: Promise<void> = Promise.resolve();
  let queued = 0;
  let idleTimer: NodeJS.Timeout | null = null;

  const clearIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
  };

  const unload = async () => {
    const loaded = model;
    model = null;
    await loaded?.native.free();
  };

  const scheduleIdleUnload = () => {
    if (idleUnloadMs <= 0 || queued > 0 || closed || !model) return;
    clearIdle();
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (queued === 0) void exclusive(unload, undefined).catch(() => undefined);
    }, idleUnloadMs);
    idleTimer.unref();
  };

  /**
   * Runs `job` when every earlier job is done. `job` gets a `hold` to keep the turn until native
   * work settles even if the caller has stopped waiting (abort).
   */
  async function exclusive<T>(
    job: (hold: (work: Promise<unknown>) => unknown) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    clearIdle();
    queued++;
    const previous = busy;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    busy = previous.then(() => mine);
    const held: Promise<unknown>[] = [];
    try {
      await abortable(previous, signal);
      return await job((work) => held.push(work));
    } finally {
      const done = () => {
        queued--;
        release();
        scheduleIdleUnload();
      };
      void Promise.allSettled(held).then(done);
    }
  }

  async function loadModel(lib: SmartWhisperModule): Promise<NonNullable<typeof model>> {
    if (model) return model;
    const { multilingual } = await inspectModel(options.modelPath);
    let native: WhisperModel;
    try {
      native = await lib.WhisperModel.load(options.modelPath, false);
    } catch (err) {
      throw new TranscriptionError(
        'engine_unavailable',
        `whisper could not load ${options.modelPath}: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    model = { native, multilingual };
    return model;
  }

  return {
    name: 'whisper',

    async transcribe(wavFile: string, call: TranscribeOptions): Promise<TranscriptSegment[]> {
      const { signal, onProgress } = call;
      if (signal?.aborted) throw abortedError(signal);
      if (closed) throw new TranscriptionError('engine_unavailable', 'whisper engine is closed');
      const language = languageOrDefault(call.language);
      if (!WHISPER_LANGUAGES.has(language)) {
        throw new TranscriptionError(
          'engine_failed',
          `whisper does not know language '${language}'`,
        );
      }
      const lib = await loadSmartWhisper();

      return exclusive(async (hold) => {
        if (closed) throw new TranscriptionError('engine_unavailable', 'whisper engine is closed');
        // Read in turn: an hour of audio is 230 MB of samples, so queued calls should not hold it.
        const samples = await abortable(readTranscriptionWav(wavFile), signal);
        const durationMs = (samples.length / TRANSCRIPTION_SAMPLE_RATE) * 1000;
        const loading = loadModel(lib);
        hold(loading); // an aborted call must not let the next one load a second copy
        const loaded = await abortable(loading, signal);
        if (!loaded.multilingual && language !== 'en' && language !== 'auto') {
          throw new TranscriptionError(
            'engine_unavailable',
            `${options.modelPath} is an English-only model; '${language}' needs a multilingual one`,
          );
        }
        if (samples.length === 0) return [];
        const params: WhisperParams = {
          language,
          n_threads: threads,
          strategy:
            beamSize > 1
              ? lib.WhisperSamplingStrategy.WHISPER_SAMPLING_BEAM_SEARCH
              : lib.WhisperSamplingStrategy.WHISPER_SAMPLING_GREEDY,
          beam_size: beamSize,
          format: 'simple',
          print_progress: false,
          print_realtime: false,
          ...options.params,
        };
        const task = await lib.TranscribeTask.run<'simple', false>(loaded.native, samples, params);
        const report = (fraction: number) => {
          try {
            onProgress?.(fraction);
          } catch {
            // Thrown into the addon's callback it would crash the process; progress is advisory.
          }
        };
        task.on('transcribed', (segment) => {
          if (durationMs > 0) report(Math.min(1, Math.max(0, segment.to / durationMs)));
        });
        const native = task.result;
        hold(native);
        const results: unknown = await abortable(native, signal);
        // On failure the addon hands its Error to the finish callback, which resolves with it.
        if (!Array.isArray(results)) {
          const message = results instanceof Error ? results.message : String(results);
          throw new TranscriptionError('engine_failed', `whisper failed: ${message}`, {
            cause: results,
          });
        }
        report(1);
        return toSegments(results as SmartWhisper.TranscribeSimpleResult[], durationMs);
      }, signal);
    },

    async close() {
      closed = true;
      clearIdle();
      await busy;
      await unload();
    },
  };
}

function toSegments(
  results: SmartWhisper.TranscribeSimpleResult[],
  durationMs: number,
): TranscriptSegment[] {
  const end = Math.round(durationMs);
  const segments: TranscriptSegment[] = [];
  for (const result of results) {
    const text = result.text.trim();
    if (!text) continue;
    const startMs = Math.min(end, Math.max(0, Math.round(result.from)));
    const endMs = Math.min(end, Math.max(startMs, Math.round(result.to)));
    segments.push({ startMs, endMs, text, speaker: null });
  }
  return segments;
}

/** `promise`, or an 'aborted' rejection as soon as `signal` fires (the work itself goes on). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.then(
      () => undefined,
      () => undefined, // the caller has gone; the work's own outcome no longer matters
    );
    return Promise.reject(abortedError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err as Error);
      },
    );
  });
}
