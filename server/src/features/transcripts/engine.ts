// The speech-to-text engine the config asks for, or null (transcription off) with one log line
// that says why and how to turn it on.
import { createEngineFromConfig, whisperAvailable, type TranscriptionEngine } from '@namesti/media';
import type { Config } from '../../config.ts';
import type { Logger } from '../../lib/logger.ts';

export async function startTranscriptionEngine(
  config: Config,
  logger: Logger,
): Promise<TranscriptionEngine | null> {
  switch (config.TRANSCRIBE_ENGINE) {
    case 'off':
      logger.info('transcription is off (set TRANSCRIBE_ENGINE, see README, Archive)');
      return null;
    case 'whisper': {
      const availability = await whisperAvailable();
      if (!availability.available) {
        logger.warn({ reason: availability.reason }, 'transcription is off: whisper unavailable');
        return null;
      }
      return createEngineFromConfig({
        engine: 'whisper',
        modelPath: config.WHISPER_MODEL!,
        threads: config.WHISPER_THREADS,
      });
    }
    case 'http':
      return createEngineFromConfig({
        engine: 'http',
        url: config.TRANSCRIBE_URL!,
        model: config.TRANSCRIBE_MODEL,
        ...(config.TRANSCRIBE_API_KEY ? { apiKey: config.TRANSCRIBE_API_KEY } : {}),
      });
  }
}
