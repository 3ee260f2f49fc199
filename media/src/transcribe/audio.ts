// Audio for speech recognition: any recording → 16 kHz mono 16-bit WAV (ffmpeg), and that WAV
// → float samples for whisper.cpp.
import { execFile } from 'node:child_process';
import { readFile, rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { abortedError, TranscriptionError } from './types.ts';

const run = promisify(execFile);
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export const TRANSCRIPTION_SAMPLE_RATE = 16_000;

export interface ToWavOptions {
  signal?: AbortSignal;
}

interface ExecError extends Error {
  code?: number | string;
  stderr?: string;
}

/**
 * Converts the first audio stream of `input` to the WAV every engine here takes. Written to a
 * temporary name first, so `output` is either complete or absent.
 * @throws TranscriptionError 'bad_audio' (no audio stream, unreadable input), 'aborted',
 *   'engine_unavailable' (no ffmpeg) or 'engine_failed'.
 */
export async function toTranscriptionWav(
  input: string,
  output: string,
  ffmpegPath = 'ffmpeg',
  options: ToWavOptions = {},
): Promise<void> {
  const partial = `${output}.part`;
  try {
    await run(
      ffmpegPath,
      [
        ...['-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', input],
        ...[
          '-map',
          '0:a:0',
          '-vn',
          '-sn',
          '-dn',
          '-ac',
          '1',
          '-ar',
          String(TRANSCRIPTION_SAMPLE_RATE),
        ],
        ...['-c:a', 'pcm_s16le', '-f', 'wav', partial],
      ],
      { maxBuffer: MAX_OUTPUT_BYTES, signal: options.signal },
    );
    await rename(partial, output);
  } catch (err) {
    await rm(partial, { force: true });
    throw ffmpegError(err as ExecError, input, ffmpegPath, options.signal);
  }
}

function ffmpegError(
  err: ExecError,
  input: string,
  ffmpegPath: string,
  signal: AbortSignal | undefined,
): TranscriptionError {
  if (signal?.aborted || err.name === 'AbortError') return abortedError(signal);
  if (err.code === 'ENOENT' && !err.stderr) {
    return new TranscriptionError('engine_unavailable', `ffmpeg not found at ${ffmpegPath}`, {
      cause: err,
    });
  }
  const stderr = (err.stderr ?? '').trim();
  const lastLines = stderr.split('\n').slice(-5).join('\n');
  if (/matches no streams/i.test(stderr)) {
    return new TranscriptionError('bad_audio', `${input} has no audio stream`, { cause: err });
  }
  if (
    /Invalid data found|No such file|Error opening input|could not find codec|Invalid argument|does not contain any stream|Permission denied/i.test(
      stderr,
    )
  ) {
    return new TranscriptionError('bad_audio', `cannot read audio from ${input}: ${lastLines}`, {
      cause: err,
    });
  }
  return new TranscriptionError(
    'engine_failed',
    `ffmpeg failed on ${input}: ${lastLines || err.message}`,
    { cause: err },
  );
}

/** Duration of a media file in milliseconds (ffprobe). */
export async function audioDurationMs(file: string, ffprobePath = 'ffprobe'): Promise<number> {
  let stdout: string;
  try {
    ({ stdout } = await run(
      ffprobePath,
      ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file],
      { maxBuffer: MAX_OUTPUT_BYTES },
    ));
  } catch (err) {
    const stderr = ((err as ExecError).stderr ?? '').trim();
    throw new TranscriptionError('bad_audio', `cannot probe ${file}: ${stderr || String(err)}`, {
      cause: err,
    });
  }
  const seconds = Number.parseFloat(stdout.trim());
  if (!Number.isFinite(seconds)) {
    throw new TranscriptionError('bad_audio', `${file} has no duration`);
  }
  return Math.round(seconds * 1000);
}

/** The samples of a 16 kHz mono 16-bit PCM WAV file as floats in [-1, 1). */
export async function readTranscriptionWav(file: string): Promise<Float32Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new TranscriptionError('bad_audio', `cannot read ${file}: ${String(err)}`, {
      cause: err,
    });
  }
  return decodeTranscriptionWav(bytes, file);
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const WAV_HEADER_BYTES = 44;

export function decodeTranscriptionWav(bytes: Buffer, name = 'audio'): Float32Array {
  const pcm = transcriptionWavPcm(bytes, name);
  const count = Math.floor(pcm.length / 2);
  const samples = new Float32Array(count);
  for (let i = 0; i < count; i++) samples[i] = pcm.readInt16LE(i * 2) / 32768;
  return samples;
}

/** The 16-bit samples (little-endian bytes) of a 16 kHz mono PCM WAV; a view, not a copy. */
export function transcriptionWavPcm(bytes: Buffer, name = 'audio'): Buffer {
  const bad = (why: string) =>
    new TranscriptionError(
      'bad_audio',
      `${name} is not a 16 kHz mono 16-bit PCM WAV (${why}); convert it with toTranscriptionWav`,
    );
  if (
    bytes.length < 12 ||
    bytes.toString('latin1', 0, 4) !== 'RIFF' ||
    bytes.toString('latin1', 8, 12) !== 'WAVE'
  ) {
    throw bad('no RIFF/WAVE header');
  }
  let format: { tag: number; channels: number; rate: number; bits: number } | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const declared = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (declared < 16 || body + 16 > bytes.length) throw bad('short fmt chunk');
      format = {
        tag: bytes.readUInt16LE(body),
        channels: bytes.readUInt16LE(body + 2),
        rate: bytes.readUInt32LE(body + 4),
        bits: bytes.readUInt16LE(body + 14),
      };
      if (format.tag === WAVE_FORMAT_EXTENSIBLE && declared >= 26 && body + 26 <= bytes.length) {
        format.tag = bytes.readUInt16LE(body + 24); // the sub-format GUID starts with the tag
      }
    } else if (id === 'data') {
      if (!format) throw bad('data before fmt');
      if (format.tag !== WAVE_FORMAT_PCM) throw bad(`format tag ${format.tag}`);
      if (format.channels !== 1) throw bad(`${format.channels} channels`);
      if (format.rate !== TRANSCRIPTION_SAMPLE_RATE) throw bad(`${format.rate} Hz`);
      if (format.bits !== 16) throw bad(`${format.bits} bits`);
      // A WAV written to a pipe declares 0 or 0xFFFFFFFF bytes: take what is there.
      const available = bytes.length - body;
      const size = declared === 0 || declared > available ? available : declared;
      return bytes.subarray(body, body + size - (size % 2));
    }
    offset = body + declared + (declared % 2);
  }
  throw bad('no data chunk');
}

/** A 16 kHz mono 16-bit WAV file around `pcm` (little-endian samples). */
export function encodeTranscriptionWav(pcm: Uint8Array): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(WAV_HEADER_BYTES - 8 + pcm.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  header.writeUInt16LE(1, 22); // channels
  header.writeUInt32LE(TRANSCRIPTION_SAMPLE_RATE, 24);
  header.writeUInt32LE(TRANSCRIPTION_SAMPLE_RATE * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}
