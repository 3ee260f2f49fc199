// What every router speaks: Opus for sound; VP8 for browsers (simulcast works everywhere) and
// H.264 for OBS and hardware encoders in council chambers.
import type { types } from 'mediasoup';

export const MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  {
    kind: 'audio',
    mimeType: 'audio/opus',

    clockRate: 48000,
    channels: 2,
  },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  {
    kind: 'video',
    mimeType: 'video/H264',

    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
    },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',

    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '4d001f',
      'level-asymmetry-allowed': 1,
    },
  },
];
