// Passage edits (tag, retag, note, delete), each recorded with its inverse so it can be undone.
import type { PlacedAnnotation, TextPosition } from '../../../shared/types';
import { api } from '../lib/api';
import { stored, type Workbench } from './workbench.svelte';

export interface PendingPassage extends TextPosition {
  exact: string;
}

const sameRange = (a: TextPosition | null, b: TextPosition): boolean =>
  a !== null && a.start === b.start && a.end === b.end;

const excerpt = (a: PlacedAnnotation): string => {
  const q = a.target.quote.exact.replace(/\s+/g, ' ');
  return q.length > 40 ? `“${q.slice(0, 39)}…”` : `“${q}”`;
};

export class PassageEditor {
  constructor(private readonly wb: Workbench) {}

  private tagName(tagId: string): string {
    return this.wb.tagsById.get(tagId)?.name ?? tagId;
  }

  private replace(updated: PlacedAnnotation): void {
    this.wb.annotations = this.wb.annotations.map((a) => (a.id === updated.id ? updated : a));
  }

  /** Tags the selected passage; selecting an existing passage exactly adds the tag to it instead. */
  tagSelection(passage: PendingPassage, tagId: string): Promise<void> {
    return this.wb.serial(async () => {
      const existing = this.wb.annotations.find((a) => sameRange(a.range, passage));
      if (existing) {
        if (!existing.tagIds.includes(tagId)) await this.writeTags(existing, [...existing.tagIds, tagId], `add ${this.tagName(tagId)}`);
        this.wb.activeId = existing.id;
        return;
      }
      await this.create(passage, tagId);
    });
  }

  private async create(passage: PendingPassage, tagId: string): Promise<void> {
    const wb = this.wb;
    const doc = wb.doc;
    if (!doc) return;
    const created = await wb.call(api().createAnnotation({ docId: doc.id, ...passage, tagIds: [tagId] }));
    if (!created) return;
    await wb.refreshSummaries();
    const label = `tag ${excerpt(created)} as ${this.tagName(tagId)}`;
    wb.undo.record({
      label,
      docId: doc.id,
      undo: async () => !!(await wb.call(api().deleteAnnotation({ docId: doc.id, annotationId: created.id }))),
      redo: async () => !!(await wb.call(api().restoreAnnotation({ annotation: stored(created) }))),
    });
    if (wb.doc?.id !== doc.id) return; // the analyst moved on to another document meanwhile
    wb.annotations = [...wb.annotations, created].sort((a, b) => (a.range?.start ?? Infinity) - (b.range?.start ?? Infinity));
    wb.activeId = created.id;
    wb.notices.say(`Tagged as ${this.tagName(tagId)}.`);
  }

  toggleTag(annotationId: string, tagId: string): Promise<void> {
    return this.wb.serial(async () => {
      const a = this.wb.annotations.find((x) => x.id === annotationId);
      if (!a) return;
      const has = a.tagIds.includes(tagId);
      const next = has ? a.tagIds.filter((t) => t !== tagId) : [...a.tagIds, tagId];
      await this.writeTags(a, next, `${has ? 'remove' : 'add'} ${this.tagName(tagId)}`);
    });
  }

  private async writeTags(a: PlacedAnnotation, tagIds: string[], what: string): Promise<void> {
    const wb = this.wb;
    const { docId, id: annotationId, tagIds: before } = a;
    const updated = await wb.call(api().updateAnnotation({ docId, annotationId, tagIds }));
    if (!updated) return;
    this.replace(updated);
    const set = (ids: string[]) => async () => !!(await wb.call(api().updateAnnotation({ docId, annotationId, tagIds: ids })));
    wb.undo.record({ label: `${what} on ${excerpt(a)}`, docId, undo: set(before), redo: set(tagIds) });
    await wb.refreshSummaries();
  }

  saveNote(annotationId: string, note: string): Promise<boolean> {
    return this.wb.serial(async () => {
      const wb = this.wb;
      const a = wb.annotations.find((x) => x.id === annotationId);
      if (!a || a.note === note) return true;
      const { docId } = a;
      const updated = await wb.call(api().updateAnnotation({ docId, annotationId, note }));
      if (!updated) return false;
      this.replace(updated);
      const set = (text: string) => async () => !!(await wb.call(api().updateAnnotation({ docId, annotationId, note: text })));
      const entry = { label: `edit the note on ${excerpt(a)}`, docId, undo: set(a.note), redo: set(note), coalesceKey: `note:${annotationId}` };
      // A typing burst is one step: keep the first "before", take the latest "after".
      wb.undo.record(entry, (previous) => ({ ...previous, redo: entry.redo }));
      wb.notices.say('Note saved.');
      return true;
    });
  }

  remove(annotationId: string): Promise<void> {
    return this.wb.serial(async () => {
      const wb = this.wb;
      const a = wb.annotations.find((x) => x.id === annotationId);
      if (!a) return;
      const done = await wb.call(api().deleteAnnotation({ docId: a.docId, annotationId }));
      if (!done) return;
      wb.annotations = wb.annotations.filter((x) => x.id !== annotationId);
      if (wb.activeId === annotationId) wb.activeId = null;
      wb.undo.record({
        label: `delete ${excerpt(a)}`,
        docId: a.docId,
        undo: async () => !!(await wb.call(api().restoreAnnotation({ annotation: stored(a) }))),
        redo: async () => !!(await wb.call(api().deleteAnnotation({ docId: a.docId, annotationId }))),
      });
      wb.notices.say('Passage deleted.');
      await wb.refreshSummaries();
    });
  }
}
