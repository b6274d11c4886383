// The passages panel's filter: by tag and by text in the quote or note.
import type { PlacedAnnotation } from '../../../shared/types';

export class PanelFilter {
  tagIds = $state<string[]>([]);
  text = $state('');

  toggle(tagId: string): void {
    this.tagIds = this.tagIds.includes(tagId) ? this.tagIds.filter((t) => t !== tagId) : [...this.tagIds, tagId];
  }

  get active(): boolean {
    return this.tagIds.length > 0 || this.text.trim() !== '';
  }

  apply(passages: readonly PlacedAnnotation[]): PlacedAnnotation[] {
    const needle = this.text.trim().toLocaleLowerCase();
    return passages.filter(
      (p) =>
        (this.tagIds.length === 0 || p.tagIds.some((t) => this.tagIds.includes(t))) &&
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
