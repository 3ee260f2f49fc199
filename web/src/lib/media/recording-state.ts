// What a viewer is told about a recording that cannot be played (yet), on the session's page and
// in the archive alike.
import type { RecordingDto } from '@namesti/server/protocol';
import { messageFor } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

/** The recording's own status, or the page's while it asks: the request failed, or is on its way. */
export type RecordingState = RecordingDto['status'] | 'error' | 'loading';

export const recordingStateText = messageFor<RecordingState>({
  none: m.video_recording_none,
  recording: m.video_recording_processing,
  processing: m.video_recording_processing,
  // Ready but with no file to play: as good as none.
  ready: m.video_recording_none,
  failed: m.video_recording_failed,
  error: m.video_recording_unknown,
  loading: m.video_recording_loading,
});
