// Reads one m-section of a WHIP offer into plain data. Validation of what a publisher must
// send lives in parse-offer.ts; this file only extracts. sdp-transform turns any all-digit
// token into a number, so every text field goes through String().
import * as sdpTransform from 'sdp-transform';
import type { MediaDescription } from 'sdp-transform';
import type { types } from 'mediasoup';
import type { OfferedCodec, OfferedMediaSection, OfferedSsrcGroup } from './offer-types.ts';

export function readMediaSection(media: MediaDescription, index: number): OfferedMediaSection {
  const kind = media.type === 'audio' || media.type === 'video' ? media.type : null;
  return {
    index,
    type: String(media.type),
    kind,
    protocol: String(media.protocol),
    payloads: String(media.payloads ?? ''),
    disabled: media.port === 0 && media.bundleOnly === undefined,
    mid: media.mid === undefined ? undefined : String(media.mid),
    codecs: kind ? readCodecs(media, kind) : [],
    headerExtensions: (media.ext ?? []).map((ext) => ({ uri: String(ext.uri), id: ext.value })),
    ssrcs: [...new Set((media.ssrcs ?? []).map((line) => Number(line.id)))],
    ssrcGroups: readSsrcGroups(media),
    rids: readSendRids(media),
    cname: readCname(media),
    rtcpReducedSize: media.rtcpRsize !== undefined,
  };
}

function readCname(media: MediaDescription): string | undefined {
  const cname = media.ssrcs?.find((line) => line.attribute === 'cname')?.value;
  return cname === undefined ? undefined : String(cname);
}

function readCodecs(media: MediaDescription, kind: types.MediaKind): OfferedCodec[] {
  const order = sdpTransform.parsePayloads(String(media.payloads ?? ''));
  const codecs: OfferedCodec[] = [];
  for (const payloadType of order) {
    const rtpmap = media.rtp.find((entry) => entry.payload === payloadType);
    // Static payload types without a=rtpmap (PCMU, G722, ...) are nothing we can route.
    if (!rtpmap || rtpmap.rate === undefined) continue;
    const channels = rtpmap.encoding === undefined ? 1 : Number(rtpmap.encoding);
    codecs.push({
      payloadType,
      name: String(rtpmap.codec),
      clockRate: Number(rtpmap.rate),
      ...(kind === 'audio' ? { channels } : {}),
      parameters: readFmtp(media, payloadType),
      rtcpFeedback: readRtcpFeedback(media, payloadType),
    });
  }
  return codecs;
}

function readFmtp(media: MediaDescription, payloadType: number): OfferedCodec['parameters'] {
  const parameters: OfferedCodec['parameters'] = {};
  for (const fmtp of media.fmtp.filter((entry) => entry.payload === payloadType)) {
    for (const [key, value] of Object.entries(sdpTransform.parseParams(String(fmtp.config)))) {
      if (value !== undefined) parameters[key.trim()] = value;
    }
  }
  // sdp-transform turns '640032' into a number; the H.264 profile parser needs the hex string.
  const profileLevelId = parameters['profile-level-id'];
  if (profileLevelId !== undefined) parameters['profile-level-id'] = String(profileLevelId);
  return parameters;
}

function readRtcpFeedback(media: MediaDescription, payloadType: number): types.RtcpFeedback[] {
  const seen = new Set<string>();
  const feedback: types.RtcpFeedback[] = [];
  for (const line of media.rtcpFb ?? []) {
    if (line.payload !== '*' && Number(line.payload) !== payloadType) continue;
    const type = String(line.type);
    const parameter = line.subtype === undefined ? '' : String(line.subtype);
    // OBS repeats its nack lines; keep each pair once.
    const key = `${type} ${parameter}`;
    if (seen.has(key)) continue;
    seen.add(key);
    feedback.push({ type, parameter });
  }
  return feedback;
}

function readSsrcGroups(media: MediaDescription): OfferedSsrcGroup[] {
  return (media.ssrcGroups ?? []).map((group) => ({
    semantics: String(group.semantics),
    ssrcs: String(group.ssrcs).trim().split(/\s+/).map(Number),
  }));
}

/** RIDs the offerer sends, in the order of a=simulcast:send when present. */
function readSendRids(media: MediaDescription): string[] {
  const sendRids = (media.rids ?? [])
    .filter((rid) => rid.direction === 'send')
    .map((rid) => String(rid.id));
  const simulcast = media.simulcast;
  const sendList =
    simulcast?.dir1 === 'send'
      ? simulcast.list1
      : simulcast?.dir2 === 'send'
        ? simulcast.list2
        : '';
  if (!sendList) return sendRids;
  const ordered = sdpTransform
    .parseSimulcastStreamList(String(sendList))
    .map((alternatives) => String(alternatives[0]?.scid ?? ''))
    .filter((rid) => sendRids.includes(rid));
  return ordered.length > 0 ? ordered : sendRids;
}
