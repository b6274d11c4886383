// Markdown text for exports: inert escaping of arbitrary document or note text, front-matter strings and #hashtags.
//
// The target is CommonMark + GFM as `marked` renders it. Escaped text renders back to exactly
// the input (whitespace collapsed), never to HTML, links, emphasis, headings, lists or tables.

/** Characters that open inline structure anywhere in a line (emphasis, code, links, tables, strikethrough, headings). */
const ANYWHERE = /[\\`*_[\]~|#]/g;

/** An `&` that would start a character reference ("&lt;", "&#60;"); a bare "R&D" stays readable. */
const ENTITY_START = /&(?=#?[0-9A-Za-z]+;)/g;

/**
 * GFM turns bare URLs, "www." names and e-mail addresses into live links. An escaped ":" or "."
 * or "@" renders as itself but breaks the pattern, so quoted URLs stay text (and cannot be clicked).
 */
const AUTOLINK_SCHEME = /\b([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g;
const AUTOLINK_WWW = /\b(www)\./gi;
const AUTOLINK_EMAIL = /@(?=[A-Za-z0-9_-]+\.)/g;

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
  // Most quotes are one line: the same result without splitting into paragraphs and back.
  if (!/[\r\n]/.test(text)) {
    const line = collapseWhitespace(text);
    return line === '' ? '>' : `> ${escapeLine(line)}`;
  }
  return escapeBlock(text)
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/**
 * Whether any replacement of escapeInlineMarks() can apply: each needs one of these characters
 * ("&", "<", ">", the ANYWHERE set, "!", "@") or "://" or "www." in the line. Most prose has
 * none, and one test is much cheaper than eight replacements.
 */
const NEEDS_ESCAPE = /[&<>\\`*_[\]~|#!@]|:\/\/|www\./i;

function escapeLine(line: string): string {
  const escaped = NEEDS_ESCAPE.test(line) ? escapeInlineMarks(line) : line;
  return escaped.replace(LINE_START_MARKER, '\\$&').replace(ORDERED_LIST_MARKER, '$1\\$2');
}

function escapeInlineMarks(line: string): string {
  return line
    .replace(ENTITY_START, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(ANYWHERE, '\\$&')
    .replace(/!(?=\\\[)/g, '\\!')
    .replace(AUTOLINK_SCHEME, '$1\\:')
    .replace(AUTOLINK_WWW, '$1\\.')
    .replace(AUTOLINK_EMAIL, '\\@');
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

/** Whitespace that collapsing would change: anything but a lone space. */
const COLLAPSIBLE = /[\t\n\r\f\v]| {2}/;

function collapseWhitespace(text: string): string {
  return COLLAPSIBLE.test(text) ? text.replace(/[ \t\n\r\f\v]+/g, ' ').trim() : text.trim();
}

/** Lone surrogates cannot be encoded as UTF-8; they become U+FFFD rather than invalid bytes. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Characters a JSON string may hold raw but YAML may not (DEL, C1 controls, U+FEFF, non-characters)
 * or that YAML 1.1 parsers treat as line breaks (NEL, U+2028, U+2029).
 */
const YAML_UNSAFE = /[\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/g;

/**
 * A YAML double-quoted scalar for front matter. JSON's escapes (\" \\ \n \t \uXXXX) are all valid
 * YAML escapes, so JSON.stringify does most of the work; what YAML treats differently is escaped too.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text.replace(LONE_SURROGATE, '\uFFFD')).replace(
    YAML_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * "Grey zone / Syria" → "grey-zone-syria". Lower case, runs of anything but letters, marks and
 * digits become one "-": that is a tag Obsidian and Logseq accept, and it is inert Markdown (no
 * "_" or "*" to open emphasis, no "/" to nest, no "#" to end it). A name with no letter ("2022")
 * would not be a tag in those apps, so it gets a "tag-" prefix.
 */
export function hashtag(name: string): string {
  const slug = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return /\p{L}/u.test(slug) ? slug : `tag-${slug}`.replace(/-$/, '');
}
