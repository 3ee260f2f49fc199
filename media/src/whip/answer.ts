// Writes our SDP answer: mediasoup is ICE-lite and DTLS server, and only receives.
import { randomInt } from 'node:crypto';
import * as sdpTransform from 'sdp-transform';
import type { MediaDescription } from 'sdp-transform';
import type { types } from 'mediasoup';
import type { OfferedMediaSection, WhipOffer, WhipProduction } from './offer-types.ts';

export interface WhipAnswerInput {
  offer: WhipOffer;
  productions: WhipProduction[];
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
  /** o= session id; random when left out. */
  sessionId?: string;
}

type SdpCandidate = NonNullable<MediaDescription['candidates']>[number];

interface LocalTransport {
  iceParameters: types.IceParameters;
  fingerprint: types.DtlsFingerprint;
  candidates: SdpCandidate[];
}

export function buildWhipAnswer(input: WhipAnswerInput): string {
  const { offer, productions } = input;
  const local: LocalTransport = {
    iceParameters: input.iceParameters,
    fingerprint: pickFingerprint(input.dtlsParameters),
    candidates: input.iceCandidates.map(toSdpCandidate),
  };
  const byMid = new Map(productions.map((production) => [production.mid, production]));
  for (const mid of byMid.keys()) {
    if (!offer.media.some((section) => section.mid === mid && !section.disabled)) {
      throw new Error(`production mid ${mid} is not an active section of the offer`);
    }
  }
  const media = offer.media.map((section) => {
    const production = section.mid === undefined ? undefined : byMid.get(section.mid);
    return production && !section.disabled
      ? acceptedSection(section, production, local)
      : rejectedSection(section);
  });
  const acceptedMids = offer.media.flatMap((section) =>
    section.mid !== undefined && byMid.has(section.mid) && !section.disabled ? [section.mid] : [],
  );
  return sdpTransform.write({
    version: 0,
    origin: {
      username: '-',
      sessionId: input.sessionId ?? String(randomInt(1, 2 ** 47)),
      sessionVersion: 1,
      netType: 'IN',
      ipVer: 4,
      address: '127.0.0.1',
    },
    name: '-',
    timing: { start: 0, stop: 0 },
    icelite: 'ice-lite',
    groups: [{ type: 'BUNDLE', mids: acceptedMids.join(' ') }],
    media,
  });
}

function acceptedSection(
  section: OfferedMediaSection,
  production: WhipProduction,
  local: LocalTransport,
): MediaDescription {
  const { codecs, headerExtensions = [], encodings = [] } = production.rtpParameters;
  // Browsers ignore the m= address once candidates are listed; older stacks still read it.
  const preferred = local.candidates.find((c) => c.transport === 'udp') ?? local.candidates[0];
  const rids = encodings.flatMap((encoding) => (encoding.rid ? [encoding.rid] : []));
  return {
    type: section.type,
    port: preferred?.port ?? 9,
    protocol: section.protocol,
    payloads: codecs.map((codec) => codec.payloadType).join(' '),
    connection: { version: preferred?.ip.includes(':') ? 6 : 4, ip: preferred?.ip ?? '0.0.0.0' },
    mid: production.mid,
    direction: 'recvonly',
    rtp: codecs.map((codec) => ({
      payload: codec.payloadType,
      codec: codec.mimeType.split('/')[1] ?? codec.mimeType,
      rate: codec.clockRate,
      ...(codec.channels !== undefined && codec.channels > 1 ? { encoding: codec.channels } : {}),
    })),
    fmtp: codecs.flatMap((codec) => {
      const config = Object.entries(codec.parameters ?? {})
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(';');
      return config ? [{ payload: codec.payloadType, config }] : [];
    }),
    rtcpFb: codecs.flatMap((codec) =>
      (codec.rtcpFeedback ?? []).map((feedback) => ({
        payload: codec.payloadType,
        type: feedback.type,
        ...(feedback.parameter ? { subtype: feedback.parameter } : {}),
      })),
    ),
    ext: headerExtensions.map((ext) => ({ value: ext.id, uri: ext.uri })),
    ...(rids.length > 0
      ? {
          rids: rids.map((id) => ({ id, direction: 'recv' })),
          simulcast: { dir1: 'recv' as const, list1: rids.join(';') },
        }
      : {}),
    rtcpMux: 'rtcp-mux',
    ...(section.rtcpReducedSize ? { rtcpRsize: 'rtcp-rsize' as const } : {}),
    iceUfrag: local.iceParameters.usernameFragment,
    icePwd: local.iceParameters.password,
    fingerprint: { type: local.fingerprint.algorithm, hash: local.fingerprint.value },
    setup: 'passive',
    candidates: local.candidates,
    endOfCandidates: 'end-of-candidates',
  };
}

/** RFC 3264 rejection: same m= type and formats, port 0. */
function rejectedSection(section: OfferedMediaSection): MediaDescription {
  return {
    type: section.type,
    port: 0,
    protocol: section.protocol,
    payloads: section.payloads,
    connection: { version: 4, ip: '0.0.0.0' },
    ...(section.mid === undefined ? {} : { mid: section.mid }),
    direction: 'inactive',
    rtp: [],
    fmtp: [],
  };
}

/** Every WebRTC stack checks sha-256; mediasoup always offers it. */
function pickFingerprint(dtlsParameters: types.DtlsParameters): types.DtlsFingerprint {
  const fingerprints = dtlsParameters.fingerprints;
  const fingerprint = fingerprints.find((f) => f.algorithm === 'sha-256') ?? fingerprints[0];
  if (!fingerprint) throw new Error('local DTLS parameters carry no fingerprint');
  return fingerprint;
}

function toSdpCandidate(candidate: types.IceCandidate): SdpCandidate {
  const transport = candidate.protocol.toLowerCase();
  return {
    foundation: candidate.foundation,
    component: 1,
    transport,
    priority: candidate.priority,
    ip: candidate.address ?? candidate.ip,
    port: candidate.port,
    type: candidate.type,
    ...(transport === 'tcp' ? { tcptype: candidate.tcpType ?? 'passive' } : {}),
  };
}
