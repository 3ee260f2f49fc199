// The publisher's side of the network: one UDP socket that the encoder's three RTP outputs all
// send to, and that relays every datagram to the mediasoup PlainTransport (comedia: it accepts
// one source address, and this socket is it) and to the baseline relay. Counts each layer.
import dgram from 'node:dgram';

export interface LayerCount {
  packets: number;
  bytes: number;
  /** RTP marker bits: the last packet of each frame. */
  frames: number;
}

export async function openIngest(ip = '127.0.0.1') {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, ip, resolve));
  let targets: number[] = [];
  const bySsrc = new Map<number, LayerCount>();
  let feedback = 0;

  socket.on('message', (packet, from) => {
    // Receivers' RTCP (mediasoup's receiver reports and PLIs) stops here: ffmpeg ignores it.
    if (targets.includes(from.port)) {
      feedback += 1;
      return;
    }
    for (const port of targets) socket.send(packet, port, ip);
    if (packet.length < 12 || (packet[1]! >= 200 && packet[1]! <= 204)) return; // RTCP
    const ssrc = packet.readUInt32BE(8);
    let count = bySsrc.get(ssrc);
    if (!count) bySsrc.set(ssrc, (count = { packets: 0, bytes: 0, frames: 0 }));
    count.packets += 1;
    count.bytes += packet.length;
    if (packet[1]! & 0x80) count.frames += 1;
  });
  socket.on('error', (err) => console.error('ingest socket:', err));

  return {
    port: socket.address().port,
    /** Every encoder datagram from now on also goes to these ports on `ip`. */
    forwardTo(ports: number[]) {
      targets = ports;
    },
    /** Copies of the per-SSRC counters, to subtract at a window's end. */
    snapshot(): Map<number, LayerCount> {
      return new Map([...bySsrc].map(([ssrc, c]) => [ssrc, { ...c }]));
    },
    feedback: () => feedback,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

export type Ingest = Awaited<ReturnType<typeof openIngest>>;

/** What arrived per SSRC between two snapshots. */
export function countSince(
  before: Map<number, LayerCount>,
  after: Map<number, LayerCount>,
): Map<number, LayerCount> {
  const diff = new Map<number, LayerCount>();
  for (const [ssrc, a] of after) {
    const b = before.get(ssrc) ?? { packets: 0, bytes: 0, frames: 0 };
    diff.set(ssrc, {
      packets: a.packets - b.packets,
      bytes: a.bytes - b.bytes,
      frames: a.frames - b.frames,
    });
  }
  return diff;
}
