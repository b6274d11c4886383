// Keyword in context: the hit plus up to CONTEXT code units either side, on one line, cut between words.

/** Context either side of a hit, in UTF-16 code units of the document text (before collapsing). */
export const CONTEXT = 60;

export interface Kwic {
  before: string;
  match: string;
  after: string;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** True when offset i falls inside a character: between a surrogate pair, or before a combining mark. */
function insideCharacter(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  if (isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) return true;
  return /^\p{M}/u.test(String.fromCodePoint(text.codePointAt(i) ?? 0));
}

/** Collapses whitespace runs, newlines and paragraph breaks included, to one space. */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ');

/**
 * Where the left context starts: after the first space in the window when the window cuts a word.
 * A space that only separates the hit from one over-long word does not count: cutting there would
 * show nothing, so the word is cut instead.
 */
function contextStart(text: string, start: number): number {
  let lo = start - CONTEXT;
  if (lo <= 0) return 0;
  if (!isSpace(text[lo - 1]) && !isSpace(text[lo])) {
    let last = start;
    while (last > lo && isSpace(text[last - 1])) last--;
    for (let i = lo; i < last; i++) if (isSpace(text[i])) return i + 1;
  }
  // One long word fills the window: cut inside it, but never inside a character.
  while (lo < start && insideCharacter(text, lo)) lo++;
  return lo;
}

/** Where the right context ends: at the last space in the window when the window cuts a word. */
function contextEnd(text: string, end: number): number {
  let hi = end + CONTEXT;
  if (hi >= text.length) return text.length;
  if (!isSpace(text[hi - 1]) && !isSpace(text[hi])) {
    let first = end;
    while (first < hi && isSpace(text[first])) first++;
    for (let i = hi - 1; i > first; i--) if (isSpace(text[i])) return i;
  }
  while (hi > end && insideCharacter(text, hi)) hi--;
  return hi;
}

/** The hit [start, end) of text with its context, each part on one line. */
export function kwic(text: string, start: number, end: number): Kwic {
  return {
    before: oneLine(text.slice(contextStart(text, start), start)).trimStart(),
    match: oneLine(text.slice(start, end)),
    after: oneLine(text.slice(end, contextEnd(text, end))).trimEnd(),
  };
}
