// Placing with the old text known: the diff carries the passage's edges across the edit, checked for doubt.
import type { TextPosition, TextTarget } from '../../shared/types';
import { searchFresh } from './fresh-search';
import { needsReview, placed, type PlaceOutcome } from './outcome';
import { AMBIGUITY_MARGIN, MIN_QUOTE_SIMILARITY, choose, findExactMatches, scoreMatch } from './quote-match';
import { contextIntact, levenshtein, splitsWord, tidy } from './text-edges';
import type { TextDiff } from './text-diff';

/**
 * Where the diff puts a passage whose text changed, it is placed there ('moved') if at most a
 * quarter of its code units changed: the same rule the quote search applies to its best match
 * (MIN_QUOTE_SIMILARITY), so a passage is never "the same passage, corrected" by one path and
 * "rewritten" by the other. A typo fix costs 1 unit; a 20-unit passage survives 5, a sentence
 * of 150 units survives a changed clause. Past that its tags may no longer fit: review.
 */
export const DIFF_MIN_SIMILARITY = MIN_QUOTE_SIMILARITY;

/**
 * `target` was made on `oldText` (its position holds its quote there) and `diff` aligns `oldText`
 * with `text`. The diff tells exactly where the passage's characters went; where it cannot, the
 * quote is searched for in the text the diff found new.
 */
export function placeThroughEdit(text: string, oldText: string, diff: TextDiff, target: TextTarget): PlaceOutcome {
  const { position, quote } = target;
  const mapped = tidy(text, oldText, position, quote.exact, regain(text, oldText, diff, position));
  const sure =
    !diff.uncertain(position.start, 'start', position.end) && !diff.uncertain(position.end, 'end', position.start);
  const viaDiff = throughDiff(text, oldText, diff, target, mapped, sure);
  if (viaDiff === null) {
    const found = searchFresh(text, oldText, target, diff, mapped);
    if (found === null) return needsReview('absent');
    const { best } = found;
    if (!found.accepted) {
      return needsReview(best.quoteSimilarity < MIN_QUOTE_SIMILARITY ? 'rewritten' : 'context', best.score);
    }
    return placed('moved', best, best.errors === 0 ? 'exact' : 'fuzzy', best.score);
  }
  return doubted(text, target, diff, viaDiff.range!) ? needsReview('several', viaDiff.score) : viaDiff;
}

function throughDiff(
  text: string,
  oldText: string,
  diff: TextDiff,
  target: TextTarget,
  m: TextPosition,
  sure: boolean,
): PlaceOutcome | null {
  const { quote, position: old } = target;
  if (m.end <= m.start) return null; // the passage's text was deleted
  if (text.slice(m.start, m.end) === quote.exact) return placed('anchored', m, 'diff', 1);
  // The diff can give an edge of the passage to an identical neighbour ("The new rule. The
  // policy…" aligned as "The [new rule. The ]policy…"); the exact quote over the mapped range is
  // then the passage itself, provided it holds some of the passage's own kept characters (not a
  // look-alike that merely falls inside a large replaced stretch).
  const len = quote.exact.length;
  const lo = Math.max(0, m.start - len);
  const exact = findExactMatches(text.slice(lo, m.end + len), quote.exact)
    .map((x) => ({ ...x, start: x.start + lo, end: x.end + lo }))
    .filter((x) => x.start < m.end && m.start < x.end && !splitsWord(text, oldText, old, x))
    .filter((x) => diff.keptFrom(x.start, x.end, old.start, old.end) > 0);
  if (exact.length > 0) {
    const choice = choose(exact.map((x) => scoreMatch(text, quote, m.start, x)));
    if (choice.best && !choice.ambiguous) return placed('anchored', choice.best, 'diff', 1);
    return null;
  }
  // Changed text is placed by the diff only where it knows the edges; a guessed edge is review.
  if (!sure) return null;
  // The edit budget is the similarity floor itself, not the fuzzy search's cap: one banded
  // distance costs O(length · budget), bounded here to ~2·10⁷ steps for the longest passages.
  const budget = Math.min(Math.floor(len * (1 - DIFF_MIN_SIMILARITY)), Math.floor(2e7 / len));
  const distance = levenshtein(quote.exact, text.slice(m.start, m.end), budget);
  if (distance > budget) return null;
  return placed('moved', m, 'diff', 1 - distance / len);
}

/**
 * Reasons to doubt a placement the diff found, each a second copy the texts cannot tell apart
 * from the first. A new word standing right next to it that repeats its first or last word
 * ("policy approach" → "approach approach": which "approach" is the passage's?). Or, where the
 * placement kept neither side of its context, an exact copy in new text that keeps it better
 * (a sentence printed twice, as body text and pull quote, whose copies the diff swapped).
 */
function doubted(text: string, target: TextTarget, diff: TextDiff, r: TextPosition): boolean {
  const words = target.quote.exact.match(/[\p{L}\p{M}\p{N}]+/gu);
  if (words) {
    const before = /([\p{L}\p{M}\p{N}]+)\s*$/u.exec(text.slice(Math.max(0, r.start - 64), r.start));
    const after = /^\s*([\p{L}\p{M}\p{N}]+)/u.exec(text.slice(r.end, r.end + 64));
    if (before && before[1] === words[0] && diff.freshIn(r.start - before[0].length, r.start) > 0) return true;
    if (after && after[1] === words[words.length - 1] && diff.freshIn(r.end, r.end + after[0].length) > 0) return true;
  }
  if (contextIntact(text, { ...target, position: r })) return false;
  const here = scoreMatch(text, target.quote, r.start, { ...r, errors: 0 }).score;
  return findExactMatches(text, target.quote.exact).some(
    (x) => (x.end <= r.start || x.start >= r.end) && diff.freshIn(x.start, x.end) > 0 && scoreMatch(text, target.quote, r.start, x).score - here >= AMBIGUITY_MARGIN,
  );
}

/**
 * The mapped range, with edges the diff gave away taken back: when the passage's first (last)
 * characters fall in a deleted stretch and the very same text stands right before (after) the
 * point of deletion, the diff merely chose the other of two identical copies ("the Trump Era, the
 * U.S." → "the U.S."); read so, the passage is intact, which is the reading to prefer.
 */
function regain(text: string, oldText: string, diff: TextDiff, { start, end }: TextPosition): TextPosition {
  const m = { start: diff.mapStart(start), end: diff.mapEnd(end) };
  // Only for a plain deletion of part of the passage: the rest must survive to sit next to.
  const head = diff.segmentAt(start, 'start');
  if (head && !head.equal && head.newStart === head.newEnd && head.oldEnd < end) {
    const lost = oldText.slice(start, head.oldEnd);
    if (text.slice(m.start - lost.length, m.start) === lost) m.start -= lost.length;
  }
  const tail = diff.segmentAt(end, 'end');
  if (tail && !tail.equal && tail.newStart === tail.newEnd && tail.oldStart > start) {
    const lost = oldText.slice(tail.oldStart, end);
    if (text.slice(m.end, m.end + lost.length) === lost) m.end += lost.length;
  }
  return m;
}
