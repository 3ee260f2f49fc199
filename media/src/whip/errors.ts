/** Why an offer was refused; the WHIP endpoint maps every reason to 400/422 with this code. */
export type WhipSdpErrorReason =
  | 'too_large'
  | 'malformed'
  | 'no_media'
  | 'no_fingerprint'
  | 'no_ice_credentials'
  | 'bad_dtls_setup'
  | 'not_sending'
  | 'no_rtcp_mux'
  | 'no_supported_codec';

/** An offer we cannot or will not answer: an expected failure, not a bug. */
export class WhipSdpError extends Error {
  readonly reason: WhipSdpErrorReason;

  constructor(reason: WhipSdpErrorReason, message: string) {
    super(message);
    this.name = 'WhipSdpError';
    this.reason = reason;
  }
}
