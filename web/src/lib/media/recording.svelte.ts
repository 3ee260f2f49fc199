// An ended session's recording: asks the server, and asks again every few seconds while the
// file is still being written or processed.
import { api, isApiError } from '$lib/api';
import type { RecordingDto } from '@namesti/server/protocol';

const POLL_MS = 5_000;

export class Recording {
  recording: RecordingDto | null = $state.raw(null);
  /** The last request failed. */
  failed = $state(false);

  readonly #sessionId: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = true;

  constructor(sessionId: string) {
    this.#sessionId = sessionId;
  }

  start(): void {
    this.#stopped = false;
    void this.#load();
  }

  destroy(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  async #load(): Promise<void> {
    let again = false;
    try {
      const recording = await api.get<RecordingDto>(`/sessions/${this.#sessionId}/recording`);
      if (this.#stopped) return;
      this.recording = recording;
      this.failed = false;
    } catch (error) {
      if (this.#stopped) return;
      console.warn('recording: cannot load its state', error);
      this.failed = true;
      // The server or network may come back; a refusal (4xx) will not change by asking again.
      again = !(isApiError(error) && error.status >= 400 && error.status < 500);
    }
    const status = this.recording?.status;
    if (status === 'recording' || status === 'processing') again = true;
    if (again) this.#timer = setTimeout(() => void this.#load(), POLL_MS);
  }
}
