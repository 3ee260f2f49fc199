import type { types } from 'mediasoup';

/** One payload type of an m-section, as the offerer described it. */
export interface OfferedCodec {
  payloadType: number;
  /** Encoding name as written in a=rtpmap (e.g. 'VP8', 'opus', 'rtx'). */
  name: string;
  clockRate: number;
  channels?: number;
  parameters: Record<string, string | number>;
  rtcpFeedback: types.RtcpFeedback[];
}

export interface OfferedHeaderExtension {
  uri: string;
  id: number;
}

/** An a=ssrc-group line, e.g. FID (media + RTX) or SIM (legacy simulcast). */
export interface OfferedSsrcGroup {
  semantics: string;
  ssrcs: number[];
}

export interface OfferedMediaSection {
  /** Position in the offer; the answer must keep the same order. */
  index: number;
  /** The raw m= type ('audio', 'video', 'application', ...). */
  type: string;
  kind: types.MediaKind | null;
  protocol: string;
  /** The m= line's format list, echoed when the section is rejected. */
  payloads: string;
  /** Rejected by the offerer itself (port 0 and not bundle-only): never accepted. */
  disabled: boolean;
  mid: string | undefined;
  /** In m= line order, which is the offerer's preference. */
  codecs: OfferedCodec[];
  headerExtensions: OfferedHeaderExtension[];
  /** Distinct SSRCs in order of appearance. */
  ssrcs: number[];
  ssrcGroups: OfferedSsrcGroup[];
  /** Send RIDs in simulcast order (first alternative of each stream). */
  rids: string[];
  cname: string | undefined;
  rtcpReducedSize: boolean;
}

export interface WhipOffer {
  /** We always answer a=setup:passive, so the offerer is the DTLS client. */
  dtlsParameters: { role: 'client'; fingerprints: types.DtlsFingerprint[] };
  iceParameters: { usernameFragment: string; password: string };
  media: OfferedMediaSection[];
}

export interface WhipProduction {
  mid: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
}
