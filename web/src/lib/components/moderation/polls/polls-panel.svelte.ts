// What the polls panel keeps beyond the server state: which editor is open, which poll has an
// action running, the last failure per poll, and where focus goes when a poll changes group.
import { tick } from 'svelte';
import type { ModPollDto, PollControlAction, Result } from '@namesti/server/protocol';
import { m } from '$lib/paraglide/messages';
import type { ModerationPolls } from '$lib/realtime/moderation-polls.svelte';
import { AckError } from '$lib/realtime/socket';
import { ackMessage } from '../console-state.svelte';

/** The element that gets focus when a poll leaves its place (deleted). */
export const DRAFTS_HEADING_ID = 'polls-drafts-title';
export const NEW_BUTTON_ID = 'poll-new';

export class PollsPanelState {
  readonly polls: ModerationPolls;
  /** 'new', a draft's id, or nothing. */
  editing: string | null = $state(null);
  busy: Record<string, boolean> = $state({});
  errors: Record<string, string> = $state({});
  announcement = $state('');

  constructor(polls: ModerationPolls) {
    this.polls = polls;
  }

  startEditing(target: string): void {
    this.editing = target;
  }

  /** Closes the editor; focus goes to the stored poll, or back where the editor was opened. */
  stopEditing(saved?: ModPollDto): void {
    const was = this.editing;
    this.editing = null;
    if (saved) {
      this.announce(m.modpoll_saved({ question: saved.question }));
      this.focus(`[data-poll-id="${CSS.escape(saved.id)}"]`);
    } else if (was === 'new') {
      this.focus(`#${NEW_BUTTON_ID}`);
    } else if (was) {
      this.focus(`[data-poll-id="${CSS.escape(was)}"] [data-action="edit"]`);
    }
  }

  async control(poll: ModPollDto, action: PollControlAction): Promise<void> {
    const done = await this.#run(poll, () => this.polls.controlPoll(poll.id, action));
    if (!done) return;
    const message = action === 'launch' ? m.modpoll_launched : m.modpoll_closed_done;
    this.announce(message({ question: poll.question }));
    // The poll moved to another group: follow it, so keyboard users stay with it.
    this.focus(`[data-poll-id="${CSS.escape(poll.id)}"]`);
  }

  async remove(poll: ModPollDto): Promise<void> {
    const done = await this.#run(poll, () => this.polls.deletePoll(poll.id));
    if (!done) return;
    this.announce(m.modpoll_deleted({ question: poll.question }));
    this.focus(`#${DRAFTS_HEADING_ID}`);
  }

  announce(text: string): void {
    // Cleared first so the same sentence twice is announced twice.
    this.announcement = '';
    queueMicrotask(() => (this.announcement = text));
  }

  focus(selector: string): void {
    void tick().then(() => {
      const target = document.querySelector<HTMLElement>(selector);
      target?.focus();
      target?.scrollIntoView({ block: 'nearest' });
    });
  }

  async #run(poll: ModPollDto, action: () => Promise<Result<unknown>>): Promise<boolean> {
    if (this.busy[poll.id]) return false;
    this.busy = { ...this.busy, [poll.id]: true };
    try {
      const result = await action();
      this.#setError(poll.id, result.ok ? null : ackMessage(new AckError(result.error)));
      return result.ok;
    } finally {
      const { [poll.id]: _done, ...rest } = this.busy;
      this.busy = rest;
    }
  }

  #setError(id: string, message: string | null): void {
    const { [id]: _gone, ...rest } = this.errors;
    this.errors = message === null ? rest : { ...rest, [id]: message };
  }
}
