// The SDP file tells ffmpeg which ports to listen on and how to depacketize each stream.
import type { types } from 'mediasoup';
import type { TrackKind } from './types.ts';

export interface SdpTrack {
  kind: TrackKind;
  /** Port ffmpeg binds for RTP; RTCP goes to port + 1 (ffmpeg's fixed rule). */
  port: number;
  codec: types.RtpCodecParameters;
}

export function buildFfmpegSdp(tracks: SdpTrack[], ip = '127.0.0.1'): string {
  if (tracks.length === 0) throw new Error('an SDP for ffmpeg needs at least one track');
  const family = ip.includes(':') ? 'IP6' : 'IP4';
  const lines = [
    'v=0',
    `o=- 0 0 IN ${family} ${ip}`,
    's=namesti-recording',
    `c=IN ${family} ${ip}`,
    't=0 0',
  ];
  for (const track of tracks) lines.push(...mediaSection(track));
  return lines.join('\n') + '\n';
}

function mediaSection({ kind, port, codec }: SdpTrack): string[] {
  const [mediaType, encodingName] = codec.mimeType.split('/');
  if (mediaType !== kind || !encodingName) {
    throw new Error(`codec ${codec.mimeType} does not fit a ${kind} track`);
  }
  const pt = codec.payloadType;
  const channels = kind === 'audio' && (codec.channels ?? 1) > 1 ? `/${codec.channels}` : '';
  const section = [
    `m=${kind} ${port} RTP/AVP ${pt}`,
    `a=rtpmap:${pt} ${encodingName}/${codec.clockRate}${channels}`,
  ];
  const fmtp = formatParameters(codec.parameters);
  if (fmtp) section.push(`a=fmtp:${pt} ${fmtp}`);
  section.push('a=recvonly');
  return section;
}

function formatParameters(parameters: types.RtpCodecParameters['parameters']): string {
  if (!parameters) return '';
  return Object.entries(parameters)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
}
