import { describe, expect, it } from 'vitest';
import * as sdpTransform from 'sdp-transform';
import { buildWhipAnswer, negotiateWhip, parseWhipOffer, type WhipAnswerInput } from './index.ts';
import { CHROME_SENDONLY_OFFER, CHROME_SIMULCAST_OFFER } from './fixtures/chrome-sendonly.ts';
import { OBS_30_OFFER } from './fixtures/obs-30.ts';
import { routerCapabilities } from './fixtures/router-caps.ts';
import { keepPayloads } from './fixtures/sdp-edit.ts';

// What a WebRtcTransport listening on UDP and TCP at 127.0.0.1 reports.
const LOCAL: Omit<WhipAnswerInput, 'offer' | 'productions'> = {
  iceParameters: { usernameFragment: 'ms7ufrag3kd9', password: 'ms7password9x2q4z', iceLite: true },
  iceCandidates: [
    {
      foundation: 'udpcandidate',
      priority: 1076302079,
      ip: '127.0.0.1',
      address: '127.0.0.1',
      protocol: 'udp',
      port: 40012,
      type: 'host',
    },
    {
      foundation: 'tcpcandidate',
      priority: 1076276479,
      ip: '127.0.0.1',
      address: '127.0.0.1',
      protocol: 'tcp',
      port: 40013,
      type: 'host',
      tcpType: 'passive',
    },
  ],
  dtlsParameters: {
    role: 'auto',
    fingerprints: [
      { algorithm: 'sha-1', value: '11:22' },
      { algorithm: 'sha-256', value: 'AB:CD:EF' },
      { algorithm: 'sha-512', value: '33:44' },
    ],
  },
};

function answerFor(sdp: string, local = LOCAL) {
  const offer = parseWhipOffer(sdp);
  const productions = negotiateWhip(offer, routerCapabilities());
  const text = buildWhipAnswer({ offer, productions, ...local, sessionId: '42' });
  return { text, parsed: sdpTransform.parse(text) };
}

describe('buildWhipAnswer for Chrome', () => {
  const { text, parsed } = answerFor(CHROME_SENDONLY_OFFER);
  const [audio, video] = parsed.media;

  it('is an ICE-lite session bundling the accepted mids', () => {
    expect(text.startsWith('v=0\r\no=- 42 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n')).toBe(true);
    expect(parsed.icelite).toBe('ice-lite');
    expect(parsed.groups).toEqual([{ type: 'BUNDLE', mids: '0 1' }]);
    expect(parsed.media.map((m) => [m.type, String(m.mid), m.direction])).toEqual([
      ['audio', '0', 'recvonly'],
      ['video', '1', 'recvonly'],
    ]);
  });

  it('answers only the chosen payload type and its RTX', () => {
    expect(String(audio?.payloads)).toBe('111');
    expect(audio?.rtp).toEqual([{ payload: 111, codec: 'opus', rate: 48000, encoding: 2 }]);
    expect(video?.payloads).toBe('109 114');
    expect(video?.rtp).toEqual([
      { payload: 109, codec: 'H264', rate: 90000 },
      { payload: 114, codec: 'rtx', rate: 90000 },
    ]);
    expect(video?.fmtp).toEqual([
      {
        payload: 109,
        config: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
      },
      { payload: 114, config: 'apt=109' },
    ]);
    expect(
      video?.rtcpFb?.map((fb) => `${fb.payload} ${fb.type} ${fb.subtype ?? ''}`.trim()),
    ).toEqual(['109 goog-remb', '109 transport-cc', '109 ccm fir', '109 nack', '109 nack pli']);
    expect(audio?.rtcpFb).toEqual([{ payload: 111, type: 'transport-cc' }]);
  });

  it('lists only the kept header extensions, with the offer ids', () => {
    expect(audio?.ext?.map((ext) => ext.value)).toEqual([1, 2, 3, 4]);
    const videoUris = video?.ext?.map((ext) => ext.uri) ?? [];
    expect(videoUris).toContain('urn:ietf:params:rtp-hdrext:sdes:mid');
    expect(videoUris).not.toContain('http://www.webrtc.org/experiments/rtp-hdrext/color-space');
    expect(videoUris).not.toContain('http://www.webrtc.org/experiments/rtp-hdrext/video-timing');
  });

  it('carries our ICE, DTLS and candidates in every accepted section', () => {
    for (const section of [audio, video]) {
      expect(section?.iceUfrag).toBe('ms7ufrag3kd9');
      expect(section?.icePwd).toBe('ms7password9x2q4z');
      expect(section?.fingerprint).toEqual({ type: 'sha-256', hash: 'AB:CD:EF' });
      expect(section?.setup).toBe('passive');
      expect(section?.rtcpMux).toBe('rtcp-mux');
      expect(section?.rtcpRsize).toBe('rtcp-rsize');
      expect(section?.endOfCandidates).toBe('end-of-candidates');
      expect(section?.candidates).toEqual([
        {
          foundation: 'udpcandidate',
          component: 1,
          transport: 'udp',
          priority: 1076302079,
          ip: '127.0.0.1',
          port: 40012,
          type: 'host',
        },
        {
          foundation: 'tcpcandidate',
          component: 1,
          transport: 'tcp',
          priority: 1076276479,
          ip: '127.0.0.1',
          port: 40013,
          type: 'host',
          tcptype: 'passive',
        },
      ]);
      // The default candidate goes in m= and c= for stacks that still read them.
      expect(section?.port).toBe(40012);
      expect(section?.connection).toEqual({ version: 4, ip: '127.0.0.1' });
    }
  });

  it('sends no SSRCs or msid of its own (we only receive)', () => {
    expect(text).not.toContain('a=ssrc');
    expect(text).not.toContain('a=msid');
    expect(text).not.toContain('a=sendonly');
  });
});

describe('buildWhipAnswer special cases', () => {
  it('OBS: no rtcp-rsize when the offer had none', () => {
    const { parsed } = answerFor(OBS_30_OFFER);
    expect(parsed.media.map((m) => m.rtcpRsize)).toEqual([undefined, undefined]);
    expect(parsed.media.map((m) => String(m.payloads))).toEqual(['111', '96']);
  });

  it('rejects an unusable section with port 0 and a=inactive, outside BUNDLE', () => {
    const sdp = keepPayloads(CHROME_SENDONLY_OFFER, '1', [98, 99, 45, 46]);
    const { parsed } = answerFor(sdp);
    expect(parsed.groups?.map((g) => [g.type, String(g.mids)])).toEqual([['BUNDLE', '0']]);
    const video = parsed.media[1];
    expect(video).toMatchObject({
      type: 'video',
      port: 0,
      protocol: 'UDP/TLS/RTP/SAVPF',
      payloads: '98 99 45 46',
      mid: 1,
      direction: 'inactive',
    });
    expect(video?.candidates).toBeUndefined();
    expect(video?.iceUfrag).toBeUndefined();
  });

  it('answers simulcast with the RIDs as recv', () => {
    const video = answerFor(CHROME_SIMULCAST_OFFER).parsed.media[1];
    expect(video?.rids).toEqual([
      { id: 'q', direction: 'recv' },
      { id: 'h', direction: 'recv' },
      { id: 'f', direction: 'recv' },
    ]);
    expect(video?.simulcast).toEqual({ dir1: 'recv', list1: 'q;h;f' });
  });

  it('writes an IPv6 default candidate as c=IN IP6', () => {
    const v6 = {
      ...LOCAL,
      iceCandidates: [{ ...LOCAL.iceCandidates[0]!, address: '::1', ip: '::1' }],
    };
    const audio = answerFor(OBS_30_OFFER, v6).parsed.media[0];
    expect(audio?.connection).toEqual({ version: 6, ip: '::1' });
  });

  it('refuses productions for a mid the offer does not have (a caller bug)', () => {
    const offer = parseWhipOffer(OBS_30_OFFER);
    const [audio] = negotiateWhip(offer, routerCapabilities());
    const stray = { ...audio!, mid: '7' };
    expect(() => buildWhipAnswer({ offer, productions: [stray], ...LOCAL })).toThrow(/mid 7/);
  });

  it('picks a random o= session id when none is given', () => {
    const offer = parseWhipOffer(OBS_30_OFFER);
    const productions = negotiateWhip(offer, routerCapabilities());
    const first = sdpTransform.parse(buildWhipAnswer({ offer, productions, ...LOCAL }));
    const second = sdpTransform.parse(buildWhipAnswer({ offer, productions, ...LOCAL }));
    expect(first.origin.sessionId).not.toEqual(second.origin.sessionId);
  });
});
