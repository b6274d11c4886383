// The workbench's state: corpus list, codebook, open document (text, passages, read marks), the active passage, undo.
import type { Annotation, CorpusProblem, DocumentSummary, GlossDocument, PlacedAnnotation, Tag, TextPosition } from '../../../shared/types';
import type { Result } from '../../../shared/result';
import type { GlossatorApi } from '../../../shared/contract';
import { UndoStack, type UndoEntry } from '../lib/undo-stack';
import { TagTree } from '../../../shared/tag-tree';
import { Notices } from './notices.svelte';
import { ReaderController } from './reader-controller';
import { UndoHistoryKeeper } from './undo-history';

/** A placed passage stripped back to what is stored, e.g. to restore it after a delete. */
export function stored(a: PlacedAnnotation): Annotation {
  const { state: _state, range: _range, ...annotation } = a;
  return annotation;
}

export class Workbench {
  // Raw: replaced whole, never changed in place; a deep proxy of thousands of objects costs on every read.
  documents = $state.raw<DocumentSummary[]>([]);
  /** Files of the corpus folder that could not be read, with why. */
  problems = $state.raw<CorpusProblem[]>([]);
  tags = $state<Tag[]>([]);
  doc = $state.raw<GlossDocument | null>(null);
  annotations = $state.raw<PlacedAnnotation[]>([]);
  activeId = $state<string | null>(null);
  /** Block indices marked read in the open document. */
  read = $state.raw<number[]>([]);
  ready = $state(false);
  readonly notices = new Notices();
  history = $state({ canUndo: false, canRedo: false, nextUndo: null as string | null });
  readonly undo: UndoStack = new UndoStack({
    onChange: () => {
      this.history = { canUndo: this.undo.canUndo, canRedo: this.undo.canRedo, nextUndo: this.undo.nextUndo };
      this.keeper.changed();
    },
  });
  /** Keeps the passage steps of the history in the data folder, so undo works after a restart. */
  private readonly keeper: UndoHistoryKeeper = new UndoHistoryKeeper(this);
  /** Number of the latest open(): an answer to an earlier one is stale and dropped. */
  private opening = 0;
  /** Edits run one after another, so a fast second keypress sees the passage the first one made. */
  private chain: Promise<unknown> = Promise.resolve();

  /**
   * @param client the main-process API (the preload bridge in the app, a fake in unit tests)
   * @param reader jumps into the reading text, handed to the reader once
   */
  constructor(
    readonly client: GlossatorApi,
    readonly reader: ReaderController = new ReaderController(),
  ) {}

  tagsById = $derived(new Map(this.tags.map((t) => [t.id, t])));
  /** The codebook as a tree: children, paths ("Friction › Sanctions"), roll-ups (shared/tag-tree.ts). */
  tagTree = $derived(new TagTree(this.tags));
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

  /** Loads codebook and list and opens the last document (the reader restores its own position). */
  async init(lastDocId: string | null): Promise<void> {
    const [tags, documents, problems] = await Promise.all([
      this.call(this.client.listTags({})),
      this.call(this.client.listDocuments({})),
      this.call(this.client.listCorpusProblems({})),
    ]);
    this.tags = tags ?? [];
    this.documents = documents ?? [];
    this.problems = problems ?? [];
    await this.keeper.load();
    const start = this.documents.find((d) => d.id === lastDocId) ?? this.documents[0];
    if (start) await this.open(start.id);
    this.ready = true;
  }

  /** After another corpus was opened: fresh list, first document. */
  async switchCorpus(): Promise<void> {
    // The new corpus's own history replaces this one's (which stays kept for when it is reopened).
    await this.keeper.load();
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

  /**
   * Shows a document: its text, passages and read marks, fetched together. A later open() wins
   * over an earlier one still in flight; switching to another document clears the status line,
   * which spoke of the previous one. Answers whether this document is now the open one.
   */
  async open(docId: string): Promise<boolean> {
    const mine = ++this.opening;
    const started = performance.now();
    const [doc, annotations, coverage] = await Promise.all([
      this.call(this.client.getDocument({ docId })),
      this.call(this.client.listAnnotations({ docId })),
      this.call(this.client.getCoverage({ docId })),
    ]);
    // User Timing, so profiles and the bench can tell waiting for main from showing the document.
    performance.measure('glossator:fetch-document', { start: started, detail: docId });
    if (mine !== this.opening) return false; // the analyst asked for another document meanwhile
    if (!doc) return false;
    if (this.doc?.id !== doc.id) {
      this.notices.clearStatus();
      this.reader.cancel();
    }
    this.doc = doc;
    this.annotations = annotations ?? [];
    this.read = coverage?.read ?? [];
    this.activeId = null;
    void this.call(this.client.updateSettings({ lastDocId: docId }));
    return true;
  }

  /** Re-reads what main holds after an operation that may have touched several places. */
  async reload(): Promise<void> {
    const [tags, documents, problems, annotations] = await Promise.all([
      this.call(this.client.listTags({})),
      this.call(this.client.listDocuments({})),
      this.call(this.client.listCorpusProblems({})),
      this.doc ? this.call(this.client.listAnnotations({ docId: this.doc.id })) : Promise.resolve(null),
    ]);
    if (tags) this.tags = tags;
    if (documents) this.documents = documents;
    if (problems) this.problems = problems;
    if (annotations) this.annotations = annotations;
  }

  /** Refreshes the list's counts and coverage. */
  async refreshSummaries(): Promise<void> {
    const documents = await this.call(this.client.listDocuments({}));
    if (documents) this.documents = documents;
  }

  /**
   * Refreshes one document's row (counts, coverage) after an edit to it: one summary crosses the
   * bridge, not the whole list (633 KB per tag at 2,000 documents).
   */
  async refreshSummary(docId: string): Promise<void> {
    const summary = await this.call(this.client.getDocumentSummary({ docId }));
    if (!summary) return;
    const at = this.documents.findIndex((d) => d.id === docId);
    // A new array: the list is raw state (thousands of rows are not made deeply reactive).
    if (at >= 0) this.documents = this.documents.map((d, i) => (i === at ? summary : d));
  }

  private summaries: Promise<void> | null = null;
  private readonly staleSummaries = new Set<string>();

  /**
   * Refreshes the rows of the documents edited, without holding up the next edit: a burst of
   * edits while one refresh is in flight costs one more refresh per document, not one per edit.
   */
  refreshSummariesSoon(docId: string): void {
    this.staleSummaries.add(docId);
    if (this.summaries) return;
    const ids = [...this.staleSummaries];
    this.staleSummaries.clear();
    this.summaries = Promise.all(ids.map((id) => this.refreshSummary(id))).then(() => undefined).finally(() => {
      this.summaries = null;
      const next = this.staleSummaries.values().next();
      if (!next.done) {
        this.staleSummaries.delete(next.value);
        this.refreshSummariesSoon(next.value);
      }
    });
  }

  /** Makes a passage the active one and jumps to it in the text. */
  focus(annotationId: string): void {
    this.activeId = annotationId;
    const range = this.annotations.find((a) => a.id === annotationId)?.range;
    if (range) this.show(range);
  }

  /** Scrolls the reader to a range of the open document and flashes it, once. */
  show(range: TextPosition): void {
    if (this.doc) this.reader.jump({ docId: this.doc.id, range: { start: range.start, end: range.end } });
  }

  /** Opens a document (if needed) and shows a range in it, e.g. a search hit. */
  async revealRange(docId: string, range: TextPosition): Promise<void> {
    if (this.doc?.id !== docId && !(await this.open(docId))) return;
    this.show(range);
  }

  /** Opens a document (if needed) and jumps to one of its passages. */
  async reveal(docId: string, annotationId: string): Promise<void> {
    if (this.doc?.id !== docId && !(await this.open(docId))) return;
    if (this.annotations.some((a) => a.id === annotationId)) this.focus(annotationId);
  }

  /** Clears the active passage (the analyst clicked plain text): keys then act on nothing unseen. */
  deactivate(): void {
    this.activeId = null;
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
        const failed = this.undo.failed;
        if (failed?.reason) {
          if (failed.entry.docId && failed.entry.docId !== this.doc?.id) await this.open(failed.entry.docId);
          await this.reload();
          this.notices.say(`Could not ${redo ? 'redo' : 'undo'} “${failed.entry.label}”: ${failed.reason}. That step was dropped from the history.`);
        } else if (!failed) this.notices.say(redo ? 'Nothing to redo.' : 'Nothing to undo.');
        return;
      }
      if (entry.docId && entry.docId !== this.doc?.id) await this.open(entry.docId);
      await this.reload();
      this.notices.say(`${redo ? 'Redid' : 'Undid'}: ${entry.label}.`);
    });
  }
}
