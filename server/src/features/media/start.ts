// Turns the app's config into a running media server, or into media "off" with one log line
// that says how to turn it on.
import os from 'node:os';
import path from 'node:path';
import {
  createDisabledMedia,
  createMedia,
  workerBinaryExists,
  type MediaEvents,
  type MediaOptions,
  type MediaService,
} from '@namesti/media';
import type { Config } from '../../config.ts';
import type { Logger } from '../../lib/logger.ts';

/** Where media/worker/build.sh links the worker it built (or found in its cache). */
export const BUILT_WORKER = path.resolve(
  import.meta.dirname,
  '../../../../.cache/mediasoup-worker',
);

export function mediaOptionsFrom(config: Config, workerBin: string): MediaOptions {
  return {
    workerBin,
    workers: config.MEDIA_WORKERS || os.availableParallelism(),
    listenIp: config.MEDIA_LISTEN_IP,
    ...(config.MEDIA_ANNOUNCED_ADDRESS ? { announcedAddress: config.MEDIA_ANNOUNCED_ADDRESS } : {}),
    rtcMinPort: config.MEDIA_RTC_MIN_PORT,
    rtcMaxPort: config.MEDIA_RTC_MAX_PORT,
    maxIncomingBitrate: config.MEDIA_MAX_BITRATE,
    initialOutgoingBitrate: Math.min(1_000_000, config.MEDIA_MAX_BITRATE),
    consumersPerRouter: config.MEDIA_CONSUMERS_PER_ROUTER,
    turn: config.TURN_URLS.length
      ? [
          {
            urls: config.TURN_URLS,
            ...(config.TURN_USERNAME ? { username: config.TURN_USERNAME } : {}),
            ...(config.TURN_CREDENTIAL ? { credential: config.TURN_CREDENTIAL } : {}),
          },
        ]
      : [],
    recordingsDir: path.join(config.dataDir, 'recordings'),
    ffmpegPath: config.FFMPEG_PATH,
    ffprobePath: config.FFPROBE_PATH,
  };
}

export async function startMedia(
  config: Config,
  events: MediaEvents,
  logger: Logger,
): Promise<MediaService> {
  if (config.MEDIA === 'off') {
    logger.info('live video is off (MEDIA=off)');
    return createDisabledMedia();
  }
  const workerBin = config.MEDIASOUP_WORKER_BIN ?? BUILT_WORKER;
  if (!workerBinaryExists(workerBin)) {
    logger.warn(
      { workerBin },
      'live video is off: no mediasoup worker; run `npm run media:worker` (see README, Live video) to build it',
    );
    return createDisabledMedia();
  }
  try {
    return await createMedia(mediaOptionsFrom(config, workerBin), events, logger);
  } catch (err) {
    logger.error({ err, workerBin }, 'live video is off: the mediasoup worker did not start');
    return createDisabledMedia();
  }
}
