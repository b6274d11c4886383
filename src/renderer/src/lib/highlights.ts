// The CSS Custom Highlight API layers: names, overlap spans, search and flash layers, tag colour rules; never touching text nodes.
import type { Tag } from '../../../shared/types';
import { offsetsToStaticRange, type BlockNodes } from './dom-offsets';

/** A passage's tint: the colour of its first tag (in codebook order), so two tags never blend into grey. */
export const tagHighlightName = (tagId: string): string => `gl-tag-${tagId}`;
/**
 * A passage's own tags as stacked underlines, one per tag in codebook order: slot 0 right under the
 * text, the next a little lower. A passage with two tags shows two colours of its own; two passages
 * that overlap show a blended tint and the overlap mark instead, so the two cases never look alike.
 */
export const tagMarkName = (tagId: string, slot: number): string => `gl-mark-${tagId}-${slot}`;
/** Underline slots; a passage's fifth and later tags share the last one (the hover card lists them all). */
export const MARK_SLOTS = 4;
/** Where slot N's underline sits below the text, in px: 2 px lines with a 1 px gap, inside the line gap. */
const markOffset = (slot: number): number => 1 + slot * 3;
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
  // Above every passage layer, however large the codebook (each tag has a tint and four underline slots).
  setHighlight(FLASH, [range], 1_000_000);
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
    .flatMap((t) => [
      `::highlight(${tagHighlightName(t.id)}) { background-color: color-mix(in srgb, ${t.color} ${TAG_TINT_ALPHA * 100}%, transparent); }`,
      ...Array.from(
        { length: MARK_SLOTS },
        (_, slot) =>
          `::highlight(${tagMarkName(t.id, slot)}) { text-decoration: underline solid 2px ${t.color}; text-underline-offset: ${markOffset(slot)}px; }`,
      ),
    ])
    .join('\n');
}

/** The layers one passage is painted in: its first known tag's tint, then one underline per known tag. */
export function passageLayers(tagIds: readonly string[], order: ReadonlyMap<string, number>): string[] {
  const known = tagIds.filter((id) => order.has(id)).sort((x, y) => order.get(x)! - order.get(y)!);
  // A tag the codebook no longer has keeps no layer of its own; its passage still shows.
  if (known.length === 0) return [UNTAGGED];
  return [tagHighlightName(known[0]!), ...known.map((id, k) => tagMarkName(id, Math.min(k, MARK_SLOTS - 1)))];
}

/**
 * Paint order, low to high: untagged, tints (codebook order), underlines by slot, overlaps, the
 * active passage. A later layer's decoration is drawn over an earlier one's, never hidden by it.
 */
export function layerPriority(name: string, order: ReadonlyMap<string, number>): number {
  const tags = order.size;
  if (name === UNTAGGED) return 0;
  if (name === OVERLAP) return tags * (MARK_SLOTS + 1) + 1;
  if (name === ACTIVE) return tags * (MARK_SLOTS + 1) + 2;
  const mark = /^gl-mark-(.+)-(\d+)$/.exec(name);
  if (mark) return tags + 1 + Number(mark[2]) * tags + (order.get(mark[1]!) ?? 0);
  const tint = name.startsWith('gl-tag-') ? order.get(name.slice('gl-tag-'.length)) : undefined;
  return (tint ?? 0) + 1;
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
