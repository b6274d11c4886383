// From occurrences to what the renderer gets: exact counts for every document, context lines for the first hits.
//
// Cutting keyword-in-context lines is what a search with tens of thousands of hits spends its time
// on, and the analyst cannot read them all anyway. So every document with a hit is listed with its
// exact count, but only the first MAX_CONTEXT_HITS hits of the corpus (in corpus order) come with
// context; a document's own hits are one `search(…, { docId })` away.
import type { SearchHit, SearchResults } from '../../shared/types';
import { type DocEntry, tokenEnd } from './doc-tokens';
import { kwic } from './kwic';
import type { Lexicon } from './lexicon';
import { type PhraseSearch, allPlacements, countPlacements, placementsIn } from './occurrences';

/** Hits given with context per document: more than a reader can use, and a bound on the answer's size. */
export const MAX_HITS_PER_DOCUMENT = 500;
/** Hits given with context in one answer, across documents. */
export const MAX_CONTEXT_HITS = 1_000;

export interface ResultInput {
  query: string;
  phrase: PhraseSearch;
  /** Documents to report on, in corpus order. */
  entries: readonly DocEntry[];
  lexicon: Lexicon;
}

export function resultsOf({ query, phrase, entries, lexicon }: ResultInput): SearchResults {
  const length = phrase.words.length;
  // A one-word phrase cannot overlap itself, so its counts are final and only the documents
  // whose hits are shown need their placements; a longer phrase needs all of them to be counted.
  const placed = length === 1 ? countPlacements(phrase) : null;
  const { offsets, firsts } = placed === null ? allPlacements(phrase) : placementsIn(phrase, placed, shownSlots(entries, placed));
  const documents: SearchResults['documents'] = [];
  let total = 0;
  let left = MAX_CONTEXT_HITS;
  for (const entry of entries) {
    const all = firsts.subarray(offsets[entry.slot], offsets[entry.slot + 1]);
    const starts = placed === null ? nonOverlapping(all, length) : all;
    const count = placed === null ? starts.length : (placed[entry.slot] as number);
    if (count === 0) continue;
    const take = Math.min(count, MAX_HITS_PER_DOCUMENT, left);
    const hits: SearchHit[] = [];
    for (let i = 0; i < take; i++) hits.push(hitAt(entry, lexicon, starts[i] as number, length));
    documents.push({ docId: entry.doc.id, title: entry.doc.title, count, hits });
    total += count;
    left -= take;
  }
  return { query, total, documents };
}

/** Slots (1 = yes) of the documents whose hits fit in the answer, given final counts per slot. */
function shownSlots(entries: readonly DocEntry[], counts: Uint32Array): Uint8Array {
  const shown = new Uint8Array(counts.length);
  let left = MAX_CONTEXT_HITS;
  for (const entry of entries) {
    if (left === 0) break;
    const take = Math.min(counts[entry.slot] as number, MAX_HITS_PER_DOCUMENT, left);
    if (take > 0) shown[entry.slot] = 1;
    left -= take;
  }
  return shown;
}

/**
 * The occurrences that count, left to right and without overlaps, as find-in-page counts them:
 * "a a" in "a a a" counts once.
 */
export function nonOverlapping(all: Uint32Array, length: number): Uint32Array {
  if (all.length < 2) return all;
  const kept: number[] = [];
  let free = 0;
  for (const first of all) {
    if (first < free) continue;
    kept.push(first);
    free = first + length;
  }
  return Uint32Array.from(kept);
}

/**
 * A hit spans its first token's start to its last token's end: whole tokens, even when the last word
 * matched as a prefix, so a hit selects whole words ready to be tagged.
 */
export function hitAt(entry: DocEntry, lexicon: Lexicon, first: number, length: number): SearchHit {
  const start = entry.starts[first] as number;
  const end = tokenEnd(entry, lexicon, first + length - 1);
  return { start, end, ...kwic(entry.doc.text, start, end, entry.doc.blocks) };
}
