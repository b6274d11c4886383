// Keeps the passage steps of the undo history in main (the data folder), so Ctrl+Z works after a restart.
import type { UndoRecord } from '../../../shared/contract';
import { UNDO_HISTORY_LIMIT } from '../../../shared/contract';
import type { UndoEntry, UndoStack } from '../lib/undo-stack';
import type { Notices } from './notices.svelte';
import { entryOf, type RecordHost } from './undo-records';

interface KeeperHost extends RecordHost {
  readonly undo: UndoStack;
  readonly notices: Notices;
}

const records = (entries: UndoEntry[]): UndoRecord[] =>
  entries.flatMap((e) => (e.record ? [e.record] : [])).slice(-UNDO_HISTORY_LIMIT);

export class UndoHistoryKeeper {
  /** Saves run one at a time; changes meanwhile are folded into one more save. */
  private saving: Promise<void> | null = null;
  private dirty = false;
  /** While a kept history is being loaded, its own change events are not saved back. */
  private loading = false;

  constructor(private readonly host: KeeperHost) {}

  /**
   * Replaces the stacks with the open corpus's kept history. Codebook steps are of this session only
   * (they are not kept); a history main could not read was set aside there, and the analyst is told.
   */
  async load(): Promise<void> {
    await this.saving;
    const kept = await this.host.call(this.host.client.getUndoHistory({}));
    this.loading = true;
    try {
      const entry = (r: UndoRecord) => entryOf(r, this.host);
      this.host.undo.load(kept?.done.map(entry) ?? [], kept?.undone.map(entry) ?? []);
    } finally {
      this.loading = false;
    }
    if (kept?.problem) this.host.notices.showError(kept.problem);
  }

  /** The stacks changed: save them (soon, never two saves at once). */
  changed(): void {
    if (this.loading) return;
    if (this.saving) {
      this.dirty = true;
      return;
    }
    this.saving = this.save().finally(() => {
      this.saving = null;
      if (!this.dirty) return;
      this.dirty = false;
      this.changed();
    });
  }

  private async save(): Promise<void> {
    const { done, undone } = this.host.undo.entries();
    await this.host.call(this.host.client.saveUndoHistory({ done: records(done), undone: records(undone) }));
  }
}
