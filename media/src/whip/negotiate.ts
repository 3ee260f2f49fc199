// Chooses, per offered m-section, what a mediasoup router can receive, as Producer parameters.
import type { types } from 'mediasoup';
import { WhipSdpError } from './errors.ts';
import { chooseCodec, findRtxCodec, keepSupportedFeedback } from './codec-match.ts';
import type {
  OfferedCodec,
  OfferedMediaSection,
  WhipOffer,
  WhipProduction,
} from './offer-types.ts';

/**
 * One production per usable m-section; a section left out is answered with port 0.
 * Throws `no_supported_codec` when nothing at all is usable.
 */
export function negotiateWhip(
  offer: WhipOffer,
  routerCaps: types.RtpCapabilities,
): WhipProduction[] {
  const productions = offer.media.flatMap((section) => {
    const production = negotiateSection(section, routerCaps);
    return production ? [production] : [];
  });
  if (productions.length === 0) {
    throw new WhipSdpError('no_supported_codec', 'no offered audio or video codec is supported');
  }
  return productions;
}

function negotiateSection(
  section: OfferedMediaSection,
  routerCaps: types.RtpCapabilities,
): WhipProduction | undefined {
  const { kind, mid } = section;
  // Plain RTP/SAVP has no feedback (no NACK, no PLI): we would never get a keyframe.
  if (section.disabled || !kind || mid === undefined || !section.protocol.endsWith('SAVPF')) {
    return undefined;
  }
  const routerCodecs = routerCaps.codecs ?? [];
  const choice = chooseCodec(kind, section.codecs, routerCodecs);
  if (!choice) return undefined;
  const rtx = findRtxCodec(section.codecs, choice, routerCodecs);

  const codecs: types.RtpCodecParameters[] = [
    {
      mimeType: choice.router.mimeType,
      payloadType: choice.offered.payloadType,
      clockRate: choice.offered.clockRate,
      ...(kind === 'audio' ? { channels: choice.offered.channels ?? 1 } : {}),
      parameters: { ...choice.offered.parameters },
      rtcpFeedback: keepSupportedFeedback(choice.offered.rtcpFeedback, choice.router),
    },
  ];
  if (rtx) codecs.push(rtxCodecParameters(kind, rtx));

  return {
    mid,
    kind,
    rtpParameters: {
      mid,
      codecs,
      headerExtensions: keepSupportedExtensions(section, kind, routerCaps),
      encodings: buildEncodings(section, rtx !== undefined),
      rtcp: {
        ...(section.cname === undefined ? {} : { cname: section.cname }),
        reducedSize: section.rtcpReducedSize,
      },
    },
  };
}

function rtxCodecParameters(kind: types.MediaKind, rtx: OfferedCodec): types.RtpCodecParameters {
  return {
    mimeType: `${kind}/rtx`,
    payloadType: rtx.payloadType,
    clockRate: rtx.clockRate,
    parameters: { apt: Number(rtx.parameters['apt']) },
    rtcpFeedback: [],
  };
}

/** The offer's ids for every extension the router can receive for this kind. */
function keepSupportedExtensions(
  section: OfferedMediaSection,
  kind: types.MediaKind,
  routerCaps: types.RtpCapabilities,
): types.RtpHeaderExtensionParameters[] {
  const receivable = (routerCaps.headerExtensions ?? []).filter(
    (ext) =>
      ext.kind === kind &&
      (ext.direction === undefined || ext.direction === 'sendrecv' || ext.direction === 'recvonly'),
  );
  return section.headerExtensions.flatMap((offered) => {
    const supported = receivable.find((ext) => ext.uri === offered.uri);
    return supported
      ? [{ uri: supported.uri, id: offered.id, encrypt: false, parameters: {} }]
      : [];
  });
}

/**
 * Simulcast by RID when the offer has RIDs; otherwise one encoding per media SSRC (several
 * under a legacy SIM group), each with the RTX SSRC its FID group pairs it with.
 */
function buildEncodings(
  section: OfferedMediaSection,
  withRtx: boolean,
): types.RtpEncodingParameters[] {
  if (section.rids.length > 0) return section.rids.map((rid) => ({ rid }));
  const fidGroups = section.ssrcGroups.filter((group) => group.semantics === 'FID');
  const simGroup = section.ssrcGroups.find((group) => group.semantics === 'SIM');
  const repairSsrcs = new Set(
    section.ssrcGroups
      .filter((group) => group.semantics === 'FID' || group.semantics === 'FEC-FR')
      .flatMap((group) => group.ssrcs.slice(1)),
  );
  const mediaSsrcs = simGroup
    ? simGroup.ssrcs
    : section.ssrcs.filter((ssrc) => !repairSsrcs.has(ssrc)).slice(0, 1);
  // No SSRC and no RID: mediasoup still binds the stream by its MID.
  if (mediaSsrcs.length === 0) return [{}];
  return mediaSsrcs.map((ssrc) => {
    const rtxSsrc = fidGroups.find((group) => group.ssrcs[0] === ssrc)?.ssrcs[1];
    return withRtx && rtxSsrc !== undefined ? { ssrc, rtx: { ssrc: rtxSsrc } } : { ssrc };
  });
}
