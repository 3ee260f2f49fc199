// One recorded track: a PlainTransport that sends one producer, as a consumer, to the UDP
// ports a recording ffmpeg listens on.
import type { types } from 'mediasoup';
import { reservePortPair, type PortPair } from './ports.ts';
import { sendRtcpBye } from './rtcp-bye.ts';
import type { SdpTrack } from './sdp.ts';
import type { RecorderLogger, TrackKind } from './types.ts';

export interface Track {
  kind: TrackKind;
  transport: types.PlainTransport;
  consumer: types.Consumer;
  ports: PortPair;
}

/** The consumer starts paused: it is resumed once ffmpeg listens. RTCP goes to rtcpPort. */
export async function openTrack(
  router: types.Router,
  producer: types.Producer,
  listenIp: string,
  rtcpPort: number,
): Promise<Track> {
  const transport = await router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: listenIp },
    rtcpMux: false,
    comedia: false,
    appData: { purpose: 'recording' },
  });
  let ports: PortPair | undefined;
  try {
    ports = await reservePortPair(listenIp);
    await transport.connect({ ip: listenIp, port: ports.rtpPort, rtcpPort });
    const consumer = await transport.consume({
      producerId: producer.id,
      rtpCapabilities: recordingCapabilities(router),
      paused: true,
      enableRtx: false,
    });
    return { kind: producer.kind, transport, consumer, ports };
  } catch (error) {
    transport.close();
    await ports?.free();
    throw error;
  }
}

/** Ends ffmpeg's RTP session (see rtcp-bye.ts). */
export async function sayGoodbye(tracks: Track[], listenIp: string, logger: RecorderLogger) {
  const streams = tracks.map((track) => ({
    rtcpPort: track.ports.rtpPort + 1,
    ssrc: track.consumer.rtpParameters.encodings?.[0]?.ssrc ?? 0,
  }));
  try {
    await sendRtcpBye(listenIp, streams);
  } catch (error) {
    // ffmpeg is then stopped by signal instead; the file may lose its last second.
    logger.warn({ err: error }, 'could not send RTCP BYE to the recording ffmpeg');
  }
}

/** ffmpeg takes the codecs as they are; no RTX, no congestion-control extensions. */
function recordingCapabilities(router: types.Router): types.RtpCapabilities {
  const codecs = (router.rtpCapabilities.codecs ?? [])
    .filter((codec) => !codec.mimeType.toLowerCase().endsWith('/rtx'))
    .map((codec) => ({ ...codec, rtcpFeedback: [] }));
  return { codecs, headerExtensions: [] };
}

export function toSdpTrack(track: Track): SdpTrack {
  const codec = track.consumer.rtpParameters.codecs[0];
  if (!codec) throw new Error(`consumer ${track.consumer.id} has no codec`);
  return { kind: track.kind, port: track.ports.rtpPort, codec };
}
