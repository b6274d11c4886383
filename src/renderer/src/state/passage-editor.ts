// Passage edits (tag, retag, note, delete), each recorded with its inverse so it can be undone.
import type { GlossDocument, PlacedAnnotation, TextPosition } from '../../../shared/types';
import { checkRange, describe } from '../../../shared/anchoring';
import { inQuotes } from '../../../shared/quote-marks';
import { MAX_NOTE_LENGTH } from '../../../shared/limits';
import { stored, type Workbench } from './workbench.svelte';
import { entryOf } from './undo-records';

export interface PendingPassage extends TextPosition {
  exact: string;
}

const sameRange = (a: TextPosition | null, b: TextPosition): boolean =>
  a !== null && a.start === b.start && a.end === b.end;

/** A passage named in messages and undo labels: its quote, cut at a word near 40 characters. */
export function excerpt(a: Pick<PlacedAnnotation, 'target'>): string {
  const q = a.target.quote.exact.replace(/\s+/g, ' ').trim();
  if (q.length <= 40) return inQuotes(q);
  const cut = q.slice(0, 40);
  const space = cut.lastIndexOf(' ');
  return inQuotes(`${(space > 20 ? cut.slice(0, space) : cut.slice(0, 39)).trimEnd()}…`);
}

/** A note draft main has not saved (over the limit, or refused): kept so switching documents loses nothing. */
export interface UnsavedNote {
  docId: string;
  annotationId: string;
  note: string;
  /** The passage's excerpt, for the message that says the draft was kept. */
  passage: string;
}

/** `list` (in reading order) with `a` inserted where its start puts it, found by binary search. */
function insertInReadingOrder(list: readonly PlacedAnnotation[], a: PlacedAnnotation): PlacedAnnotation[] {
  const start = a.range?.start ?? Infinity;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]!.range?.start ?? Infinity) <= start) lo = mid + 1;
    else hi = mid;
  }
  return [...list.slice(0, lo), a, ...list.slice(lo)];
}

/** Prefix of the ids of passages shown before main has saved them. */
const PROVISIONAL = 'pending-';

export class PassageEditor {
  private pending = 0;
  /** Provisional id → saved id, for keys pressed while a new passage was being saved. */
  private readonly aliases = new Map<string, string>();
  /** Saved id → provisional id: the panel keeps the item it showed first, with its note draft and focus. */
  private readonly firstIds = new Map<string, string>();

  /** Provisional passages whose save has not been answered yet. */
  private readonly saving = new Set<string>();

  /** Note drafts main has not saved, by annotation id. */
  private readonly unsaved = new Map<string, UnsavedNote>();

  /**
   * Whether a passage is still being saved (shown before main has confirmed it). Not reactive by
   * itself: the saved passage replaces the provisional one, which re-renders whoever asked.
   */
  isSaving(id: string): boolean {
    return this.saving.has(id);
  }

  /** A key for views that stays the same when a provisional passage is replaced by the saved one. */
  viewKey(id: string): string {
    return this.firstIds.get(id) ?? id;
  }

  private resolve(id: string): string {
    return this.aliases.get(id) ?? id;
  }

  constructor(private readonly wb: Workbench) {}

  private get client() {
    return this.wb.client;
  }

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
        this.wb.activeId = existing.id;
        if (!existing.tagIds.includes(tagId)) await this.writeTags(existing, [...existing.tagIds, tagId], `add ${this.tagName(tagId)}`);
        else this.wb.notices.say(`${excerpt(existing)} is already tagged ${this.tagName(tagId)}.`);
        return;
      }
      await this.create(passage, tagId);
    });
  }

  // Shown at once, before main has saved it, so the highlight follows the keypress within a frame;
  // the saved passage replaces it, or it goes again if the save fails (the error is shown).
  private provisional(doc: GlossDocument, passage: PendingPassage, tagId: string): PlacedAnnotation {
    const now = new Date().toISOString();
    const { start, end } = passage;
    // A range main would refuse is shown as selected; main's answer then says what is wrong.
    const target = checkRange(doc.text, start, end) === null
      ? describe(doc.text, start, end, doc.contentHash)
      : { position: { start, end }, quote: { exact: passage.exact, prefix: '', suffix: '' }, contentHash: doc.contentHash };
    return {
      id: `${PROVISIONAL}${++this.pending}`,
      docId: doc.id,
      target,
      tagIds: [tagId],
      note: '',
      created: now,
      modified: now,
      state: 'anchored',
      range: { start: passage.start, end: passage.end },
    };
  }

  private async create(passage: PendingPassage, tagId: string): Promise<void> {
    const wb = this.wb;
    const doc = wb.doc;
    if (!doc) return;
    const shown = this.provisional(doc, passage, tagId);
    this.saving.add(shown.id);
    wb.annotations = insertInReadingOrder(wb.annotations, shown);
    wb.activeId = shown.id;
    const created = await wb.call(this.client.createAnnotation({ docId: doc.id, ...passage, tagIds: [tagId] }));
    this.saving.delete(shown.id);
    const swap = (to: PlacedAnnotation | null) => {
      wb.annotations = to ? wb.annotations.map((a) => (a.id === shown.id ? to : a)) : wb.annotations.filter((a) => a.id !== shown.id);
      if (wb.activeId === shown.id) wb.activeId = to?.id ?? null;
    };
    if (!created) return swap(null);
    this.aliases.set(shown.id, created.id);
    this.firstIds.set(created.id, shown.id);
    wb.refreshSummariesSoon(doc.id);
    const label = `tag ${excerpt(created)} as ${this.tagName(tagId)}`;
    wb.undo.record(entryOf({ kind: 'create', label, docId: doc.id, annotation: stored(created) }, wb));
    if (wb.doc?.id !== doc.id) return; // the analyst moved on to another document meanwhile
    swap(created);
    wb.notices.say(`Tagged ${excerpt(created)} as ${this.tagName(tagId)}.`, { undoable: true });
  }

  toggleTag(annotationId: string, tagId: string): Promise<void> {
    return this.wb.serial(async () => {
      // A key pressed while the passage was still being saved names its provisional id.
      const id = this.resolve(annotationId);
      const a = this.wb.annotations.find((x) => x.id === id);
      if (!a) return;
      const has = a.tagIds.includes(tagId);
      const next = has ? a.tagIds.filter((t) => t !== tagId) : [...a.tagIds, tagId];
      await this.writeTags(a, next, `${has ? 'remove' : 'add'} ${this.tagName(tagId)}`);
    });
  }

  /** Writes a passage's tags and says what changed, e.g. "Added Hedging to “…”." */
  private async writeTags(a: PlacedAnnotation, tagIds: string[], what: string): Promise<void> {
    const wb = this.wb;
    const { docId, id: annotationId, tagIds: before } = a;
    // Painted at once; put back as it was if main refuses.
    this.replace({ ...a, tagIds });
    const updated = await wb.call(this.client.updateAnnotation({ docId, annotationId, tagIds }));
    if (!updated) {
      if (wb.annotations.some((x) => x.id === annotationId)) this.replace(a);
      return;
    }
    this.replace(updated);
    wb.undo.record(entryOf({ kind: 'tags', label: `${what} on ${excerpt(a)}`, docId, annotationId, before, after: tagIds }, wb));
    wb.refreshSummariesSoon(docId);
    const added = tagIds.filter((t) => !before.includes(t)).map((t) => this.tagName(t));
    const removed = before.filter((t) => !tagIds.includes(t)).map((t) => this.tagName(t));
    const parts = [added.length ? `Added ${added.join(', ')} to` : '', removed.length ? `Removed ${removed.join(', ')} from` : ''];
    wb.notices.say(`${parts.filter(Boolean).join('; ')} ${excerpt(a)}.`, { undoable: true });
  }

  /** The draft of a note main has not saved, if any: the panel shows it instead of the saved note. */
  draftOf(annotationId: string): string | null {
    return this.unsaved.get(this.resolve(annotationId))?.note ?? null;
  }

  /** Note drafts of a document that main has not saved. */
  unsavedIn(docId: string): UnsavedNote[] {
    return [...this.unsaved.values()].filter((u) => u.docId === docId);
  }

  /**
   * Saves a passage's note; says "Note saved." only once main has confirmed it. A note over the
   * limit is not sent: it is kept as a draft (the panel shows the limit), as is one main refuses.
   * Works for a passage of a document no longer open, so a save that lands after a switch is kept.
   */
  saveNote(passage: PlacedAnnotation, note: string): Promise<boolean> {
    return this.wb.serial(async () => {
      const wb = this.wb;
      const annotationId = this.resolve(passage.id);
      const a = wb.annotations.find((x) => x.id === annotationId) ?? (annotationId === passage.id ? passage : null);
      if (!a) return false; // a provisional passage whose save failed: it is gone
      const keep = () => {
        this.unsaved.set(annotationId, { docId: a.docId, annotationId, note, passage: excerpt(a) });
        return false;
      };
      if (note.length > MAX_NOTE_LENGTH) return keep();
      if (a.note === note) {
        this.unsaved.delete(annotationId);
        return true;
      }
      const { docId } = a;
      const updated = await wb.call(this.client.updateAnnotation({ docId, annotationId, note }));
      if (!updated) return keep();
      this.unsaved.delete(annotationId);
      this.replace(updated);
      const record = { kind: 'note', label: `edit the note on ${excerpt(a)}`, docId, annotationId, before: a.note, after: note } as const;
      // A typing burst is one step: keep the first "before", take the latest "after".
      wb.undo.record(entryOf(record, wb), (previous) =>
        previous.record?.kind === 'note' ? entryOf({ ...record, before: previous.record.before }, wb) : entryOf(record, wb),
      );
      wb.notices.say('Note saved.');
      return true;
    });
  }

  remove(id: string): Promise<void> {
    return this.wb.serial(async () => {
      const wb = this.wb;
      const annotationId = this.resolve(id);
      const a = wb.annotations.find((x) => x.id === annotationId);
      if (!a) return;
      const done = await wb.call(this.client.deleteAnnotation({ docId: a.docId, annotationId }));
      if (!done) return;
      wb.annotations = wb.annotations.filter((x) => x.id !== annotationId);
      if (wb.activeId === annotationId) wb.activeId = null;
      wb.undo.record(entryOf({ kind: 'delete', label: `delete ${excerpt(a)}`, docId: a.docId, annotation: stored(a) }, wb));
      this.unsaved.delete(annotationId);
      wb.notices.say(`Deleted ${excerpt(a)}.`, { undoable: true });
      wb.refreshSummariesSoon(a.docId);
    });
  }
}
