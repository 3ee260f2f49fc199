import { describe, expect, it } from 'vitest';
import { parseWhipOffer, WhipSdpError, type WhipSdpErrorReason } from './index.ts';
import { CHROME_SENDONLY_OFFER } from './fixtures/chrome-sendonly.ts';
import { OBS_30_OFFER } from './fixtures/obs-30.ts';
import { removeLines, replaceLine } from './fixtures/sdp-edit.ts';

function reasonOf(sdp: string): WhipSdpErrorReason | 'accepted' {
  try {
    parseWhipOffer(sdp);
    return 'accepted';
  } catch (error) {
    if (error instanceof WhipSdpError) return error.reason;
    throw error;
  }
}

describe('parseWhipOffer rejections', () => {
  it('accepts both fixtures as they are', () => {
    expect(reasonOf(CHROME_SENDONLY_OFFER)).toBe('accepted');
    expect(reasonOf(OBS_30_OFFER)).toBe('accepted');
  });

  it('too_large: more than 64 KB', () => {
    const padded = OBS_30_OFFER + `a=x-padding:${'p'.repeat(64 * 1024)}\r\n`;
    expect(reasonOf(padded)).toBe('too_large');
  });

  it('too_large: more than four m-sections', () => {
    const audio = OBS_30_OFFER.slice(
      OBS_30_OFFER.indexOf('m=audio'),
      OBS_30_OFFER.indexOf('m=video'),
    );
    const fiveSections =
      OBS_30_OFFER + [2, 3, 4].map((mid) => audio.replace('a=mid:0', `a=mid:${mid}`)).join('');
    const fourSections =
      OBS_30_OFFER + [2, 3].map((mid) => audio.replace('a=mid:0', `a=mid:${mid}`)).join('');
    expect(reasonOf(fourSections)).toBe('accepted');
    expect(reasonOf(fiveSections)).toBe('too_large');
  });

  it('malformed: not starting with v=0', () => {
    expect(reasonOf('hello')).toBe('malformed');
    expect(reasonOf(OBS_30_OFFER.replace('v=0', 'v=1'))).toBe('malformed');
    expect(reasonOf(`\r\n${OBS_30_OFFER}`)).toBe('malformed');
  });

  it('malformed: an active audio/video section without a=mid, or two with one mid', () => {
    expect(reasonOf(removeLines(OBS_30_OFFER, 'a=mid:1'))).toBe('malformed');
    expect(reasonOf(replaceLine(OBS_30_OFFER, 'a=mid:1', 'a=mid:0'))).toBe('malformed');
  });

  it('malformed: an m= line without port or protocol', () => {
    expect(reasonOf(replaceLine(OBS_30_OFFER, /^m=video/, 'm=video'))).toBe('malformed');
  });

  it('no_media: no m= section at all, or only sections the offerer disabled', () => {
    const sessionOnly = OBS_30_OFFER.slice(0, OBS_30_OFFER.indexOf('m=audio'));
    expect(reasonOf(sessionOnly)).toBe('no_media');
    const disabled = OBS_30_OFFER.replace('m=audio 9', 'm=audio 0').replace(
      'm=video 9',
      'm=video 0',
    );
    expect(reasonOf(disabled)).toBe('no_media');
  });

  it('no_fingerprint: missing everywhere, or an unknown hash', () => {
    expect(reasonOf(removeLines(OBS_30_OFFER, /^a=fingerprint:/))).toBe('no_fingerprint');
    expect(reasonOf(OBS_30_OFFER.replace('a=fingerprint:sha-256', 'a=fingerprint:md5'))).toBe(
      'no_fingerprint',
    );
    // Chrome writes it per section; removing it there (no session-level one) also fails.
    expect(reasonOf(removeLines(CHROME_SENDONLY_OFFER, /^a=fingerprint:/))).toBe('no_fingerprint');
  });

  it('accepts an upper-case hash name', () => {
    const sdp = OBS_30_OFFER.replace('a=fingerprint:sha-256', 'a=fingerprint:SHA-256');
    expect(parseWhipOffer(sdp).dtlsParameters.fingerprints[0]?.algorithm).toBe('sha-256');
  });

  it('no_ice_credentials: missing ufrag or pwd', () => {
    expect(reasonOf(removeLines(OBS_30_OFFER, /^a=ice-ufrag:/))).toBe('no_ice_credentials');
    expect(reasonOf(removeLines(OBS_30_OFFER, /^a=ice-pwd:/))).toBe('no_ice_credentials');
    expect(reasonOf(removeLines(CHROME_SENDONLY_OFFER, /^a=ice-pwd:/))).toBe('no_ice_credentials');
  });

  it('bad_dtls_setup: a=setup:passive (we are always passive) or holdconn', () => {
    expect(reasonOf(replaceLine(OBS_30_OFFER, 'a=setup:actpass', 'a=setup:passive'))).toBe(
      'bad_dtls_setup',
    );
    expect(reasonOf(CHROME_SENDONLY_OFFER.replaceAll('a=setup:actpass', 'a=setup:holdconn'))).toBe(
      'bad_dtls_setup',
    );
    expect(reasonOf(replaceLine(OBS_30_OFFER, 'a=setup:actpass', 'a=setup:active'))).toBe(
      'accepted',
    );
  });

  it('not_sending: a recvonly or inactive section', () => {
    expect(reasonOf(OBS_30_OFFER.replace('a=sendonly', 'a=recvonly'))).toBe('not_sending');
    expect(reasonOf(CHROME_SENDONLY_OFFER.replace('a=sendonly', 'a=inactive'))).toBe('not_sending');
    expect(reasonOf(OBS_30_OFFER.replaceAll('a=sendonly', 'a=sendrecv'))).toBe('accepted');
  });

  it('no_rtcp_mux: a section without a=rtcp-mux', () => {
    const sdp = OBS_30_OFFER.replace(/(m=video[\s\S]*?)a=rtcp-mux\r\n/, '$1');
    expect(sdp).not.toBe(OBS_30_OFFER);
    expect(reasonOf(sdp)).toBe('no_rtcp_mux');
  });

  it('skips checks for a section the offerer disabled with port 0', () => {
    const sdp = OBS_30_OFFER.replace('m=video 9', 'm=video 0').replace(
      /(m=video[\s\S]*?)a=sendonly/,
      '$1a=inactive',
    );
    const offer = parseWhipOffer(sdp);
    expect(offer.media[1]?.disabled).toBe(true);
  });

  it('keeps a bundle-only section with port 0 active', () => {
    const sdp = OBS_30_OFFER.replace('m=video 9', 'm=video 0').replace(
      'a=mid:1\r\n',
      'a=mid:1\r\na=bundle-only\r\n',
    );
    expect(parseWhipOffer(sdp).media[1]?.disabled).toBe(false);
  });
});
