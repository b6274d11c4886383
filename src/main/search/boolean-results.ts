// Results of a boolean query: documents where the expression holds, hits where its (non-negated) phrases occur.
//
// The expression is decided per document (as QDA tools and library catalogues do): `sanctions NOT oil`
// lists documents with "sanctions" and without "oil". A listed document's hits are the occurrences of
// every phrase not under a NOT, in text order, overlapping ones counted once. Each phrase is found
// with the same index lookups as a plain search (occurrences.ts); text is read only to cut KWIC lines.
import type { SearchHit, SearchResults } from '../../shared/types';
import { type QueryNode, type TermNode, allTerms, evaluate, positiveTerms } from './boolean';
import type { DocEntry } from './doc-tokens';
import type { Lexicon } from './lexicon';
import { type PhraseSearch, allPlacements } from './occurrences';
import { MAX_CONTEXT_HITS, MAX_HITS_PER_DOCUMENT, hitAt, nonOverlapping } from './results';

export interface BooleanInput {
  query: string;
  tree: QueryNode;
  /** The search of one phrase, or null when a word of it is in no document. */
  phraseOf(term: TermNode): PhraseSearch | null;
  /** Documents to report on, in corpus order. */
  entries: readonly DocEntry[];
  lexicon: Lexicon;
}

interface Found {
  length: number;
  offsets: Uint32Array;
  firsts: Uint32Array;
}

export function booleanResults({ query, tree, phraseOf, entries, lexicon }: BooleanInput): SearchResults {
  const found = new Map<TermNode, Found | null>();
  for (const term of allTerms(tree)) {
    const phrase = phraseOf(term);
    found.set(term, phrase === null ? null : { length: phrase.words.length, ...allPlacements(phrase) });
  }
  const startsIn = (term: TermNode, slot: number): Uint32Array => {
    const f = found.get(term);
    if (!f) return new Uint32Array(0);
    return nonOverlapping(f.firsts.subarray(f.offsets[slot], f.offsets[slot + 1]), f.length);
  };
  const shown = positiveTerms(tree);
  const documents: SearchResults['documents'] = [];
  let total = 0;
  let left = MAX_CONTEXT_HITS;
  for (const entry of entries) {
    if (!evaluate(tree, (term) => startsIn(term, entry.slot).length > 0)) continue;
    // Token spans of every shown phrase, in text order; a span overlapping the one before is the same hit.
    const spans: [number, number][] = [];
    for (const term of shown) {
      const length = found.get(term)?.length ?? 0;
      for (const first of startsIn(term, entry.slot)) spans.push([first, first + length]);
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged: [number, number][] = [];
    for (const span of spans) {
      const last = merged.at(-1);
      if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    }
    if (merged.length === 0) continue;
    const take = Math.min(merged.length, MAX_HITS_PER_DOCUMENT, left);
    const hits: SearchHit[] = [];
    for (let i = 0; i < take; i++) hits.push(hitAt(entry, lexicon, merged[i]![0], merged[i]![1] - merged[i]![0]));
    documents.push({ docId: entry.doc.id, title: entry.doc.title, count: merged.length, hits });
    total += merged.length;
    left -= take;
  }
  return { query, total, documents };
}
