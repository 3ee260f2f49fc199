import { describe, expect, it } from 'vitest';
import { toRecordingDto } from './recording-dto.ts';

const row = {
  id: '0192f7a0-0000-7000-8000-000000000001',
  status: 'ready' as const,
  startedAt: new Date('2026-12-07T17:00:00Z'),
  durationMs: 9_000,
  sizeBytes: 1_234n,
  file: 'session/recording.mp4',
  error: 'segment-0001.mkv unreadable: Decoder (codec none) not found for input stream #0:0',
};

describe('toRecordingDto', () => {
  it('tells staff what a ready recording left out', () => {
    expect(toRecordingDto(row, true).problem).toBe(row.error);
  });

  it("keeps ffmpeg's words from the public", () => {
    expect(toRecordingDto(row)).toEqual({
      status: 'ready',
      startedAt: '2026-12-07T17:00:00.000Z',
      durationMs: 9_000,
      sizeBytes: 1_234,
      url: `/api/recordings/${row.id}.mp4`,
      problem: null,
    });
  });

  it('has no address until the file is ready', () => {
    expect(toRecordingDto({ ...row, status: 'processing', file: null }).url).toBeNull();
    expect(toRecordingDto(null)).toMatchObject({ status: 'none', url: null, problem: null });
  });
});
