// The WHIP SDP bridge against a real mediasoup worker: what negotiateWhip chooses must be
// accepted by transport.produce(), and the answer must carry the transport's real ICE/DTLS.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import * as sdpTransform from 'sdp-transform';
import { MEDIA_CODECS } from '../src/codecs.ts';
import { buildWhipAnswer, negotiateWhip, parseWhipOffer } from '../src/whip/index.ts';
import {
  CHROME_SENDONLY_OFFER,
  CHROME_SIMULCAST_OFFER,
  CHROME_VIDEO_SSRC,
} from '../src/whip/fixtures/chrome-sendonly.ts';
import { OBS_30_OFFER, OBS_VIDEO_SSRC } from '../src/whip/fixtures/obs-30.ts';

const WORKER_BIN =
  process.env.MEDIASOUP_WORKER_BIN ??
  fileURLToPath(new URL('../../.cache/mediasoup-worker', import.meta.url));

let worker: types.Worker;
let router: types.Router;

beforeAll(async () => {
  worker = await mediasoup.createWorker({ workerBin: WORKER_BIN, logLevel: 'warn' });
  router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
});

afterAll(() => {
  // Closing the worker closes its router, transports and producers.
  worker?.close();
});

async function publish(sdp: string) {
  const transport = await router.createWebRtcTransport({
    listenInfos: [
      { protocol: 'udp', ip: '127.0.0.1' },
      { protocol: 'tcp', ip: '127.0.0.1' },
    ],
  });
  const offer = parseWhipOffer(sdp);
  const productions = negotiateWhip(offer, router.rtpCapabilities);
  await transport.connect({ dtlsParameters: offer.dtlsParameters });
  const producers = await Promise.all(
    productions.map((p) => transport.produce({ kind: p.kind, rtpParameters: p.rtpParameters })),
  );
  const answer = buildWhipAnswer({
    offer,
    productions,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates,
    dtlsParameters: transport.dtlsParameters,
  });
  return { transport, producers, answer: sdpTransform.parse(answer) };
}

describe('WHIP SDP bridge on a real router', () => {
  it.each([
    ['Chrome sendonly', CHROME_SENDONLY_OFFER],
    ['Chrome simulcast', CHROME_SIMULCAST_OFFER],
    ['OBS 30', OBS_30_OFFER],
  ])('%s: every production is accepted and the answer names the transport', async (_name, sdp) => {
    const { transport, producers, answer } = await publish(sdp);
    try {
      expect(producers.map((p) => p.kind)).toEqual(['audio', 'video']);
      // We told mediasoup the offerer is the DTLS client, so it must now be the server.
      expect(transport.dtlsParameters.role).toBe('server');

      const ports = transport.iceCandidates.map((c) => c.port).sort();
      const sha256 = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256');
      expect(transport.iceCandidates.map((c) => c.protocol).sort()).toEqual(['tcp', 'udp']);
      for (const section of answer.media) {
        expect(section.candidates?.map((c) => c.port).sort()).toEqual(ports);
        expect(section.candidates?.find((c) => c.transport === 'tcp')?.tcptype).toBe('passive');
        expect(section.iceUfrag).toBe(transport.iceParameters.usernameFragment);
        expect(section.icePwd).toBe(transport.iceParameters.password);
        expect(section.fingerprint).toEqual({ type: 'sha-256', hash: sha256?.value });
        expect(section.setup).toBe('passive');
      }
    } finally {
      transport.close();
    }
  });

  it('keeps the chosen payload type and SSRCs in the producer', async () => {
    const chrome = await publish(CHROME_SENDONLY_OFFER);
    const obs = await publish(OBS_30_OFFER);
    try {
      const chromeVideo = chrome.producers[1]!;
      expect(chromeVideo.rtpParameters.codecs.map((c) => [c.mimeType, c.payloadType])).toEqual([
        ['video/H264', 109],
        ['video/rtx', 114],
      ]);
      expect(chromeVideo.rtpParameters.encodings?.[0]?.ssrc).toBe(CHROME_VIDEO_SSRC);
      expect(chromeVideo.type).toBe('simple');
      expect(obs.producers[1]!.rtpParameters.encodings?.[0]?.ssrc).toBe(OBS_VIDEO_SSRC);
      const simulcast = await publish(CHROME_SIMULCAST_OFFER);
      expect(simulcast.producers[1]!.type).toBe('simulcast');
      simulcast.transport.close();
    } finally {
      chrome.transport.close();
      obs.transport.close();
    }
  });

  it('lets a router consumer receive what the producer sends', async () => {
    const { transport, producers } = await publish(OBS_30_OFFER);
    try {
      for (const producer of producers) {
        expect(
          router.canConsume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities }),
        ).toBe(true);
      }
    } finally {
      transport.close();
    }
  });
});
