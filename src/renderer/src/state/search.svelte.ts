// Corpus search: the query and its options, debounced calls to main, and the latest answer's hits.
import type { SearchOptions, SearchResults, TextPosition } from '../../../shared/types';
import { api } from '../lib/api';
import type { Notices } from './notices.svelte';

/** Pause after the last keystroke before the corpus is searched. */
const DEBOUNCE_MS = 150;
/** The contract refuses longer queries. */
export const MAX_QUERY_LENGTH = 500;

const NO_HITS: TextPosition[] = [];

export class SearchState {
  query = $state('');
  options = $state<SearchOptions>({ wholeWord: false, caseSensitive: false, diacriticSensitive: false });
  results = $state<SearchResults | null>(null);
  busy = $state(false);

  /** Each document's hit ranges, built once per answer so the reader gets stable arrays. */
  private hitsByDoc = $derived(
    new Map(
      (this.results?.documents ?? []).map((d) => [d.docId, d.hits.map((h) => ({ start: h.start, end: h.end }))]),
    ),
  );
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Number of the latest request; an answer to any earlier one is stale and dropped. */
  private seq = 0;

  constructor(private readonly notices: Notices) {}

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
    const result = await api().search({ query, wholeWord, caseSensitive, diacriticSensitive });
    if (mine !== this.seq) return; // a newer search (or a clear) has superseded this one
    this.busy = false;
    if (result.ok) this.results = result.value;
    else this.notices.showError(result.error);
  }

  /** Empties the query and the hits (Escape in the search field). */
  clear(): void {
    clearTimeout(this.timer);
    this.query = '';
    this.drop();
  }

  /** Ranges of the current hits in one document, for the reader's search highlight layer. */
  hitsIn(docId: string): TextPosition[] {
    return this.hitsByDoc.get(docId) ?? NO_HITS;
  }

  /** Forgets the hits and makes any request in flight stale. */
  private drop(): void {
    this.seq++;
    this.busy = false;
    this.results = null;
  }
}
