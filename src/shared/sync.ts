// What the renderer sees of sync: progress per phase, the report after a sync, conflicts to resolve, the remote set.
export type SyncPhase = 'commit' | 'fetch' | 'merge' | 'push';

export interface SyncProgressEvent {
  phase: SyncPhase;
  detail: string;
}

export interface SyncReportView {
  ok: boolean;
  /** One line for the status bar ("Pulled 12 passages from Sara, pushed 3 passages, 1 conflict to resolve."). */
  summary: string;
  committed: string | null;
  pulled: number;
  pushed: number;
  conflicts: number;
  refused: Array<{ file: string; line: number | null; reason: string }>;
  error: { phase: SyncPhase; code: string; message: string } | null;
}

export interface SyncStatus {
  /** The project folder that syncs (the open corpus), or null when it cannot (the bundled corpus is read-only). */
  folder: string | null;
  remote: string | null;
  hasToken: boolean;
  conflicts: number;
}

/** One conflict, both sides as display text (JSON of the record, or a file's version). */
export interface ConflictView {
  id: string;
  file: string;
  recordId: string | null;
  kind: string;
  fields: string[];
  mine: string | null;
  theirs: string | null;
}

export type ConflictChoice = 'mine' | 'theirs' | 'both';
