// Three-way merge of one file of the project by its kind: JSONL data by record id (the codebook by field), JSON
// objects by key, anything else kept as mine with theirs recorded; never conflict markers, nothing lost.
import { JsonlError, parseJsonl, type JsonlFile } from './jsonl';
import { FormatMismatch, mergeRecords, type ConflictKind, type RecordMergeCounts } from './record-merge';
import { CONFLICTS_FILE, conflictId, type StoredConflict } from './conflicts';

export interface Refusal {
  file: string;
  line: number | null;
  reason: string;
}

export interface FileMergeResult {
  /** The merged bytes, or null for a file the merge leaves deleted. */
  content: Uint8Array | null;
  conflicts: StoredConflict[];
  /** Set when theirs (or mine) could not be read: mine was kept unchanged. */
  refused: Refusal | null;
  counts: RecordMergeCounts;
}

export interface Blob {
  bytes: Uint8Array;
  /** The git object id, so a conflict on a file that is not data can name both versions. */
  oid: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const none: RecordMergeCounts = { added: 0, edited: 0, removed: 0 };

/** Files merged field by field: a rename on one side and a recolour on the other both land. */
export const isFieldMerged = (path: string, format?: string): boolean =>
  /(^|\/)\.glossator\/codebook\.jsonl$/.test(path) || (format !== undefined && /^glossator-(codebook|tags)\//.test(format));

function read(path: string, blob: Blob | null, side: 'mine' | 'theirs' | 'base'): JsonlFile | null {
  if (!blob) return null;
  let text: string;
  try {
    text = decoder.decode(blob.bytes);
  } catch {
    throw new JsonlError(path, 1, `${side === 'mine' ? 'our' : 'their'} version is not UTF-8 text`);
  }
  try {
    return parseJsonl(text, path);
  } catch (error) {
    if (error instanceof JsonlError && side === 'base') return null; // a bad ancestor only loses us the common base
    throw error;
  }
}

function keepMine(mine: Blob | null, refused: Refusal | null, conflicts: StoredConflict[] = []): FileMergeResult {
  return { content: mine?.bytes ?? null, conflicts, refused, counts: none };
}

export function mergeFile(path: string, base: Blob | null, mine: Blob | null, theirs: Blob | null, found: string): FileMergeResult {
  if (path.endsWith('.jsonl')) return mergeJsonl(path, base, mine, theirs, found);
  if (path.endsWith('.json')) return mergeJson(path, base, mine, theirs, found);
  // A document or any other file changed on both sides: mine stays, theirs is recorded (and stays in history).
  const kind: ConflictKind | 'file' = mine === null ? 'delete-edit' : theirs === null ? 'edit-delete' : 'file';
  const conflict: StoredConflict = {
    id: conflictId(path, null),
    file: path,
    recordId: null,
    kind,
    base: base ? { blob: base.oid } : null,
    mine: mine ? { blob: mine.oid } : null,
    theirs: theirs ? { blob: theirs.oid } : null,
    found,
  };
  return { content: (mine ?? theirs)!.bytes, conflicts: [conflict], refused: null, counts: none };
}

function mergeJsonl(path: string, base: Blob | null, mine: Blob | null, theirs: Blob | null, found: string): FileMergeResult {
  let files: [JsonlFile | null, JsonlFile | null, JsonlFile | null];
  try {
    files = [read(path, base, 'base'), read(path, mine, 'mine'), read(path, theirs, 'theirs')];
  } catch (error) {
    if (error instanceof JsonlError) return keepMine(mine, { file: error.file, line: error.line, reason: error.reason });
    throw error;
  }
  const [b, m, t] = files;
  if (path === CONFLICTS_FILE || path.endsWith(`/${CONFLICTS_FILE}`)) {
    // Conflicts recorded on both sides: the union. One recorded twice keeps mine; one resolved on one side and
    // recorded again on the other stays (resolving deletes its record), so a conflict is never dropped unseen.
    const merged = mergeRecords(b, m, t);
    return { content: merged.text === null ? null : encoder.encode(merged.text), conflicts: [], refused: null, counts: none };
  }
  try {
    const merged = mergeRecords(b, m, t, { byField: isFieldMerged(path, (m ?? t)?.format) });
    const conflicts = merged.conflicts.map(
      (c): StoredConflict => ({ id: conflictId(path, c.recordId), file: path, ...c, found }),
    );
    return { content: merged.text === null ? null : encoder.encode(merged.text), conflicts, refused: null, counts: merged.counts };
  } catch (error) {
    if (error instanceof FormatMismatch) return keepMine(mine, { file: path, line: 1, reason: error.message });
    throw error;
  }
}

type JsonObject = Record<string, unknown>;

function readJson(path: string, blob: Blob | null, side: 'base' | 'mine' | 'theirs'): JsonObject | null {
  if (!blob) return null;
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(blob.bytes));
  } catch (error) {
    if (side === 'base') return null;
    const reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'not UTF-8 text';
    const line = /line (\d+)/.exec(String((error as Error).message))?.[1];
    throw new JsonlError(path, line ? Number(line) : 1, reason);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (side === 'base') return null;
    throw new JsonlError(path, 1, 'not a JSON object');
  }
  return value as JsonObject;
}

function mergeJson(path: string, base: Blob | null, mine: Blob | null, theirs: Blob | null, found: string): FileMergeResult {
  let b: JsonObject | null, m: JsonObject | null, t: JsonObject | null;
  try {
    [b, m, t] = [readJson(path, base, 'base'), readJson(path, mine, 'mine'), readJson(path, theirs, 'theirs')];
  } catch (error) {
    if (error instanceof JsonlError) return keepMine(mine, { file: error.file, line: error.line, reason: error.reason });
    throw error;
  }
  if (!m || !t) {
    const kind: ConflictKind = m ? 'edit-delete' : 'delete-edit';
    const conflict: StoredConflict = { id: conflictId(path, null), file: path, recordId: null, kind, base: b, mine: m, theirs: t, found };
    return { content: (mine ?? theirs)!.bytes, conflicts: [conflict], refused: null, counts: none };
  }
  const merged: JsonObject = {};
  const clashes: string[] = [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  for (const key of new Set([...Object.keys(m), ...Object.keys(t), ...Object.keys(b ?? {})])) {
    const [bv, mv, tv] = [b?.[key], m[key], t[key]];
    const value = same(mv, tv) ? mv : same(bv, mv) ? tv : same(bv, tv) ? mv : (clashes.push(key), mv);
    if (value !== undefined) merged[key] = value;
  }
  const conflicts: StoredConflict[] =
    clashes.length === 0 ? [] : [{ id: conflictId(path, null), file: path, recordId: null, kind: 'edit-edit', base: b, mine: m, theirs: t, fields: clashes, found }];
  // Keep mine's formatting when nothing of theirs was taken.
  const content = same(merged, m) ? mine!.bytes : encoder.encode(`${JSON.stringify(merged, null, 2)}\n`);
  return { content, conflicts, refused: null, counts: none };
}
