// Three-way merge of one JSONL data file by record id (passages, memos, metadata, the codebook), generic over the
// record type; with `byField` (the codebook) two edits of one record merge when they touch different fields.
import { canonical, formatKind, formatVersion, sameValue, serialiseJsonl, type JsonlFile, type JsonlRecord } from './jsonl';

type Value = Record<string, unknown>;

export type ConflictKind =
  | 'edit-edit' // both sides changed the record differently (for the codebook: the same field)
  | 'add-add' // both sides added a record under one id with different content
  | 'delete-edit' // mine deleted it, theirs edited it
  | 'edit-delete'; // mine edited it, theirs deleted it

export interface RecordConflict {
  recordId: string;
  kind: ConflictKind;
  base: Value | null;
  mine: Value | null;
  theirs: Value | null;
  /** For field merges: the fields both sides changed differently. */
  fields?: string[];
}

export interface RecordMergeCounts {
  /** Changes theirs brought into mine (what "pulled" reports). */
  added: number;
  edited: number;
  removed: number;
}

export interface RecordMergeResult {
  /** The merged file, or null when both sides' changes leave it deleted. */
  text: string | null;
  conflicts: RecordConflict[];
  counts: RecordMergeCounts;
}

export class FormatMismatch extends Error {}

const present = (file: JsonlFile | null, id: string): JsonlRecord | undefined => file?.records.get(id);

function headerOf(base: JsonlFile | null, mine: JsonlFile | null, theirs: JsonlFile | null): string {
  const files = [mine, theirs, base].filter((f): f is JsonlFile => f !== null);
  const kinds = new Set(files.map((f) => formatKind(f.format)));
  if (kinds.size > 1) throw new FormatMismatch(`the two sides hold different kinds of file (${[...kinds].join(', ')})`);
  if (mine && theirs && formatVersion(theirs.format) > formatVersion(mine.format)) {
    throw new FormatMismatch(`theirs was written by a newer Glossator (${theirs.format}; this one reads ${mine.format})`);
  }
  if (mine && theirs && formatVersion(mine.format) !== formatVersion(theirs.format)) {
    throw new FormatMismatch(`the two sides are in different formats (${mine.format}, ${theirs.format})`);
  }
  return (mine ?? theirs ?? base)!.headerLine;
}

/** Field-by-field three-way merge of one record; null when a field was changed differently on both sides. */
function mergeFields(base: Value, mine: Value, theirs: Value): { merged: Value; clashes: string[] } {
  const merged: Value = {};
  const clashes: string[] = [];
  // Mine's key order first, so an untouched line keeps its shape.
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs), ...Object.keys(base)])];
  for (const key of keys) {
    const [b, m, t] = [base[key], mine[key], theirs[key]];
    let value: unknown;
    if (sameValue(m, t)) value = m;
    else if (sameValue(b, m)) value = t;
    else if (sameValue(b, t)) value = m;
    else {
      clashes.push(key);
      value = m;
    }
    if (value !== undefined) merged[key] = value;
  }
  return { merged, clashes };
}

const lineOf = (value: Value): string => JSON.stringify(value);

/**
 * Merges by id: added on one or both sides → kept; changed on one side → the change; changed identically → once;
 * changed differently, or deleted against changed → a conflict, whose provisional result is mine (or, when mine
 * deleted it, theirs: nothing disappears until the analyst decides).
 */
export function mergeRecords(
  base: JsonlFile | null,
  mine: JsonlFile | null,
  theirs: JsonlFile | null,
  options: { byField?: boolean } = {},
): RecordMergeResult {
  const header = headerOf(base, mine, theirs);
  const ids = new Set([...(base?.records.keys() ?? []), ...(mine?.records.keys() ?? []), ...(theirs?.records.keys() ?? [])]);
  const out: JsonlRecord[] = [];
  const conflicts: RecordConflict[] = [];
  const counts: RecordMergeCounts = { added: 0, edited: 0, removed: 0 };
  for (const id of ids) {
    const [b, m, t] = [present(base, id), present(mine, id), present(theirs, id)];
    const eq = (x: JsonlRecord | undefined, y: JsonlRecord | undefined) =>
      x === undefined || y === undefined ? x === y : x.line === y.line || sameValue(x.value, y.value);
    if (eq(m, t)) {
      if (m) out.push(m);
      continue;
    }
    if (eq(b, m)) {
      // Only theirs changed it.
      if (t) out.push(t);
      if (!m && t) counts.added++;
      else if (m && t) counts.edited++;
      else counts.removed++;
      continue;
    }
    if (eq(b, t)) {
      if (m) out.push(m);
      continue;
    }
    if (b && m && t && options.byField) {
      const { merged, clashes } = mergeFields(b.value, m.value, t.value);
      const line = canonical(merged) === canonical(m.value) ? m.line : lineOf(merged);
      out.push({ id, line, value: merged });
      if (clashes.length > 0) conflicts.push({ recordId: id, kind: 'edit-edit', base: b.value, mine: m.value, theirs: t.value, fields: clashes });
      else counts.edited++;
      continue;
    }
    const kind: ConflictKind = !b ? 'add-add' : !m ? 'delete-edit' : !t ? 'edit-delete' : 'edit-edit';
    conflicts.push({ recordId: id, kind, base: b?.value ?? null, mine: m?.value ?? null, theirs: t?.value ?? null });
    out.push((m ?? t)!);
  }
  const deleted = out.length === 0 && (mine === null || theirs === null);
  return { text: deleted ? null : serialiseJsonl(header, out), conflicts, counts };
}

/** Record-level changes between two versions of a file (for commit messages and sync reports). */
export function diffRecords(before: JsonlFile | null, after: JsonlFile | null): { added: JsonlRecord[]; edited: Array<[JsonlRecord, JsonlRecord]>; removed: JsonlRecord[] } {
  const added: JsonlRecord[] = [];
  const edited: Array<[JsonlRecord, JsonlRecord]> = [];
  const removed: JsonlRecord[] = [];
  for (const [id, rec] of after?.records ?? []) {
    const old = before?.records.get(id);
    if (!old) added.push(rec);
    else if (old.line !== rec.line && !sameValue(old.value, rec.value)) edited.push([old, rec]);
  }
  for (const [id, rec] of before?.records ?? []) if (!after?.records.has(id)) removed.push(rec);
  return { added, edited, removed };
}
