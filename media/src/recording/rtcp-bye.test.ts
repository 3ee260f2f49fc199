import { describe, expect, it } from 'vitest';
import { rtcpBye } from './rtcp-bye.ts';

describe('rtcpBye', () => {
  it('is an empty receiver report followed by a BYE for one source', () => {
    expect(rtcpBye(0x12345678).toString('hex')).toBe('80c9000112345678' + '81cb000112345678');
  });

  it('writes SSRCs above 2^31 unsigned', () => {
    expect(rtcpBye(0xfffffffe).subarray(12).toString('hex')).toBe('fffffffe');
  });
});
