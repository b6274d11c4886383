// Keyboard reading: a cursor that moves by block, selections that grow by word, sentence or paragraph.
import type { BlockNodes } from './dom-offsets';
import type { Chunk } from './text-dom';

const elementOf = (nodes: BlockNodes, index: number): HTMLElement | null =>
  (nodes.texts[index]?.parentElement as HTMLElement | null) ?? null;

/** Index of the first block whose bottom is below the top of the scrolling container. */
export function blockIndexAtTop(nodes: BlockNodes & { chunks?: readonly Chunk[] }, container: Element): number {
  const top = container.getBoundingClientRect().top;
  // Chunk boxes first: measuring a block inside a chunk off screen would lay out its text.
  const chunk = nodes.chunks?.find((c) => c.element.getBoundingClientRect().bottom > top);
  let lo = chunk?.first ?? 0;
  let hi = chunk?.last ?? nodes.texts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (elementOf(nodes, mid)!.getBoundingClientRect().bottom <= top) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function focusedBlock(nodes: BlockNodes): number {
  const active = document.activeElement;
  return nodes.texts.findIndex((t) => t.parentElement === active);
}

/**
 * Moves focus (and a collapsed caret) to the next/previous block, so Shift+arrows can select from there.
 * Starts from the focused block, else from `last` (where the cursor was before a note took focus),
 * else from the top of the view. Answers the new block index.
 */
export function moveCursor(nodes: BlockNodes, container: Element, delta: 1 | -1, last: number): number {
  const focused = focusedBlock(nodes);
  const current = focused >= 0 ? focused : last;
  const from = current >= 0 ? current : blockIndexAtTop(nodes, container) - (delta > 0 ? 1 : 0);
  const next = Math.max(0, Math.min(nodes.texts.length - 1, from + delta));
  const element = elementOf(nodes, next);
  if (!element) return current;
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  window.getSelection()?.collapse(nodes.texts[next]!, 0);
  return next;
}

/**
 * Grows the selection like a text editor: Shift+→/← by word, with Alt by sentence,
 * Shift+↓/↑ to the paragraph's end/start. Answers whether it handled the key.
 */
export function extendSelection(container: Element, key: string, bySentence: boolean): boolean {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || !container.contains(selection.anchorNode)) return false;
  const forward = key === 'ArrowRight' || key === 'ArrowDown';
  const granularity = key === 'ArrowDown' || key === 'ArrowUp' ? 'paragraphboundary' : bySentence ? 'sentence' : 'word';
  selection.modify('extend', forward ? 'forward' : 'backward', granularity);
  return true;
}

/** Blocks a command applies to: those the selection touches, else the focused one, else the one at the top. */
export function blocksInSelection(nodes: BlockNodes, container: Element): number[] {
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed && selection.rangeCount > 0) {
    const range = selection.getRangeAt(0);
    const touched = nodes.texts.flatMap((t, i) => (range.intersectsNode(t) ? [i] : []));
    if (touched.length > 0) return touched;
  }
  const focused = focusedBlock(nodes);
  return [focused >= 0 ? focused : blockIndexAtTop(nodes, container)];
}
