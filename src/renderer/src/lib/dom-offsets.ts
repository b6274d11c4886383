// Maps DOM boundary points to text offsets and back. Each block element holds exactly one text node.
import type { Block, TextPosition } from '../../../shared/types';

export interface BlockNodes {
  blocks: readonly Block[];
  /** The text node of each block, by block index. */
  texts: readonly Text[];
}

/** -1: the point is before the text node, 0: inside it, 1: after it. */
function comparePoint(text: Text, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(text);
  return range.comparePoint(node, offset);
}

/**
 * A boundary point as a text offset. Points between blocks (a triple-click ends at the next
 * block's start) snap forward for a start and backward for an end, so a passage never
 * begins or ends on a separator.
 */
export function pointToOffset(nodes: BlockNodes, node: Node, offset: number, bias: 'start' | 'end'): number {
  const { blocks, texts } = nodes;
  let lo = 0;
  let hi = texts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const where = comparePoint(texts[mid]!, node, offset);
    if (where === 0) {
      const block = blocks[mid]!;
      // Inside the node's extent but not the node itself can only be one of its ends.
      const inner = node === texts[mid] ? offset : 0;
      return block.start + Math.min(inner, block.end - block.start);
    }
    if (where < 0) hi = mid - 1;
    else lo = mid + 1;
  }
  // The point lies between block `hi` and block `lo`.
  if (bias === 'start') return lo < blocks.length ? blocks[lo]!.start : (blocks.at(-1)?.end ?? 0);
  return hi >= 0 ? blocks[hi]!.end : 0;
}

export function rangeToOffsets(nodes: BlockNodes, range: Range): TextPosition | null {
  const start = pointToOffset(nodes, range.startContainer, range.startOffset, 'start');
  const end = pointToOffset(nodes, range.endContainer, range.endOffset, 'end');
  return end > start ? { start, end } : null;
}

/** Index of the block containing `offset` (or the next one), by binary search. */
function blockAt(blocks: readonly Block[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Bounds {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

/** `offset` kept inside [0, length]: a DOM boundary past a node's end throws IndexSizeError. */
const clamp = (offset: number, length: number): number => Math.min(length, Math.max(0, offset));

/**
 * The text nodes and offsets that bound [start, end); separators between blocks fall inside.
 * Offsets are clamped inside their block's text node, so a range meant for other text (a stale
 * jump, a passage past the end) is cut to the text that exists instead of throwing.
 */
export function boundsOf(nodes: BlockNodes, start: number, end: number): Bounds | null {
  const { blocks, texts } = nodes;
  if (blocks.length === 0 || end <= start) return null;
  const first = blockAt(blocks, start);
  const last = blockAt(blocks, end - 1);
  const a = blocks[first];
  const b = blocks[last];
  const startContainer = texts[first];
  const endContainer = texts[last];
  if (!a || !b || !startContainer || !endContainer) return null;
  return {
    startContainer,
    startOffset: clamp(start - a.start, Math.min(a.end - a.start, startContainer.length)),
    endContainer,
    endOffset: clamp(end - b.start, Math.min(b.end - b.start, endContainer.length)),
  };
}

/** One live DOM Range covering [start, end): for the selection, scrolling and measuring. */
export function offsetsToRange(nodes: BlockNodes, start: number, end: number): Range | null {
  const bounds = boundsOf(nodes, start, end);
  if (!bounds) return null;
  const range = document.createRange();
  range.setStart(bounds.startContainer, bounds.startOffset);
  range.setEnd(bounds.endContainer, bounds.endOffset);
  return range;
}

/**
 * The same span as a StaticRange, for highlight layers: the browser does not have to keep it up to
 * date on DOM changes, so thousands of them cost nothing while the page changes elsewhere.
 */
export function offsetsToStaticRange(nodes: BlockNodes, start: number, end: number): StaticRange | null {
  const bounds = boundsOf(nodes, start, end);
  return bounds ? new StaticRange(bounds) : null;
}
