// Handlers for damaged annotation files: which documents are affected, and restoring a backup generation.
import type { Handlers } from '../../../shared/contract';
import type { AnnotationStore } from '../../store/annotation-store';

export function recoveryHandlers(deps: { store: AnnotationStore }): Pick<Handlers, 'listDamaged' | 'restoreBackup' | 'startEmpty'> {
  return {
    listDamaged: async () => deps.store.damaged(),
    restoreBackup: async ({ docId, generation }) => ({ passages: (await deps.store.restoreBackup(docId, generation)).length }),
    startEmpty: async ({ docId }) => {
      await deps.store.startEmpty(docId);
      return { docId };
    },
  };
}
