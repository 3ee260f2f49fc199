// Viewers on the worker: one PlainTransport each (as each browser has its own transport), its
// RTP sent to a sink socket (comedia off: we tell it where), with a simulcast consumer of the
// publisher that prefers the top layer. With `srtp`, the worker encrypts every packet per
// viewer as it does for WebRTC (AES_CM_128_HMAC_SHA1_80, the suite browsers offer first); the
// RTP header stays readable, so the sinks count the same way.
import { randomBytes } from 'node:crypto';
import type { types } from 'mediasoup';

export const TOP_LAYER = 2;
const SUITE: types.SrtpCryptoSuite = 'AES_CM_128_HMAC_SHA1_80';
/**
 * The router's capabilities without the bandwidth-estimation feedback (transport-cc, REMB):
 * our sinks cannot send that feedback, and a worker estimating bandwidth without it stays at
 * its initial 600 kbit/s, which holds every viewer on the middle layer. Without it the
 * consumer forwards the preferred layer, as for a viewer with ample bandwidth.
 */
function viewerCapabilities(router: types.Router): types.RtpCapabilities {
  const { codecs = [], headerExtensions = [] } = router.rtpCapabilities;
  return {
    codecs: codecs.map((codec) => ({
      ...codec,
      rtcpFeedback: (codec.rtcpFeedback ?? []).filter(
        (fb) => fb.type !== 'transport-cc' && fb.type !== 'goog-remb',
      ),
    })),
    headerExtensions,
  };
}

/** Transports created at once: a worker request each, kept from queueing too deep. */
const BATCH = 25;

export interface ViewerOptions {
  ip: string;
  portRange: { min: number; max: number };
  srtp: boolean;
}

async function openViewer(
  router: types.Router,
  producerId: string,
  sink: { port: number; rtcpPort?: number },
  options: ViewerOptions,
) {
  const transport = await router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: options.ip, portRange: options.portRange },
    rtcpMux: sink.rtcpPort === undefined,
    comedia: false,
    enableSrtp: options.srtp,
    srtpCryptoSuite: SUITE,
  });
  await transport.connect({
    ip: options.ip,
    port: sink.port,
    ...(sink.rtcpPort === undefined ? {} : { rtcpPort: sink.rtcpPort }),
    ...(options.srtp
      ? { srtpParameters: { cryptoSuite: SUITE, keyBase64: randomBytes(30).toString('base64') } }
      : {}),
  });
  const consumer = await transport.consume({
    producerId,
    rtpCapabilities: viewerCapabilities(router),
    preferredLayers: { spatialLayer: TOP_LAYER },
  });
  return { transport, consumer };
}

/** `count` viewers, viewer i sending to `sinkPort(i)`. */
export async function openViewers(
  router: types.Router,
  producerId: string,
  count: number,
  sinkPort: (index: number) => number,
  options: ViewerOptions,
) {
  const viewers: Awaited<ReturnType<typeof openViewer>>[] = [];
  try {
    for (let start = 0; start < count; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) =>
        openViewer(router, producerId, { port: sinkPort(start + k) }, options),
      );
      viewers.push(...(await Promise.all(batch)));
    }
  } catch (err) {
    viewers.forEach((v) => v.transport.close());
    throw err;
  }
  return {
    /** The worker ports the viewers' streams come from. */
    sources: viewers.map((v) => v.transport.tuple.localPort),
    /** Consumers not (or no longer) forwarding the top layer of a simulcast producer. */
    offTopLayer: () =>
      viewers.filter(
        (v) =>
          v.consumer.type !== 'simulcast' || v.consumer.currentLayers?.spatialLayer !== TOP_LAYER,
      ).length,
    close: () => viewers.forEach((v) => v.transport.close()),
  };
}

/** One viewer for a decoder (ffmpeg takes RTP on `port`, RTCP on `port + 1`). */
export async function openDecoderViewer(
  router: types.Router,
  producerId: string,
  port: number,
  options: ViewerOptions,
) {
  const viewer = await openViewer(router, producerId, { port, rtcpPort: port + 1 }, options);
  return {
    codec: viewer.consumer.rtpParameters.codecs[0]!,
    offTopLayer: () => viewer.consumer.currentLayers?.spatialLayer !== TOP_LAYER,
    close: () => viewer.transport.close(),
  };
}
