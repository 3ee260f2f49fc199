// The polite way to end an RTP session: an RTCP BYE per stream. When every stream of its SDP
// has said goodbye, ffmpeg's demuxer reports end of file and ffmpeg finishes the file
// normally, even when no packets arrive any more (the sender left), which is when 'q' and a
// single SIGINT go unnoticed.
import dgram from 'node:dgram';

/**
 * A compound RTCP packet as RFC 3550 wants it: an empty receiver report, then the BYE (§6.6).
 * ffmpeg ignores RTCP packets shorter than 12 bytes, so a bare 8-byte BYE would not do.
 */
export function rtcpBye(ssrc: number): Buffer {
  const packet = Buffer.alloc(16);
  writeHeader(packet, 0, 201, ssrc); // RR, no report blocks
  writeHeader(packet, 8, 203, ssrc); // BYE, one source
  return packet;
}

function writeHeader(packet: Buffer, offset: number, type: number, ssrc: number) {
  packet.writeUInt8(0x80 | (type === 203 ? 1 : 0), offset); // version 2, source count
  packet.writeUInt8(type, offset + 1);
  packet.writeUInt16BE(1, offset + 2); // length in 32-bit words, minus one
  packet.writeUInt32BE(ssrc >>> 0, offset + 4);
}

export async function sendRtcpBye(
  ip: string,
  streams: { rtcpPort: number; ssrc: number }[],
): Promise<void> {
  const socket = dgram.createSocket(ip.includes(':') ? 'udp6' : 'udp4');
  try {
    for (const { rtcpPort, ssrc } of streams) {
      await new Promise<void>((resolve, reject) =>
        socket.send(rtcpBye(ssrc), rtcpPort, ip, (error) => (error ? reject(error) : resolve())),
      );
    }
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
