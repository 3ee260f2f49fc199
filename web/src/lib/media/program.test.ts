import { describe, expect, it } from 'vitest';
import type { MediaSourceKind } from '@namesti/server/protocol';
import { program, type ReceivedTrack } from './program';

const track = (source: MediaSourceKind): ReceivedTrack => ({
  consumerId: `c-${source}`,
  producerId: `p-${source}`,
  source,
  kind: source === 'microphone' || source === 'stage-audio' ? 'audio' : 'video',
  type: 'simple',
  track: {} as MediaStreamTrack,
});

describe('program', () => {
  it('shows the camera with the microphone', () => {
    const shown = program([track('microphone'), track('camera')]);
    expect(shown.video?.source).toBe('camera');
    expect(shown.audio?.source).toBe('microphone');
    expect(shown.tiles).toEqual([]);
  });

  it('puts a shared screen first and the camera in a tile', () => {
    const shown = program([track('camera'), track('screen'), track('microphone')]);
    expect(shown.video?.source).toBe('screen');
    expect(shown.tiles.map((t) => [t.key, t.video?.source])).toEqual([['camera', 'camera']]);
  });

  it('gives a citizen on stage a tile with their sound', () => {
    const shown = program([track('camera'), track('stage-audio'), track('stage-video')]);
    expect(shown.tiles).toEqual([
      { key: 'stage', video: track('stage-video'), audio: track('stage-audio') },
    ]);
  });

  it('prefers the newest track of a source (a studio that reconnected)', () => {
    const stale = { ...track('camera'), consumerId: 'c-old' };
    expect(program([stale, track('camera')]).video?.consumerId).toBe('c-camera');
  });

  it('has nothing to show when nothing is on air', () => {
    expect(program([])).toEqual({ video: null, audio: null, tiles: [] });
  });
});
