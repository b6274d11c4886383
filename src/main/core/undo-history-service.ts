// The open corpus's undo history across restarts: read once, replaced on each save, a damaged file set aside and reported.
import type { UndoHistory } from '../../shared/contract';
import { UNDO_HISTORY_LIMIT } from '../../shared/contract';
import { GlossatorError } from '../../shared/result';
import type { JsonStore, StoreIo } from '../store/json-store';
import type { CorpusPlace } from '../store/layout';
import { undoHistoryFile, type UndoHistoryFile } from '../store/undo-history-store';

export class UndoHistoryService {
  private readonly file: JsonStore<UndoHistoryFile>;

  constructor(paths: CorpusPlace, io: StoreIo = {}) {
    this.file = undoHistoryFile(paths, io);
  }

  /**
   * The history as last saved. It is a convenience, not research data: a file that cannot be read
   * never keeps the corpus from opening. It is set aside (never overwritten, see JsonStore.startEmpty),
   * a new history starts, and `problem` says what happened so the analyst is told.
   */
  async get(): Promise<UndoHistory & { problem: string | null }> {
    try {
      const { done, undone } = await this.file.read();
      return { done, undone, problem: null };
    } catch (error) {
      if (!(error instanceof GlossatorError) || error.code !== 'store-unreadable') throw error;
      const why = this.file.damage?.message ?? error.message;
      try {
        await this.file.startEmpty();
      } catch (startError) {
        return { done: [], undone: [], problem: `${why} The undo history could not be started afresh either: ${(startError as Error).message}` };
      }
      return { done: [], undone: [], problem: `The undo history could not be read, so it starts empty. ${why}` };
    }
  }

  /** Replaces the stored history with the latest steps (the oldest beyond the limit are dropped). */
  async save(history: UndoHistory): Promise<{ saved: number }> {
    const done = history.done.slice(-UNDO_HISTORY_LIMIT);
    const undone = history.undone.slice(-UNDO_HISTORY_LIMIT);
    await this.file.update((draft) => {
      draft.done = done;
      draft.undone = undone;
    });
    return { saved: done.length + undone.length };
  }

  flush(): Promise<void> {
    return this.file.flush();
  }
}
