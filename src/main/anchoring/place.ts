// The one way a passage is placed on a document's text: hash, held position, old→new diff, quote search; else review.
//
// Stored passages (every listing, after every edit of a document), imported passages, the review
// queue and the test fixtures all place through place(), so one passage can never be "anchored"
// by one path and "needs review" by another. Steps, cheapest and surest first, as in
// hypothesis/client's anchoring: (1) the text is the one the target was made on, (2) the stored
// position still holds the quote as words of their own with one side of its context, (3) with
// the old text at hand, the diff carries the passage across the edit, (4) the quote is searched
// for; what none of them places surely comes back 'needs-review' with its doubt, never moved.
import type { TextTarget } from '../../shared/types';
import { DiffCache } from './diff-cache';
import { placeThroughEdit } from './diff-map';
import { needsReview, orphaned, placed, type PlaceOutcome } from './outcome';
import { searchQuote } from './quote-search';
import { contextIntact, holds, keepsWords } from './text-edges';

export interface PlaceOptions {
  /** The hash of `text`: a target made on this very text stays where it is without further checks. */
  contentHash?: string;
  /** Diffs of old and new texts kept by whoever caches placements; a one-off cache otherwise. */
  diffs?: DiffCache;
  /**
   * The target's position is a selector given for this document by another tool (an import),
   * not an offset remembered from an older text: it picks among occurrences the context cannot
   * tell apart (see searchQuote).
   */
  positionSelects?: boolean;
}

/**
 * Where `target` sits in `text` (null: its document is gone, so the passage is orphaned).
 * `previousText` is the text the target was made on, when a snapshot of it is at hand: placing then
 * follows the edit itself rather than searching for the quote. It is used only if it really is
 * that text (the target's position holds its quote there).
 */
export function place(
  target: TextTarget,
  text: string | null,
  previousText: string | null = null,
  options: PlaceOptions = {},
): PlaceOutcome {
  if (text === null) return orphaned();
  const { position, quote } = target;
  if (quote.exact === '') return needsReview('no-quote');

  // (1) and (2). A position that holds the quote but as part of a longer word ("desire" in
  // "ddesire") is not the passage: the diff may still say where the passage went.
  const sameText = options.contentHash !== undefined && target.contentHash === options.contentHash;
  const held = holds(text, position, quote.exact) && (sameText || contextIntact(text, target));
  if (held && keepsWords(text, target, position)) {
    return placed('anchored', position, sameText ? 'hash' : 'position', 1);
  }
  // (3)
  if (previousText !== null && holds(previousText, position, quote.exact)) {
    const diff = (options.diffs ?? new DiffCache(1)).diff(previousText, text);
    return placeThroughEdit(text, previousText, diff, target);
  }
  // (4), unless the position holds the quote with its context, where the search would only
  // find it there again.
  if (held) return needsReview('word', 1, 1);
  return searchQuote(text, target, options.positionSelects === true);
}
