import { describe, expect, it } from 'vitest';
import { FRAME_HEIGHT, HEIGHT_MESSAGE, requestedHeight, resizeScript } from './resize';

describe('embed frame height', () => {
  it('takes the height a widget reports, rounded up', () => {
    expect(requestedHeight({ type: HEIGHT_MESSAGE, height: 431.2 })).toBe(432);
  });

  it('keeps within bounds whatever a message says', () => {
    expect(requestedHeight({ type: HEIGHT_MESSAGE, height: 3 })).toBe(FRAME_HEIGHT.min);
    expect(requestedHeight({ type: HEIGHT_MESSAGE, height: 1e9 })).toBe(FRAME_HEIGHT.max);
  });

  it('ignores messages that are not a widget reporting its height', () => {
    for (const data of [
      null,
      'namesti:embed-height',
      { type: 'other', height: 300 },
      { type: HEIGHT_MESSAGE, height: '300' },
      { type: HEIGHT_MESSAGE, height: Number.NaN },
      { type: HEIGHT_MESSAGE, height: Infinity },
    ]) {
      expect(requestedHeight(data)).toBeNull();
    }
  });

  it('writes a script that answers its own origin only, with the same bounds', () => {
    const script = resizeScript('https://namesti.lhota.cz');
    expect(script).toContain('e.origin!==o');
    expect(script).toContain(`d.type!=="${HEIGHT_MESSAGE}"`);
    expect(script).toContain(`,${FRAME_HEIGHT.min}),${FRAME_HEIGHT.max})`);
    expect(script.endsWith('("https://namesti.lhota.cz")</script>')).toBe(true);
  });
});
