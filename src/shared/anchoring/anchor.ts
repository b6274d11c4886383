// Re-places a stored annotation target on a document's current text, or says it needs review.
import type { AnchorState, TextPosition, TextTarget } from '../types';
import { checkRange } from './offsets';
import {
  choose,
  findExactMatches,
  findFuzzyMatches,
  findNearbyMatches,
  scoreMatch,
  type Choice,
  type Match,
} from './match-quote';

export interface AnchorOutcome {
  state: AnchorState;
  /** Where the passage now sits; null when it needs review. */
  range: TextPosition | null;
  /** Confidence in 0..1: 1 when the stored position still holds; the best candidate's score otherwise. */
  score: number;
  method: 'hash' | 'position' | 'exact' | 'fuzzy' | 'none';
  /** Distinct places considered. */
  candidates: number;
}

/**
 * Cheapest check first: most documents have not changed since their annotations were made. A
 * passage that cannot be placed with confidence comes back 'needs-review' with no range rather
 * than being attached to a plausible-looking wrong passage.
 */
export function anchor(text: string, contentHash: string, target: TextTarget): AnchorOutcome {
  const { position, quote } = target;
  if (quote.exact === '') return needsReview(null);

  const stillHolds =
    checkRange(text, position.start, position.end) === null &&
    text.slice(position.start, position.end) === quote.exact;
  if (!stillHolds) return outcomeOf(text, target, rank(text, target));

  const held: AnchorOutcome = {
    state: 'anchored',
    range: { start: position.start, end: position.end },
    score: 1,
    method: contentHash === target.contentHash ? 'hash' : 'position',
    candidates: 1,
  };
  if (held.method === 'hash' || contextIntact(text, target)) return held;
  // With text changed on both sides, a short quote can be sitting at its old offset by
  // coincidence ("n" where an "n" used to be, the passage itself having shifted). The stored
  // position stands only if a full search ranks it first without a close rival.
  const choice = rank(text, target);
  const best = choice.best;
  const here = best !== null && best.start === position.start && best.end === position.end;
  if (here && !choice.ambiguous) return { ...held, candidates: choice.candidates };
  return here ? needsReview(choice) : outcomeOf(text, target, choice);
}

/** One side of the stored context still borders the stored position exactly. */
function contextIntact(text: string, { position, quote }: TextTarget): boolean {
  const before = text.slice(Math.max(0, position.start - quote.prefix.length), position.start);
  const after = text.slice(position.end, position.end + quote.suffix.length);
  return (
    (before === quote.prefix && (quote.prefix !== '' || position.start === 0)) ||
    (after === quote.suffix && (quote.suffix !== '' || position.end === text.length))
  );
}

/**
 * Steps 3 and 4. Exact occurrences compete with near-matches around the old position from the
 * start, so an untouched copy elsewhere cannot win unopposed when the passage itself was edited.
 * The whole-text fuzzy search runs only when the quote occurs nowhere exactly, because
 * approx-string-match would then return just those exact occurrences again.
 */
function rank(text: string, { position, quote }: TextTarget): Choice {
  const score = (m: Match) => scoreMatch(text, quote, position.start, m);
  const pool = new Map<string, Match>();
  const add = (matches: Match[]) => {
    for (const m of matches) if (!pool.has(`${m.start}:${m.end}`)) pool.set(`${m.start}:${m.end}`, m);
  };
  const exact = findExactMatches(text, quote.exact);
  add(exact);
  add(findNearbyMatches(text, quote, position));
  const choice = choose([...pool.values()].map(score));
  if (choice.accepted || exact.length > 0) return choice;
  add(findFuzzyMatches(text, quote));
  return choose([...pool.values()].map(score));
}

function outcomeOf(text: string, { quote }: TextTarget, choice: Choice): AnchorOutcome {
  const best = choice.best;
  if (!choice.accepted || best === null) return needsReview(choice);
  return {
    state: 'moved',
    range: { start: best.start, end: best.end },
    score: best.score,
    method: text.slice(best.start, best.end) === quote.exact ? 'exact' : 'fuzzy',
    candidates: choice.candidates,
  };
}

function needsReview(choice: Choice | null): AnchorOutcome {
  return {
    state: 'needs-review',
    range: null,
    score: choice?.best?.score ?? 0,
    method: 'none',
    candidates: choice?.candidates ?? 0,
  };
}
