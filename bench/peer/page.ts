// In-page harness of the recogito peer: builds the document like the app's reader, loads the annotations into
// @recogito/text-annotator's SPANS renderer and times it until the highlights are on screen.
import {
  createTextAnnotator,
  type Color,
  type HighlightStyle,
  type TextAnnotation,
  type TextAnnotationLike,
  type TextAnnotator,
} from '@recogito/text-annotator';
import type { PageRunResult, PeerInput, PeerTagId } from './contract';

/** The app's default tag colours (src/shared/default-tags.ts), so the screenshot reads like the app. */
const TAG_COLOURS: Record<PeerTagId, Color> = { cooperation: '#009e73', friction: '#d55e00', hedging: '#0072b2' };
/** Past this, a run fails instead of hanging the benchmark. */
const DEADLINE_MS = 20_000;
/** The renderer redraws on a 10 ms debounce plus a frame; this long without a change means it has settled. */
const QUIET_MS = 250;

type Block = PeerInput['blocks'][number];
type PeerAnnotation = PeerInput['annotations'][number];

/**
 * App offsets count the "\n\n" between blocks, but the container's textContent has nothing between blocks (the
 * DOM is the app's: one element per block holding exactly one text node), and recogito counts offsets over the
 * container's text nodes. So an offset maps to (offset within its block) + (text length of the blocks before);
 * an offset inside a separator collapses onto the boundary between the two blocks, where both sides meet.
 */
export function offsetMapper(blocks: readonly Block[]): (offset: number) => number {
  const before: number[] = [];
  let sum = 0;
  for (const b of blocks) {
    before.push(sum);
    sum += b.end - b.start;
  }
  return (offset) => {
    const i = lastBlockStartingAtOrBefore(blocks, offset);
    if (i < 0) return 0;
    const b = blocks[i]!;
    return before[i]! + Math.min(offset, b.end) - b.start;
  };
}

function lastBlockStartingAtOrBefore(blocks: readonly Block[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.start <= offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi;
}

/** The text a DOM range over [start, end) shows: the app text less the separators it spans. */
function visibleText(input: PeerInput, a: PeerAnnotation): string {
  let out = '';
  for (const b of input.blocks) {
    if (b.end <= a.start || b.start >= a.end) continue;
    out += input.text.slice(Math.max(a.start, b.start), Math.min(a.end, b.end));
  }
  return out;
}

function blockElement(input: PeerInput, b: Block): HTMLElement {
  const tag = b.kind === 'heading' ? 'h2' : b.kind === 'list-item' ? 'li' : 'p';
  const el = document.createElement(tag);
  el.tabIndex = -1;
  el.dir = 'auto';
  el.dataset.block = String(b.index);
  if (tag === 'p' && b.kind !== 'paragraph') el.className = b.kind;
  el.textContent = input.text.slice(b.start, b.end);
  return el;
}

/** Mirrors ReaderText.svelte: consecutive list items share one <ul>, everything else sits directly in <article>. */
function buildArticle(input: PeerInput): HTMLElement {
  const article = document.createElement('article');
  article.className = 'text';
  let list: HTMLElement | null = null;
  for (const b of input.blocks) {
    const el = blockElement(input, b);
    if (b.kind !== 'list-item') {
      list = null;
      article.appendChild(el);
      continue;
    }
    if (!list) list = article.appendChild(document.createElement('ul'));
    list.appendChild(el);
  }
  return article;
}

function toRecogito(input: PeerInput): TextAnnotation[] {
  const map = offsetMapper(input.blocks);
  const out = input.annotations.map((a) => ({
    id: a.id,
    bodies: [{ id: `${a.id}#tag`, annotation: a.id, purpose: 'tagging', value: a.tagId }],
    target: { annotation: a.id, selector: [{ quote: input.text.slice(a.start, a.end), start: map(a.start), end: map(a.end) }] },
  }));
  // The selectors carry no Range on purpose: recogito revives one from start/end against the container.
  return out as unknown as TextAnnotation[];
}

function styleFor<I extends TextAnnotationLike>(annotation: I): HighlightStyle {
  const tag = annotation.bodies.find((b) => b.purpose === 'tagging')?.value as PeerTagId | undefined;
  return { fill: tag ? TAG_COLOURS[tag] : '#888888', fillOpacity: 0.3 };
}

/** Calls back once the frame holding the current DOM has been produced, not merely scheduled. */
function afterNextPresent(callback: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => callback();
    channel.port2.postMessage(null);
  });
}

/**
 * Resolves with the time the last change to the highlight layer reached the screen, once the layer holds spans
 * and has not changed for QUIET_MS. The quiet wait itself is not counted.
 */
function whenPainted(layer: Element, t0: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let generation = 0;
    let presentedAt = -1;
    let presentedGeneration = -1;
    let lastChange = performance.now();
    const observer = new MutationObserver(() => {
      const mine = ++generation;
      lastChange = performance.now();
      afterNextPresent(() => {
        presentedAt = performance.now();
        presentedGeneration = mine;
      });
    });
    const finish = (settle: () => void): void => {
      clearInterval(check);
      observer.disconnect();
      settle();
    };
    observer.observe(layer, { childList: true });
    const check = setInterval(() => {
      const now = performance.now();
      const settled = generation > 0 && presentedGeneration === generation && now - lastChange >= QUIET_MS;
      if (settled && layer.childElementCount > 0) return finish(() => resolve(presentedAt));
      if (now - t0 > DEADLINE_MS) {
        const what = layer.childElementCount === 0 ? 'painted no highlight' : 'kept redrawing its highlights';
        finish(() => reject(new Error(`recogito SPANS ${what} within ${DEADLINE_MS / 1000} s`)));
      }
    }, 20);
  });
}

function intersectsViewport(range: Range): boolean {
  const h = window.innerHeight;
  const w = window.innerWidth;
  return Array.from(range.getClientRects()).some((r) => r.width > 0 && r.bottom > 0 && r.top < h && r.right > 0 && r.left < w);
}

/** Builds a range the app's way (block text node + offset within it) to learn which annotations are on screen. */
function appRange(texts: readonly (Node | null)[], input: PeerInput, a: PeerAnnotation): Range | null {
  const at = (offset: number): [Node, number] | null => {
    const i = lastBlockStartingAtOrBefore(input.blocks, offset);
    const b = input.blocks[i];
    const node = texts[i];
    return b && node ? [node, Math.min(offset, b.end) - b.start] : null;
  };
  const start = at(a.start);
  const end = at(a.end);
  if (!start || !end) return null;
  const range = document.createRange();
  range.setStart(...start);
  range.setEnd(...end);
  return range;
}

type Coverage = Pick<PageRunResult, 'spans' | 'paintedIds' | 'expectedVisible' | 'missing'>;

function checkCoverage(article: HTMLElement, input: PeerInput, layer: Element): Coverage {
  const spans = layer.querySelectorAll<HTMLElement>('.r6o-annotation');
  const painted = new Set(Array.from(spans, (s) => s.dataset.annotation));
  const texts = Array.from(article.querySelectorAll('[data-block]'), (el) => el.firstChild);
  const expected = input.annotations.filter((a) => {
    const range = appRange(texts, input, a);
    return range !== null && intersectsViewport(range);
  });
  const missing = expected.filter((a) => !painted.has(a.id)).map((a) => a.id);
  return { spans: spans.length, paintedIds: painted.size, expectedVisible: expected.length, missing: missing.slice(0, 5) };
}

type QuoteCheck = Pick<PageRunResult, 'quotesChecked' | 'quoteMismatches'>;

/** Compares the text of the Range recogito revived from the mapped offsets with the app's text, for a sample. */
function checkQuotes(annotator: TextAnnotator<TextAnnotationLike, TextAnnotationLike>, input: PeerInput): QuoteCheck {
  const step = Math.max(1, Math.floor(input.annotations.length / 50));
  const mismatches: string[] = [];
  let checked = 0;
  for (let i = 0; i < input.annotations.length; i += step) {
    const a = input.annotations[i]!;
    const got = annotator.state.store.getAnnotation(a.id)?.target.selector[0]?.range?.toString() ?? '(not revived)';
    const want = visibleText(input, a);
    checked++;
    if (got !== want && mismatches.length < 5) mismatches.push(`${a.id}: ${JSON.stringify(want)} | ${JSON.stringify(got)}`);
  }
  return { quotesChecked: checked, quoteMismatches: mismatches };
}

let prepared: PeerInput | null = null;

/** Fetches and parses the document before the clock starts, so the run takes the text already in the page. */
async function prepare(): Promise<void> {
  prepared = (await (await fetch('/input.json')).json()) as PeerInput;
}

async function run(): Promise<PageRunResult> {
  const input = prepared;
  if (!input) throw new Error('recogito peer: prepare() must run first');
  const t0 = performance.now();
  const article = buildArticle(input);
  document.getElementById('page')!.appendChild(article);
  const annotator = createTextAnnotator(article, { renderer: 'SPANS', style: styleFor });
  const layer = article.querySelector('.r6o-span-highlight-layer');
  if (!layer) throw new Error('recogito SPANS renderer created no highlight layer');
  const painted = whenPainted(layer, t0);
  // Not annotator.setAnnotations(): in 4.1.1 it goes to the core store's syncAnnotations, which never revives
  // the selectors' Ranges, so the store keeps them unrevived and the renderer only paints them by way of the
  // ResizeObserver's first full recalculation. The text store's own bulk add revives them and paints them.
  // Origin REMOTE: loaded passages, not the reader's edits. (A LOCAL change within 250 ms of page
  // load also trips a bug in recogito's undo history, which merges it into an entry that is not there.)
  annotator.state.store.bulkAddAnnotations(toRecogito(input), false, 'REMOTE' as Parameters<typeof annotator.state.store.bulkAddAnnotations>[2]);
  const elapsed = (await painted) - t0;
  return { elapsed, ...checkCoverage(article, input, layer), ...checkQuotes(annotator, input) };
}

export const peerHarness = { prepare, run };
