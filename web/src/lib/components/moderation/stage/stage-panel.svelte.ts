// What the speaking-list panel keeps beside the server state: which request has an action on
// its way, the last failure of each, and the polite announcements (new hands, own results).
import type { ModStageRequestDto } from '@namesti/server/protocol';
import type { Stage } from '$lib/realtime/stage.svelte';
import { ackMessage } from '../console-state.svelte';

export class StagePanelState {
  readonly stage: Stage;
  busy: Record<string, boolean> = $state({});
  errors: Record<string, string> = $state({});
  announcement = $state('');

  constructor(stage: Stage) {
    this.stage = stage;
  }

  /** Runs one action on a request; its failure stays on that request until the next try. */
  async run(
    request: ModStageRequestDto,
    action: () => Promise<unknown>,
    done: string,
  ): Promise<boolean> {
    this.busy[request.id] = true;
    delete this.errors[request.id];
    try {
      await action();
      this.announce(done);
      return true;
    } catch (error) {
      this.errors[request.id] = ackMessage(error);
      return false;
    } finally {
      delete this.busy[request.id];
    }
  }

  announce(text: string): void {
    // The same sentence twice in a row is still news: clear first so it is read again.
    this.announcement = '';
    queueMicrotask(() => (this.announcement = text));
  }
}
