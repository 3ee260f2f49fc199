// Anyone with a WHIP URL can POST; a damaged offer must end in a WhipSdpError, never a crash.
// Every single-line deletion and truncation of both fixtures is tried.
import { describe, expect, it } from 'vitest';
import * as sdpTransform from 'sdp-transform';
import { buildWhipAnswer, negotiateWhip, parseWhipOffer, WhipSdpError } from './index.ts';
import { CHROME_SIMULCAST_OFFER, CHROME_SENDONLY_OFFER } from './fixtures/chrome-sendonly.ts';
import { OBS_30_OFFER } from './fixtures/obs-30.ts';
import { routerCapabilities } from './fixtures/router-caps.ts';

const caps = routerCapabilities();
const LOCAL = {
  iceParameters: { usernameFragment: 'u', password: 'p' },
  iceCandidates: [],
  dtlsParameters: { fingerprints: [{ algorithm: 'sha-256' as const, value: 'AA' }] },
};

function* damaged(sdp: string): Generator<string> {
  const lines = sdp.split('\r\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    yield [...lines.slice(0, i), ...lines.slice(i + 1)].join('\r\n');
    yield [
      ...lines.slice(0, i),
      line.slice(0, Math.ceil(line.length / 2)),
      ...lines.slice(i + 1),
    ].join('\r\n');
  }
}

type Outcome = 'answered' | WhipSdpError['reason'];

function run(sdp: string): Outcome {
  try {
    const offer = parseWhipOffer(sdp);
    const productions = negotiateWhip(offer, caps);
    const answer = sdpTransform.parse(buildWhipAnswer({ offer, productions, ...LOCAL }));
    expect(answer.media).toHaveLength(offer.media.length);
    return 'answered';
  } catch (error) {
    if (error instanceof WhipSdpError) return error.reason;
    throw error;
  }
}

describe('damaged offers', () => {
  it.each([
    ['Chrome', CHROME_SENDONLY_OFFER],
    ['Chrome simulcast', CHROME_SIMULCAST_OFFER],
    ['OBS 30', OBS_30_OFFER],
  ])('%s: every single-line damage is answered or refused with a reason', (_name, sdp) => {
    const outcomes = new Set<Outcome>();
    for (const variant of damaged(sdp)) outcomes.add(run(variant));
    // Some damage is harmless, some is fatal; both kinds must occur.
    expect(outcomes.has('answered')).toBe(true);
    expect(outcomes.size).toBeGreaterThan(3);
  });
});
