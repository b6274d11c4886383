// Measures where passages and blocks sit on screen, for the margin stripes and read marks.
import type { Block, PlacedAnnotation, Tag } from '../../../shared/types';
import { offsetsToRange, pointToOffset, type BlockNodes } from './dom-offsets';

export interface Stripe {
  annotationId: string;
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

/** One stripe per passage and tag, spanning the lines the passage covers, relative to `origin`. */
export function measureStripes(
  nodes: BlockNodes,
  annotations: readonly PlacedAnnotation[],
  tags: readonly Tag[],
  origin: DOMRect,
): Stripe[] {
  const lanes = new Map(tags.map((t, i) => [t.id, i]));
  const stripes: Stripe[] = [];
  for (const a of annotations) {
    if (!a.range) continue;
    const rects = offsetsToRange(nodes, a.range.start, a.range.end)?.getClientRects();
    if (!rects || rects.length === 0) continue;
    const top = Math.min(...[...rects].map((r) => r.top)) - origin.top;
    const bottom = Math.max(...[...rects].map((r) => r.bottom)) - origin.top;
    for (const tagId of a.tagIds) {
      const lane = lanes.get(tagId);
      if (lane !== undefined) stripes.push({ annotationId: a.id, tagId, lane, top, height: bottom - top });
    }
  }
  return stripes;
}

export function measureBlocks(nodes: BlockNodes, origin: DOMRect): BlockBox[] {
  return nodes.texts.map((text, i) => {
    const box = (text.parentElement as HTMLElement).getBoundingClientRect();
    return { block: nodes.blocks[i]!, top: box.top - origin.top, height: box.height };
  });
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
