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
      this.notices.showError(result.error);
      return;
    }
    this.answered = args;
    this.asked.clear();
    this.docHits = new Map();
    this.results = result.value;
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
    this.results = null;
    this.answered = null;
    this.docHits = new Map();
  }
}
