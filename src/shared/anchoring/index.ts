// Public face of anchoring: describe passages, check ranges, re-place passages on changed text.
export { checkRange, snapToCodePoints, splitsSurrogatePair } from './offsets';
export { describe } from './describe';
export { anchor, type AnchorOutcome } from './anchor';
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
} from './match-quote';
