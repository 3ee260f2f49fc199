// What the console's cards share beyond the server state: which question is selected, which
// inline form is open, which action is running, and the last failure of each question (a
// conflict with another moderator stays on that question until its next successful action).
import { getContext, setContext, tick } from 'svelte';
import type { ModerationAction, ModQuestionDto, OfficialDto } from '@namesti/server/protocol';
import { errorMessage } from '$lib/labels';
import { AckError } from '$lib/realtime/socket';
import type { ModerationStore } from '$lib/realtime/moderation.svelte';
import { candidatesOf } from './suggestions';

export type InlineForm = 'edit' | 'reject' | 'merge' | 'answer';

/** The server's own sentence for expected failures ("Už schválil(a) Jana"), ours otherwise. */
export function ackMessage(error: unknown): string {
  if (error instanceof AckError && error.code !== 'unavailable' && error.code !== 'internal') {
    return error.message || errorMessage(error);
  }
  return errorMessage(error);
}

export class ConsoleState {
  readonly store: ModerationStore;
  selectedId: string | null = $state(null);
  open: { id: string; form: InlineForm } | null = $state(null);
  busy: Record<string, ModerationAction['type']> = $state({});
  errors: Record<string, string> = $state({});
  /** Polite announcements (undo results, shortcut feedback). */
  announcement = $state('');
  readonly #signers: readonly OfficialDto[] | null;

  /** Merge targets, fingerprinted once per question version for every card's suggestions. */
  readonly candidates = $derived.by(() => candidatesOf(this.store.questions));

  constructor(store: ModerationStore, signers: readonly OfficialDto[] | null) {
    this.store = store;
    this.#signers = signers;
  }

  /** Who may sign an answer: the session's hosts as they are now, or those given (the board
   * has no hosts: every official). */
  get signers(): readonly OfficialDto[] {
    return this.#signers ?? this.store.session.hosts;
  }

  /** Moves focus to a question's card (after a shortcut, or when its inline form closes). */
  focusQuestion(id: string): void {
    this.selectedId = id;
    void tick().then(() => {
      const card = document.querySelector<HTMLElement>(`[data-question-id="${CSS.escape(id)}"]`);
      card?.focus();
      card?.scrollIntoView({ block: 'nearest' });
    });
  }

  isOpen(id: string, form: InlineForm): boolean {
    return this.open?.id === id && this.open.form === form;
  }

  toggle(id: string, form: InlineForm): void {
    this.open = this.isOpen(id, form) ? null : { id, form };
  }

  /** Closes the inline form and gives focus back to its question. */
  close(): void {
    const id = this.open?.id;
    this.open = null;
    if (id) this.focusQuestion(id);
  }

  /** Runs one moderation action; true when the server stored it. */
  async act(question: ModQuestionDto, action: ModerationAction): Promise<boolean> {
    if (this.busy[question.id]) return false;
    this.busy = { ...this.busy, [question.id]: action.type };
    try {
      await this.store.moderate(question.id, action);
      this.#setError(question.id, null);
      if (this.open?.id === question.id) this.open = null;
      return true;
    } catch (error) {
      this.#setError(question.id, ackMessage(error));
      if (!(error instanceof AckError)) console.error(error);
      return false;
    } finally {
      const { [question.id]: _done, ...rest } = this.busy;
      this.busy = rest;
    }
  }

  announce(text: string): void {
    // Cleared first so the same sentence twice is announced twice.
    this.announcement = '';
    queueMicrotask(() => (this.announcement = text));
  }

  #setError(id: string, message: string | null): void {
    if (message === null) {
      const { [id]: _gone, ...rest } = this.errors;
      this.errors = rest;
    } else {
      this.errors = { ...this.errors, [id]: message };
    }
  }
}

const KEY = Symbol('moderation-console');

export const setConsole = (state: ConsoleState) => setContext(KEY, state);
export const getConsole = () => getContext<ConsoleState>(KEY);
