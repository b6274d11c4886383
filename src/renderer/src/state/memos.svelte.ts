// Memos in the renderer: the corpus's memos, saving (never "saved" when it was not), deleting, undo, and which memo dialog is open.
import { getContext, setContext } from 'svelte';
import type { DamagedMemos, Memo, MemoSearchResults, MemoSubject } from '../../../shared/memos';
import { journalEntries, memoOf } from '../../../shared/memos';
import type { SearchOptions } from '../../../shared/types';
import type { Workbench } from './workbench.svelte';

/** A memo dialog: a document's or tag's memo, with the title it is shown under. */
export interface MemoTarget {
  subject: MemoSubject;
  title: string;
}

/** What a save answers: the saved memo, or why it failed (the draft stays with the editor). */
export type SaveOutcome = { ok: true; memo: Memo } | { ok: false; message: string };

export class MemoState {
  memos = $state.raw<Memo[]>([]);
  /** The memo dialog that is open (a tag's, a document's), or null. */
  dialog = $state<MemoTarget | null>(null);
  journalOpen = $state(false);
  /** Why the memos could not be listed (e.g. memos.json is damaged); null when they could. */
  problem = $state<string | null>(null);
  /** The damaged memos file and its backups, when it could not be read; null otherwise. */
  damage = $state<DamagedMemos | null>(null);

  constructor(private readonly wb: Workbench) {}

  journal = $derived(journalEntries(this.memos));

  of(subject: MemoSubject): Memo | undefined {
    return memoOf(this.memos, subject);
  }

  /** Whether a document has a memo with text: the document list marks it. */
  hasDocumentMemo(docId: string): boolean {
    return (this.of({ kind: 'document', docId })?.text.trim() ?? '') !== '';
  }

  async load(): Promise<void> {
    const result = await this.wb.client.listMemos({});
    if (result.ok) {
      this.memos = result.value;
      this.problem = null;
      this.damage = null;
    } else {
      this.problem = result.error.message;
      // A damaged file gets its own notice with the backups to restore; anything else is an error.
      const damage = result.error.code === 'store-unreadable' ? await this.wb.client.getMemoDamage({}) : null;
      this.damage = damage?.ok ? damage.value : null;
      if (!this.damage) this.wb.notices.showError(`Memos could not be read: ${result.error.message}`);
    }
  }

  /** Puts a backup in place of the damaged memos file, then reads the memos again. */
  async restoreBackup(generation: number): Promise<void> {
    const restored = await this.wb.call(this.wb.client.restoreMemoBackup({ generation }));
    if (!restored) return;
    await this.load();
    this.wb.notices.say(`Memo backup restored: ${restored.memos} ${restored.memos === 1 ? 'memo is' : 'memos are'} back.`);
  }

  /** Starts with no memos; the damaged file stays where it was moved. */
  async startEmpty(): Promise<void> {
    if (!(await this.wb.call(this.wb.client.startMemosEmpty({})))) return;
    await this.load();
    this.wb.notices.say('Memos start empty; the damaged file was kept.');
  }

  /**
   * Saves a memo and records it for undo. A failure is answered (and shown), never reported as
   * saved: the editor keeps the draft.
   */
  async save(subject: MemoSubject, text: string, memoId?: string): Promise<SaveOutcome> {
    const previous = memoId !== undefined ? this.memos.find((m) => m.id === memoId) : subject.kind === 'journal' ? undefined : this.of(subject);
    const result = await this.wb.client.saveMemo({ subject, text, ...(memoId === undefined ? {} : { memoId }) });
    if (!result.ok) {
      this.wb.notices.showError(`The memo was not saved: ${result.error.message}`);
      return { ok: false, message: result.error.message };
    }
    const saved = result.value;
    this.put(saved);
    const label = `${previous ? 'edit' : 'add'} ${describe(subject)}`;
    this.wb.undo.record({
      label,
      docId: null,
      undo: async () => this.apply(previous ? this.wb.client.restoreMemo({ memo: previous }) : this.wb.client.deleteMemo({ memoId: saved.id }), previous ?? null, saved.id),
      redo: async () => this.apply(this.wb.client.restoreMemo({ memo: saved }), saved, saved.id),
    });
    this.wb.notices.say(`Saved the ${describe(subject)}.`, { undoable: true });
    return { ok: true, memo: saved };
  }

  async remove(memo: Memo): Promise<boolean> {
    const result = await this.wb.client.deleteMemo({ memoId: memo.id });
    if (!result.ok) {
      this.wb.notices.showError(`The memo was not deleted: ${result.error.message}`);
      return false;
    }
    this.memos = this.memos.filter((m) => m.id !== memo.id);
    this.wb.undo.record({
      label: `delete ${describe(memo.subject)}`,
      docId: null,
      undo: async () => this.apply(this.wb.client.restoreMemo({ memo }), memo, memo.id),
      redo: async () => this.apply(this.wb.client.deleteMemo({ memoId: memo.id }), null, memo.id),
    });
    this.wb.notices.say(`Deleted the ${describe(memo.subject)}.`, { undoable: true });
    return true;
  }

  search(query: string, options: SearchOptions): Promise<MemoSearchResults | null> {
    return this.wb.call(this.wb.client.searchMemos({ query, ...options }));
  }

  /** Opens the memo behind a search hit: a document's or tag's in its dialog, a journal entry in the journal. */
  open(memo: Memo, title: string): void {
    if (memo.subject.kind === 'journal') this.journalOpen = true;
    else this.dialog = { subject: memo.subject, title };
  }

  private async apply(call: Promise<{ ok: boolean }>, memo: Memo | null, id: string): Promise<boolean> {
    const result = await call;
    if (!result.ok) return false;
    if (memo) this.put(memo);
    else this.memos = this.memos.filter((m) => m.id !== id);
    return true;
  }

  private put(memo: Memo): void {
    const at = this.memos.findIndex((m) => m.id === memo.id);
    this.memos = at < 0 ? [...this.memos, memo] : this.memos.map((m, i) => (i === at ? memo : m));
  }
}

function describe(subject: MemoSubject): string {
  return subject.kind === 'document' ? 'document memo' : subject.kind === 'tag' ? 'tag memo' : 'journal entry';
}

const KEY = Symbol('memos');

/** Makes the memo state reachable from any component below (set once, in App). */
export function provideMemos(memos: MemoState): void {
  setContext(KEY, memos);
}

export function useMemos(): MemoState {
  return getContext<MemoState>(KEY);
}
