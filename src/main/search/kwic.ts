// Keyword in context: the hit plus up to CONTEXT code units either side, on one line, cut between words and at block edges.

/** Context either side of a hit, in UTF-16 code units of the document text (before collapsing). */
export const CONTEXT = 60;

export interface Kwic {
  before: string;
  match: string;
  after: string;
}

/**
 * Exactly the code units /\s/ matches, without building a one-character string and running a regex
 * per character: an answer cuts a thousand KWIC lines, each scanning up to CONTEXT characters.
 */
export function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x1680) return c === 0xa0;
  if (c >= 0x2000 && c <= 0x200a) return true;
  return c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isSpace = (text: string, i: number): boolean => i >= 0 && i < text.length && isSpaceCode(text.charCodeAt(i));
const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** True when offset i falls inside a character: between a surrogate pair, or before a combining mark. */
function insideCharacter(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  if (isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) return true;
  return /^\p{M}/u.test(String.fromCodePoint(text.codePointAt(i) ?? 0));
}

/** Collapses whitespace runs, newlines and paragraph breaks included, to one space. */
function oneLine(s: string): string {
  // Most context is already one line with single spaces: check before building a new string.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpaceCode(c) && (c !== 0x20 || isSpace(s, i + 1))) return s.replace(/\s+/g, ' ');
  }
  return s;
}

/**
 * Where the left context starts: after the first space in the window when the window cuts a word.
 * A space that only separates the hit from one over-long word does not count: cutting there would
 * show nothing, so the word is cut instead.
 */
function contextStart(text: string, start: number, floor: number): number {
  let lo = start - CONTEXT;
  if (lo <= floor) return floor;
  if (!isSpace(text, lo - 1) && !isSpace(text, lo)) {
    let last = start;
    while (last > lo && isSpace(text, last - 1)) last--;
    for (let i = lo; i < last; i++) if (isSpace(text, i)) return i + 1;
  }
  // One long word fills the window: cut inside it, but never inside a character.
  while (lo < start && insideCharacter(text, lo)) lo++;
  return lo;
}

/** Where the right context ends: at the last space in the window when the window cuts a word. */
function contextEnd(text: string, end: number, ceiling: number): number {
  let hi = end + CONTEXT;
  if (hi >= ceiling) return ceiling;
  if (!isSpace(text, hi - 1) && !isSpace(text, hi)) {
    let first = end;
    while (first < hi && isSpace(text, first)) first++;
    for (let i = hi - 1; i > first; i--) if (isSpace(text, i)) return i;
  }
  while (hi > end && insideCharacter(text, hi)) hi--;
  return hi;
}

/**
 * The hit [start, end) of text with its context, each part on one line. Context stays within
 * `blocks` (the document's blocks, in text order) around the hit: a heading's hit never runs on into
 * the next paragraph, nor a paragraph's into the heading before it.
 */
export function kwic(text: string, start: number, end: number, blocks: readonly { start: number; end: number }[] = []): Kwic {
  const first = blockAt(blocks, start);
  const last = blockAt(blocks, Math.max(start, end - 1));
  const floor = first ? Math.min(first.start, start) : 0;
  const ceiling = last ? Math.max(last.end, end) : text.length;
  return {
    before: oneLine(text.slice(contextStart(text, start, floor), start)).trimStart(),
    match: oneLine(text.slice(start, end)),
    after: oneLine(text.slice(end, contextEnd(text, end, ceiling))).trimEnd(),
  };
}

/** The block holding offset `at` (binary search), or undefined when it falls between blocks or there are none. */
function blockAt<B extends { start: number; end: number }>(blocks: readonly B[], at: number): B | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid]!;
    if (at < b.start) hi = mid - 1;
    else if (at >= b.end) lo = mid + 1;
    else return b;
  }
  return undefined;
}
