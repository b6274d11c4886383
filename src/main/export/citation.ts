// Citations for passages: structured parts for CSV/JSON, and the one-line "Title — Author, Publisher, ¶ n" form.
import type { Block, BlockKind, GlossDocument, TextPosition } from '../../shared/types';
import { inQuotes } from '../../shared/quote-marks';
import { blockIndex } from './block-index';

/** How a block without a paragraph number is named when a passage lies only in such blocks. */
const KIND_LABELS: Record<BlockKind, string> = {
  heading: 'heading',
  paragraph: 'paragraph',
  'list-item': 'list item',
  quote: 'quotation',
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

/**
 * What a document contributes to each of its citations, worked out once per document object (a
 * digest cites thousands of passages of one document; documents are never changed in place).
 */
interface DocFacts {
  title: string;
  author: string | null;
  publisher: string | null;
  date: string | null;
  /** "Author, Publisher, Date" without the missing parts. */
  byline: string;
  /** Each heading's section name (null: none to cite), as sectionOf() found it. */
  sections: Map<Block, string | null>;
}

const factsByDoc = new WeakMap<GlossDocument, DocFacts>();

function factsOf(doc: GlossDocument): DocFacts {
  let facts = factsByDoc.get(doc);
  if (facts === undefined) {
    const author = orNull(clean(doc.author));
    const publisher = orNull(clean(doc.publisher));
    const date = orNull(clean(doc.date));
    const byline = [author, publisher, date].filter((part) => part !== null).join(', ');
    facts = { title: documentTitle(doc), author, publisher, date, byline, sections: new Map() };
    factsByDoc.set(doc, facts);
  }
  return facts;
}

export function citeParts(doc: GlossDocument, range: TextPosition | null): CiteParts {
  const { title, author, publisher, date } = factsOf(doc);
  if (range === null) return { title, author, publisher, date, section: null, paragraph: null, page: null };
  const touched = blockIndex(doc).touched(range);
  const section = sectionOf(doc, range);
  const paragraph = orNull(locator(touched));
  return { title, author, publisher, date, section, paragraph, page: orNull(numberSpan(pagesOf(touched))) };
}

/**
 * "¶ 3" or "¶ 3–4" for the numbered blocks the range touches. Unnumbered blocks (headings,
 * captions…) inside the span are skipped; a passage lying only in them is named by kind
 * ("heading"). Empty when the range touches no block at all.
 */
export function citeParagraphs(doc: GlossDocument, range: TextPosition): string {
  const where = locator(blockIndex(doc).touched(range));
  return /^\d/.test(where) ? `¶ ${where}` : where;
}

/**
 * "Title — Author, Publisher, Date, § “Section”, ¶ 3, p. 4". Each missing part is left out with its
 * comma; a null range (the passage could not be placed in the current text) says so instead of a
 * section and ¶. The section is quoted because headings contain commas of their own.
 */
export function citation(doc: GlossDocument, range: TextPosition | null): string {
  const p = citeParts(doc, range);
  const { byline } = factsOf(doc);
  const where =
    range === null
      ? ['position needs review']
      : [
          p.section === null ? '' : `§ ${inQuotes(p.section)}`,
          p.paragraph === null ? '' : /^\d/.test(p.paragraph) ? `¶ ${p.paragraph}` : p.paragraph,
          p.page === null ? '' : p.page.includes('–') ? `pp. ${p.page}` : `p. ${p.page}`,
        ].filter((part) => part !== '');
  return p.title + (byline ? ` — ${byline}` : '') + where.map((part) => `, ${part}`).join('');
}

/** The title, or the file it came from when the page had none. */
export function documentTitle(doc: GlossDocument): string {
  return clean(doc.title) || clean(doc.source) || doc.id;
}

/** "3–4" from numbered blocks, else the kinds of the blocks touched ("heading and caption"). */
// Plain loops rather than flatMap: these run for every passage of an export, and flatMap's
// small arrays made citing cost several times what it does now.
function pagesOf(touched: readonly Block[]): number[] {
  const pages: number[] = [];
  for (const block of touched) if (block.page !== undefined) pages.push(block.page);
  return pages;
}

function locator(touched: readonly Block[]): string {
  const paras: number[] = [];
  for (const block of touched) if (block.para !== null) paras.push(block.para);
  if (paras.length > 0) return numberSpan(paras);
  return joinWords(unique(touched.map((block) => KIND_LABELS[block.kind])));
}

/**
 * Blocks are in text order, so the last heading starting at or before the passage is its section.
 * Many pages open with their own title as a heading; citing it as a section would only repeat the
 * title, so it is dropped (compared without case or spacing differences).
 */
function sectionOf(doc: GlossDocument, range: TextPosition): string | null {
  const heading = blockIndex(doc).headingBefore(range.start);
  if (heading === undefined) return null;
  const { title, sections } = factsOf(doc);
  let section = sections.get(heading);
  if (section === undefined) {
    const text = clean(doc.text.slice(heading.start, heading.end));
    section = text === '' || text.toLowerCase() === title.toLowerCase() ? null : text;
    sections.set(heading, section);
  }
  return section;
}

function numberSpan(numbers: number[]): string {
  if (numbers.length === 0) return '';
  let first = numbers[0]!;
  let last = first;
  for (const n of numbers) {
    if (n < first) first = n;
    if (n > last) last = n;
  }
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
