// Placing by the quote alone (no old text at hand): its occurrences ranked by quote, context and position.
import type { TextTarget } from '../../shared/types';
import { needsReview, placed, type Doubt, type PlaceOutcome } from './outcome';
import {
  AMBIGUITY_MARGIN,
  MIN_QUOTE_SIMILARITY,
  MIN_SCORE,
  choose,
  findExactMatches,
  findFuzzyMatches,
  findNearbyMatches,
  scoreMatch,
  type Choice,
  type Match,
} from './quote-match';
import { holds, keepsWords } from './text-edges';

/**
 * The quote searched for in the whole text, for a target whose stored position no longer vouches
 * for it (place() has taken every position that holds the quote with its context). A passage that
 * cannot be placed with confidence comes back 'needs-review' with no range rather than being
 * attached to a plausible-looking wrong passage.
 *
 * `positionSelects`: the position is a selector another tool gave for this very document (an
 * import), not an offset remembered from an older text. Where the quote sits there exactly, as
 * words of their own, and no other occurrence fits the context clearly better, it picks that
 * occurrence among ones the context cannot tell apart ("sanctions" three times in one article).
 */
export function searchQuote(text: string, target: TextTarget, positionSelects: boolean): PlaceOutcome {
  const { position, quote } = target;
  const choice = rank(text, target);
  const best = choice.best;
  if (!holds(text, position, quote.exact)) return outcomeOf(text, target, choice);

  if (positionSelects && best !== null && keepsWords(text, target, position)) {
    const here = scoreMatch(text, quote, position.start, { ...position, errors: 0 });
    if (here.score >= MIN_SCORE && best.score - here.score < AMBIGUITY_MARGIN) {
      return placed('anchored', position, 'position', here.score, choice.candidates);
    }
  }
  // With text changed on both sides, a short quote can be sitting at its old offset by
  // coincidence ("n" where an "n" used to be, the passage itself having shifted). The stored
  // position stands only if a full search ranks it first without a close rival, and then only
  // for the analyst to confirm.
  const here = best !== null && best.start === position.start && best.end === position.end;
  if (!here) return outcomeOf(text, target, choice);
  if (choice.ambiguous) return needsReview('several', best.score, choice.candidates);
  if (!keepsWords(text, target, position)) return needsReview('word', 1, choice.candidates);
  return placed('moved', position, 'exact', 1, choice.candidates);
}

/**
 * Exact occurrences compete with near-matches around the old position from the start, so an
 * untouched copy elsewhere cannot win unopposed when the passage itself was edited. The
 * whole-text fuzzy search runs only when the quote occurs nowhere exactly, because
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

function outcomeOf(text: string, target: TextTarget, choice: Choice): PlaceOutcome {
  const best = choice.best;
  if (best === null) return needsReview('absent');
  if (!choice.accepted) return needsReview(doubtOf(choice), best.score, choice.candidates);
  // Where the passage began (ended) between words, so must the place it is moved to.
  if (!keepsWords(text, target, best)) return needsReview('word', best.score, choice.candidates);
  const method = text.slice(best.start, best.end) === target.quote.exact ? 'exact' : 'fuzzy';
  return placed('moved', best, method, best.score, choice.candidates);
}

function doubtOf(choice: Choice): Exclude<Doubt, 'document'> {
  if (choice.ambiguous) return 'several';
  return choice.best !== null && choice.best.quoteSimilarity < MIN_QUOTE_SIMILARITY ? 'rewritten' : 'context';
}
