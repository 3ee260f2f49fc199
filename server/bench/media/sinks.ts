// The viewers' side of the network: a few UDP sockets that receive every viewer's stream.
// Streams are told apart by the port they come from (each worker transport, and each relay
// output, has its own); per stream, packets counted and losses found from RTP sequence numbers.
import dgram from 'node:dgram';

export interface StreamCount {
  packets: number;
  bytes: number;
  /** Extended sequence numbers (16-bit wrap undone) of the first and newest packets. */
  lowest: number;
  highest: number;
}

/** Sockets are big enough for bursts of a 200-viewer fan-out (the kernel caps at rmem_max). */
const RECEIVE_BUFFER = 4 * 1024 * 1024;

export async function openSinks(count: number, ip = '127.0.0.1') {
  let streams = new Map<number, StreamCount>();
  const sockets = await Promise.all(
    Array.from({ length: count }, async () => {
      const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: RECEIVE_BUFFER });
      socket.on('error', (err) => console.error('sink socket:', err));
      socket.on('message', (packet, from) => {
        // RTP only: the worker's RTCP (sender reports) shares the port (rtcp-mux).
        if (packet.length < 12 || (packet[1]! >= 200 && packet[1]! <= 204)) return;
        const sequence = packet.readUInt16BE(2);
        const stream = streams.get(from.port);
        if (!stream) {
          streams.set(from.port, {
            packets: 1,
            bytes: packet.length,
            lowest: sequence,
            highest: sequence,
          });
          return;
        }
        // The 16-bit difference to the newest, signed: late packets are negative.
        const extended = stream.highest + (((sequence - stream.highest) << 16) >> 16);
        stream.packets += 1;
        stream.bytes += packet.length;
        if (extended > stream.highest) stream.highest = extended;
        if (extended < stream.lowest) stream.lowest = extended;
      });
      await new Promise<void>((resolve) => socket.bind(0, ip, resolve));
      return socket;
    }),
  );
  const ports = sockets.map((s) => s.address().port);
  return {
    ports,
    /** The sink for viewer `index` (viewers are spread over the sockets in turn). */
    portFor: (index: number) => ports[index % ports.length]!,
    /** Starts counting afresh: the window begins. */
    reset() {
      streams = new Map();
    },
    /** The counts so far of the streams from `sources`; a source never heard from is absent. */
    streams(sources: number[]): StreamCount[] {
      return sources.flatMap((port) => {
        const stream = streams.get(port);
        return stream ? [{ ...stream }] : [];
      });
    },
    close: () =>
      Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))),
  };
}

export type Sinks = Awaited<ReturnType<typeof openSinks>>;

/** Packets missing from the sequence ranges seen, over the packets expected. */
export function lossOf(streams: StreamCount[]): { expected: number; lost: number } {
  let expected = 0;
  let received = 0;
  for (const s of streams) {
    expected += s.highest - s.lowest + 1;
    received += s.packets;
  }
  return { expected, lost: Math.max(0, expected - received) };
}
