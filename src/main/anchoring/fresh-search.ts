// Placing with the old text known: the quote searched for only in the text the diff found new.
import search from 'approx-string-match';
import type { TextPosition, TextTarget } from '../../shared/types';
import { checkRange, describe, snapToCodePoints } from '../../shared/anchoring';
import {
  AMBIGUITY_MARGIN,
  choose,
  findExactMatches,
  fuzzyErrorBudget,
  scoreMatch,
  type Candidate,
  type Match,
} from './quote-match';
import { contextIntact, levenshtein, splitsWord } from './text-edges';
import type { TextDiff } from './text-diff';

/**
 * With the old text known, a searched candidate must lie mostly (at least this share of its code
 * units) in new text the diff could not align with old text. Text that was already in the old
 * version somewhere else is another passage that was already there (a pull quote, a repeated
 * phrase), never this one moved; a paragraph that really moved is inserted text at its new place.
 * Half rather than all, because inserted prose shares the odd word with what it replaced and
 * the token diff aligns those.
 */
export const MIN_FRESH_SHARE = 0.5;

/**
 * As long as a full side of stored context (QUOTE_CONTEXT), so a quote this long carries at
 * least the evidence its context would: it may be placed on its own text alone (see movedWhole).
 * A shorter quote found again in new text must bring one side of its context verbatim.
 */
export const MOVED_MIN_LENGTH = 32;

/**
 * Code units a near-match found by search must share with the quote at each end (at most a
 * quarter of the quote) for its edges to be trusted: about one word.
 */
export const EDGE_AGREEMENT = 6;

/**
 * The quote searched for only in text the diff found new (`m` is where the diff mapped the
 * passage). Answers the best candidate and whether it may be placed; null when there is none.
 */
export function searchFresh(
  text: string,
  oldText: string,
  target: TextTarget,
  diff: TextDiff,
  m: TextPosition,
): { best: Candidate; accepted: boolean } | null {
  const { quote } = target;
  const len = quote.exact.length;
  const budget = fuzzyErrorBudget(len);
  const pool = new Map<string, Match>();
  // Windows around the new stretches, widened so a match the diff split at its edge is whole.
  for (const w of windows(diff.fresh, len + 32, text.length)) {
    const part = text.slice(w.start, w.end);
    const found: Match[] = findExactMatches(part, quote.exact);
    if (found.length === 0 && budget > 0) found.push(...search(part, quote.exact, budget));
    for (const f of found) {
      const c = freshOnly(text, quote.exact, diff, snapToCodePoints(text, f.start + w.start, f.end + w.start), f.errors, budget);
      if (c) pool.set(`${c.start}:${c.end}`, c);
    }
  }
  const candidates = [...pool.values()].filter(
    (c) =>
      // A near-match over the mapped range would judge again what step 3 judged by the range
      // itself; an exact one there competes like any other (step 3 may not have been sure).
      (c.errors === 0 || !(c.start < m.end && m.start < c.end)) &&
      !splitsWord(text, oldText, target.position, c) &&
      diff.freshIn(c.start, c.end) >= MIN_FRESH_SHARE * (c.end - c.start) &&
      // A short quote is common words ("of Ukraine"): found again in new text, it is the
      // passage only if it brought one side of its context along.
      (len >= MOVED_MIN_LENGTH || contextIntact(text, { ...target, position: c })),
  );
  // The same words stood elsewhere in the old text too (a summary repeating the body): a
  // candidate that fits one of those other places' context as well as this passage's is that
  // other text, moved or not, rather than this passage.
  const others = findExactMatches(oldText, quote.exact)
    .filter((o) => o.end <= target.position.start || o.start >= target.position.end)
    .map((o) => describe(oldText, o.start, o.end, '').quote);
  const scored = candidates
    .map((c) => scoreMatch(text, quote, m.start, c))
    .filter((c) => others.every((q) => scoreMatch(text, q, m.start, c).score < c.score - AMBIGUITY_MARGIN));
  const choice = choose(scored);
  const best = choice.best;
  if (best === null) return null;
  return { best, accepted: choice.accepted || (best.errors === 0 && !choice.ambiguous && movedWhole(text, oldText, quote.exact)) };
}

/**
 * A whole paragraph or heading moved elsewhere has new neighbours on both sides, so its context
 * no longer vouches for it and it scores under MIN_SCORE. Its own text still does when it is long
 * and was, and is, the only copy: then the one new place holding it is where it went.
 */
function movedWhole(text: string, oldText: string, exact: string): boolean {
  const once = (t: string) => t.indexOf(exact) >= 0 && t.indexOf(exact, t.indexOf(exact) + 1) < 0;
  return exact.length >= MOVED_MIN_LENGTH && once(text) && once(oldText);
}

/**
 * A near-match's edges are cut back to new text: characters the diff aligned with other old text
 * were there before and are not the passage's (an approximate match is free to run on over them
 * at no extra cost). Exact matches are kept whole.
 */
function freshOnly(text: string, exact: string, diff: TextDiff, r: TextPosition, errors: number, budget: number): Match | null {
  if (errors === 0) return { ...r, errors };
  let { start, end } = r;
  while (start < end && diff.freshIn(start, start + 1) === 0) start++;
  while (end > start && diff.freshIn(end - 1, end) === 0) end--;
  if (end - start < 1 || checkRange(text, start, end) !== null) return null;
  const found = text.slice(start, end);
  // Where a near-match begins and ends is only known when it begins and ends as the quote does;
  // otherwise equally good alignments differ by a few characters at the edges, and that is a guess.
  const edge = Math.min(EDGE_AGREEMENT, Math.floor(exact.length / 4));
  if (found.slice(0, edge) !== exact.slice(0, edge) || found.slice(found.length - edge) !== exact.slice(exact.length - edge)) return null;
  const trimmed = start === r.start && end === r.end ? errors : levenshtein(exact, found, budget);
  return trimmed > budget ? null : { start, end, errors: trimmed };
}

function windows(fresh: readonly TextPosition[], margin: number, length: number): TextPosition[] {
  const out: TextPosition[] = [];
  for (const f of fresh) {
    const w = { start: Math.max(0, f.start - margin), end: Math.min(length, f.end + margin) };
    const last = out[out.length - 1];
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else out.push(w);
  }
  return out;
}
