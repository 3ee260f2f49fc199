// Form error state shared by every admin form: field errors from a 400's `details` map, one
// summary message, and the ids that tie inputs to their error text.
import type { ErrorCode } from '@namesti/server/protocol';
import { ApiError } from '$lib/api';
import { errorMessage } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { AckError } from '$lib/realtime/socket';

/** `agenda.0.title` → `f-agenda-0-title`: the id of the input for a field path. */
export function inputId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

export function errorId(path: string): string {
  return `${inputId(path)}-error`;
}

/** An onsubmit handler that keeps the browser from navigating and runs `action` instead. */
export function preventDefault(action: () => unknown): (event: SubmitEvent) => void {
  return (event) => {
    event.preventDefault();
    void action();
  };
}

export interface FailOptions {
  rename?: (path: string) => string;
  messages?: Partial<Record<ErrorCode, string>>;
}

export class FormState {
  fields: Record<string, string[]> = $state({});
  message: string | null = $state(null);
  submitting = $state(false);
  /** Bumped on every failure, so the summary can take focus again. */
  attempt = $state(0);

  /**
   * Records a failure. Field paths are renamed with `rename` (e.g. `items.0.title` →
   * `agenda.0.title`); `messages` overrides the summary sentence for some error codes.
   */
  fail(error: unknown, options: FailOptions = {}): void {
    const rename = options.rename ?? ((path: string) => path);
    const details = error instanceof ApiError || error instanceof AckError ? error.details : {};
    const fields: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(details)) {
      const key = rename(path);
      fields[key] = [...(fields[key] ?? []), ...messages];
    }
    this.fields = fields;
    const code = error instanceof ApiError || error instanceof AckError ? error.code : null;
    // With field errors (400, or e.g. a 409 for a taken e-mail) the fields say what is wrong.
    const generic = Object.keys(fields).length ? m.error_validation_failed() : errorMessage(error);
    this.message = (code && options.messages?.[code]) || generic;
    this.attempt += 1;
    if (!(error instanceof ApiError) && !(error instanceof AckError)) console.error(error);
  }

  clear(): void {
    this.fields = {};
    this.message = null;
  }

  errors(path: string): string[] {
    return this.fields[path] ?? [];
  }

  /** aria attributes for the input of `path`; `hintId` is kept in aria-describedby. */
  aria(path: string, hintId?: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
    const invalid = this.errors(path).length > 0;
    const ids = [hintId, invalid ? errorId(path) : undefined].filter(Boolean).join(' ');
    return {
      ...(invalid ? { 'aria-invalid': 'true' as const } : {}),
      ...(ids ? { 'aria-describedby': ids } : {}),
    };
  }

  /**
   * Runs `action` with the submitting flag set; failures land in the state. Returns whether the
   * action succeeded.
   */
  async run(action: () => Promise<unknown>, options: FailOptions = {}): Promise<boolean> {
    const done = await this.submit(async () => {
      await action();
      return true;
    }, options);
    return done ?? false;
  }

  /** As `run`, but returns what the action resolved to (e.g. the created record), or null. */
  async submit<T>(action: () => Promise<T>, options: FailOptions = {}): Promise<T | null> {
    if (this.submitting) return null;
    this.submitting = true;
    this.clear();
    try {
      return await action();
    } catch (error) {
      this.fail(error, options);
      return null;
    } finally {
      this.submitting = false;
    }
  }
}
