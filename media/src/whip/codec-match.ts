// Which offered codec a router can take, mirroring mediasoup's own strict matching so that
// transport.produce() accepts what we chose.
import { isSameProfile } from 'h264-profile-level-id';
import type { types } from 'mediasoup';
import type { OfferedCodec } from './offer-types.ts';

/** Codecs that only repair or protect another one; never chosen as the section's codec. */
const HELPER_CODECS = new Set(['rtx', 'red', 'ulpfec', 'flexfec-03']);

/** OBS and hardware encoders speak H.264; browsers all speak VP8. */
const VIDEO_PREFERENCE = ['video/h264', 'video/vp8'];

export interface CodecChoice {
  offered: OfferedCodec;
  router: types.RtpCodecCapability;
}

/** The best offered codec the router supports: preferred mime type first, then offer order. */
export function chooseCodec(
  kind: types.MediaKind,
  offered: OfferedCodec[],
  routerCodecs: types.RtpCodecCapability[],
): CodecChoice | undefined {
  const choices: CodecChoice[] = [];
  for (const codec of offered) {
    if (HELPER_CODECS.has(codec.name.toLowerCase())) continue;
    const router = routerCodecs.find((candidate) => codecsMatch(kind, codec, candidate));
    if (router) choices.push({ offered: codec, router });
  }
  const rank = (choice: CodecChoice) => {
    const position = VIDEO_PREFERENCE.indexOf(choice.router.mimeType.toLowerCase());
    return kind === 'video' && position >= 0 ? position : VIDEO_PREFERENCE.length;
  };
  // Array.prototype.sort is stable, so equal ranks keep the offerer's order.
  return choices.sort((a, b) => rank(a) - rank(b))[0];
}

/** The offered RTX codec repairing `payloadType`, if the router also has RTX for its codec. */
export function findRtxCodec(
  offered: OfferedCodec[],
  choice: CodecChoice,
  routerCodecs: types.RtpCodecCapability[],
): OfferedCodec | undefined {
  const routerHasRtx = routerCodecs.some(
    (codec) =>
      codec.mimeType.toLowerCase().endsWith('/rtx') &&
      Number(codec.parameters?.['apt']) === choice.router.preferredPayloadType,
  );
  if (!routerHasRtx) return undefined;
  return offered.find(
    (codec) =>
      codec.name.toLowerCase() === 'rtx' &&
      Number(codec.parameters['apt']) === choice.offered.payloadType,
  );
}

/** Feedback both sides understand; nack, pli, fir, remb, transport-cc in practice. */
export function keepSupportedFeedback(
  offered: types.RtcpFeedback[],
  router: types.RtpCodecCapability,
): types.RtcpFeedback[] {
  return offered.filter((feedback) =>
    (router.rtcpFeedback ?? []).some(
      (supported) =>
        supported.type === feedback.type &&
        (supported.parameter ?? '') === (feedback.parameter ?? ''),
    ),
  );
}

function codecsMatch(
  kind: types.MediaKind,
  offered: OfferedCodec,
  router: types.RtpCodecCapability,
): boolean {
  const mimeType = `${kind}/${offered.name}`.toLowerCase();
  if (router.kind !== kind || router.mimeType.toLowerCase() !== mimeType) return false;
  if (router.clockRate !== offered.clockRate) return false;
  if (kind === 'audio' && (router.channels ?? 1) !== (offered.channels ?? 1)) return false;
  const routerParameters = router.parameters ?? {};
  switch (mimeType) {
    case 'video/h264':
      return (
        Number(offered.parameters['packetization-mode'] ?? 0) ===
          Number(routerParameters['packetization-mode'] ?? 0) &&
        isSameProfile(offered.parameters, routerParameters)
      );
    case 'video/vp9':
      return (
        Number(offered.parameters['profile-id'] ?? 0) ===
        Number(routerParameters['profile-id'] ?? 0)
      );
    default:
      return true;
  }
}
