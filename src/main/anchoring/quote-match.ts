// Finds and scores places a stored quote could sit in changed text; owns the thresholds that decide.
import search from 'approx-string-match';
import type { TextPosition, TextQuote } from '../../shared/types';
import { checkRange, snapToCodePoints } from '../../shared/anchoring/offsets';

// Weights as in hypothesis/client match-quote.ts: the quote itself is the main evidence, the
// context on each side decides between look-alikes, and position is only a tie-breaker (it
// shifts whenever anything is edited before the passage, so it says little about identity).
export const QUOTE_WEIGHT = 50;
export const PREFIX_WEIGHT = 20;
export const SUFFIX_WEIGHT = 20;
export const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * At most a quarter of the quote's code units may have changed. Past that the passage has been
 * rewritten rather than corrected, and its tags may no longer fit, so an analyst should look.
 * It also sets the fuzzy search's error budget, so nothing worse is ever considered.
 */
export const MIN_QUOTE_SIMILARITY = 0.75;

/**
 * Minimum overall score (0..1). Context similarity between unrelated stretches of prose is about
 * 0.3, so an exact quote with foreign context on both sides scores ≈ 0.70 and is refused: a short
 * quote ("the policy") turning up in an unrelated sentence is not the passage. An exact quote with
 * one side of its context intact scores ≈ 0.85, and a quote at the similarity floor needs nearly
 * all of its context (≈ 0.86 with both sides intact, ≈ 0.71 with one side gone).
 */
export const MIN_SCORE = 0.75;

/**
 * How much the winner must out-score every other candidate. It exceeds the whole position weight
 * (2/92 ≈ 0.022), so proximity to the old offset can never by itself pick between two candidates
 * with the same quote and context; that would be a guess. It equals about 7 code units of
 * differing context (one unit of prefix or suffix is worth 20/32/92 ≈ 0.007).
 */
export const AMBIGUITY_MARGIN = 0.05;

/**
 * Cap on the fuzzy search's error budget. approx-string-match runs in O(errors/32 · text length),
 * so this bounds a search to ~8 word operations per code unit of the document. Very long passages
 * therefore tolerate relatively fewer edits, which errs towards review rather than a wrong place.
 */
export const MAX_FUZZY_ERRORS = 256;

/**
 * Context similarity when the stored context is empty (the passage touched the start or end of the
 * document) but the candidate does not: text may simply have been added there, so it is neither
 * evidence for nor against.
 */
export const UNKNOWN_CONTEXT_SIMILARITY = 0.5;

export interface Match extends TextPosition {
  /** Edit distance between the quote and text.slice(start, end) as found. */
  errors: number;
}

export interface Candidate extends Match {
  quoteSimilarity: number;
  /** Weighted score in 0..1. */
  score: number;
}

export interface Choice {
  /** Highest-scoring candidate, accepted or not. */
  best: Candidate | null;
  accepted: boolean;
  ambiguous: boolean;
  /** Distinct places considered (alternative alignments of one fuzzy match count once). */
  candidates: number;
}

export function fuzzyErrorBudget(quoteLength: number): number {
  return Math.min(MAX_FUZZY_ERRORS, Math.floor(quoteLength * (1 - MIN_QUOTE_SIMILARITY)));
}

/** Every occurrence of `exact`, overlapping ones included: "abab" in "ababab" is two places. */
export function findExactMatches(text: string, exact: string): Match[] {
  const matches: Match[] = [];
  if (exact === '') return matches;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    // Only possible with malformed quotes that begin or end on half a surrogate pair.
    if (checkRange(text, at, at + exact.length) === null) {
      matches.push({ start: at, end: at + exact.length, errors: 0 });
    }
  }
  return matches;
}

/** Near-matches of the quote anywhere in the text (only the lowest-error ones, by the library's design). */
export function findFuzzyMatches(text: string, quote: TextQuote): Match[] {
  const maxErrors = fuzzyErrorBudget(quote.exact.length);
  if (maxErrors === 0) return [];
  return widenAll(text, quote, search(text, quote.exact, maxErrors));
}

/**
 * Near-matches of the quote in a window around its old position. The whole-text search reports
 * only the lowest-error matches, so an untouched copy elsewhere (a pull-quote, a repeated
 * sentence) would hide the edited passage itself; searching here keeps the likeliest place in
 * the running. The window is small (three quote lengths), so this is cheap.
 */
export function findNearbyMatches(text: string, quote: TextQuote, hint: TextPosition): Match[] {
  const { exact } = quote;
  const maxErrors = fuzzyErrorBudget(exact.length);
  if (maxErrors === 0) return [];
  const clamp = (n: number) => Math.min(text.length, Math.max(0, n));
  const lo = clamp(hint.start - exact.length);
  const hi = clamp(Math.max(hint.end, hint.start) + exact.length);
  const found = search(text.slice(lo, hi), exact, maxErrors);
  return widenAll(
    text,
    quote,
    found.map((m) => ({ start: m.start + lo, end: m.end + lo, errors: m.errors })),
  );
}

function widenAll(text: string, quote: TextQuote, found: Match[]): Match[] {
  const byKey = new Map<string, Match>();
  for (const m of found) {
    if (m.end <= m.start) continue;
    const widened = m.errors === 0 ? m : { ...widenToCharacters(text, m, quote), errors: m.errors };
    byKey.set(`${widened.start}:${widened.end}`, widened);
  }
  return [...byKey.values()];
}

const MARK = /^\p{M}/u;
const startsWithMark = (s: string): boolean => MARK.test(s);

/**
 * A fuzzy match may end inside a character: between a surrogate pair's halves, or between a base
 * letter and its combining accents ("e" + U+0301). Widen it over those, except where the original
 * passage itself began or ended mid-cluster (its quote starts, or its suffix starts, with a mark).
 */
function widenToCharacters(text: string, range: TextPosition, quote: TextQuote): TextPosition {
  let { start, end } = snapToCodePoints(text, range.start, range.end);
  if (!startsWithMark(quote.exact)) {
    while (start > 0 && startsWithMark(text.slice(start, start + 2))) {
      start = snapToCodePoints(text, start - 1, start).start;
    }
  }
  if (!startsWithMark(quote.suffix)) {
    while (end < text.length && startsWithMark(text.slice(end, end + 2))) {
      end = snapToCodePoints(text, end, end + 1).end;
    }
  }
  return { start, end };
}

/** Similarity (0..1) of the text found next to a candidate to the context stored beside the quote. */
function contextSimilarity(found: string, stored: string, atDocumentEdge: boolean): number {
  if (stored === '') return atDocumentEdge ? 1 : UNKNOWN_CONTEXT_SIMILARITY;
  if (found === stored) return 1;
  if (found === '') return 0;
  // Searching the stored context inside the found text (rather than a plain edit distance) lets
  // text inserted right next to the passage cost only what it displaces.
  const errors = Math.min(stored.length, ...search(found, stored, stored.length).map((m) => m.errors));
  return 1 - errors / stored.length;
}

export function scoreMatch(text: string, quote: TextQuote, hintStart: number, m: Match): Candidate {
  const quoteSimilarity = Math.max(0, 1 - m.errors / quote.exact.length);
  const prefix = contextSimilarity(
    text.slice(Math.max(0, m.start - quote.prefix.length), m.start),
    quote.prefix,
    m.start === 0,
  );
  const suffix = contextSimilarity(
    text.slice(m.end, m.end + quote.suffix.length),
    quote.suffix,
    m.end === text.length,
  );
  const proximity = text.length === 0 ? 1 : 1 - Math.min(1, Math.abs(m.start - hintStart) / text.length);
  const raw =
    QUOTE_WEIGHT * quoteSimilarity +
    PREFIX_WEIGHT * prefix +
    SUFFIX_WEIGHT * suffix +
    POSITION_WEIGHT * proximity;
  return { ...m, quoteSimilarity, score: raw / TOTAL_WEIGHT };
}

const overlaps = (a: TextPosition, b: TextPosition): boolean => a.start < b.end && b.start < a.end;

/**
 * Picks the best candidate, accepting it only when it clears both thresholds and no other distinct
 * place comes within AMBIGUITY_MARGIN. Overlapping fuzzy matches are alternative alignments of one
 * place and must not make it look ambiguous with itself; overlapping exact occurrences are distinct.
 */
export function choose(scored: Candidate[]): Choice {
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.start - b.start);
  const distinct: Candidate[] = [];
  // Exact candidates need checking only against fuzzy ones, which are few: a one-letter quote's
  // thousands of occurrences would otherwise cost a quadratic scan.
  const distinctFuzzy: Candidate[] = [];
  for (const c of ranked) {
    if ((c.errors > 0 ? distinct : distinctFuzzy).some((k) => overlaps(k, c))) continue;
    distinct.push(c);
    if (c.errors > 0) distinctFuzzy.push(c);
  }
  const [best, runnerUp] = distinct;
  if (best === undefined) return { best: null, accepted: false, ambiguous: false, candidates: 0 };
  const ambiguous = runnerUp !== undefined && best.score - runnerUp.score < AMBIGUITY_MARGIN;
  const accepted =
    !ambiguous && best.quoteSimilarity >= MIN_QUOTE_SIMILARITY && best.score >= MIN_SCORE;
  return { best, accepted, ambiguous, candidates: distinct.length };
}
