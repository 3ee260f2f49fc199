// The console's single-key shortcuts. One table drives both the key handler and the visible
// "Klávesové zkratky" panel, so the list can never disagree with what the keys do.
import { m } from '$lib/paraglide/messages';

export type ShortcutCommand = 'next' | 'previous' | 'approve' | 'reject' | 'merge' | 'pin' | 'undo';

export interface Shortcut {
  command: ShortcutCommand;
  /** `KeyboardEvent.key` values, lower-cased for letters. */
  keys: readonly string[];
  /** How the keys are written in the panel. */
  display: readonly string[];
  description: () => string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'next', keys: ['j', 'arrowdown'], display: ['J', '↓'], description: m.mod_key_next },
  {
    command: 'previous',
    keys: ['k', 'arrowup'],
    display: ['K', '↑'],
    description: m.mod_key_previous,
  },
  { command: 'approve', keys: ['a'], display: ['A'], description: m.mod_key_approve },
  { command: 'reject', keys: ['r'], display: ['R'], description: m.mod_key_reject },
  { command: 'merge', keys: ['m'], display: ['M'], description: m.mod_key_merge },
  { command: 'pin', keys: ['p'], display: ['P'], description: m.mod_key_pin },
  { command: 'undo', keys: ['u'], display: ['U'], description: m.mod_key_undo },
];

/** Typing in a field, or a key with a modifier (browser and screen reader keys), is not ours. */
function ignored(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [role="combobox"], [role="textbox"]') !== null;
}

/** The command a key press means, or null. */
export function commandOf(event: KeyboardEvent): ShortcutCommand | null {
  if (ignored(event)) return null;
  const key = event.key.toLowerCase();
  return SHORTCUTS.find((shortcut) => shortcut.keys.includes(key))?.command ?? null;
}
