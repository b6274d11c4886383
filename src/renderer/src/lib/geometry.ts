// Measures where passages and blocks sit on screen, for the margin stripes and read marks.
//
// Only what is near the viewport is measured: a long document has thousands of blocks and passages,
// and measuring one that is off screen would make the browser lay out text nobody is looking at.
import type { Block, PlacedAnnotation, Tag } from '../../../shared/types';
import { pointToOffset, type BlockNodes } from './dom-offsets';
import type { Chunk } from './text-dom';

/** Blocks [first, last] near the viewport; last < first when nothing is. */
export interface BlockWindow {
  first: number;
  last: number;
}

export const EMPTY_WINDOW: BlockWindow = { first: 0, last: -1 };

/**
 * The blocks of the chunks that meet the scroll container's visible band, widened by `margin`
 * pixels either way so a short scroll finds its stripes already measured. Chunks, not blocks, are
 * measured: their boxes are known without laying out their text.
 */
export function visibleWindow(chunks: readonly Chunk[], container: Element, margin: number): BlockWindow {
  const band = container.getBoundingClientRect();
  const top = band.top - margin;
  const bottom = band.bottom + margin;
  let first = -1;
  let last = -1;
  for (const chunk of chunks) {
    const box = chunk.element.getBoundingClientRect();
    if (box.bottom < top) continue;
    if (box.top > bottom) break;
    if (first < 0) first = chunk.first;
    last = chunk.last;
  }
  return first < 0 ? EMPTY_WINDOW : { first, last };
}

export const sameWindow = (a: BlockWindow, b: BlockWindow): boolean => a.first === b.first && a.last === b.last;

export interface Stripe {
  annotationId: string;
  /** The passage itself, so the margin can label it without looking it up. */
  passage: PlacedAnnotation;
  tagId: string;
  /** Lane = the tag's place in the codebook, so one tag always runs in one column. */
  lane: number;
  top: number;
  height: number;
}

export interface BlockBox {
  block: Block;
  top: number;
  height: number;
}

/**
 * One stripe per passage and tag, spanning the lines the passage covers within the window, relative
 * to `origin`. One Range is reused: every live Range is updated by the browser on each DOM change.
 */
export function measureStripes(
  nodes: BlockNodes,
  annotations: readonly PlacedAnnotation[],
  tags: readonly Tag[],
  origin: DOMRect,
  window: BlockWindow,
): Stripe[] {
  const from = nodes.blocks[window.first];
  const to = nodes.blocks[window.last];
  if (!from || !to) return [];
  const lanes = new Map(tags.map((t, i) => [t.id, i]));
  const stripes: Stripe[] = [];
  const range = document.createRange();
  for (const a of annotations) {
    if (!a.range || a.range.end <= from.start || a.range.start >= to.end) continue;
    if (!setClipped(range, nodes, Math.max(a.range.start, from.start), Math.min(a.range.end, to.end))) continue;
    const rects = range.getClientRects();
    if (rects.length === 0) continue;
    let top = Infinity;
    let bottom = -Infinity;
    for (const r of rects) {
      top = Math.min(top, r.top);
      bottom = Math.max(bottom, r.bottom);
    }
    for (const tagId of a.tagIds) {
      const lane = lanes.get(tagId);
      if (lane !== undefined) stripes.push({ annotationId: a.id, passage: a, tagId, lane, top: top - origin.top, height: bottom - top });
    }
  }
  range.detach();
  return stripes;
}

/** Points `range` at [start, end) of the text; false when the span is empty. */
function setClipped(range: Range, nodes: BlockNodes, start: number, end: number): boolean {
  const { blocks, texts } = nodes;
  let i = 0;
  let hi = blocks.length - 1;
  while (i < hi) {
    const mid = (i + hi) >> 1;
    if (blocks[mid]!.end <= start) i = mid + 1;
    else hi = mid;
  }
  let j = i;
  while (j < blocks.length - 1 && blocks[j]!.end < end) j++;
  const a = blocks[i];
  const b = blocks[j];
  if (!a || !b || end <= start) return false;
  range.setStart(texts[i]!, Math.max(0, start - a.start));
  range.setEnd(texts[j]!, Math.min(b.end - b.start, Math.max(0, end - b.start)));
  return true;
}

export function measureBlocks(nodes: BlockNodes, origin: DOMRect, window: BlockWindow): BlockBox[] {
  const boxes: BlockBox[] = [];
  for (let i = Math.max(0, window.first); i <= window.last && i < nodes.texts.length; i++) {
    const box = (nodes.texts[i]!.parentElement as HTMLElement).getBoundingClientRect();
    boxes.push({ block: nodes.blocks[i]!, top: box.top - origin.top, height: box.height });
  }
  return boxes;
}

/** The text offset under a viewport point, or null when the point is not over text. */
export function offsetAtPoint(nodes: BlockNodes, x: number, y: number): number | null {
  const caret = document.caretPositionFromPoint?.(x, y);
  if (!caret || !(caret.offsetNode instanceof Text)) return null;
  return pointToOffset(nodes, caret.offsetNode, caret.offset, 'start');
}

/** Passages whose range contains `offset`, innermost (shortest) first. */
export function passagesAt(annotations: readonly PlacedAnnotation[], offset: number): PlacedAnnotation[] {
  return annotations
    .filter((a) => a.range && a.range.start <= offset && offset < a.range.end)
    .sort((a, b) => a.range!.end - a.range!.start - (b.range!.end - b.range!.start));
}
