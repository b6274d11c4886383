// Reads the analyst's selection inside the reader as a clean passage: offsets, exact text, where to show the bar.
import { rangeToOffsets, type BlockNodes } from './dom-offsets';

export interface SelectedPassage {
  start: number;
  end: number;
  exact: string;
  /** Viewport point under the end of the selection, where the tag bar goes. */
  x: number;
  y: number;
  /** Top of the selection, for placing the bar above it when there is no room below. */
  top: number;
}

/** Drops whitespace at either edge: a double-click often takes the trailing space with the word. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

export function readSelection(container: Element, nodes: BlockNodes, text: string): SelectedPassage | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.commonAncestorContainer)) return null;
  const offsets = rangeToOffsets(nodes, range);
  if (!offsets) return null;
  const { start, end } = trimRange(text, offsets.start, offsets.end);
  if (end <= start) return null;
  const rects = range.getClientRects();
  const bounds = range.getBoundingClientRect();
  const last = rects[rects.length - 1] ?? bounds;
  return { start, end, exact: text.slice(start, end), x: last.right, y: last.bottom, top: bounds.top };
}
