// One segment: the current producers piped through PlainTransports into one ffmpeg that
// copies them into a .mkv, from ffmpeg's start until stop() or ffmpeg's own exit.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { types } from 'mediasoup';
import { spawnFfmpeg, type FfmpegExit, type FfmpegProcess } from './ffmpeg-process.ts';
import {
  requestKeyFramesUntilWritten,
  watchFirstKeyFrame,
  waitUntilListening,
} from './ffmpeg-readiness.ts';
import { openRtcpSink } from './ports.ts';
import { buildFfmpegSdp } from './sdp.ts';
import { openTrack, sayGoodbye, toSdpTrack, type Track } from './tracks.ts';
import type { RecorderLogger, RecordingSources, RecordingTrack, SegmentInfo } from './types.ts';

const FFMPEG_READY_TIMEOUT_MS = 5000;
const KEYFRAME_REQUEST_INTERVAL_MS = 1000;
const KEYFRAME_REQUESTS_MAX = 5;
const FIRST_KEYFRAME_TIMEOUT_MS = 5000;

export interface SegmentOptions {
  router: types.Router;
  sources: RecordingSources;
  index: number;
  track: RecordingTrack;
  dir: string;
  ffmpegPath: string;
  listenIp: string;
  logger: RecorderLogger;
  now: () => Date;
  /** ffmpeg died without being asked to. */
  onUnexpectedExit: (exit: FfmpegExit) => void;
  /** A recorded producer closed (the host left, or the studio was replaced). */
  onProducerClosed: () => void;
}

export interface RunningSegment {
  readonly info: SegmentInfo;
  readonly producerIds: string[];
  stop(): Promise<void>;
}

export async function startSegment(options: SegmentOptions): Promise<RunningSegment> {
  const { router, sources, index, dir, listenIp, logger, now } = options;
  const prefix = options.track === 'stage' ? 'stage' : 'segment';
  const base = path.join(dir, `${prefix}-${String(index).padStart(4, '0')}`);
  const sdpFile = `${base}.sdp`;
  const file = `${base}.mkv`;
  const tracks: Track[] = [];
  let ffmpeg: FfmpegProcess | undefined;
  const rtcpSink = await openRtcpSink(listenIp);

  const cleanUp = async () => {
    for (const track of tracks) {
      track.transport.close();
      await track.ports.free();
    }
    await rtcpSink.close();
    await rm(sdpFile, { force: true });
  };

  let info: SegmentInfo;
  let stopping = false;
  let keyframes: NodeJS.Timeout | undefined;
  try {
    for (const kind of ['audio', 'video'] as const) {
      const producer = sources[kind];
      if (producer) tracks.push(await openTrack(router, producer, listenIp, rtcpSink.port));
    }
    await writeFile(sdpFile, buildFfmpegSdp(tracks.map(toSdpTrack), listenIp));
    for (const track of tracks) await track.ports.releaseSockets();
    ffmpeg = spawnFfmpeg(options.ffmpegPath, recordArgs(sdpFile, file, listenIp));
    const ports = tracks.flatMap((track) => [track.ports.rtpPort, track.ports.rtpPort + 1]);
    await waitUntilListening(ffmpeg, ports, FFMPEG_READY_TIMEOUT_MS);

    for (const track of tracks) {
      track.consumer.once('producerclose', () => {
        if (!stopping) options.onProducerClosed();
      });
    }
    // ffmpeg gets no Sender Reports (see openRtcpSink), so each stream's clock starts at its
    // first packet. Video waits for a key frame; audio starts with it to stay in sync.
    const video = tracks.find((track) => track.kind === 'video');
    if (video) {
      const firstKeyFrame = await watchFirstKeyFrame(video.consumer, FIRST_KEYFRAME_TIMEOUT_MS);
      await video.consumer.resume();
      keyframes = requestKeyFramesUntilWritten(
        video.consumer,
        ffmpeg,
        logger,
        KEYFRAME_REQUEST_INTERVAL_MS,
        KEYFRAME_REQUESTS_MAX,
      );
      if (!(await firstKeyFrame.sent)) {
        logger.warn({ file }, 'no key frame yet; recording audio without waiting for video');
      }
    }
    info = {
      index,
      file,
      startedAt: now(),
      endedAt: null,
      kinds: tracks.map((t) => t.kind),
      track: options.track,
    };
    const audio = tracks.find((track) => track.kind === 'audio');
    if (audio) await audio.consumer.resume();
  } catch (error) {
    stopping = true;
    clearInterval(keyframes);
    await ffmpeg?.stop(1000);
    await cleanUp();
    throw error;
  }

  const running = ffmpeg;
  void running.exited.then((exit) => {
    if (!stopping) options.onUnexpectedExit(exit);
  });

  return {
    info,
    producerIds: tracks.map((track) => track.consumer.producerId),
    stop: async () => {
      if (stopping) return;
      stopping = true;
      info.endedAt ??= now();
      clearInterval(keyframes);
      await sayGoodbye(tracks, listenIp, logger);
      const exit = await running.stop();
      // 0 after 'q', 255 after SIGINT: both leave a finished file.
      const clean = exit.code === 0 || exit.code === 255;
      const details = {
        file,
        code: exit.code,
        signal: exit.signal,
        stderr: exit.stderrTail.slice(-8),
      };
      if (clean) logger.info(details, 'recording segment ended');
      else logger.warn(details, 'recording ffmpeg ended uncleanly; the file may lack its index');
      await cleanUp();
    },
  };
}

function recordArgs(sdpFile: string, file: string, listenIp: string): string[] {
  return [
    ...['-loglevel', 'warning'],
    ...['-protocol_whitelist', 'file,udp,rtp', '-localaddr', listenIp],
    ...['-fflags', '+genpts', '-i', sdpFile],
    ...['-map', '0', '-c', 'copy'],
    // Short clusters, flushed at once: a crash loses a second, not the whole buffer.
    ...['-cluster_time_limit', '1000', '-flush_packets', '1'],
    ...['-f', 'matroska', '-y', file],
  ];
}
