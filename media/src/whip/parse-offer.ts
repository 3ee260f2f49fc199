// Turns a WHIP publisher's SDP offer into plain data, refusing what we could never answer.
import * as sdpTransform from 'sdp-transform';
import type { MediaDescription, SessionDescription } from 'sdp-transform';
import type { types } from 'mediasoup';
import { WhipSdpError } from './errors.ts';
import { readMediaSection } from './parse-media.ts';
import type { OfferedMediaSection, WhipOffer } from './offer-types.ts';

/** An honest offer is a few kilobytes; the cap keeps parsing cheap for anyone who can POST. */
export const MAX_OFFER_BYTES = 64 * 1024;
/** Audio, video and a spare or two; more is not a publisher we support. */
export const MAX_MEDIA_SECTIONS = 4;

const FINGERPRINT_ALGORITHMS: readonly types.FingerprintAlgorithm[] = [
  'sha-1',
  'sha-224',
  'sha-256',
  'sha-384',
  'sha-512',
];

export function parseWhipOffer(sdp: string): WhipOffer {
  if (Buffer.byteLength(sdp, 'utf8') > MAX_OFFER_BYTES) {
    throw new WhipSdpError('too_large', `offer is larger than ${MAX_OFFER_BYTES} bytes`);
  }
  if (!sdp.startsWith('v=0')) throw new WhipSdpError('malformed', 'offer must start with v=0');
  const session = sdpTransform.parse(sdp);
  const mediaLines = session.media ?? [];
  if (mediaLines.length === 0) throw new WhipSdpError('no_media', 'offer has no m= section');
  if (mediaLines.length > MAX_MEDIA_SECTIONS) {
    throw new WhipSdpError('too_large', `offer has more than ${MAX_MEDIA_SECTIONS} m= sections`);
  }
  mediaLines.forEach(checkMediaLine);

  const sections = mediaLines.map((line, index) => ({
    line,
    section: readMediaSection(line, index),
  }));
  const active = sections.filter(({ section }) => !section.disabled);
  const transportLine = active[0]?.line;
  if (!transportLine) throw new WhipSdpError('no_media', 'every m= section is disabled');
  for (const { line, section } of active) {
    checkSetup(session, line);
    checkSendingSection(session, line, section);
  }
  const media = sections.map(({ section }) => section);
  checkUniqueMids(media);

  return {
    dtlsParameters: { role: 'client', fingerprints: [readFingerprint(session, transportLine)] },
    iceParameters: readIceParameters(session, transportLine),
    media,
  };
}

function checkMediaLine(line: MediaDescription, index: number): void {
  if (!line.type || typeof line.port !== 'number' || !line.protocol) {
    throw new WhipSdpError('malformed', `m= line ${index} is not "m=<type> <port> <proto> <fmt>"`);
  }
}

function readFingerprint(session: SessionDescription, line: MediaDescription) {
  const fingerprint = line.fingerprint ?? session.fingerprint;
  if (!fingerprint?.hash) throw new WhipSdpError('no_fingerprint', 'offer has no a=fingerprint');
  const algorithm = String(fingerprint.type).toLowerCase() as types.FingerprintAlgorithm;
  if (!FINGERPRINT_ALGORITHMS.includes(algorithm)) {
    throw new WhipSdpError('no_fingerprint', `unsupported fingerprint hash ${fingerprint.type}`);
  }
  return { algorithm, value: String(fingerprint.hash) };
}

function readIceParameters(session: SessionDescription, line: MediaDescription) {
  const usernameFragment = line.iceUfrag ?? session.iceUfrag;
  const password = line.icePwd ?? session.icePwd;
  if (!usernameFragment || !password) {
    throw new WhipSdpError('no_ice_credentials', 'offer has no a=ice-ufrag / a=ice-pwd');
  }
  return { usernameFragment: String(usernameFragment), password: String(password) };
}

/** We answer a=setup:passive, so the offerer must be able to take the DTLS client role. */
function checkSetup(session: SessionDescription, line: MediaDescription): void {
  const setup = line.setup ?? session.setup ?? 'actpass';
  if (setup !== 'actpass' && setup !== 'active') {
    throw new WhipSdpError('bad_dtls_setup', `a=setup:${setup} leaves no DTLS client`);
  }
}

function checkSendingSection(
  session: SessionDescription,
  line: MediaDescription,
  section: OfferedMediaSection,
): void {
  if (!section.kind) return;
  const direction = line.direction ?? session.direction ?? 'sendrecv';
  if (direction !== 'sendonly' && direction !== 'sendrecv') {
    throw new WhipSdpError('not_sending', `m= section ${section.index} is ${direction}`);
  }
  if (line.rtcpMux === undefined) {
    throw new WhipSdpError('no_rtcp_mux', `m= section ${section.index} lacks a=rtcp-mux`);
  }
  if (section.mid === undefined) {
    throw new WhipSdpError('malformed', `m= section ${section.index} has no a=mid (BUNDLE)`);
  }
}

function checkUniqueMids(media: OfferedMediaSection[]): void {
  const mids = media.flatMap((section) => (section.mid === undefined ? [] : [section.mid]));
  if (new Set(mids).size !== mids.length) {
    throw new WhipSdpError('malformed', 'two m= sections share one a=mid');
  }
}
