// Handlers for memos: list, save, delete, restore and search, and a damaged memos file's backups, each a call of the MemoService.
import type { Handlers } from '../../../shared/contract';
import type { MemoService } from '../memo-service';

export interface MemoHandlerDeps {
  memos: MemoService;
}

type MemoMethods = 'listMemos' | 'saveMemo' | 'deleteMemo' | 'restoreMemo' | 'searchMemos' | 'getMemoDamage' | 'restoreMemoBackup' | 'startMemosEmpty';

export function memoHandlers({ memos }: MemoHandlerDeps): Pick<Handlers, MemoMethods> {
  return {
    listMemos: async () => memos.list(),
    saveMemo: async (args) => memos.save(args),
    deleteMemo: async ({ memoId }) => memos.delete(memoId),
    restoreMemo: async ({ memo }) => memos.restore(memo),
    searchMemos: async ({ query, ...options }) => memos.search(query, options),
    getMemoDamage: async () => memos.damage(),
    restoreMemoBackup: async ({ generation }) => ({ memos: await memos.restoreBackup(generation) }),
    startMemosEmpty: async () => ({ memos: await memos.startEmpty() }),
  };
}
