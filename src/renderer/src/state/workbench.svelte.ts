// The workbench's state: corpus list, codebook, open document, its passages, the active one, and undo.
import type { Annotation, DocumentSummary, GlossDocument, PlacedAnnotation, Tag, TextPosition } from '../../../shared/types';
import type { Result } from '../../../shared/result';
import { api } from '../lib/api';
import { UndoStack, type UndoEntry } from '../lib/undo-stack';
import { Notices } from './notices.svelte';

/** A placed passage stripped back to what is stored, e.g. to restore it after a delete. */
export function stored(a: PlacedAnnotation): Annotation {
  const { state: _state, range: _range, ...annotation } = a;
  return annotation;
}

export class Workbench {
  // Raw: replaced whole, never changed in place; a deep proxy of thousands of objects costs on every read.
  documents = $state.raw<DocumentSummary[]>([]);
  tags = $state<Tag[]>([]);
  doc = $state.raw<GlossDocument | null>(null);
  annotations = $state.raw<PlacedAnnotation[]>([]);
  activeId = $state<string | null>(null);
  /** Bumped to ask the reader to scroll to and flash `focusTarget`. */
  focusRequest = $state(0);
  focusTarget = $state<TextPosition | null>(null);
  /** A block to scroll to once the document is shown (restoring the last position). */
  scrollToBlock = $state<number | null>(null);
  ready = $state(false);
  readonly notices = new Notices();
  history = $state({ canUndo: false, canRedo: false, nextUndo: null as string | null });
  readonly undo: UndoStack = new UndoStack({
    onChange: () => {
      this.history = { canUndo: this.undo.canUndo, canRedo: this.undo.canRedo, nextUndo: this.undo.nextUndo };
    },
  });
  /** Called whenever a document has been opened (coverage and "last document" follow it). */
  onOpened: (docId: string) => void = () => {};
  /** Edits run one after another, so a fast second keypress sees the passage the first one made. */
  private chain: Promise<unknown> = Promise.resolve();

  tagsById = $derived(new Map(this.tags.map((t) => [t.id, t])));
  summary = $derived(this.documents.find((d) => d.id === this.doc?.id) ?? null);
  active = $derived(this.annotations.find((a) => a.id === this.activeId) ?? null);

  /** Unwraps a call's result; errors are shown to the analyst, never thrown. */
  async call<T>(request: Promise<Result<T>>): Promise<T | null> {
    const result = await request;
    if (result.ok) return result.value;
    this.notices.showError(result.error);
    return null;
  }

  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  async init(lastDocId: string | null, block: number | null): Promise<void> {
    const [tags, documents] = await Promise.all([this.call(api().listTags({})), this.call(api().listDocuments({}))]);
    this.tags = tags ?? [];
    this.documents = documents ?? [];
    const start = this.documents.find((d) => d.id === lastDocId) ?? this.documents[0];
    if (start) await this.open(start.id, start.id === lastDocId ? block : null);
    this.ready = true;
  }

  /** After another corpus was opened: fresh list, first document. */
  async switchCorpus(): Promise<void> {
    this.undo.clear();
    this.doc = null;
    this.annotations = [];
    await this.reload();
    const first = this.documents[0];
    if (first) await this.open(first.id);
  }

  /** After the corpus folder changed on disk: refresh the list and the open document. */
  async corpusChanged(changed: readonly string[], removed: readonly string[]): Promise<void> {
    const id = this.doc?.id;
    await this.reload();
    if (!id) return;
    if (removed.includes(id)) {
      this.doc = null;
      this.annotations = [];
      const first = this.documents[0];
      if (first) await this.open(first.id);
    } else if (changed.includes(id)) {
      await this.open(id);
    }
  }

  async open(docId: string, block: number | null = null): Promise<void> {
    const started = performance.now();
    const [doc, annotations] = await Promise.all([
      this.call(api().getDocument({ docId })),
      this.call(api().listAnnotations({ docId })),
    ]);
    // User Timing, so profiles and the bench can tell waiting for main from showing the document.
    performance.measure('glossator:fetch-document', { start: started, detail: docId });
    if (!doc) return;
    this.doc = doc;
    this.annotations = annotations ?? [];
    this.activeId = null;
    this.scrollToBlock = block;
    this.onOpened(docId);
  }

  /** Re-reads what main holds after an operation that may have touched several places. */
  async reload(): Promise<void> {
    const [tags, documents, annotations] = await Promise.all([
      this.call(api().listTags({})),
      this.call(api().listDocuments({})),
      this.doc ? this.call(api().listAnnotations({ docId: this.doc.id })) : Promise.resolve(null),
    ]);
    if (tags) this.tags = tags;
    if (documents) this.documents = documents;
    if (annotations) this.annotations = annotations;
  }

  async refreshSummaries(): Promise<void> {
    const documents = await this.call(api().listDocuments({}));
    if (documents) this.documents = documents;
  }

  private summaries: Promise<void> | null = null;
  private summariesStale = false;

  /**
   * Refreshes the list's counts without holding up the next edit: a burst of edits while one
   * refresh is in flight costs one more refresh, not one each.
   */
  refreshSummariesSoon(): void {
    if (this.summaries) {
      this.summariesStale = true;
      return;
    }
    this.summaries = this.refreshSummaries().finally(() => {
      this.summaries = null;
      if (!this.summariesStale) return;
      this.summariesStale = false;
      this.refreshSummariesSoon();
    });
  }

  focus(annotationId: string): void {
    this.activeId = annotationId;
    const range = this.annotations.find((a) => a.id === annotationId)?.range;
    if (range) this.show(range);
  }

  /** Scrolls the reader to a range of the open document and flashes it. */
  show(range: TextPosition): void {
    this.focusTarget = range;
    this.focusRequest++;
  }

  /** Opens a document (if needed) and shows a range in it, e.g. a search hit. */
  async revealRange(docId: string, range: TextPosition): Promise<void> {
    if (this.doc?.id !== docId) await this.open(docId);
    this.show(range);
  }

  /** Opens a document (if needed) and jumps to one of its passages. */
  async reveal(docId: string, annotationId: string): Promise<void> {
    if (this.doc?.id !== docId) await this.open(docId);
    if (this.annotations.some((a) => a.id === annotationId)) this.focus(annotationId);
  }

  /** Moves to the next (+1) or previous (-1) placed passage after/before the active one. */
  step(delta: 1 | -1): void {
    const placed = this.annotations.filter((a) => a.range);
    if (placed.length === 0) return;
    const at = placed.findIndex((a) => a.id === this.activeId);
    const next = at < 0 ? (delta > 0 ? 0 : placed.length - 1) : (at + delta + placed.length) % placed.length;
    this.focus(placed[next]!.id);
  }

  async runUndo(redo = false): Promise<void> {
    await this.serial(async () => {
      const entry: UndoEntry | null = redo ? await this.undo.redo() : await this.undo.undo();
      if (!entry) {
        this.notices.say(redo ? 'Nothing to redo.' : 'Nothing to undo.');
        return;
      }
      if (entry.docId && entry.docId !== this.doc?.id) await this.open(entry.docId);
      await this.reload();
      this.notices.say(`${redo ? 'Redid' : 'Undid'}: ${entry.label}.`);
    });
  }
}
