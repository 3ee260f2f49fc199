// A session's recording as the pages see it: its state, and the MP4's address once ready.
import type { RecordingDto } from '../../protocol/media.ts';

interface RecordingRow {
  id: string;
  status: RecordingDto['status'];
  startedAt: Date;
  durationMs: number | null;
  sizeBytes: bigint | null;
  file: string | null;
  error?: string | null;
}

/** `forStaff` adds what went wrong; ffmpeg's words are for the people who run the town's site. */
export function toRecordingDto(row: RecordingRow | null, forStaff = false): RecordingDto {
  if (!row) {
    return {
      status: 'none',
      startedAt: null,
      durationMs: null,
      sizeBytes: null,
      url: null,
      problem: null,
    };
  }
  return {
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    durationMs: row.durationMs,
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    url: row.status === 'ready' && row.file ? `/api/recordings/${row.id}.mp4` : null,
    problem: forStaff ? (row.error ?? null) : null,
  };
}
