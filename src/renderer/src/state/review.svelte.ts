// The review queue: passages that moved, need review, or lost their document, and what the analyst decides.
import type { ReviewItem } from '../../../shared/types';
import type { Workbench } from './workbench.svelte';

export class ReviewQueue {
  items = $state<ReviewItem[]>([]);
  loaded = $state(false);
  /** The passage waiting for the analyst to select its new text in the reader. */
  reattaching = $state<ReviewItem | null>(null);

  constructor(private readonly wb: Workbench) {}

  async load(): Promise<void> {
    const items = await this.wb.call(this.wb.client.listReview({}));
    if (items) this.items = items;
    this.loaded = true;
  }

  private async after(message: string): Promise<void> {
    await Promise.all([this.load(), this.wb.reload()]);
    this.wb.notices.say(message);
  }

  async confirm(item: ReviewItem): Promise<void> {
    const done = await this.wb.call(this.wb.client.confirmMove({ docId: item.passage.docId, annotationId: item.passage.id }));
    if (done) await this.after('Move confirmed.');
  }

  async remove(item: ReviewItem): Promise<void> {
    const done = await this.wb.call(this.wb.client.deleteAnnotation({ docId: item.passage.docId, annotationId: item.passage.id }));
    if (done) await this.after('Passage deleted.');
  }

  /** Starts re-attaching: the reader opens the document and the next selection offers "Re-attach here". */
  async startReattach(item: ReviewItem): Promise<void> {
    this.reattaching = item;
    if (this.wb.doc?.id !== item.passage.docId) await this.wb.open(item.passage.docId);
  }

  async reattachTo(selection: { start: number; end: number; exact: string }): Promise<void> {
    const item = this.reattaching;
    if (!item) return;
    const done = await this.wb.call(
      this.wb.client.reattach({ docId: item.passage.docId, annotationId: item.passage.id, ...selection }),
    );
    if (!done) return;
    this.reattaching = null;
    await this.after('Passage re-attached.');
    this.wb.focus(item.passage.id);
  }

  cancelReattach(): void {
    this.reattaching = null;
  }
}
