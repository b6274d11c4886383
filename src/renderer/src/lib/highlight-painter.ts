// Keeps the CSS highlight layers in step with the open document's passages, changing only what changed.
//
// Only passages near the viewport are registered: when any highlight changes, Chromium revisits
// every registered range, so a keypress on a report with 2,000 passages would pay for all of them.
// The window is a screen or so beyond what is visible either way, so scrolling finds text already
// painted. Ranges are StaticRanges: the text nodes never change while a document is shown, and a
// live Range is one more object the browser must update on every DOM change anywhere in the page.
import type { PlacedAnnotation, Tag } from '../../../shared/types';
import { offsetsToStaticRange, type BlockNodes } from './dom-offsets';
import type { BlockWindow } from './geometry';
import { ACTIVE, OVERLAP, layerPriority, overlapSpans, passageLayers } from './highlights';

interface Painted {
  /** The passage object last painted; the store replaces the object whenever it changes. */
  source: PlacedAnnotation;
  range: StaticRange;
  layers: string[];
}

export class HighlightPainter {
  private painted = new Map<string, Painted>();
  private layers = new Map<string, Highlight>();
  private nodes: BlockNodes | null = null;
  private overlapKey = '';
  /** The codebook order the painted layers were chosen under: a reorder can change a passage's tint. */
  private tagOrder = '';

  /** Starts over on newly rendered text: every layer is emptied. */
  reset(nodes: BlockNodes | null): void {
    this.nodes = nodes;
    this.painted.clear();
    this.overlapKey = '';
    this.tagOrder = '';
    for (const layer of this.layers.values()) layer.clear();
  }

  /** The layer called `name`, made on first use: a tag's lower underline slots exist only once a passage needs them. */
  private layer(name: string, order: ReadonlyMap<string, number>): Highlight {
    let layer = this.layers.get(name);
    if (!layer) {
      layer = new Highlight();
      layer.priority = layerPriority(name, order);
      this.layers.set(name, layer);
      CSS.highlights.set(name, layer);
    }
    return layer;
  }

  /**
   * Brings every layer in line with the passages that meet [window.start, window.end) of the text:
   * a passage added, removed, moved, retagged, or entering or leaving the window costs one range;
   * the rest stay as they are. Answers how many passages are painted.
   */
  sync(
    annotations: readonly PlacedAnnotation[],
    tags: readonly Tag[],
    activeId: string | null,
    window: { start: number; end: number },
  ): number {
    const nodes = this.nodes;
    if (!nodes) return 0;
    const order = new Map(tags.map((t, i) => [t.id, i]));
    const orderKey = tags.map((t) => t.id).join('\n');
    if (orderKey !== this.tagOrder) {
      this.tagOrder = orderKey;
      for (const entry of this.painted.values()) this.unpaint(entry);
      this.painted.clear();
      for (const [name, layer] of this.layers) layer.priority = layerPriority(name, order);
    }
    const seen = new Set<string>();
    for (const a of annotations) {
      if (!a.range || a.range.end <= window.start || a.range.start >= window.end) continue;
      seen.add(a.id);
      const old = this.painted.get(a.id);
      if (old?.source === a) continue;
      if (old) this.unpaint(old);
      const range = offsetsToStaticRange(nodes, a.range.start, a.range.end);
      if (!range) continue;
      const entry = { source: a, range, layers: passageLayers(a.tagIds, order) };
      for (const name of entry.layers) this.layer(name, order).add(range);
      this.painted.set(a.id, entry);
    }
    for (const [id, entry] of this.painted) {
      if (!seen.has(id)) {
        this.unpaint(entry);
        this.painted.delete(id);
      }
    }
    this.syncOverlaps(nodes, this.layer(OVERLAP, order));
    const active = activeId ? this.painted.get(activeId) : undefined;
    const activeLayer = this.layer(ACTIVE, order);
    activeLayer.clear();
    if (active) activeLayer.add(active.range);
    return this.painted.size;
  }

  private unpaint(entry: Painted): void {
    for (const name of entry.layers) this.layers.get(name)?.delete(entry.range);
  }

  private syncOverlaps(nodes: BlockNodes, layer: Highlight): void {
    const spans = overlapSpans([...this.painted.values()].map((p) => p.source.range!));
    const key = spans.map((s) => `${s.start}-${s.end}`).join(',');
    if (key === this.overlapKey) return;
    this.overlapKey = key;
    layer.clear();
    for (const s of spans) {
      const range = offsetsToStaticRange(nodes, s.start, s.end);
      if (range) layer.add(range);
    }
  }

  /** Removes every layer from the page (the reader is going away). */
  dispose(): void {
    for (const name of this.layers.keys()) CSS.highlights.delete(name);
    this.layers.clear();
    this.painted.clear();
    this.nodes = null;
    this.tagOrder = '';
  }
}

/** Below this many passages every one is registered: the cost is small, and scrolling never waits. */
export const PAINT_ALL_BELOW = 300;

/** The span of text whose passages are registered: all of it for few passages, else the blocks near the viewport. */
export function paintRange(nodes: BlockNodes, passages: number, near: BlockWindow): { start: number; end: number } {
  if (passages <= PAINT_ALL_BELOW) return { start: 0, end: Infinity };
  const from = nodes.blocks[near.first];
  const to = nodes.blocks[near.last];
  return from && to ? { start: from.start, end: to.end } : { start: 0, end: 0 };
}
