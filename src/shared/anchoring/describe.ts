// Turns a validated range of a document text into the selectors stored with an annotation.
import { QUOTE_CONTEXT } from '../limits';
import { GlossatorError } from '../result';
import type { TextTarget } from '../types';
import { checkRange, splitsSurrogatePair } from './offsets';

/**
 * Position + quote + the hash of the text they were taken from. Context is trimmed inwards at a
 * surrogate pair rather than widened, so it never exceeds QUOTE_CONTEXT and never carries half a
 * character (which would be unprintable in exports and could never match exactly again).
 */
export function describe(text: string, start: number, end: number, contentHash: string): TextTarget {
  const problem = checkRange(text, start, end);
  if (problem !== null) throw new GlossatorError('out-of-range', problem);

  let prefixStart = Math.max(0, start - QUOTE_CONTEXT);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + QUOTE_CONTEXT);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;

  return {
    position: { start, end },
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
    contentHash,
  };
}
