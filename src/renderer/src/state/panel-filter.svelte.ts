// The passages panel's filter: by tag (with its sub-tags) and by text in the quote or note.
import type { PlacedAnnotation } from '../../../shared/types';
import type { TagTree } from '../../../shared/tag-tree';

export class PanelFilter {
  tagIds = $state<string[]>([]);
  text = $state('');

  toggle(tagId: string): void {
    this.tagIds = this.tagIds.includes(tagId) ? this.tagIds.filter((t) => t !== tagId) : [...this.tagIds, tagId];
  }

  get active(): boolean {
    return this.tagIds.length > 0 || this.text.trim() !== '';
  }

  /** The passages the filter lets through; with the codebook's `tree`, a tag also matches its sub-tags. */
  apply(passages: readonly PlacedAnnotation[], tree?: TagTree): PlacedAnnotation[] {
    const needle = this.text.trim().toLocaleLowerCase();
    const wanted = new Set(tree ? tree.expandWithDescendants(this.tagIds) : this.tagIds);
    return passages.filter(
      (p) =>
        (wanted.size === 0 || p.tagIds.some((t) => wanted.has(t))) &&
        (needle === '' ||
          p.target.quote.exact.toLocaleLowerCase().includes(needle) ||
          p.note.toLocaleLowerCase().includes(needle)),
    );
  }

  clear(): void {
    this.tagIds = [];
    this.text = '';
  }
}
