// A WHIP publisher (OBS, a browser) joins a room as one peer: one send transport, one
// producer per accepted m-section, and the SDP answer that tells it where to send.
import type { MediaRoom } from '../room.ts';
import { buildWhipAnswer } from './answer.ts';
import { negotiateWhip } from './negotiate.ts';
import { parseWhipOffer } from './parse-offer.ts';

export async function publishWhip(room: MediaRoom, peerId: string, sdp: string): Promise<string> {
  const offer = parseWhipOffer(sdp);
  const productions = negotiateWhip(offer, room.rtpCapabilities());
  const transport = await room.createTransport(peerId, 'send');
  try {
    await room.connectTransport(peerId, transport.id, offer.dtlsParameters);
    for (const { kind, rtpParameters } of productions) {
      await room.produce(peerId, transport.id, {
        kind,
        rtpParameters,
        source: kind === 'audio' ? 'microphone' : 'camera',
      });
    }
  } catch (err) {
    room.closePeer(peerId);
    throw err;
  }
  return buildWhipAnswer({ offer, productions, ...transport });
}
