// The workbench's state: corpus list, open document, its passages and the active one; talks to main.
import type { DocumentSummary, GlossDocument, PlacedAnnotation, Tag, TextPosition } from '../../../shared/types';
import type { Result } from '../../../shared/result';
import { api } from '../lib/api';
import { Notices } from './notices.svelte';

export interface PendingPassage extends TextPosition {
  exact: string;
}

const sameRange = (a: TextPosition | null, b: TextPosition): boolean =>
  a !== null && a.start === b.start && a.end === b.end;

export class Workbench {
  documents = $state<DocumentSummary[]>([]);
  tags = $state<Tag[]>([]);
  doc = $state<GlossDocument | null>(null);
  annotations = $state<PlacedAnnotation[]>([]);
  activeId = $state<string | null>(null);
  /** Bumped to ask the reader to scroll to and flash the active passage. */
  focusRequest = $state(0);
  ready = $state(false);
  readonly notices = new Notices();
  /** Edits run one after another, so a fast second keypress sees the passage the first one made. */
  private chain: Promise<unknown> = Promise.resolve();

  tagsById = $derived(new Map(this.tags.map((t) => [t.id, t])));
  summary = $derived(this.documents.find((d) => d.id === this.doc?.id) ?? null);

  /** Unwraps a call's result; errors are shown to the analyst, never thrown. */
  private async call<T>(request: Promise<Result<T>>): Promise<T | null> {
    const result = await request;
    if (result.ok) return result.value;
    this.notices.showError(result.error);
    return null;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  async init(): Promise<void> {
    const [tags, documents] = await Promise.all([this.call(api().listTags({})), this.call(api().listDocuments({}))]);
    this.tags = tags ?? [];
    this.documents = documents ?? [];
    const first = this.documents[0];
    if (first) await this.open(first.id);
    this.ready = true;
  }

  async open(docId: string): Promise<void> {
    const [doc, annotations] = await Promise.all([
      this.call(api().getDocument({ docId })),
      this.call(api().listAnnotations({ docId })),
    ]);
    if (!doc) return;
    this.doc = doc;
    this.annotations = annotations ?? [];
    this.activeId = null;
  }

  private async refreshSummaries(): Promise<void> {
    const documents = await this.call(api().listDocuments({}));
    if (documents) this.documents = documents;
  }

  private replace(updated: PlacedAnnotation): void {
    this.annotations = this.annotations.map((a) => (a.id === updated.id ? updated : a));
  }

  /** Tags the selected passage; selecting an existing passage exactly adds the tag to it instead. */
  tagSelection(passage: PendingPassage, tagId: string): Promise<void> {
    return this.serial(() => this.tagNow(passage, tagId));
  }

  private async tagNow(passage: PendingPassage, tagId: string): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const existing = this.annotations.find((a) => sameRange(a.range, passage));
    if (existing) {
      if (!existing.tagIds.includes(tagId)) await this.writeTags(existing.id, [...existing.tagIds, tagId]);
      this.activeId = existing.id;
      return;
    }
    const created = await this.call(api().createAnnotation({ docId: doc.id, ...passage, tagIds: [tagId] }));
    if (!created) return;
    await this.refreshSummaries();
    if (this.doc?.id !== doc.id) return; // the analyst moved on to another document meanwhile
    this.annotations = [...this.annotations, created].sort(
      (a, b) => (a.range?.start ?? Infinity) - (b.range?.start ?? Infinity),
    );
    this.activeId = created.id;
    this.notices.say(`Tagged as ${this.tagsById.get(tagId)?.name ?? tagId}.`);
  }

  private async writeTags(annotationId: string, tagIds: string[]): Promise<void> {
    if (!this.doc) return;
    const updated = await this.call(api().updateAnnotation({ docId: this.doc.id, annotationId, tagIds }));
    if (!updated) return;
    this.replace(updated);
    await this.refreshSummaries();
  }

  toggleTag(annotationId: string, tagId: string): Promise<void> {
    return this.serial(async () => {
      const a = this.annotations.find((x) => x.id === annotationId);
      if (!a) return;
      const next = a.tagIds.includes(tagId) ? a.tagIds.filter((t) => t !== tagId) : [...a.tagIds, tagId];
      await this.writeTags(annotationId, next);
    });
  }

  saveNote(annotationId: string, note: string): Promise<boolean> {
    return this.serial(() => this.writeNote(annotationId, note));
  }

  private async writeNote(annotationId: string, note: string): Promise<boolean> {
    const a = this.annotations.find((x) => x.id === annotationId);
    if (!this.doc || !a || a.note === note) return true;
    const updated = await this.call(api().updateAnnotation({ docId: this.doc.id, annotationId, note }));
    if (!updated) return false;
    this.replace(updated);
    this.notices.say('Note saved.');
    return true;
  }

  remove(annotationId: string): Promise<void> {
    return this.serial(() => this.removeNow(annotationId));
  }

  private async removeNow(annotationId: string): Promise<void> {
    if (!this.doc) return;
    const done = await this.call(api().deleteAnnotation({ docId: this.doc.id, annotationId }));
    if (!done) return;
    this.annotations = this.annotations.filter((a) => a.id !== annotationId);
    if (this.activeId === annotationId) this.activeId = null;
    this.notices.say('Passage deleted.');
    await this.refreshSummaries();
  }

  focus(annotationId: string): void {
    this.activeId = annotationId;
    this.focusRequest++;
  }
}
