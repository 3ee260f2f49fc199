// How a WebRTC or plain transport listens, and when a silent sender is let go.
import type { types } from 'mediasoup';
import type { MediaOptions } from './options.ts';

export type TransportOptions = Pick<
  MediaOptions,
  | 'listenIp'
  | 'announcedAddress'
  | 'rtcMinPort'
  | 'rtcMaxPort'
  | 'maxIncomingBitrate'
  | 'initialOutgoingBitrate'
>;

/** A sender gone silent (browser closed, OBS crashed) without saying goodbye is let go. */
const SENDER_GONE_MS = 30_000;

export const listenInfo = (
  options: TransportOptions,
  protocol: 'udp' | 'tcp',
): types.TransportListenInfo => ({
  protocol,
  ip: options.listenIp,
  ...(options.announcedAddress ? { announcedAddress: options.announcedAddress } : {}),
  portRange: { min: options.rtcMinPort, max: options.rtcMaxPort },
});

export function closeWhenGone(transport: types.WebRtcTransport) {
  let timer: NodeJS.Timeout | undefined;
  transport.on('icestatechange', (state) => {
    clearTimeout(timer);
    if (state === 'disconnected') timer = setTimeout(() => transport.close(), SENDER_GONE_MS);
  });
  transport.on('dtlsstatechange', (state) => {
    if (state === 'failed' || state === 'closed') transport.close();
  });
  transport.observer.once('close', () => clearTimeout(timer));
}
