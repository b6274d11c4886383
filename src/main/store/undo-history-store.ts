// undo-history.json on disk: the open corpus's last undo and redo steps, personal derived state (see layout.ts).
import { z } from 'zod';
import { undoHistory, type UndoHistory } from '../../shared/contract';
import { JsonStore, type StoreIo } from './json-store';
import type { CorpusPlace } from './layout';
import { pathsOf } from './path-part';

/** Format version of undo-history.json; bump it when the stored shape changes. */
export const UNDO_HISTORY_FILE_VERSION = 1;

export type UndoHistoryFile = { schemaVersion: typeof UNDO_HISTORY_FILE_VERSION } & UndoHistory;

const undoHistoryFileSchema: z.ZodType<UndoHistoryFile> = undoHistory.extend({
  schemaVersion: z.literal(UNDO_HISTORY_FILE_VERSION),
});

/** The JsonStore of a corpus's undo history, in the data folder (never in a project folder). */
export function undoHistoryFile(place: CorpusPlace, io?: StoreIo): JsonStore<UndoHistoryFile> {
  return new JsonStore<UndoHistoryFile>({
    file: pathsOf(place).undoHistory,
    schema: undoHistoryFileSchema,
    version: UNDO_HISTORY_FILE_VERSION,
    defaults: () => ({ schemaVersion: UNDO_HISTORY_FILE_VERSION, done: [], undone: [] }),
    io,
  });
}
