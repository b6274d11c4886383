// Handlers for the undo history kept across restarts (the renderer owns the stacks; main keeps them on disk).
import type { Handlers } from '../../../shared/contract';
import type { UndoHistoryService } from '../undo-history-service';

export function undoHandlers(deps: { history: UndoHistoryService }): Pick<Handlers, 'getUndoHistory' | 'saveUndoHistory'> {
  return {
    getUndoHistory: async () => deps.history.get(),
    saveUndoHistory: async (history) => deps.history.save(history),
  };
}
