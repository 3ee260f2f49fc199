// UDP ports for ffmpeg. We bind them ourselves to prove they are free, and keep them in a
// process-wide set so two recorders never pick the same pair; they are released just before
// ffmpeg binds them. A port stolen in that instant makes ffmpeg fail, and the recorder retries.
import dgram from 'node:dgram';
import { readFile } from 'node:fs/promises';

const reservedPorts = new Set<number>();
const MAX_ATTEMPTS = 50;

export interface PortPair {
  /** ffmpeg reads RTP here and RTCP on rtpPort + 1. */
  rtpPort: number;
  /** Closes our placeholder sockets so ffmpeg can bind; the pair stays reserved. */
  releaseSockets(): Promise<void>;
  /** Makes the pair available to other recorders again. */
  free(): Promise<void>;
}

export async function reservePortPair(ip: string): Promise<PortPair> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const first = await bindUdp(ip, 0);
    if (!first) continue;
    const rtpPort = first.address().port;
    const second =
      rtpPort < 65535 && !reservedPorts.has(rtpPort) && !reservedPorts.has(rtpPort + 1)
        ? await bindUdp(ip, rtpPort + 1)
        : null;
    if (!second) {
      await closeUdp(first);
      continue;
    }
    reservedPorts.add(rtpPort);
    reservedPorts.add(rtpPort + 1);
    let closing: Promise<unknown> | undefined;
    const releaseSockets = async () => {
      closing ??= Promise.all([closeUdp(first), closeUdp(second)]);
      await closing;
    };
    return {
      rtpPort,
      releaseSockets,
      free: async () => {
        await releaseSockets();
        reservedPorts.delete(rtpPort);
        reservedPorts.delete(rtpPort + 1);
      },
    };
  }
  throw new Error(`no free pair of UDP ports on ${ip} after ${MAX_ATTEMPTS} attempts`);
}

/**
 * A socket that swallows mediasoup's RTCP. ffmpeg re-bases a stream's timestamps when its
 * first Sender Report arrives, which puts a jump of up to a second into every new segment;
 * without reports, each stream counts from its first packet, and both start together.
 */
export async function openRtcpSink(ip: string): Promise<{ port: number; close(): Promise<void> }> {
  const socket = await bindUdp(ip, 0);
  if (!socket) throw new Error(`could not bind a UDP socket on ${ip}`);
  socket.on('message', () => undefined); // read and dropped on purpose
  return { port: socket.address().port, close: () => closeUdp(socket) };
}

function bindUdp(ip: string, port: number): Promise<dgram.Socket | null> {
  const socket = dgram.createSocket({ type: ip.includes(':') ? 'udp6' : 'udp4' });
  return new Promise((resolve) => {
    // EADDRINUSE is the expected answer for a taken port: try another pair.
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind({ port, address: ip, exclusive: true }, () => resolve(socket));
  });
}

function closeUdp(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}

/**
 * The UDP ports some process has bound, from the kernel's tables. Returns null where there is
 * no /proc (not Linux), so callers can fall back to waiting.
 */
export async function boundUdpPorts(): Promise<Set<number> | null> {
  const tables = await Promise.all(
    ['/proc/net/udp', '/proc/net/udp6'].map((path) =>
      readFile(path, 'utf8').then(
        (text) => text,
        () => null,
      ),
    ),
  );
  if (tables.every((table) => table === null)) return null;
  const ports = new Set<number>();
  for (const table of tables) {
    for (const line of (table ?? '').split('\n').slice(1)) {
      const localAddress = line.trim().split(/\s+/)[1];
      const portHex = localAddress?.split(':').pop();
      if (portHex) ports.add(parseInt(portHex, 16));
    }
  }
  return ports;
}
