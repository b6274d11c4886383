// Corpus search: the query and its options, debounced calls to main, the latest answer, and its documents' own hits.
//
// A corpus-wide answer counts every hit but gives context lines only for the corpus's first hits
// (see SearchResults). The hits of any other document are fetched when it is needed: when the
// reader opens it (hitsIn) or the panel asks for them (showHits).
import type { SearchDocumentHits, SearchHit, SearchOptions, SearchResults, TextPosition } from '../../../shared/types';
import type { GlossatorApi } from '../../../shared/contract';
import type { Notices } from './notices.svelte';

/** Pause after the last keystroke before the corpus is searched. */
const DEBOUNCE_MS = 150;
/** The contract refuses longer queries. */
export const MAX_QUERY_LENGTH = 500;

const NO_HITS: TextPosition[] = [];

type SearchArgs = SearchOptions & { query: string };

export class SearchState {
  query = $state('');
  options = $state<SearchOptions>({ wholeWord: false, caseSensitive: false, diacriticSensitive: false });
  /** Replaced whole, never changed in place: no deep proxy over thousands of documents. */
  results = $state.raw<SearchResults | null>(null);
  busy = $state(false);
  /** Why main refused the query (unbalanced parenthesis, dangling operator), shown by the search box. */
  problem = $state<string | null>(null);
  /** The hit stepped to with Enter / F3: its document, index among that document's hits, and ordinal in all hits. */
  current = $state<{ docId: string; index: number; ordinal: number } | null>(null);
  /** "Hit 3 of 17", for the panel and screen readers. */
  position = $derived(this.current && this.results ? `Hit ${this.current.ordinal} of ${this.results.total}` : '');

  /** Hits fetched for single documents, for the current results only. */
  private docHits = $state.raw<ReadonlyMap<string, SearchHit[]>>(new Map());
  private byId = $derived(new Map((this.results?.documents ?? []).map((d) => [d.docId, d])));
  /** Each document's hit ranges, built once per answer so the reader gets stable arrays. */
  private rangesByDoc = $derived(
    new Map(
      (this.results?.documents ?? []).map((d) => [d.docId, this.hitsOf(d).map((h) => ({ start: h.start, end: h.end }))]),
    ),
  );
  /** What the current results answer, so a document's hits are fetched for the same search. */
  private answered: SearchArgs | null = null;
  /** Documents whose hits were asked for (not reactive: hitsIn asks while the reader derives). */
  private readonly asked = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Number of the latest request; an answer to any earlier one is stale and dropped. */
  private seq = 0;

  constructor(
    private readonly client: GlossatorApi,
    private readonly notices: Notices,
  ) {}

  /** Sets the query and searches shortly after the analyst stops typing; an empty query clears the hits. */
  setQuery(q: string): void {
    this.query = q;
    clearTimeout(this.timer);
    if (q.trim() === '') {
      this.drop();
      return;
    }
    this.timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  }

  setOption(key: keyof SearchOptions, value: boolean): void {
    if (this.options[key] === value) return;
    this.options[key] = value;
    if (this.query.trim() !== '') void this.run();
  }

  /** Searches now (Enter, or when the debounce fires). */
  async run(): Promise<void> {
    clearTimeout(this.timer);
    const query = this.query;
    if (query.trim() === '') {
      this.drop();
      return;
    }
    const mine = ++this.seq;
    this.busy = true;
    // A plain object: the bridge cannot clone the reactive proxy behind `options`.
    const { wholeWord, caseSensitive, diacriticSensitive } = this.options;
    const args = { query, wholeWord, caseSensitive, diacriticSensitive };
    const result = await this.client.search(args);
    if (mine !== this.seq) return; // a newer search (or a clear) has superseded this one
    this.busy = false;
    if (!result.ok) {
      // A malformed query is the analyst's to fix where they type it, not an app error.
      if (result.error.code === 'invalid-argument') {
        this.problem = result.error.message;
        this.results = null;
        this.answered = null;
        this.current = null;
      } else this.notices.showError(result.error);
      return;
    }
    this.problem = null;
    this.answered = args;
    this.asked.clear();
    this.docHits = new Map();
    this.current = null;
    this.results = result.value;
  }

  /** Whether the results answer the query and options as they are now (else Enter searches first). */
  get upToDate(): boolean {
    const a = this.answered;
    const o = this.options;
    return a !== null && this.results !== null && a.query === this.query && a.wholeWord === o.wholeWord && a.caseSensitive === o.caseSensitive && a.diacriticSensitive === o.diacriticSensitive;
  }

  /**
   * Moves to the next (+1) or previous (-1) hit across the corpus, wrapping around, fetching a
   * document's own hits when the answer cut them. Answers the hit to show, or null when there is none.
   */
  async step(delta: 1 | -1): Promise<{ docId: string; range: TextPosition } | null> {
    if (!this.upToDate) await this.run();
    const results = this.results;
    const docs = results?.documents ?? [];
    if (!results || docs.length === 0) return null;
    let d = this.current ? docs.findIndex((x) => x.docId === this.current!.docId) : -1;
    let i = this.current?.index ?? 0;
    if (d < 0) {
      d = delta > 0 ? 0 : docs.length - 1;
      i = delta > 0 ? -1 : Infinity;
    }
    // At most one full turn through the documents: each is visited once whichever way.
    for (let turn = 0; turn <= docs.length; turn++) {
      const doc = docs[d]!;
      if (this.isCut(doc)) await this.showHits(doc.docId);
      if (this.results !== results) return null; // a new search started meanwhile
      const hits = this.hitsOf(doc);
      const next = i === Infinity ? hits.length - 1 : i + delta;
      if (next >= 0 && next < hits.length) {
        const before = docs.slice(0, d).reduce((n, x) => n + x.count, 0);
        this.current = { docId: doc.docId, index: next, ordinal: before + next + 1 };
        const hit = hits[next]!;
        return { docId: doc.docId, range: { start: hit.start, end: hit.end } };
      }
      d = (d + delta + docs.length) % docs.length;
      i = delta > 0 ? -1 : Infinity;
    }
    return null;
  }

  /** Empties the query and the hits (Escape in the search field). */
  clear(): void {
    clearTimeout(this.timer);
    this.query = '';
    this.drop();
  }

  /** A document's hits with context: fetched ones if any, else those the answer came with. */
  hitsOf(doc: SearchDocumentHits): SearchHit[] {
    return this.docHits.get(doc.docId) ?? doc.hits;
  }

  /** Whether the answer left some of the document's hits without context, and they were not fetched yet. */
  isCut(doc: SearchDocumentHits): boolean {
    return doc.hits.length < doc.count && !this.docHits.has(doc.docId);
  }

  /**
   * Ranges of the current hits in one document, for the reader's search highlight layer. When the
   * answer cut the document's hits, they are fetched; the ranges follow when they arrive.
   */
  hitsIn(docId: string): TextPosition[] {
    const doc = this.byId.get(docId);
    // Asked after the reader's derivation is done: state must not change while it runs.
    if (doc !== undefined && this.isCut(doc)) queueMicrotask(() => void this.showHits(docId));
    return this.rangesByDoc.get(docId) ?? NO_HITS;
  }

  /** Fetches one document's own hits for the current results (once per document and answer). */
  async showHits(docId: string): Promise<void> {
    const args = this.answered;
    if (args === null || this.asked.has(docId)) return;
    this.asked.add(docId);
    const mine = this.seq;
    const result = await this.client.search({ ...args, docId });
    if (mine !== this.seq) return;
    if (!result.ok) {
      this.notices.showError(result.error);
      return;
    }
    this.docHits = new Map(this.docHits).set(docId, result.value.documents[0]?.hits ?? []);
  }

  /** Forgets the hits and makes any request in flight stale. */
  private drop(): void {
    this.seq++;
    this.busy = false;
    this.problem = null;
    this.current = null;
    this.results = null;
    this.answered = null;
    this.docHits = new Map();
  }
}
