import { describe, expect, it } from 'vitest';
import { parseWhipOffer } from './index.ts';
import {
  CHROME_AUDIO_SSRC,
  CHROME_SENDONLY_OFFER,
  CHROME_SIMULCAST_OFFER,
  CHROME_VIDEO_RTX_SSRC,
  CHROME_VIDEO_SSRC,
} from './fixtures/chrome-sendonly.ts';
import { OBS_30_OFFER, OBS_AUDIO_SSRC } from './fixtures/obs-30.ts';
import { replaceLine } from './fixtures/sdp-edit.ts';

describe('parseWhipOffer on a Chrome sendonly offer', () => {
  const offer = parseWhipOffer(CHROME_SENDONLY_OFFER);
  const [audio, video] = offer.media;

  it('takes DTLS and ICE parameters from the bundled transport', () => {
    expect(offer.dtlsParameters).toEqual({
      role: 'client',
      fingerprints: [
        {
          algorithm: 'sha-256',
          value:
            '5B:0C:9E:21:7A:F4:33:D8:62:1E:AB:90:4C:7D:E5:06:B8:13:F2:6A:C9:54:0D:8E:77:A1:3F:C6:29:B4:E0:5D',
        },
      ],
    });
    expect(offer.iceParameters).toEqual({
      usernameFragment: 'Qx7n',
      password: 'hVY1+3z0kQ2rDvA9bfS6t8mW',
    });
  });

  it('reads each m-section with mid, kind and its payload types in m= order', () => {
    expect(offer.media.map((s) => [s.index, s.mid, s.kind, s.disabled])).toEqual([
      [0, '0', 'audio', false],
      [1, '1', 'video', false],
    ]);
    // Static PCMU/PCMA/G722 carry a=rtpmap in Chrome's offer, so they are listed too.
    expect(audio?.codecs.map((c) => c.payloadType)).toEqual([111, 63, 9, 0, 8, 13, 110, 126]);
    expect(audio?.codecs[0]).toEqual({
      payloadType: 111,
      name: 'opus',
      clockRate: 48000,
      channels: 2,
      parameters: { minptime: 10, useinbandfec: 1 },
      rtcpFeedback: [{ type: 'transport-cc', parameter: '' }],
    });
    expect(video?.codecs.map((c) => c.name)).toContain('AV1');
  });

  it('reads H264 fmtp with profile-level-id kept as a hex string and RTX apt', () => {
    const h264 = video?.codecs.find((c) => c.payloadType === 109);
    expect(h264?.parameters).toEqual({
      'level-asymmetry-allowed': 1,
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
    });
    expect(h264?.rtcpFeedback).toEqual([
      { type: 'goog-remb', parameter: '' },
      { type: 'transport-cc', parameter: '' },
      { type: 'ccm', parameter: 'fir' },
      { type: 'nack', parameter: '' },
      { type: 'nack', parameter: 'pli' },
    ]);
    const rtx = video?.codecs.find((c) => c.payloadType === 114);
    expect(rtx).toMatchObject({ name: 'rtx', clockRate: 90000, parameters: { apt: 109 } });
    expect(video?.codecs.find((c) => c.payloadType === 119)?.parameters['profile-level-id']).toBe(
      '64001f',
    );
  });

  it('reads header extensions, SSRCs, the FID group, cname and rtcp-rsize', () => {
    expect(audio?.headerExtensions).toEqual([
      { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 },
      { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 2 },
      { uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', id: 3 },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4 },
    ]);
    expect(video?.headerExtensions).toHaveLength(11);
    expect(audio?.ssrcs).toEqual([CHROME_AUDIO_SSRC]);
    expect(video?.ssrcs).toEqual([CHROME_VIDEO_SSRC, CHROME_VIDEO_RTX_SSRC]);
    expect(video?.ssrcGroups).toEqual([
      { semantics: 'FID', ssrcs: [CHROME_VIDEO_SSRC, CHROME_VIDEO_RTX_SSRC] },
    ]);
    expect(video?.cname).toBe('rH3k9XvQ2pLm7WtZ');
    expect(video?.rtcpReducedSize).toBe(true);
    expect(video?.rids).toEqual([]);
  });

  it('reads simulcast RIDs in a=simulcast order', () => {
    const simulcast = parseWhipOffer(CHROME_SIMULCAST_OFFER).media[1];
    expect(simulcast?.rids).toEqual(['q', 'h', 'f']);
    expect(simulcast?.ssrcs).toEqual([]);
    const reordered = replaceLine(
      CHROME_SIMULCAST_OFFER,
      'a=simulcast:send q;h;f',
      'a=simulcast:send f;~q;h',
    );
    expect(parseWhipOffer(reordered).media[1]?.rids).toEqual(['f', 'q', 'h']);
  });
});

describe('parseWhipOffer on an OBS 30 offer', () => {
  const offer = parseWhipOffer(OBS_30_OFFER);

  it('takes ICE and DTLS parameters from the session level', () => {
    expect(offer.iceParameters).toEqual({
      usernameFragment: 'T4mz',
      password: 'bq0R7vLk2XcN9sWd4yFh1p',
    });
    expect(offer.dtlsParameters.fingerprints[0]?.algorithm).toBe('sha-256');
  });

  it('reads one SSRC per track and no rtcp-rsize', () => {
    const [audio, video] = offer.media;
    expect(audio?.ssrcs).toEqual([OBS_AUDIO_SSRC]);
    expect(audio?.cname).toBe('n6Hw2CqT8sKd0VbY');
    expect(audio?.rtcpReducedSize).toBe(false);
    expect(video?.codecs).toEqual([
      {
        payloadType: 96,
        name: 'H264',
        clockRate: 90000,
        parameters: {
          'profile-level-id': '42e01f',
          'packetization-mode': 1,
          'level-asymmetry-allowed': 1,
        },
        rtcpFeedback: [
          { type: 'nack', parameter: '' },
          { type: 'nack', parameter: 'pli' },
          { type: 'goog-remb', parameter: '' },
        ],
      },
    ]);
  });

  it('prefers media-level attributes over session-level ones', () => {
    const sdp = OBS_30_OFFER.replace('a=mid:0\r\n', 'a=mid:0\r\na=ice-ufrag:mediaLevel\r\n');
    expect(parseWhipOffer(sdp).iceParameters.usernameFragment).toBe('mediaLevel');
  });

  it('keeps all-digit ICE credentials and cnames as strings', () => {
    const sdp = OBS_30_OFFER.replace('a=ice-ufrag:T4mz', 'a=ice-ufrag:1234').replaceAll(
      'cname:n6Hw2CqT8sKd0VbY',
      'cname:987654',
    );
    const offer = parseWhipOffer(sdp);
    expect(offer.iceParameters.usernameFragment).toBe('1234');
    expect(offer.media.map((section) => section.cname)).toEqual(['987654', '987654']);
    expect(offer.media.map((section) => section.mid)).toEqual(['0', '1']);
  });

  it('collapses the repeated nack lines some libdatachannel versions write', () => {
    const sdp = OBS_30_OFFER.replace(
      'a=rtcp-fb:96 nack\r\n',
      'a=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack\r\n',
    );
    expect(parseWhipOffer(sdp).media[1]?.codecs[0]?.rtcpFeedback).toHaveLength(3);
  });
});
