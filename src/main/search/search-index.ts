// The corpus search index: folded token → postings, filled once per corpus load, updated per document.
//
// A query never rescans document text. Each query word is looked up in the index (exactly, or by
// prefix through the sorted keys); the word with the fewest postings anchors the search, and only
// the tokens next to each anchor posting are compared with the rest of the phrase. Text is read
// only to cut the KWIC of reported hits.
//
// Storage is compact (see lexicon.ts, postings.ts, doc-tokens.ts): spellings and keys are interned
// to integer ids, each document keeps two typed arrays (token starts, spelling ids), and each key
// keeps a flat typed array of (document slot, token ordinal) pairs.
//
// Filling a large corpus takes a while, so `buildIncrementally` indexes documents in slices and
// yields to the event loop between them; `ready` resolves once every document is in. A fill first
// tokenises every document, then posts them all at once (bulk-posting.ts). Documents updated or
// removed meanwhile are handled in place, so the outcome is the same as `build`.
import { GlossatorError } from '../../shared/result';
import type { GlossDocument, SearchOptions, SearchResults } from '../../shared/types';
import { BulkPosting } from './bulk-posting';
import { type DocEntry, tokenise } from './doc-tokens';
import { Lexicon } from './lexicon';
import type { PhraseSearch } from './occurrences';
import { PostingList } from './postings';
import { WordMatcher, parseQuery } from './query';
import { resultsOf } from './results';
import { type TermNode, parseBoolean } from './boolean';
import { booleanResults } from './boolean-results';

export { MAX_CONTEXT_HITS, MAX_HITS_PER_DOCUMENT } from './results';

/** Longest stretch of indexing between two turns of the event loop, by default. */
export const DEFAULT_SLICE_MS = 12;

export interface SearchScope {
  /** Search this document only; its hits come with context up to MAX_HITS_PER_DOCUMENT. */
  docId?: string;
}

export interface FillOptions {
  /** Index for about this long, then yield (at least one document per slice). */
  sliceMs?: number;
}

export class SearchIndex {
  private readonly lexicon = new Lexicon();
  /** Postings by key id. */
  private readonly postings: (PostingList | undefined)[] = [];
  private readonly docs = new Map<string, DocEntry>();
  /** Documents by slot, the number postings use for them; a hole is a free slot. */
  private readonly slots: (DocEntry | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Indexed documents in corpus order; rebuilt lazily after a change. */
  private ordered: DocEntry[] | null = null;
  /** Documents still to tokenise, with their reserved corpus order; Map order is corpus order. */
  private readonly pending = new Map<string, { doc: GlossDocument; order: number }>();
  /** Tokenised documents not in the postings yet: the fill posts them together at its end. */
  private readonly unposted = new Set<DocEntry>();
  /** The posting of `unposted` under way; they must not change until it is done. */
  private bulk: BulkPosting | null = null;
  private nextOrder = 0;
  private filled: Promise<void> = Promise.resolve();
  /** Set by close(): a superseded index stops filling and answers no more searches. */
  private closed = false;

  private constructor() {}

  /** Indexes every document before returning. */
  static build(docs: readonly GlossDocument[]): SearchIndex {
    const index = new SearchIndex();
    index.enqueue(docs);
    index.drain();
    return index;
  }

  /**
   * Returns at once and indexes the documents in slices of about `sliceMs`, yielding to the event
   * loop between slices, so the main process keeps answering while a large corpus is indexed.
   */
  static buildIncrementally(docs: readonly GlossDocument[], options: FillOptions = {}): SearchIndex {
    const index = new SearchIndex();
    index.enqueue(docs);
    index.filled = inSlices(options.sliceMs ?? DEFAULT_SLICE_MS, () => index.filling, () => index.fillStep());
    // A failure reaches whoever awaits `ready`; it must not also surface as an unhandled rejection.
    index.filled.catch(() => undefined);
    return index;
  }

  /** Resolves once every document given to the build is indexed. */
  get ready(): Promise<void> {
    return this.filled;
  }

  /**
   * Stops a fill under way and releases the documents it was holding: the index of a corpus that
   * another one replaced must not keep the main process busy (nor skew the next corpus's open).
   * Resolves once the fill has stopped.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.pending.clear();
    this.unposted.clear();
    this.bulk = null;
    await this.filled.catch(() => undefined);
  }

  /** Documents tokenised so far. */
  get indexedCount(): number {
    return this.docs.size;
  }

  /** Documents given to the build and not tokenised yet. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Indexes a new document at the end of the corpus, or re-indexes a changed one in its place. */
  update(doc: GlossDocument): void {
    const queued = this.pending.get(doc.id);
    if (queued !== undefined) {
      this.pending.set(doc.id, { doc, order: queued.order });
      return;
    }
    this.settleBulk();
    const old = this.docs.get(doc.id);
    if (old !== undefined && old.doc.text === doc.text) {
      // Only the details changed (a new title, say): the tokens stand.
      this.place({ ...old, doc }, old);
      return;
    }
    if (old !== undefined) this.drop(old);
    this.add(doc, old?.order ?? this.nextOrder++, old?.slot);
  }

  /** Forgets a document; an unknown id is a no-op. */
  remove(docId: string): void {
    if (this.pending.delete(docId)) return;
    this.settleBulk();
    const entry = this.docs.get(docId);
    if (entry === undefined) return;
    this.drop(entry);
    this.freeSlots.push(entry.slot);
  }

  /**
   * The hits of a phrase. A search before `ready` first indexes what is left, in one go: slow, but
   * never an answer that silently misses documents.
   */
  search(query: string, options: SearchOptions, scope: SearchScope = {}): SearchResults {
    if (this.closed) throw new GlossatorError('cancelled', 'This corpus was closed while the search ran; search again.');
    this.drain();
    const none: SearchResults = { query, total: 0, documents: [] };
    // A malformed query throws (invalid-argument) with a message that says where.
    const tree = parseBoolean(query, (text) => parseQuery(text, options).length > 0);
    const only = scope.docId === undefined ? undefined : this.docs.get(scope.docId);
    if (tree === null || (scope.docId !== undefined && only === undefined)) return none;
    const entries = only === undefined ? this.inOrder() : [only];
    const phraseOf = (term: TermNode): PhraseSearch | null => {
      const words = parseQuery(term.text, options, term.quoted).map((w) => new WordMatcher(w, options, this.lexicon));
      const candidates = words.map((w) => this.lookup(w));
      const sizes = candidates.map((lists) => lists.reduce((n, list) => n + list.length, 0));
      const anchor = sizes.indexOf(Math.min(...sizes));
      if (words.length === 0 || sizes[anchor] === 0) return null;
      const phrase: PhraseSearch = { words, anchor, postings: candidates[anchor] ?? [], slots: this.slots };
      if (only !== undefined) phrase.only = only.slot;
      return phrase;
    };
    // One phrase (no operators): the plain search, which counts without gathering every placement.
    if (tree.kind === 'term') {
      const phrase = phraseOf(tree);
      return phrase === null ? none : resultsOf({ query, phrase, entries, lexicon: this.lexicon });
    }
    return booleanResults({ query, tree, phraseOf, entries, lexicon: this.lexicon });
  }

  private get filling(): boolean {
    return this.pending.size > 0 || this.unposted.size > 0;
  }

  private enqueue(docs: readonly GlossDocument[]): void {
    for (const doc of docs) {
      // A document listed twice keeps its first place and its last text, as repeated updates would.
      const order = this.pending.get(doc.id)?.order ?? this.nextOrder++;
      this.pending.set(doc.id, { doc, order });
    }
  }

  /** One step of a fill: tokenise the next document, or, once all are, take the bulk posting a step on. */
  private fillStep(): void {
    const next = this.pending.entries().next();
    if (next.done !== true) {
      const [id, { doc, order }] = next.value;
      this.pending.delete(id);
      this.add(doc, order, undefined);
      return;
    }
    this.bulk ??= new BulkPosting([...this.unposted], this.lexicon, this.postings);
    this.bulk.step();
    if (this.bulk.done) this.settleBulk();
  }

  /** Finishes any fill now. */
  private drain(): void {
    while (this.filling) this.fillStep();
  }

  /** Completes a bulk posting under way, so the documents in it may change. */
  private settleBulk(): void {
    if (this.bulk === null) return;
    this.bulk.finish();
    this.bulk = null;
    this.unposted.clear();
    this.lexicon.sortKeys();
  }

  /** Tokenises a document; during a fill its postings wait for the bulk posting, else they go in now. */
  private add(doc: GlossDocument, order: number, slot: number | undefined): void {
    const { starts, spellings } = tokenise(doc.text, this.lexicon);
    const at = slot ?? this.freeSlots.pop() ?? this.slots.length;
    const entry: DocEntry = { doc, order, slot: at, starts, spellings };
    if (this.filling) this.unposted.add(entry);
    else for (let i = 0; i < spellings.length; i++) this.listOf(this.lexicon.keyOf(spellings[i] as number)).push(at, i);
    this.place(entry, undefined);
  }

  private listOf(key: number): PostingList {
    return (this.postings[key] ??= new PostingList());
  }

  /** Makes an entry the document's, in place of `old` (same slot) if given. */
  private place(entry: DocEntry, old: DocEntry | undefined): void {
    if (old !== undefined && this.unposted.delete(old)) this.unposted.add(entry);
    this.slots[entry.slot] = entry;
    this.docs.set(entry.doc.id, entry);
    this.ordered = null;
  }

  /** Takes a document's postings out; its slot is left for the caller to reuse or free. */
  private drop(entry: DocEntry): void {
    if (!this.unposted.delete(entry)) {
      const keys = new Set<number>();
      for (const spelling of entry.spellings) keys.add(this.lexicon.keyOf(spelling));
      for (const key of keys) this.postings[key]?.removeSlot(entry.slot);
    }
    this.slots[entry.slot] = undefined;
    this.docs.delete(entry.doc.id);
    this.ordered = null;
  }

  /** The postings that may match a word: those of each key it may match. */
  private lookup({ keys }: WordMatcher): PostingList[] {
    const lists: PostingList[] = [];
    for (let i = 0; i < keys.length; i++) {
      const list = this.postings[keys[i] as number];
      if (list !== undefined && list.length > 0) lists.push(list);
    }
    return lists;
  }

  private inOrder(): DocEntry[] {
    return (this.ordered ??= [...this.docs.values()].sort((a, b) => a.order - b.order));
  }
}

/**
 * Runs `step` while there is work, in slices of about `sliceMs` (at least one step each), yielding
 * to the event loop before each slice so IPC, timers and the window's requests get their turn.
 */
async function inSlices(sliceMs: number, more: () => boolean, step: () => void): Promise<void> {
  while (more()) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = performance.now();
    do step();
    while (more() && performance.now() - started < sliceMs);
  }
}
