// Placing passages on document text (main only): one entry point, its outcome, its thresholds and the diff cache.
export { place, type PlaceOptions } from './place';
export type { Doubt, PlaceMethod, PlaceOutcome } from './outcome';
export { DiffCache } from './diff-cache';
export { DIFF_MIN_SIMILARITY } from './diff-map';
export { EDGE_AGREEMENT, MIN_FRESH_SHARE, MOVED_MIN_LENGTH } from './fresh-search';
export {
  AMBIGUITY_MARGIN,
  MAX_FUZZY_ERRORS,
  MIN_QUOTE_SIMILARITY,
  MIN_SCORE,
  POSITION_WEIGHT,
  PREFIX_WEIGHT,
  QUOTE_WEIGHT,
  SUFFIX_WEIGHT,
  UNKNOWN_CONTEXT_SIMILARITY,
} from './quote-match';
export { levenshtein } from './text-edges';
export { MIN_ALIGNED_SHARE, SHATTER_RATIO } from './text-diff-align';
