// The CSS Custom Highlight API layers: names, overlap spans, search and flash layers, tag colour rules; never touching text nodes.
import type { Tag } from '../../../shared/types';
import { offsetsToStaticRange, type BlockNodes } from './dom-offsets';

export const tagHighlightName = (tagId: string): string => `gl-tag-${tagId}`;
export const UNTAGGED = 'gl-untagged';
export const OVERLAP = 'gl-overlap';
export const ACTIVE = 'gl-active';
export const FLASH = 'gl-flash';
export const SEARCH = 'gl-search';
/** How strongly a passage's tag colour tints the text behind it (the palette test measures tints at this). */
export const TAG_TINT_ALPHA = 0.3;

/** Spans where two or more passages overlap, so overlaps can be marked beyond colour blending. */
export function overlapSpans(ranges: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const events: [number, number][] = [];
  for (const r of ranges) events.push([r.start, 1], [r.end, -1]);
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let openedAt = 0;
  for (const [at, delta] of events) {
    const before = depth;
    depth += delta;
    if (before < 2 && depth >= 2) openedAt = at;
    if (before >= 2 && depth < 2 && at > openedAt) spans.push({ start: openedAt, end: at });
  }
  return spans;
}

function setHighlight(name: string, ranges: StaticRange[], priority: number): void {
  const highlight = new Highlight(...ranges);
  highlight.priority = priority;
  CSS.highlights.set(name, highlight);
}

/** Search hits are their own layer, under the passages, so both stay visible. */
export function paintSearch(nodes: BlockNodes, hits: readonly { start: number; end: number }[]): () => void {
  const ranges = hits.flatMap((h) => offsetsToStaticRange(nodes, h.start, h.end) ?? []);
  setHighlight(SEARCH, ranges, -1);
  return () => CSS.highlights.delete(SEARCH);
}

/** Flashes a passage briefly after a jump, so the eye finds it. */
export function flash(nodes: BlockNodes, start: number, end: number, ms = 1200): () => void {
  const range = offsetsToStaticRange(nodes, start, end);
  if (!range) return () => {};
  setHighlight(FLASH, [range], 1000);
  const timer = setTimeout(() => CSS.highlights.delete(FLASH), ms);
  return () => {
    clearTimeout(timer);
    CSS.highlights.delete(FLASH);
  };
}

/** ::highlight() rules for the codebook's colours; tags are data, so the sheet is built at run time. */
export function highlightStyles(tags: readonly Tag[]): string {
  // Colours come from data; only a plain hex colour may reach the stylesheet.
  return tags
    .filter((t) => /^#[0-9a-f]{6}$/i.test(t.color) && /^[a-z0-9_-]+$/i.test(t.id))
    .map(
      (t) =>
        `::highlight(${tagHighlightName(t.id)}) { background-color: color-mix(in srgb, ${t.color} ${TAG_TINT_ALPHA * 100}%, transparent); }`,
    )
    .join('\n');
}

let sheet: CSSStyleSheet | null = null;

/** Applies the tag colours through a constructed stylesheet, which the strict CSP allows. */
export function applyTagStyles(tags: readonly Tag[]): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(highlightStyles(tags));
}
