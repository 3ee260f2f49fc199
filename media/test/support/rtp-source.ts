// A fake speaker for tests and benchmarks: ffmpeg encodes a test picture and a tone and sends
// them as RTP into PlainTransports (comedia), where they become ordinary mediasoup producers.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';

export type RtpSourceVideo = 'vp8' | 'h264' | 'none';

export interface RtpSourceOptions {
  router: types.Router;
  video?: RtpSourceVideo;
  audio?: boolean;
  /** Picture size, e.g. 640x360. */
  size?: string;
  /**
   * 'test': moving test picture and a steady tone. 'sync': black with a white flash and a beep
   * at the start of every second, to measure audio/video alignment.
   */
  pattern?: 'test' | 'sync';
  ffmpegPath?: string;
  ip?: string;
}

export interface RtpSource {
  producers: { audio?: types.Producer; video?: types.Producer };
  process: ChildProcess;
  /** What ffmpeg complained about so far, for test failure messages. */
  stderr(): string;
  /**
   * Seconds of media sent so far, by the sender's clock. On a loaded machine ffmpeg falls
   * behind and catches up, so tests compare recordings with this rather than the wall clock.
   */
  mediaTimeS(): number;
  /** Ends ffmpeg and closes the producers (as a host leaving would). */
  stop(): Promise<void>;
}

type Codec = Omit<types.RtpCodecParameters, 'payloadType'>;

const VIDEO_CODECS: Record<Exclude<RtpSourceVideo, 'none'>, Codec> = {
  vp8: { mimeType: 'video/VP8', clockRate: 90000 },
  // Constrained baseline, as OBS sends it.
  h264: {
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
    },
  },
};
const OPUS: Codec = {
  mimeType: 'audio/opus',
  clockRate: 48000,
  channels: 2,
  parameters: { 'sprop-stereo': 1 },
};
const KEYFRAME_FEEDBACK = [
  { type: 'nack', parameter: 'pli' },
  { type: 'ccm', parameter: 'fir' },
];

// One key frame a second: ffmpeg's encoders do not answer PLI, so receivers that join later
// (a new recording segment) must not wait long.
const ENCODERS = {
  vp8: ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '16', '-b:v', '600k'],
  h264: [
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency'],
    ...['-profile:v', 'baseline', '-level', '3.1', '-pix_fmt', 'yuv420p', '-b:v', '800k'],
  ],
};

export async function startRtpSource(options: RtpSourceOptions): Promise<RtpSource> {
  const { router, ip = '127.0.0.1', size = '640x360', pattern = 'test' } = options;
  const video = options.video ?? 'vp8';
  const audio = options.audio ?? true;
  const transports: types.PlainTransport[] = [];
  const producers: RtpSource['producers'] = {};
  const inputs: string[] = [];
  const outputs: string[] = [];

  const open = async (kind: types.MediaKind, codec: Codec) => {
    const transport = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip },
      rtcpMux: false,
      comedia: true,
    });
    transports.push(transport);
    const ssrc = randomInt(1, 2 ** 31);
    const payloadType = routerPayloadType(router, codec);
    const producer = await transport.produce({
      kind,
      rtpParameters: {
        codecs: [
          { ...codec, payloadType, rtcpFeedback: kind === 'video' ? KEYFRAME_FEEDBACK : [] },
        ],
        encodings: [{ ssrc }],
      },
    });
    const rtcpPort = transport.rtcpTuple?.localPort;
    const url = `rtp://${ip}:${transport.tuple.localPort}?rtcpport=${rtcpPort}&pkt_size=1200`;
    return { producer, ssrc, payloadType, url };
  };

  if (video !== 'none') {
    const { producer, ssrc, payloadType, url } = await open('video', VIDEO_CODECS[video]);
    producers.video = producer;
    const picture =
      pattern === 'sync'
        ? `color=c=black:s=${size}:r=30,format=yuv420p,geq=lum='if(lt(mod(T,1),0.1),235,16)':cb=128:cr=128`
        : `testsrc2=size=${size}:rate=30`;
    inputs.push('-re', '-f', 'lavfi', '-i', picture);
    outputs.push(...['-map', `${inputs.filter((a) => a === '-i').length - 1}:v`]);
    outputs.push(...ENCODERS[video], '-g', '30', '-keyint_min', '30');
    outputs.push(...['-ssrc', String(ssrc), '-payload_type', String(payloadType)]);
    outputs.push('-f', 'rtp', url);
  }
  if (audio) {
    const { producer, ssrc, payloadType, url } = await open('audio', OPUS);
    producers.audio = producer;
    const sound =
      pattern === 'sync'
        ? "aevalsrc='if(lt(mod(t,1),0.1),0.5*sin(2*PI*1000*t),0)':s=48000"
        : 'sine=frequency=440:sample_rate=48000';
    inputs.push('-re', '-f', 'lavfi', '-i', sound);
    outputs.push(...['-map', `${inputs.filter((a) => a === '-i').length - 1}:a`]);
    outputs.push(...['-c:a', 'libopus', '-ac', '2', '-b:a', '64k']);
    outputs.push(...['-ssrc', String(ssrc), '-payload_type', String(payloadType)]);
    outputs.push('-f', 'rtp', url);
  }

  const child = spawn(
    options.ffmpegPath ?? 'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-nostats'],
      ...['-progress', 'pipe:1', '-stats_period', '0.1'],
      ...inputs,
      ...outputs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  let mediaTimeUs = 0;
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const match of chunk.matchAll(/^out_time_us=(\d+)$/gm)) mediaTimeUs = Number(match[1]);
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
    for (const transport of transports) transport.close();
  };

  try {
    await untilFlowing(Object.values(producers), child, () => stderr.join(''));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    producers,
    process: child,
    stderr: () => stderr.join(''),
    mediaTimeS: () => mediaTimeUs / 1e6,
    stop,
  };
}

/**
 * Resolves once mediasoup has received a second's worth of packets on every producer, so
 * tests start after ffmpeg's start-up burst and do not measure it.
 */
async function untilFlowing(
  producers: types.Producer[],
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`RTP source ffmpeg exited: ${stderr()}`);
    const counts = await Promise.all(
      producers.map(async (producer) => (await producer.getStats())[0]?.packetCount ?? 0),
    );
    if (counts.every((count) => count >= 50)) return;
    if (Date.now() > deadline) throw new Error(`RTP source sent too little: ${counts.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The payload type the router uses for this codec, so the stream looks like a real client's. */
function routerPayloadType(router: types.Router, codec: Codec): number {
  const profile = codec.parameters?.['profile-level-id'];
  const match = router.rtpCapabilities.codecs?.find(
    (candidate) =>
      candidate.mimeType.toLowerCase() === codec.mimeType.toLowerCase() &&
      (profile === undefined || candidate.parameters?.['profile-level-id'] === profile),
  );
  if (match?.preferredPayloadType === undefined) {
    throw new Error(`the router does not offer ${codec.mimeType} ${profile ?? ''}`);
  }
  return match.preferredPayloadType;
}
