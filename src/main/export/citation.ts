// Citations for passages: structured parts for CSV/JSON, and the one-line "Title — Author, Publisher, ¶ n" form.
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

/** Everything a citation says, as separate fields; absent parts are null, never "". */
export interface CiteParts {
  title: string;
  author: string | null;
  publisher: string | null;
  /** The document's date as its metadata gives it. */
  date: string | null;
  /** Text of the nearest heading at or before the passage start; null before any heading, and when
   *  that heading merely repeats the document title (it names the document, not a section). */
  section: string | null;
  /** "3", "3–4" (an en dash, so spreadsheets do not read it as a date), or the kind of block the
   *  passage lies in ("heading"); null when the passage needs review or touches no block. */
  paragraph: string | null;
  /** "4" or "4–5" for paged sources (PDF); null otherwise. */
  page: string | null;
}

export function citeParts(doc: GlossDocument, range: TextPosition | null): CiteParts {
  const title = documentTitle(doc);
  const parts = {
    title,
    author: orNull(clean(doc.author)),
    publisher: orNull(clean(doc.publisher)),
    date: orNull(clean(doc.date)),
  };
  if (range === null) return { ...parts, section: null, paragraph: null, page: null };
  const touched = doc.blocks.filter((block) => touches(block, range));
  return {
    ...parts,
    section: sectionOf(doc, range, title),
    paragraph: orNull(locator(touched)),
    page: orNull(numberSpan(touched.flatMap((block) => (block.page === undefined ? [] : [block.page])))),
  };
}

/**
 * "¶ 3" or "¶ 3–4" for the numbered blocks the range touches. Unnumbered blocks (headings,
 * captions…) inside the span are skipped; a passage lying only in them is named by kind
 * ("heading"). Empty when the range touches no block at all.
 */
export function citeParagraphs(doc: GlossDocument, range: TextPosition): string {
  const where = locator(doc.blocks.filter((block) => touches(block, range)));
  return /^\d/.test(where) ? `¶ ${where}` : where;
}

/**
 * "Title — Author, Publisher, Date, § “Section”, ¶ 3, p. 4". Each missing part is left out with its
 * comma; a null range (the passage could not be placed in the current text) says so instead of a
 * section and ¶. The section is quoted because headings contain commas of their own.
 */
export function citation(doc: GlossDocument, range: TextPosition | null): string {
  const p = citeParts(doc, range);
  const byline = [p.author, p.publisher, p.date].filter((part) => part !== null).join(', ');
  const where =
    range === null
      ? ['position needs review']
      : [
          p.section === null ? '' : `§ “${p.section}”`,
          p.paragraph === null ? '' : /^\d/.test(p.paragraph) ? `¶ ${p.paragraph}` : p.paragraph,
          p.page === null ? '' : p.page.includes('–') ? `pp. ${p.page}` : `p. ${p.page}`,
        ].filter((part) => part !== '');
  return p.title + (byline ? ` — ${byline}` : '') + where.map((part) => `, ${part}`).join('');
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

/** "3–4" from numbered blocks, else the kinds of the blocks touched ("heading and caption"). */
function locator(touched: Block[]): string {
  const paras = touched.flatMap((block) => (block.para === null ? [] : [block.para]));
  if (paras.length > 0) return numberSpan(paras);
  return joinWords(unique(touched.map((block) => KIND_LABELS[block.kind])));
}

/**
 * Blocks are in text order, so the last heading starting at or before the passage is its section.
 * Many pages open with their own title as a heading; citing it as a section would only repeat the
 * title, so it is dropped (compared without case or spacing differences).
 */
function sectionOf(doc: GlossDocument, range: TextPosition, title: string): string | null {
  let heading: Block | undefined;
  for (const block of doc.blocks) {
    if (block.start > range.start) break;
    if (block.kind === 'heading') heading = block;
  }
  if (heading === undefined) return null;
  const text = clean(doc.text.slice(heading.start, heading.end));
  return text === '' || text.toLowerCase() === title.toLowerCase() ? null : text;
}

function numberSpan(numbers: number[]): string {
  if (numbers.length === 0) return '';
  const first = numbers.reduce((a, b) => Math.min(a, b));
  const last = numbers.reduce((a, b) => Math.max(a, b));
  return first === last ? `${first}` : `${first}–${last}`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** "heading", "heading and caption", "heading, caption and pull quote". */
function joinWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}

/** Metadata scraped from pages can carry line breaks and runs of spaces. */
function clean(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
