// The sync calls' names, apart from their handlers, so the core can list them without loading git.
import type { Method } from '../../../shared/contract';

/** The one list: the handler table's type is made from it, so a sync call cannot be left out of it. */
export const SYNC_METHODS = ['getSyncStatus', 'setSyncRemote', 'syncProject', 'listConflicts', 'resolveConflict'] as const satisfies readonly Method[];
export type SyncMethods = (typeof SYNC_METHODS)[number];
