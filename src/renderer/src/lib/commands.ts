// Keyboard shortcuts → commands. Native menus send the same commands, so both paths run one handler.
import type { MenuCommand } from '../../../shared/methods';

export type Command = MenuCommand | 'focus-note' | 'delete-passage' | 'next-paragraph' | 'previous-paragraph';

export const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** The command a key press asks for, or null. Plain keys never fire while typing in a field. */
export function commandForKey(event: KeyboardEvent): Command | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const editing = isEditable(event.target);
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
