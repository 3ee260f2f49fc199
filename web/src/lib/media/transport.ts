// The signalling the viewer and the studio share: a loaded mediasoup Device, a transport tied
// to this session's socket events, and the recovery of a transport whose network dropped.
import type { types } from 'mediasoup-client';
import type { MediaJoinDto, MediaParameters } from '@namesti/server/protocol';
import { emitWithAck } from '$lib/realtime/socket';

/** mediasoup's parameter objects cross the wire opaque; mediasoup-client knows their shape. */
export const opaque = <T>(value: MediaParameters | MediaParameters[]): T => value as unknown as T;

/** A media:join answer for a session on air. */
export type OnAir = MediaJoinDto & { routerRtpCapabilities: MediaParameters };

export const isOnAir = (join: MediaJoinDto): join is OnAir =>
  join.available && join.routerRtpCapabilities !== null;

/** mediasoup-client is loaded on first use: pages without video never download it. */
export async function loadDevice(join: OnAir): Promise<types.Device> {
  const { Device } = await import('mediasoup-client');
  const device = new Device();
  await device.load({ routerRtpCapabilities: opaque(join.routerRtpCapabilities) });
  return device;
}

export async function openTransport(
  device: types.Device,
  join: OnAir,
  direction: 'send' | 'recv',
): Promise<types.Transport> {
  const { sessionId } = join;
  const dto = await emitWithAck('media:transport', {
    sessionId,
    direction,
    ...(direction === 'send' ? { purpose: 'broadcast' as const } : {}),
  });
  const options: types.TransportOptions = {
    id: dto.id,
    iceParameters: opaque(dto.iceParameters),
    iceCandidates: opaque(dto.iceCandidates),
    dtlsParameters: opaque(dto.dtlsParameters),
    iceServers: join.iceServers,
  };
  const transport =
    direction === 'send'
      ? device.createSendTransport(options)
      : device.createRecvTransport(options);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    emitWithAck('media:connect', { sessionId, transportId: transport.id, dtlsParameters }).then(
      () => callback(),
      errback,
    );
  });
  return transport;
}

export interface ConnectionWatch {
  /** Every change of the transport's connection state. */
  changed?(state: types.ConnectionState): void;
  /** The transport cannot be saved: build everything again from media:join. */
  rebuild(reason: string): void;
}

/**
 * On 'disconnected' (a network change, a lost Wi-Fi) waits `graceMs` for the browser to find
 * its way back, then restarts ICE with fresh credentials from the server; 'failed', a failed
 * restart or one that does not connect within `restartMs` asks for a rebuild.
 */
export function watchConnection(
  transport: types.Transport,
  sessionId: string,
  watch: ConnectionWatch,
  { graceMs = 2_000, restartMs = 10_000 } = {},
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (ms: number, run: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };

  const restartIce = async () => {
    if (transport.closed || transport.connectionState === 'connected') return;
    try {
      const { iceParameters } = await emitWithAck('media:restart-ice', {
        sessionId,
        transportId: transport.id,
      });
      if (transport.closed) return;
      await transport.restartIce({ iceParameters: opaque(iceParameters) });
      later(restartMs, () => {
        if (!transport.closed && transport.connectionState !== 'connected') {
          watch.rebuild('ICE restart did not reconnect');
        }
      });
    } catch (error) {
      console.warn('media: ICE restart failed', error);
      if (!transport.closed) watch.rebuild('ICE restart failed');
    }
  };

  transport.on('connectionstatechange', (state) => {
    watch.changed?.(state);
    if (state === 'connected') clearTimeout(timer);
    else if (state === 'disconnected') later(graceMs, () => void restartIce());
    else if (state === 'failed') {
      clearTimeout(timer);
      watch.rebuild('transport failed');
    }
  });
  transport.observer.on('close', () => clearTimeout(timer));
}
