// The baseline, run as its own process so its CPU can be read like the worker's: a bare Node
// UDP fan-out. It receives the publisher's datagrams and forwards each packet of one layer
// (one SSRC) unchanged to every sink, from one connected socket per viewer, as the worker has
// one transport (one socket) per viewer. No header rewriting, no RTCP, no retransmission
// buffer, no encryption: the floor a selective forwarder cannot go below.
import dgram from 'node:dgram';
import type { RelayCommand, RelayReply } from './relay.ts';

const IP = '127.0.0.1';
const input = dgram.createSocket('udp4');
let outputs: dgram.Socket[] = [];
let forwardSsrc = -1;

const send = (reply: RelayReply) => process.send!(reply);

input.on('message', (packet) => {
  if (packet.length < 12 || (packet[1]! >= 200 && packet[1]! <= 204)) return; // RTCP
  if (packet.readUInt32BE(8) !== forwardSsrc) return;
  for (const output of outputs) output.send(packet);
});

async function open(port: number): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  socket.on('error', (err: NodeJS.ErrnoException) => {
    // A connected socket hears ICMP "port unreachable" from a viewer not listening yet (the
    // decoder starting) or any more; the next packets go through once it listens.
    if (err.code === 'ECONNREFUSED') return;
    console.error('relay output socket:', err);
  });
  await new Promise<void>((resolve) => socket.bind(0, IP, resolve));
  await new Promise<void>((resolve) => socket.connect(port, IP, resolve));
  return socket;
}

async function closeOutputs() {
  const closing = outputs;
  outputs = [];
  await Promise.all(closing.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
}

process.on('message', (command: RelayCommand) => {
  if (command.type === 'fanout') {
    closeOutputs()
      .then(() => Promise.all(command.ports.map(open)))
      .then((opened) => {
        outputs = opened;
        forwardSsrc = command.ssrc;
        send({ type: 'ready', sources: opened.map((s) => s.address().port) });
      })
      .catch((err: unknown) => {
        console.error('relay fan-out failed:', err);
        process.exit(1);
      });
  }
});
// The parent gone (ended or crashed): so is the baseline.
process.on('disconnect', () => {
  input.close();
  closeOutputs().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('relay close failed:', err);
      process.exit(1);
    },
  );
});

input.bind(0, IP, () => send({ type: 'listening', port: input.address().port }));
