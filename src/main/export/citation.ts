// Plain-text citations for passages: the paragraphs a range touches and the "Title — Author, Publisher, ¶ n" line.
import type { Block, BlockKind, GlossDocument, TextPosition } from '../../shared/types';

/** How a block without a paragraph number is named when a passage lies only in such blocks. */
const KIND_LABELS: Record<BlockKind, string> = {
  heading: 'heading',
  paragraph: 'paragraph',
  'list-item': 'list item',
  pullquote: 'pull quote',
  caption: 'caption',
  chrome: 'site furniture',
};

/**
 * "¶ 3" or "¶ 3–4" for the numbered blocks the range touches. Unnumbered blocks (headings,
 * captions…) inside the span are skipped; a passage lying only in them is named by kind
 * ("heading"). Empty when the range touches no block at all.
 */
export function citeParagraphs(doc: GlossDocument, range: TextPosition): string {
  const touched = doc.blocks.filter((block) => touches(block, range));
  const paras = touched.flatMap((block) => (block.para === null ? [] : [block.para]));
  if (paras.length > 0) return paragraphSpan(paras);
  return joinWords(unique(touched.map((block) => KIND_LABELS[block.kind])));
}

/**
 * "Title — Author, Publisher, ¶ 3". Missing author or publisher is left out with its comma;
 * a null range (the passage could not be placed in the current text) says so instead of a ¶.
 */
export function citation(doc: GlossDocument, range: TextPosition | null): string {
  const title = documentTitle(doc);
  const byline = [doc.author, doc.publisher].map(clean).filter((part) => part !== '').join(', ');
  const where = range === null ? 'position needs review' : citeParagraphs(doc, range);
  return title + (byline ? ` — ${byline}` : '') + (where ? `, ${where}` : '');
}

/** The title, or the file it came from when the page had none. */
export function documentTitle(doc: GlossDocument): string {
  return clean(doc.title) || clean(doc.source) || doc.id;
}

/** A caret (empty range) touches the block it sits in or at the edge of. */
function touches(block: Block, range: TextPosition): boolean {
  if (range.end <= range.start) return block.start <= range.start && range.start <= block.end;
  return block.start < range.end && range.start < block.end;
}

function paragraphSpan(paras: number[]): string {
  const first = paras.reduce((a, b) => Math.min(a, b));
  const last = paras.reduce((a, b) => Math.max(a, b));
  return first === last ? `¶ ${first}` : `¶ ${first}–${last}`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** "heading", "heading and caption", "heading, caption and pull quote". */
function joinWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Metadata scraped from pages can carry line breaks and runs of spaces. */
function clean(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
