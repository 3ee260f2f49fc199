// The engine the server's configuration asks for, or null when transcription is off.
import { createHttpEngine, type HttpEngineOptions } from './http.ts';
import type { TranscriptionEngine } from './types.ts';
import { createWhisperEngine, type WhisperEngineOptions } from './whisper.ts';

export type TranscriptionConfig =
  | { engine: 'off' }
  | ({ engine: 'whisper' } & WhisperEngineOptions)
  | ({ engine: 'http' } & HttpEngineOptions);

/**
 * Builds the configured engine without loading anything: a whisper engine whose addon or model
 * is missing fails its first transcription with 'engine_unavailable' (check whisperAvailable()
 * at startup to report it early).
 */
export function createEngineFromConfig(config: TranscriptionConfig): TranscriptionEngine | null {
  switch (config.engine) {
    case 'off':
      return null;
    case 'whisper': {
      if (!config.modelPath) throw new Error('transcription engine whisper needs a modelPath');
      const { engine: _engine, ...options } = config;
      return createWhisperEngine(options);
    }
    case 'http': {
      if (!config.url) throw new Error('transcription engine http needs a url');
      if (!config.model) throw new Error('transcription engine http needs a model');
      const { engine: _engine, ...options } = config;
      return createHttpEngine(options);
    }
    default: {
      const unknown: never = config;
      throw new Error(`unknown transcription engine ${JSON.stringify(unknown)}`);
    }
  }
}
