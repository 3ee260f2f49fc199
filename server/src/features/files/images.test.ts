import { describe, expect, it } from 'vitest';
import { sniffImageType } from './images.ts';

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP by their bytes', () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    const webp = new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ');
    expect(sniffImageType(webp)).toBe('image/webp');
  });

  it('rejects SVG, HTML and truncated data', () => {
    expect(
      sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg">')),
    ).toBe(null);
    expect(sniffImageType(new TextEncoder().encode('<html>'))).toBe(null);
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBe(null);
  });
});
