// The one outcome of placing a passage: where it sits now, how that was decided, and why not when it was not.
import type { AnchorState, TextPosition } from '../../shared/types';

/** How a placement was decided, cheapest evidence first. */
export type PlaceMethod = 'hash' | 'position' | 'diff' | 'exact' | 'fuzzy' | 'none';

/**
 * Why a passage was not placed, for reports and the review queue:
 * - `document`: its document is not in the corpus (orphaned);
 * - `no-quote`: the target quotes no text;
 * - `absent`: the quote, or anything close enough to it, is nowhere in the text;
 * - `rewritten`: the nearest text differs from the quote by more than the similarity floor;
 * - `context`: the quote was found, but the text around it differs too much to be sure;
 * - `several`: it fits several places equally well and nothing says which;
 * - `word`: the only fit begins or ends inside a word where the passage did not ("rocket" in "rockets").
 */
export type Doubt = 'document' | 'no-quote' | 'absent' | 'rewritten' | 'context' | 'several' | 'word';

export interface PlaceOutcome {
  /** anchored (where it was, or where the edit carried it intact) / moved (placed, to confirm) / needs-review / orphaned. */
  state: AnchorState;
  /** Where the passage now sits; null unless anchored or moved. */
  range: TextPosition | null;
  method: PlaceMethod;
  /** Confidence in 0..1: 1 for a placement by hash, position or an intact diff; else similarity or match score. */
  score: number;
  /** Distinct places the quote search weighed (0 when no search ran). */
  candidates: number;
  /** Set exactly when the passage was not placed. */
  doubt: Doubt | null;
}

export const placed = (
  state: 'anchored' | 'moved',
  r: TextPosition,
  method: PlaceMethod,
  score: number,
  candidates = 1,
): PlaceOutcome => ({ state, range: { start: r.start, end: r.end }, method, score, candidates, doubt: null });

export const needsReview = (doubt: Exclude<Doubt, 'document'>, score = 0, candidates = 0): PlaceOutcome => ({
  state: 'needs-review',
  range: null,
  method: 'none',
  score,
  candidates,
  doubt,
});

export const orphaned = (): PlaceOutcome => ({
  state: 'orphaned',
  range: null,
  method: 'none',
  score: 0,
  candidates: 0,
  doubt: 'document',
});
