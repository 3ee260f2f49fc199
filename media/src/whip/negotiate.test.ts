import { describe, expect, it } from 'vitest';
import { negotiateWhip, parseWhipOffer, WhipSdpError } from './index.ts';
import {
  CHROME_AUDIO_SSRC,
  CHROME_SENDONLY_OFFER,
  CHROME_SIMULCAST_OFFER,
  CHROME_VIDEO_RTX_SSRC,
  CHROME_VIDEO_SSRC,
} from './fixtures/chrome-sendonly.ts';
import { OBS_30_OFFER, OBS_AUDIO_SSRC, OBS_VIDEO_SSRC } from './fixtures/obs-30.ts';
import { routerCapabilities } from './fixtures/router-caps.ts';
import { keepPayloads, removeLines } from './fixtures/sdp-edit.ts';

const caps = routerCapabilities();

function negotiate(sdp: string) {
  return negotiateWhip(parseWhipOffer(sdp), caps);
}

function videoOf(sdp: string) {
  return negotiate(sdp).find((production) => production.kind === 'video');
}

function chosenVideoPayloads(sdp: string) {
  return videoOf(sdp)?.rtpParameters.codecs.map((codec) => codec.payloadType);
}

describe('negotiateWhip codec choice', () => {
  it('Chrome: picks H264 constrained baseline packetization-mode 1 over VP8, VP9 and AV1', () => {
    const video = videoOf(CHROME_SENDONLY_OFFER);
    expect(video?.rtpParameters.codecs[0]).toMatchObject({
      mimeType: 'video/H264',
      payloadType: 109,
      clockRate: 90000,
      parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f' },
    });
  });

  it('Chrome: opus for audio, never red, G722 or telephone-event', () => {
    const audio = negotiate(CHROME_SENDONLY_OFFER).find((p) => p.kind === 'audio');
    expect(audio?.rtpParameters.codecs).toEqual([
      {
        mimeType: 'audio/opus',
        payloadType: 111,
        clockRate: 48000,
        channels: 2,
        parameters: { minptime: 10, useinbandfec: 1 },
        rtcpFeedback: [{ type: 'transport-cc', parameter: '' }],
      },
    ]);
  });

  it('falls back to H264 main profile, then VP8', () => {
    const noBaseline = keepPayloads(CHROME_SENDONLY_OFFER, '1', [96, 97, 117, 118, 45, 46]);
    expect(chosenVideoPayloads(noBaseline)).toEqual([117, 118]);
    const vp8Only = keepPayloads(CHROME_SENDONLY_OFFER, '1', [98, 99, 96, 97, 45, 46]);
    expect(chosenVideoPayloads(vp8Only)).toEqual([96, 97]);
  });

  it('never takes baseline (42001f), high (64001f) or packetization-mode 0 H264', () => {
    for (const payloads of [
      [103, 104],
      [119, 120],
      [107, 108],
      [115, 116],
      [39, 40],
    ]) {
      const sdp = keepPayloads(CHROME_SENDONLY_OFFER, '1', payloads);
      expect(videoOf(sdp), `payloads ${payloads.join(',')}`).toBeUndefined();
    }
  });

  it('rejects a VP9/AV1-only video section but still takes the audio', () => {
    const productions = negotiate(keepPayloads(CHROME_SENDONLY_OFFER, '1', [98, 99, 45, 46]));
    expect(productions.map((p) => [p.mid, p.kind])).toEqual([['0', 'audio']]);
  });

  it('throws no_supported_codec when no section is usable', () => {
    let sdp = keepPayloads(CHROME_SENDONLY_OFFER, '1', [45, 46]);
    sdp = keepPayloads(sdp, '0', [9, 0, 8]);
    expect(() => negotiate(sdp)).toThrowError(
      expect.objectContaining({ name: 'WhipSdpError', reason: 'no_supported_codec' }),
    );
    expect(() => negotiate(sdp)).toThrow(WhipSdpError);
  });

  it('matches encoding names case-insensitively (some encoders write OPUS)', () => {
    const sdp = OBS_30_OFFER.replace('opus/48000/2', 'OPUS/48000/2');
    expect(negotiate(sdp)[0]?.rtpParameters.codecs[0]?.mimeType).toBe('audio/opus');
  });

  it('rejects mono opus (the router speaks opus/48000/2)', () => {
    const sdp = OBS_30_OFFER.replace('opus/48000/2', 'opus/48000');
    expect(negotiate(sdp).map((p) => p.kind)).toEqual(['video']);
  });

  it('rejects plain RTP/SAVP sections and sections the offerer disabled', () => {
    const savp = OBS_30_OFFER.replace('m=video 9 UDP/TLS/RTP/SAVPF', 'm=video 9 RTP/SAVP');
    expect(negotiate(savp).map((p) => p.kind)).toEqual(['audio']);
    const disabled = OBS_30_OFFER.replace('m=video 9', 'm=video 0');
    expect(negotiate(disabled).map((p) => p.kind)).toEqual(['audio']);
  });
});

describe('negotiateWhip RTX, feedback and extensions', () => {
  it('keeps the RTX codec that repairs the chosen one and pairs the FID SSRCs', () => {
    const video = videoOf(CHROME_SENDONLY_OFFER);
    expect(video?.rtpParameters.codecs[1]).toEqual({
      mimeType: 'video/rtx',
      payloadType: 114,
      clockRate: 90000,
      parameters: { apt: 109 },
      rtcpFeedback: [],
    });
    expect(video?.rtpParameters.encodings).toEqual([
      { ssrc: CHROME_VIDEO_SSRC, rtx: { ssrc: CHROME_VIDEO_RTX_SSRC } },
    ]);
  });

  it('drops the RTX SSRC when the RTX codec was not offered', () => {
    const sdp = keepPayloads(CHROME_SENDONLY_OFFER, '1', [109]);
    const video = videoOf(sdp);
    expect(video?.rtpParameters.codecs.map((c) => c.mimeType)).toEqual(['video/H264']);
    expect(video?.rtpParameters.encodings).toEqual([{ ssrc: CHROME_VIDEO_SSRC }]);
  });

  it('OBS: one encoding per track, no RTX', () => {
    const [audio, video] = negotiate(OBS_30_OFFER);
    expect(audio?.rtpParameters.encodings).toEqual([{ ssrc: OBS_AUDIO_SSRC }]);
    expect(video?.rtpParameters.encodings).toEqual([{ ssrc: OBS_VIDEO_SSRC }]);
    expect(video?.rtpParameters.codecs).toHaveLength(1);
    expect(video?.rtpParameters.rtcp).toEqual({ cname: 'n6Hw2CqT8sKd0VbY', reducedSize: false });
  });

  it('keeps only RTCP feedback the router supports', () => {
    const sdp = OBS_30_OFFER.replace(
      'a=rtcp-fb:96 goog-remb\r\n',
      'a=rtcp-fb:96 goog-remb\r\na=rtcp-fb:96 ccm tmmbr\r\na=rtcp-fb:96 nack rpsi\r\na=rtcp-fb:* ccm fir\r\n',
    );
    expect(sdp).not.toBe(OBS_30_OFFER);
    expect(videoOf(sdp)?.rtpParameters.codecs[0]?.rtcpFeedback).toEqual([
      { type: 'nack', parameter: '' },
      { type: 'nack', parameter: 'pli' },
      { type: 'goog-remb', parameter: '' },
      { type: 'ccm', parameter: 'fir' },
    ]);
  });

  it('keeps the header extensions the router receives for that kind, with the offer ids', () => {
    const productions = negotiate(CHROME_SENDONLY_OFFER);
    const [audio, video] = productions.map((p) =>
      (p.rtpParameters.headerExtensions ?? []).map((ext) => `${ext.id} ${ext.uri}`),
    );
    expect(audio).toEqual([
      '1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
      '2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      '3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
      '4 urn:ietf:params:rtp-hdrext:sdes:mid',
    ]);
    expect(video).toEqual([
      '14 urn:ietf:params:rtp-hdrext:toffset',
      '2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      '13 urn:3gpp:video-orientation',
      '3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
      '5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay',
      '4 urn:ietf:params:rtp-hdrext:sdes:mid',
      '10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
      '11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
    ]);
  });

  it('does not give audio the video-only extensions', () => {
    const sdp = OBS_30_OFFER.replace(
      'a=mid:0\r\n',
      'a=mid:0\r\na=extmap:9 urn:ietf:params:rtp-hdrext:toffset\r\na=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n',
    );
    const audio = negotiate(sdp)[0];
    expect(audio?.rtpParameters.headerExtensions?.map((ext) => ext.uri)).toEqual([
      'urn:ietf:params:rtp-hdrext:ssrc-audio-level',
    ]);
  });
});

describe('negotiateWhip encodings and RTCP', () => {
  it('sets mid, cname and reduced size from the offer', () => {
    const [audio, video] = negotiate(CHROME_SENDONLY_OFFER);
    expect(audio?.mid).toBe('0');
    expect(audio?.rtpParameters.mid).toBe('0');
    expect(audio?.rtpParameters.encodings).toEqual([{ ssrc: CHROME_AUDIO_SSRC }]);
    expect(video?.rtpParameters.mid).toBe('1');
    expect(video?.rtpParameters.rtcp).toEqual({ cname: 'rH3k9XvQ2pLm7WtZ', reducedSize: true });
  });

  it('uses RIDs for simulcast and leaves cname to mediasoup when no SSRC is signalled', () => {
    const video = videoOf(CHROME_SIMULCAST_OFFER);
    expect(video?.rtpParameters.encodings).toEqual([{ rid: 'q' }, { rid: 'h' }, { rid: 'f' }]);
    expect(video?.rtpParameters.rtcp).toEqual({ reducedSize: true });
  });

  it('uses a legacy SIM group with each layer paired to its RTX SSRC', () => {
    const ssrcLines = [
      'a=ssrc-group:SIM 11 12',
      'a=ssrc-group:FID 11 21',
      'a=ssrc-group:FID 12 22',
      ...[11, 12, 21, 22].map((ssrc) => `a=ssrc:${ssrc} cname:sim`),
    ].join('\r\n');
    let sdp = removeLines(CHROME_SENDONLY_OFFER, /^a=ssrc(-group)?:(FID )?(2957281634|1320579741)/);
    sdp = sdp.trimEnd() + '\r\n' + ssrcLines + '\r\n';
    expect(videoOf(sdp)?.rtpParameters.encodings).toEqual([
      { ssrc: 11, rtx: { ssrc: 21 } },
      { ssrc: 12, rtx: { ssrc: 22 } },
    ]);
  });

  it('leaves SSRC-less single streams to MID matching', () => {
    const sdp = removeLines(OBS_30_OFFER, /^a=ssrc:/);
    expect(videoOf(sdp)?.rtpParameters.encodings).toEqual([{}]);
  });
});
