// Undo and redo of annotation and codebook operations: a plain stack, so it is tested in Node.
import type { UndoRecord } from '../../../shared/contract';

export interface UndoEntry {
  /** What the operation did, e.g. "tag passage as Friction". */
  label: string;
  /** Document the operation touched, so undo can show it; null for codebook operations. */
  docId: string | null;
  /** true when done; false when it failed (the error was shown); a string says why it could not apply. */
  undo(): Promise<boolean | string>;
  redo(): Promise<boolean | string>;
  /** The operation as data, for entries kept across restarts (passage operations); absent: this session only. */
  record?: UndoRecord;
  /** Entries with the same key recorded in quick succession form one step (a typing burst in a note). */
  coalesceKey?: string;
}

export interface UndoStackOptions {
  limit?: number;
  coalesceMs?: number;
  now?: () => number;
  /** Called after every change, so a reactive wrapper can refresh what it shows. */
  onChange?: () => void;
}

interface Stamped {
  entry: UndoEntry;
  at: number;
}

export class UndoStack {
  private done: Stamped[] = [];
  private undone: Stamped[] = [];
  private readonly limit: number;
  private readonly coalesceMs: number;
  private readonly now: () => number;
  private readonly onChange: () => void;

  constructor(options: UndoStackOptions = {}) {
    this.limit = options.limit ?? 500;
    this.coalesceMs = options.coalesceMs ?? 4_000;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange ?? (() => {});
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }
  get canRedo(): boolean {
    return this.undone.length > 0;
  }
  get nextUndo(): string | null {
    return this.done.at(-1)?.entry.label ?? null;
  }
  get nextRedo(): string | null {
    return this.undone.at(-1)?.entry.label ?? null;
  }

  /** The last step that could not apply, and why (null reason: the error was already shown); cleared by the next step. */
  failed: { entry: UndoEntry; reason: string | null } | null = null;

  /** Both stacks, oldest first. */
  entries(): { done: UndoEntry[]; undone: UndoEntry[] } {
    return { done: this.done.map((s) => s.entry), undone: this.undone.map((s) => s.entry) };
  }

  /** Starts from a history kept earlier (after a restart); never coalesced with what follows. */
  load(done: readonly UndoEntry[], undone: readonly UndoEntry[]): void {
    this.done = done.slice(-this.limit).map((entry) => ({ entry, at: -Infinity }));
    this.undone = undone.slice(-this.limit).map((entry) => ({ entry, at: -Infinity }));
    this.onChange();
  }

  /** Forgets everything, e.g. when another corpus opens and the old operations no longer apply. */
  clear(): void {
    this.done = [];
    this.undone = [];
    this.onChange();
  }

  /**
   * Records a finished operation and clears the redo stack. With `merge`, an entry whose
   * coalesceKey matches the latest one's, recorded soon after, replaces it with the merged entry.
   */
  record(entry: UndoEntry, merge?: (previous: UndoEntry) => UndoEntry): void {
    const last = this.done.at(-1);
    const at = this.now();
    const coalesce =
      merge && last && entry.coalesceKey !== undefined && last.entry.coalesceKey === entry.coalesceKey && at - last.at < this.coalesceMs;
    if (coalesce) this.done[this.done.length - 1] = { entry: merge(last.entry), at };
    else this.done.push({ entry, at });
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
    this.onChange();
  }

  /** Undoes the latest operation; answers it, or null when there was none or undoing failed (it is then dropped). */
  async undo(): Promise<UndoEntry | null> {
    return this.step(this.done, this.undone, (e) => e.undo());
  }

  async redo(): Promise<UndoEntry | null> {
    return this.step(this.undone, this.done, (e) => e.redo());
  }

  private async step(from: Stamped[], to: Stamped[], run: (e: UndoEntry) => Promise<boolean | string>): Promise<UndoEntry | null> {
    this.failed = null;
    const item = from.pop();
    if (!item) return null;
    this.onChange();
    // A failed step cannot be retried safely (the data moved on), so it leaves the history.
    const outcome = await run(item.entry);
    if (outcome !== true) {
      this.failed = { entry: item.entry, reason: typeof outcome === 'string' ? outcome : null };
      this.onChange();
      return null;
    }
    to.push({ entry: item.entry, at: this.now() });
    this.onChange();
    return item.entry;
  }
}
