// The cross-corpus "Passages" view: which tags filter it, the rows main answers, and their sort order.
import type { PassageRow, Tag } from '../../../shared/types';
import type { GlossatorApi } from '../../../shared/contract';
import type { Notices } from './notices.svelte';

export type PassageSortKey = 'document' | 'tag' | 'created' | 'modified';

export class PassagesViewState {
  /** Tags the view is filtered by; empty means every passage. */
  tagIds = $state<string[]>([]);
  /** Rows as main answers them: corpus order, then reading order within a document. */
  rows = $state.raw<PassageRow[]>([]);
  sortKey = $state<PassageSortKey>('document');
  descending = $state(false);
  busy = $state(false);
  /** False until the first answer arrives, so the view can tell "loading" from "no passages". */
  loaded = $state(false);

  sorted: PassageRow[] = $derived.by(() => this.sortRows());

  /** Number of the latest request; an answer to any earlier one is stale and dropped. */
  private seq = 0;

  /**
   * @param codebook the tags in codebook order (e.g. `() => wb.tags`); read reactively, it orders the
   *   "tag" sort and prunes filters on tags that no longer exist.
   */
  constructor(
    private readonly client: GlossatorApi,
    private readonly notices: Notices,
    private readonly codebook: () => Tag[] = () => [],
  ) {}

  async load(): Promise<void> {
    const known = new Set(this.codebook().map((t) => t.id));
    if (known.size > 0 && this.tagIds.some((id) => !known.has(id))) {
      this.tagIds = this.tagIds.filter((id) => known.has(id));
    }
    const mine = ++this.seq;
    this.busy = true;
    // A plain array: the bridge cannot clone the reactive proxy behind `tagIds`.
    const result = await this.client.listPassages({ tagIds: [...this.tagIds] });
    if (mine !== this.seq) return; // a newer filter has been asked for meanwhile
    this.busy = false;
    if (result.ok) {
      this.rows = result.value;
      this.loaded = true;
    } else {
      this.notices.showError(result.error);
    }
  }

  /** Adds or removes a tag from the filter and reloads. */
  async toggleTag(tagId: string): Promise<void> {
    this.tagIds = this.tagIds.includes(tagId) ? this.tagIds.filter((id) => id !== tagId) : [...this.tagIds, tagId];
    await this.load();
  }

  /** Sorts by a column; choosing the current column again reverses the direction. */
  sortBy(key: PassageSortKey): void {
    if (this.sortKey === key) {
      this.descending = !this.descending;
    } else {
      this.sortKey = key;
      this.descending = false;
    }
  }

  /** aria-sort value for a column header. */
  ariaSort(key: PassageSortKey): 'ascending' | 'descending' | 'none' {
    if (this.sortKey !== key) return 'none';
    return this.descending ? 'descending' : 'ascending';
  }

  private sortRows(): PassageRow[] {
    const direction = this.descending ? -1 : 1;
    const compare = this.comparator();
    // Ties keep the arrival order (corpus, then reading order); the "document" sort is that order itself.
    const ties = this.sortKey === 'document' ? direction : 1;
    return this.rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => direction * compare(a.row, b.row) || ties * (a.index - b.index))
      .map(({ row }) => row);
  }

  private comparator(): (a: PassageRow, b: PassageRow) => number {
    switch (this.sortKey) {
      case 'document':
        return () => 0;
      case 'tag': {
        const rank = this.tagRank();
        // Untagged passages, or ones whose tags are gone, come last.
        const first = (r: PassageRow): number => Math.min(Infinity, ...r.tagIds.map((id) => rank.get(id) ?? Infinity));
        return (a, b) => compareNumbers(first(a), first(b));
      }
      case 'created':
        return (a, b) => compareNumbers(Date.parse(a.created), Date.parse(b.created));
      case 'modified':
        return (a, b) => compareNumbers(Date.parse(a.modified), Date.parse(b.modified));
    }
  }

  /** Tag id → position in the codebook; without a codebook, tags rank by id. */
  private tagRank(): Map<string, number> {
    const codebook = this.codebook();
    if (codebook.length > 0) return new Map(codebook.map((t, i) => [t.id, i]));
    const ids = [...new Set(this.rows.flatMap((r) => r.tagIds))].sort((a, b) => a.localeCompare(b));
    return new Map(ids.map((id, i) => [id, i]));
  }
}

const compareNumbers = (a: number, b: number): number => (a === b ? 0 : a < b ? -1 : 1);
