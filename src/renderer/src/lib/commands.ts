// Keyboard shortcuts → commands. Native menus send the same commands, so both paths run one handler.
import type { MenuCommand } from '../../../shared/methods';

export type Command = MenuCommand | 'focus-note' | 'delete-passage' | 'next-paragraph' | 'previous-paragraph' | 'next-hit' | 'previous-hit';

export const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * Whether a plain key (a tag key, Delete) may act on passages from where it was pressed: the page
 * itself, the reading pane or the passages panel — never a field, dialog, menu, the document list
 * or the top bar, where the analyst is doing something else and a change would be unseen.
 */
export function passageKeysAllowed(target: EventTarget | null): boolean {
  if (isEditable(target)) return false;
  if (!(target instanceof Element) || target === document.body || target === document.documentElement) return true;
  if (target.closest('dialog, [role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], nav, header')) return false;
  return target.closest('section.reader, aside.panel') !== null;
}

/** The command a key press asks for, or null. Plain keys never fire while typing in a field. */
export function commandForKey(event: KeyboardEvent): Command | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const editing = isEditable(event.target);
  // F3 / Shift+F3 step through search hits from anywhere, a field included (as in browsers and editors).
  if (event.key === 'F3' && !mod && !event.altKey) return event.shiftKey ? 'previous-hit' : 'next-hit';
  if (mod && !event.altKey) {
    // In a text field, Ctrl+Z belongs to the field's own undo.
    if (key === 'z' && !editing) return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !editing) return 'redo';
    if (key === 'f') return 'find';
    if (key === 'e') return 'export-digest';
    if (key === 'p' && event.shiftKey) return 'passages-view';
    if (key === 'k' && event.shiftKey) return 'codebook';
    return null;
  }
  if (editing || event.altKey || mod) return null;
  switch (event.key) {
    case ']':
      return 'next-passage';
    case '[':
      return 'previous-passage';
    case 'j':
      return 'next-paragraph';
    case 'k':
      return 'previous-paragraph';
    case 'r':
    case 'R': // Shift+R too: a stray Shift must not make the key do nothing.
      return 'toggle-read';
    case 'n':
      return 'focus-note';
    case '/':
      return 'find';
    case 'Delete':
      return 'delete-passage';
    default:
      return null;
  }
}
