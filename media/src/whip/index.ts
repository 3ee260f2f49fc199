// WHIP (RFC 9725): a publisher's offer in, mediasoup Producer parameters and our answer out.
// Pure parsing and negotiation; publish.ts applies them to a room.
export { WhipSdpError, type WhipSdpErrorReason } from './errors.ts';
export { parseWhipOffer, MAX_OFFER_BYTES, MAX_MEDIA_SECTIONS } from './parse-offer.ts';
export { negotiateWhip } from './negotiate.ts';
export { buildWhipAnswer, type WhipAnswerInput } from './answer.ts';
export type {
  WhipOffer,
  WhipProduction,
  OfferedMediaSection,
  OfferedCodec,
  OfferedHeaderExtension,
  OfferedSsrcGroup,
} from './offer-types.ts';
export { publishWhip } from './publish.ts';
