import { describe, expect, it } from 'vitest';
import { buildFfmpegSdp } from './sdp.ts';

const opus = {
  mimeType: 'audio/opus',
  payloadType: 100,
  clockRate: 48000,
  channels: 2,
  parameters: { minptime: 10, useinbandfec: 1 },
};
const vp8 = { mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {} };

describe('buildFfmpegSdp', () => {
  it('describes an audio and a video stream on their own ports', () => {
    const sdp = buildFfmpegSdp([
      { kind: 'audio', port: 40000, codec: opus },
      { kind: 'video', port: 40002, codec: vp8 },
    ]);
    expect(sdp).toBe(
      [
        'v=0',
        'o=- 0 0 IN IP4 127.0.0.1',
        's=namesti-recording',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        'm=audio 40000 RTP/AVP 100',
        'a=rtpmap:100 opus/48000/2',
        'a=fmtp:100 minptime=10;useinbandfec=1',
        'a=recvonly',
        'm=video 40002 RTP/AVP 101',
        'a=rtpmap:101 VP8/90000',
        'a=recvonly',
        '',
      ].join('\n'),
    );
  });

  it('keeps H.264 packetization and profile so ffmpeg can depacketize OBS streams', () => {
    const h264 = {
      mimeType: 'video/H264',
      payloadType: 102,
      clockRate: 90000,
      parameters: {
        'packetization-mode': 1,
        'profile-level-id': '42e01f',
        'level-asymmetry-allowed': 1,
      },
    };
    const sdp = buildFfmpegSdp([{ kind: 'video', port: 41000, codec: h264 }], '10.0.0.5');
    expect(sdp).toContain('c=IN IP4 10.0.0.5');
    expect(sdp).toContain('m=video 41000 RTP/AVP 102\na=rtpmap:102 H264/90000\n');
    expect(sdp).toContain(
      'a=fmtp:102 packetization-mode=1;profile-level-id=42e01f;level-asymmetry-allowed=1',
    );
    expect(sdp).not.toContain('m=audio');
  });

  it('writes mono audio without a channel count and IPv6 addresses as IP6', () => {
    const sdp = buildFfmpegSdp(
      [{ kind: 'audio', port: 5000, codec: { ...opus, channels: 1, parameters: undefined } }],
      '::1',
    );
    expect(sdp).toContain('c=IN IP6 ::1');
    expect(sdp).toContain('a=rtpmap:100 opus/48000\n');
    expect(sdp).not.toContain('a=fmtp');
  });

  it('refuses a codec of the wrong kind and an empty track list', () => {
    expect(() => buildFfmpegSdp([{ kind: 'video', port: 5000, codec: opus }])).toThrow(
      /does not fit a video track/,
    );
    expect(() => buildFfmpegSdp([])).toThrow(/at least one track/);
  });
});
