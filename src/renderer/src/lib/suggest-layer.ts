// The suggestions' own highlight layer (CSS Custom Highlight API): faint, under the passages; the current one a little stronger.
import { offsetsToStaticRange, type BlockNodes } from './dom-offsets';

export const SUGGEST = 'gl-suggest';
export const SUGGEST_CURRENT = 'gl-suggest-current';

/** Paints `ranges` (and `current` on top); answers the function that takes the layer away. */
export function paintSuggestions(nodes: BlockNodes, ranges: readonly { start: number; end: number }[], current: { start: number; end: number } | null): () => void {
  // One range per sentence, however many tags propose it.
  const seen = new Set<string>();
  const all: StaticRange[] = [];
  for (const r of ranges) {
    const key = `${r.start}:${r.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const range = offsetsToStaticRange(nodes, r.start, r.end);
    if (range) all.push(range);
  }
  const layer = new Highlight(...all);
  layer.priority = -2; // under search hits (-1) and passages (0 and up)
  CSS.highlights.set(SUGGEST, layer);
  const currentRange = current ? offsetsToStaticRange(nodes, current.start, current.end) : null;
  if (currentRange) {
    const top = new Highlight(currentRange);
    top.priority = -1;
    CSS.highlights.set(SUGGEST_CURRENT, top);
  } else CSS.highlights.delete(SUGGEST_CURRENT);
  return () => {
    CSS.highlights.delete(SUGGEST);
    CSS.highlights.delete(SUGGEST_CURRENT);
  };
}
