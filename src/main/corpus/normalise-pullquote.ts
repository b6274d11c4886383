// Pull-quotes: short blocks that are near-verbatim copies of a stretch of a longer block.
import { wordsOf } from './normalise-text';

/** Share of a pull-quote's words that may be missing or changed in its source. */
const TOLERANCE = 0.15;
/** Extra source words inside the copied stretch ("Despite all the fanfare, therefore, …") cost less. */
const EXTRA_WORD_COST = 0.5;

/**
 * A pull-quote is printed beside the passage it copies (the seeds: 1 to 4 blocks away), so
 * only sources this close are compared. That keeps the work linear in document length and
 * stops a summary bullet from counting as a copy of a conclusion pages later.
 */
const NEARBY_BLOCKS = 12;

/** Indices of the candidate blocks that copy a longer nearby source block. */
export function findPullquotes(
  texts: readonly string[],
  isCandidate: (i: number) => boolean,
  isSource: (i: number) => boolean,
): number[] {
  const words = texts.map(wordsOf);
  const bags = words.map((ws) => new Set(ws));
  return texts.flatMap((text, i) => {
    const quote = words[i] ?? [];
    if (!isCandidate(i)) return [];
    const near = (j: number): boolean => j !== i && isSource(j) && (texts[j]?.length ?? 0) > text.length;
    const sharesEnough = (j: number): boolean => {
      const bag = bags[j] ?? new Set<string>();
      return quote.filter((w) => !bag.has(w)).length <= TOLERANCE * quote.length;
    };
    const from = Math.max(0, i - NEARBY_BLOCKS);
    const window = Array.from({ length: Math.min(texts.length, i + NEARBY_BLOCKS + 1) - from }, (_, k) => from + k);
    return window.some((j) => near(j) && sharesEnough(j) && isCopy(quote, words[j] ?? [])) ? [i] : [];
  });
}

function isCopy(quote: readonly string[], source: readonly string[]): boolean {
  return quote.length > 0 && approximateMatchCost(quote, source) <= TOLERANCE * quote.length;
}

/**
 * Cheapest edit of `quote` into any contiguous stretch of `source` (Sellers' approximate
 * substring match, on words). Requiring a contiguous stretch, rather than words scattered in
 * order across a paragraph, keeps headings whose words recur in the body from matching.
 */
function approximateMatchCost(quote: readonly string[], source: readonly string[]): number {
  let prev = [0, ...quote.map((_, i) => i + 1)];
  let best = prev[quote.length] ?? 0;
  for (const word of source) {
    const cur = [0];
    for (let i = 1; i <= quote.length; i += 1) {
      const diagonal = (prev[i - 1] ?? 0) + (quote[i - 1] === word ? 0 : 1);
      const extra = (prev[i] ?? 0) + EXTRA_WORD_COST;
      const missing = (cur[i - 1] ?? 0) + 1;
      cur.push(Math.min(diagonal, extra, missing));
    }
    best = Math.min(best, cur[quote.length] ?? best);
    prev = cur;
  }
  return best;
}
