// The corpus search index: folded token → postings, built once per corpus load, updated per document.
//
// A query never rescans document text. Each query word is looked up in the index (exactly, or by
// prefix through a sorted key list); the word with the fewest postings anchors the search, and only
// the tokens next to each anchor posting are compared with the rest of the phrase. Text is read
// only to compare tokens under case/diacritic sensitivity and to cut the KWIC of reported hits.
import type { GlossDocument, SearchHit, SearchOptions, SearchResults } from '../../shared/types';
import { kwic } from './kwic';
import { matchesWord, parseQuery, type QueryWord } from './query';
import { foldKey, tokenSpans } from './tokenise';

/**
 * Hits reported per document. A common prefix ("a") can match thousands of tokens; the renderer
 * cannot usefully show more, and building KWIC is the costly part. `count` stays the true number.
 */
export const MAX_HITS_PER_DOCUMENT = 500;

/** One token occurrence: document, ordinal among the document's tokens, and its range in doc.text. */
export interface Posting {
  docId: string;
  ordinal: number;
  start: number;
  end: number;
  key: string;
}

interface DocEntry {
  doc: GlossDocument;
  /** Position in the corpus, so results come out in corpus order. */
  order: number;
  /** Every token in text order; tokens[i].ordinal === i. The same objects sit in the postings. */
  tokens: Posting[];
}

/** Postings of one key, grouped by document so a document's postings can be dropped alone. */
type PostingsByDoc = Map<string, Posting[]>;

export class SearchIndex {
  private readonly docs = new Map<string, DocEntry>();
  private readonly postings = new Map<string, PostingsByDoc>();
  /** Keys in code-unit order for prefix lookups; rebuilt lazily after a key appears or disappears. */
  private sortedKeys: string[] | null = null;
  private nextOrder = 0;

  private constructor() {}

  static build(docs: readonly GlossDocument[]): SearchIndex {
    const index = new SearchIndex();
    for (const doc of docs) index.update(doc);
    return index;
  }

  /** Indexes a new document at the end of the corpus, or re-indexes a changed one in its place. */
  update(doc: GlossDocument): void {
    const old = this.docs.get(doc.id);
    if (old !== undefined) this.drop(old);
    const entry: DocEntry = { doc, order: old?.order ?? this.nextOrder++, tokens: [] };
    for (const { start, end } of tokenSpans(doc.text)) {
      const key = foldKey(doc.text.slice(start, end));
      if (key === '') continue;
      const posting: Posting = { docId: doc.id, ordinal: entry.tokens.length, start, end, key };
      entry.tokens.push(posting);
      let byDoc = this.postings.get(key);
      if (byDoc === undefined) {
        byDoc = new Map();
        this.postings.set(key, byDoc);
        this.sortedKeys = null;
      }
      const list = byDoc.get(doc.id);
      if (list === undefined) byDoc.set(doc.id, [posting]);
      else list.push(posting);
    }
    this.docs.set(doc.id, entry);
  }

  /** Forgets a document; an unknown id is a no-op. */
  remove(docId: string): void {
    const entry = this.docs.get(docId);
    if (entry === undefined) return;
    this.drop(entry);
    this.docs.delete(docId);
  }

  search(query: string, options: SearchOptions): SearchResults {
    const words = parseQuery(query, options);
    const none: SearchResults = { query, total: 0, documents: [] };
    if (words.length === 0) return none;

    const candidates = words.map((w) => this.lookup(w));
    const sizes = candidates.map(sizeOf);
    const anchor = sizes.indexOf(Math.min(...sizes));
    const anchorPostings = candidates[anchor] ?? [];
    if (sizes[anchor] === 0) return none;

    // Start ordinals of every phrase occurrence, per document.
    const starts = new Map<string, number[]>();
    for (const byDoc of anchorPostings) {
      for (const [docId, list] of byDoc) {
        const entry = this.docs.get(docId);
        if (entry === undefined) continue;
        for (const p of list) {
          const first = p.ordinal - anchor;
          if (!phraseAt(entry, first, words, options)) continue;
          const found = starts.get(docId);
          if (found === undefined) starts.set(docId, [first]);
          else found.push(first);
        }
      }
    }

    const documents: (SearchResults['documents'][number] & { order: number })[] = [];
    for (const [docId, firsts] of starts) {
      const entry = this.docs.get(docId);
      if (entry === undefined) continue;
      const { count, hits } = hitsOf(entry, firsts, words.length);
      documents.push({ docId, title: entry.doc.title, count, hits, order: entry.order });
    }
    documents.sort((a, b) => a.order - b.order);
    return {
      query,
      total: documents.reduce((sum, d) => sum + d.count, 0),
      documents: documents.map(({ order: _order, ...d }) => d),
    };
  }

  private drop(entry: DocEntry): void {
    for (const { key } of entry.tokens) {
      const byDoc = this.postings.get(key);
      if (byDoc === undefined) continue;
      byDoc.delete(entry.doc.id);
      if (byDoc.size === 0) {
        this.postings.delete(key);
        this.sortedKeys = null;
      }
    }
  }

  /** The postings that may match a word: one key, or every key the prefix begins. */
  private lookup(word: QueryWord): PostingsByDoc[] {
    if (!word.prefix) {
      const byDoc = this.postings.get(word.key);
      return byDoc === undefined ? [] : [byDoc];
    }
    const keys = (this.sortedKeys ??= [...this.postings.keys()].sort(byCodeUnits));
    const found: PostingsByDoc[] = [];
    for (let i = lowerBound(keys, word.key); i < keys.length; i++) {
      const key = keys[i] as string;
      if (!key.startsWith(word.key)) break;
      const byDoc = this.postings.get(key);
      if (byDoc !== undefined) found.push(byDoc);
    }
    return found;
  }
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** First index whose key is >= target: where keys with that prefix begin. */
function lowerBound(keys: readonly string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sizeOf(lists: readonly PostingsByDoc[]): number {
  let n = 0;
  for (const byDoc of lists) for (const list of byDoc.values()) n += list.length;
  return n;
}

/** Whether the phrase occupies the tokens from ordinal `first` on. */
function phraseAt(entry: DocEntry, first: number, words: readonly QueryWord[], options: SearchOptions): boolean {
  if (first < 0 || first + words.length > entry.tokens.length) return false;
  return words.every((word, j) => {
    const token = entry.tokens[first + j] as Posting;
    return matchesWord(token.key, () => entry.doc.text.slice(token.start, token.end), word, options);
  });
}

/**
 * Occurrences left to right, without overlaps (as find-in-page does: "a a" in "a a a" counts once),
 * each spanning its first token's start to its last token's end — whole tokens, even when the last
 * word matched as a prefix, so a hit selects whole words ready to be tagged.
 */
function hitsOf(entry: DocEntry, firsts: number[], length: number): { count: number; hits: SearchHit[] } {
  firsts.sort((a, b) => a - b);
  const hits: SearchHit[] = [];
  let count = 0;
  let free = 0;
  for (const first of firsts) {
    if (first < free) continue;
    free = first + length;
    count++;
    if (hits.length >= MAX_HITS_PER_DOCUMENT) continue;
    const start = (entry.tokens[first] as Posting).start;
    const end = (entry.tokens[first + length - 1] as Posting).end;
    hits.push({ start, end, ...kwic(entry.doc.text, start, end) });
  }
  return { count, hits };
}
