// Per-document look-ups for citing many passages: which blocks a range touches and its section heading, by binary search.
//
// A digest cites every passage; scanning all of a document's blocks for each one made a long
// report (thousands of blocks, thousands of passages) cost quadratic time. Documents are never
// changed in place (a new version is a new object), so an index made once per document object
// stays true for it.
import type { Block, GlossDocument, TextPosition } from '../../shared/types';

export interface BlockIndex {
  /** The blocks `range` touches, in text order (see touches()). */
  touched(range: TextPosition): Block[];
  /** The last heading starting at or before `start`, if any. */
  headingBefore(start: number): Block | undefined;
}

/** A caret (empty range) touches the block it sits in or at the edge of. */
export function touches(block: Block, range: TextPosition): boolean {
  if (range.end <= range.start) return block.start <= range.start && range.start <= block.end;
  return block.start < range.end && range.start < block.end;
}

const indexes = new WeakMap<readonly Block[], BlockIndex>();

export function blockIndex(doc: GlossDocument): BlockIndex {
  let index = indexes.get(doc.blocks);
  if (index === undefined) {
    index = inOrder(doc.blocks) ? sortedIndex(doc.blocks) : scanIndex(doc.blocks);
    indexes.set(doc.blocks, index);
  }
  return index;
}

/** Starts and ends both never decrease: then the blocks a range touches are one run. */
function inOrder(blocks: readonly Block[]): boolean {
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i]!.start < blocks[i - 1]!.start || blocks[i]!.end < blocks[i - 1]!.end) return false;
  }
  return true;
}

/** First index in [0, n] whose value passes `at`, for a predicate false then true along the blocks. */
function firstWhere(n: number, at: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sortedIndex(blocks: readonly Block[]): BlockIndex {
  // lastHeading[i]: the index of the last heading among blocks[0..i], or -1.
  const lastHeading = new Int32Array(blocks.length);
  let seen = -1;
  blocks.forEach((block, i) => {
    if (block.kind === 'heading') seen = i;
    lastHeading[i] = seen;
  });
  const n = blocks.length;
  return {
    touched(range) {
      if (range.end <= range.start) return blocks.filter((block) => touches(block, range));
      const from = firstWhere(n, (i) => blocks[i]!.end > range.start);
      const to = firstWhere(n, (i) => blocks[i]!.start >= range.end);
      return from < to ? blocks.slice(from, to) : [];
    },
    headingBefore(start) {
      const last = firstWhere(n, (i) => blocks[i]!.start > start) - 1;
      const h = last < 0 ? -1 : lastHeading[last]!;
      return h < 0 ? undefined : blocks[h];
    },
  };
}

/** Blocks out of order (never made by the loaders, but possible in hand-built documents): scan. */
function scanIndex(blocks: readonly Block[]): BlockIndex {
  return {
    touched: (range) => blocks.filter((block) => touches(block, range)),
    headingBefore(start) {
      let heading: Block | undefined;
      for (const block of blocks) {
        if (block.start > start) break;
        if (block.kind === 'heading') heading = block;
      }
      return heading;
    },
  };
}
