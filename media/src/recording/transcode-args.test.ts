import { describe, expect, it } from 'vitest';
import { concatList, fillerArgs, segmentArgs } from './transcode-args.ts';

const format = { width: 1280, height: 720 };

describe('segmentArgs', () => {
  it('maps filtered video and audio of a complete segment', () => {
    const args = segmentArgs('/rec/s.mkv', ['audio', 'video'], 5000, format, '/tmp/p.mp4');
    expect(args.filter((arg) => arg === '-i')).toHaveLength(1);
    expect(args.slice(args.indexOf('-map'), args.indexOf('-map') + 4)).toEqual([
      '-map',
      '[v]',
      '-map',
      '[a]',
    ]);
    expect(args).toContain('5.000');
    expect(args.at(-1)).toBe('/tmp/p.mp4');
  });

  it('adds black video as input 1 for an audio-only segment', () => {
    const args = segmentArgs('/rec/s.mkv', ['audio'], 1500, format, '/tmp/p.mp4');
    expect(args).toContain('color=c=black:s=1280x720:r=30');
    expect(args.slice(args.indexOf('-map'), args.indexOf('-map') + 4)).toEqual([
      '-map',
      '1:v:0',
      '-map',
      '[a]',
    ]);
  });

  it('adds silence as input 1 for a video-only segment', () => {
    const args = segmentArgs('/rec/s.mkv', ['video'], 1500, format, '/tmp/p.mp4');
    expect(args).toContain('anullsrc=r=48000:cl=stereo');
    expect(args.slice(args.indexOf('-map'), args.indexOf('-map') + 4)).toEqual([
      '-map',
      '[v]',
      '-map',
      '1:a:0',
    ]);
  });
});

describe('fillerArgs', () => {
  it('encodes black and silence for the gap length', () => {
    const args = fillerArgs(2000, format, '/tmp/gap.mp4');
    expect(args).toEqual(expect.arrayContaining(['-t', '2.000', '-preset', 'veryfast']));
  });
});

describe('concatList', () => {
  it('quotes paths for the concat demuxer', () => {
    expect(concatList(['/a/b.mp4', "/a/it's.mp4"])).toBe(
      "file '/a/b.mp4'\nfile '/a/it'\\''s.mp4'\n",
    );
  });
});
