// Small attachments ({@attach}) for the console's inline forms.
import type { Attachment } from 'svelte/attachments';

/** Focuses the element when it appears (an inline form opened from a button or a shortcut). */
export const autofocus: Attachment<HTMLElement> = (element) => {
  element.focus();
};

/** Escape anywhere inside closes the form. */
export function closeOnEscape(close: () => void): Attachment<HTMLElement> {
  return (element) => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      close();
    };
    element.addEventListener('keydown', onKey);
    return () => element.removeEventListener('keydown', onKey);
  };
}
