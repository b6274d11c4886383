// Text helpers for placing: word and space edges, context checks and a bounded edit distance.
import type { TextPosition, TextTarget } from '../../shared/types';
import { checkRange, snapToCodePoints } from '../../shared/anchoring';

const WORD = /[\p{L}\p{M}\p{N}]/u;
const SPACE = /\s/u;
/** Code units of the character ending at i (2 for a surrogate pair). */
const unitsBefore = (t: string, i: number) => (i >= 2 && /[\udc00-\udfff]/.test(t[i - 1]!) && /[\ud800-\udbff]/.test(t[i - 2]!) ? 2 : 1);
const wordAt = (t: string, i: number) => i < t.length && WORD.test(String.fromCodePoint(t.codePointAt(i)!));
const wordBefore = (t: string, i: number) => i > 0 && wordAt(t, i - unitsBefore(t, i));
/** An edge of `r` is inside a word where the passage's edge in the old text was not ("rocket" in "rockets"). */
export const splitsWord = (text: string, oldText: string, old: TextPosition, r: TextPosition) =>
  (insideWord(text, r.start) && !insideWord(oldText, old.start)) || (insideWord(text, r.end) && !insideWord(oldText, old.end));
/** Where the passage began (ended) between words, as its stored context shows, `r` does too. */
export function keepsWords(text: string, { quote }: TextTarget, r: TextPosition): boolean {
  const before = quote.prefix + quote.exact;
  const after = quote.exact + quote.suffix;
  return (
    (insideWord(before, quote.prefix.length) || !insideWord(text, r.start)) &&
    (insideWord(after, quote.exact.length) || !insideWord(text, r.end))
  );
}
/** Offset i falls inside a word (letters on both sides), where no passage edge made by hand falls. */
const insideWord = (t: string, i: number) => wordBefore(t, i) && wordAt(t, i);

/**
 * Puts the mapped range's edges where the passage's edges were: whitespace the quote did not
 * start or end with is left out (a deleted sentence takes either space with it), and an edge that
 * fell on a word boundary falls on one again, so a replaced first or last word is wholly in.
 */
export function tidy(text: string, oldText: string, old: TextPosition, exact: string, m: TextPosition): TextPosition {
  let { start, end } = snapToCodePoints(text, m.start, Math.max(m.start, m.end));
  if (!SPACE.test(exact[0]!)) while (start < end && SPACE.test(text[start]!)) start++;
  if (!SPACE.test(exact[exact.length - 1]!)) while (end > start && SPACE.test(text[end - 1]!)) end--;
  if (end <= start) return { start, end: start };
  if (!insideWord(oldText, old.start)) while (insideWord(text, start)) start -= unitsBefore(text, start);
  if (!insideWord(oldText, old.end)) while (insideWord(text, end)) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  return { start, end };
}

export function holds(text: string, p: TextPosition, exact: string): boolean {
  return checkRange(text, p.start, p.end) === null && text.slice(p.start, p.end) === exact;
}

/** One side of the stored context still borders the stored position exactly. */
export function contextIntact(text: string, { position, quote }: TextTarget): boolean {
  const before = text.slice(Math.max(0, position.start - quote.prefix.length), position.start);
  const after = text.slice(position.end, position.end + quote.suffix.length);
  return (
    (before === quote.prefix && (quote.prefix !== '' || position.start === 0)) ||
    (after === quote.suffix && (quote.suffix !== '' || position.end === text.length))
  );
}

/** Edit distance in code units, or max + 1 once it is sure to exceed max (banded: O(length · max)). */
export function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = b.length;
  let prev = Array.from({ length: m + 1 }, (_, j) => (j <= max ? j : Infinity));
  let cur = new Array<number>(m + 1).fill(Infinity);
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 ? i : Infinity;
    let rowMin = cur[lo - 1]!;
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1), prev[j]! + 1, cur[j - 1]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = Infinity;
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[m]!, max + 1);
}
