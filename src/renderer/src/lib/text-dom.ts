// Builds the document text's DOM: one element per block, each holding exactly one text node, in chunks.
//
// Built directly rather than by a Svelte {#each}: a 1 MB report has thousands of blocks, and a
// component per block costs reactions whose set-up and tear-down grow with the document. The text
// never changes while it is shown, so nothing here needs to be reactive. Blocks are grouped in
// chunks the browser can skip laying out and painting while they are off screen (content-visibility),
// so opening a long document costs what is on screen, while every text node stays in the DOM for
// selection, find-in-page and offsets.
import type { Block, GlossDocument } from '../../../shared/types';
import { groupBlocks } from './block-groups';
import type { BlockNodes } from './dom-offsets';

/** Blocks per chunk: small enough that a screen touches few chunks, large enough to keep chunks few. */
export const CHUNK_BLOCKS = 40;

const LABELS: Partial<Record<Block['kind'], string>> = { chrome: 'Site text', caption: 'Caption', pullquote: 'Pull-quote' };

function blockElement(doc: GlossDocument, b: Block, tag: 'p' | 'li' | 'h2'): { element: HTMLElement; text: Text } {
  const element = document.createElement(tag);
  element.tabIndex = -1;
  element.dir = 'auto';
  element.dataset['block'] = String(b.index);
  if (b.para !== null) element.dataset['para'] = String(b.para);
  if (tag === 'li' && b.marker !== undefined) element.dataset['marker'] = b.marker;
  const label = LABELS[b.kind];
  if (label !== undefined) {
    element.className = b.kind;
    element.dataset['label'] = label;
  }
  // A quotation is body text (numbered, cited), set in from the margin as the author set it apart.
  if (b.kind === 'quote') element.className = 'quote';
  const text = document.createTextNode(doc.text.slice(b.start, b.end));
  element.append(text);
  return { element, text };
}

/** A chunk of blocks [first, last], which the browser lays out only near the viewport. */
export interface Chunk {
  element: HTMLElement;
  first: number;
  last: number;
}

export interface RenderedText extends BlockNodes {
  chunks: readonly Chunk[];
}

// Reading-column metrics, to size chunks not yet laid out so the scrollbar starts about right.
const CHARS_PER_LINE = 78;
const LINE_PX = 28;
const BLOCK_GAP_PX = 18;

function closeChunk(chunk: Chunk, doc: GlossDocument): void {
  let lines = 0;
  for (let i = chunk.first; i <= chunk.last; i++) {
    const b = doc.blocks[i]!;
    lines += Math.max(1, Math.ceil((b.end - b.start) / CHARS_PER_LINE));
  }
  const estimate = lines * LINE_PX + (chunk.last - chunk.first + 1) * BLOCK_GAP_PX;
  // "auto" keeps the real height once the chunk has been laid out, so scrolling back is stable.
  chunk.element.style.setProperty('contain-intrinsic-size', `auto ${estimate}px`);
}

/** Replaces `article`'s children with the document's blocks; answers the text node of each block. */
export function renderText(article: HTMLElement, doc: GlossDocument): RenderedText {
  const texts: Text[] = new Array(doc.blocks.length);
  const chunks: Chunk[] = [];
  const fragment = document.createDocumentFragment();
  let chunk: HTMLElement | null = null;
  let inChunk = 0;
  for (const group of groupBlocks(doc.blocks)) {
    if (chunk === null || inChunk >= CHUNK_BLOCKS) {
      if (chunks.length > 0) closeChunk(chunks.at(-1)!, doc);
      chunk = document.createElement('div');
      chunk.className = 'chunk';
      fragment.append(chunk);
      chunks.push({ element: chunk, first: group.key, last: group.key });
      inChunk = 0;
    }
    chunks.at(-1)!.last = group.kind === 'list' ? group.blocks.at(-1)!.index : group.block.index;
    if (group.kind === 'list') {
      const list = document.createElement('ul');
      for (const b of group.blocks) {
        const { element, text } = blockElement(doc, b, 'li');
        texts[b.index] = text;
        list.append(element);
      }
      chunk.append(list);
      inChunk += group.blocks.length;
    } else {
      const b = group.block;
      const { element, text } = blockElement(doc, b, b.kind === 'heading' ? 'h2' : 'p');
      texts[b.index] = text;
      chunk.append(element);
      inChunk += 1;
    }
  }
  if (chunks.length > 0) closeChunk(chunks.at(-1)!, doc);
  article.replaceChildren(fragment);
  return { blocks: doc.blocks, texts, chunks };
}

/** Marks blocks read or unread, touching only those whose mark changed since `before`. */
export function applyReadMarks(nodes: BlockNodes, before: ReadonlySet<number>, after: ReadonlySet<number>): void {
  for (const i of before) if (!after.has(i)) nodes.texts[i]?.parentElement?.classList.remove('read');
  for (const i of after) if (!before.has(i)) nodes.texts[i]?.parentElement?.classList.add('read');
}
