// Where a phrase occurs: the anchor word's postings, each checked against the tokens around it.
//
// A one-word query takes two passes over its postings: one counts placements per document, the other
// gathers the start ordinals of only the documents whose hits are shown. A common word has hundreds
// of thousands of postings but an answer shows the hits of a few documents, so most postings are
// only counted. A phrase needs every placement (to count them without overlaps): one pass gathers all.
import type { DocEntry } from './doc-tokens';
import type { PostingList } from './postings';
import type { WordMatcher } from './query';

export interface PhraseSearch {
  /** One matcher per query word, in query order. */
  words: readonly WordMatcher[];
  /** Which word the postings belong to. */
  anchor: number;
  /** The anchor word's postings: one list per key it may match. */
  postings: readonly PostingList[];
  /** Indexed documents by slot. */
  slots: readonly (DocEntry | undefined)[];
  /** Only this slot's placements, when given. */
  only?: number;
}

/** Start ordinals of placements, grouped by slot and ascending within each. */
export interface Placements {
  /** Slot s's placements are firsts[offsets[s]] up to (not including) firsts[offsets[s + 1]]. */
  offsets: Uint32Array;
  firsts: Uint32Array;
}

/** Every placement, grouped by slot, in one pass: for phrases, whose placements are few but all needed. */
export function allPlacements(search: PhraseSearch): Placements {
  let bound = 0;
  for (const list of search.postings) bound += list.length;
  const found = { slots: new Uint32Array(bound), firsts: new Uint32Array(bound) };
  const n = scan(search, null, null, found);
  const counts = new Uint32Array(search.slots.length);
  for (let i = 0; i < n; i++) counts[found.slots[i] as number] = (counts[found.slots[i] as number] as number) + 1;
  return group(search, counts, null, found, n);
}

/** Placements of the phrase per slot, overlapping ones included. */
export function countPlacements(search: PhraseSearch): Uint32Array {
  const counts = new Uint32Array(search.slots.length);
  scan(search, null, counts, null);
  return counts;
}

/** The placements in the wanted slots; `counts` are countPlacements' answer for the same search. */
export function placementsIn(search: PhraseSearch, counts: Uint32Array, wanted: Uint8Array): Placements {
  let size = 0;
  for (let s = 0; s < counts.length; s++) if (wanted[s] === 1) size += counts[s] as number;
  const found = { slots: new Uint32Array(size), firsts: new Uint32Array(size) };
  const n = scan(search, wanted, null, found);
  return group(search, counts, wanted, found, n);
}

/**
 * Visits every anchor posting where the whole phrase fits, in the wanted slots (all when null):
 * counts them per slot into `counts`, records them into `found`, or both; answers how many.
 * Only the tokens next to each anchor posting are compared, so the cost follows the rarest word.
 * One loop with no callback: it runs once per posting, hundreds of thousands of times a query.
 */
function scan(
  { words, anchor, postings, slots, only }: PhraseSearch,
  wanted: Uint8Array | null,
  counts: Uint32Array | null,
  found: { slots: Uint32Array; firsts: Uint32Array } | null,
): number {
  // The anchor's postings come from its own key(s): when its spelling cannot matter, they all match.
  const skip = (words[anchor] as WordMatcher).keyDecides ? anchor : -1;
  const trusted = words.length === 1 && skip === 0;
  let n = 0;
  for (const list of postings) {
    const data = list.data;
    const end = list.length * 2;
    for (let i = 0; i < end; i += 2) {
      const slot = data[i] as number;
      if ((only !== undefined && slot !== only) || (wanted !== null && wanted[slot] !== 1)) continue;
      const first = (data[i + 1] as number) - anchor;
      if (!trusted && !phraseAt(slots[slot], first, words, skip)) continue;
      if (counts !== null) counts[slot] = (counts[slot] as number) + 1;
      if (found !== null) {
        found.slots[n] = slot;
        found.firsts[n] = first;
      }
      n++;
    }
  }
  return n;
}

/** Sorts the first `n` found placements by slot (a counting sort), then by position within each slot. */
function group(
  search: PhraseSearch,
  counts: Uint32Array,
  wanted: Uint8Array | null,
  found: { slots: Uint32Array; firsts: Uint32Array },
  n: number,
): Placements {
  const offsets = new Uint32Array(counts.length + 1);
  for (let s = 0; s < counts.length; s++) {
    const room = wanted === null || wanted[s] === 1 ? (counts[s] as number) : 0;
    offsets[s + 1] = (offsets[s] as number) + room;
  }
  const next = offsets.slice(0, -1);
  const firsts = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const slot = found.slots[i] as number;
    const at = next[slot] as number;
    firsts[at] = found.firsts[i] as number;
    next[slot] = at + 1;
  }
  // Several keys (a prefix) interleave within a document; each list alone is in text order.
  if (search.postings.length > 1) {
    for (let s = 0; s < counts.length; s++) {
      if ((offsets[s + 1] as number) - (offsets[s] as number) > 1) firsts.subarray(offsets[s], offsets[s + 1]).sort();
    }
  }
  return { offsets, firsts };
}

/** Whether every word of the phrase (but `skip`, known to match) matches the tokens from ordinal `first` on. */
function phraseAt(entry: DocEntry | undefined, first: number, words: readonly WordMatcher[], skip: number): boolean {
  if (entry === undefined || first < 0 || first + words.length > entry.spellings.length) return false;
  for (let j = 0; j < words.length; j++) {
    if (j !== skip && !(words[j] as WordMatcher).matches(entry.spellings[first + j] as number)) return false;
  }
  return true;
}
