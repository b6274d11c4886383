// Markdown escaping for exports: arbitrary document or note text in, inert Markdown text out.
//
// The target is CommonMark + GFM as `marked` renders it. Escaped text renders back to exactly
// the input (whitespace collapsed), never to HTML, links, emphasis, headings, lists or tables.

/** Characters that open inline structure anywhere in a line (emphasis, code, links, tables, strikethrough, headings). */
const ANYWHERE = /[\\`*_[\]~|#]/g;

/** An `&` that would start a character reference ("&lt;", "&#60;"); a bare "R&D" stays readable. */
const ENTITY_START = /&(?=#?[0-9A-Za-z]+;)/g;

/** A line that would open a list, setext underline or thematic break once escaped characters are gone. */
const LINE_START_MARKER = /^[-+=]/;
const ORDERED_LIST_MARKER = /^(\d{1,9})([.)])(?=\s|$)/;

/**
 * Escape one line of text for any inline position (paragraph, heading, table cell).
 * Line breaks and runs of spaces/tabs collapse to one space, since a newline could start a block.
 */
export function escapeInline(text: string): string {
  return escapeLine(collapseWhitespace(text));
}

/**
 * Escape multi-line text as Markdown paragraphs: lines stay lines (CommonMark hard breaks, a
 * trailing backslash, so no trailing spaces are needed) and blank lines separate paragraphs.
 */
export function escapeBlock(text: string): string {
  return paragraphsOf(text)
    .map((lines) => lines.map(escapeLine).join('\\\n'))
    .join('\n\n');
}

/** Quote a passage: each paragraph a quoted line, a bare ">" line between paragraphs. */
export function blockquote(text: string): string {
  return escapeBlock(text)
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

function escapeLine(line: string): string {
  const escaped = line
    .replace(ENTITY_START, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(ANYWHERE, '\\$&')
    .replace(/!(?=\\\[)/g, '\\!');
  return escaped.replace(LINE_START_MARKER, '\\$&').replace(ORDERED_LIST_MARKER, '$1\\$2');
}

/** Lines grouped into paragraphs at blank lines; each line trimmed, since indentation can make code blocks. */
function paragraphsOf(text: string): string[][] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const raw of text.split(/\r\n?|\n/)) {
    const line = collapseWhitespace(raw);
    if (line !== '') {
      current.push(line);
    } else if (current.length > 0) {
      paragraphs.push(current);
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}

function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
}
