// The project's record of merge conflicts (.glossator/conflicts.jsonl): both versions of every record or file the
// two sides changed differently, kept until the analyst takes mine, takes theirs or keeps both.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDurably } from '../store/durable-write';
import { parseJsonl, serialiseJsonl, type JsonlFile, type JsonlRecord } from './jsonl';
import type { ConflictKind } from './record-merge';

export const CONFLICTS_FILE = '.glossator/conflicts.jsonl';
export const CONFLICTS_HEADER = '{"format":"glossator-conflicts/1"}';

/** A side of a file conflict that is not data (a document): its git blob, which history keeps. */
export interface BlobRef {
  blob: string;
}

export interface StoredConflict {
  /** `<file>#<recordId>`, or the file for a whole-file conflict. */
  id: string;
  file: string;
  recordId: string | null;
  kind: ConflictKind | 'file';
  base: Record<string, unknown> | BlobRef | null;
  mine: Record<string, unknown> | BlobRef | null;
  theirs: Record<string, unknown> | BlobRef | null;
  fields?: string[];
  /** When the merge found it (ISO time). */
  found: string;
}

export type Resolution = 'mine' | 'theirs' | 'both';

export const conflictId = (file: string, recordId: string | null): string => (recordId === null ? file : `${file}#${recordId}`);

export const isBlobRef = (v: unknown): v is BlobRef =>
  typeof v === 'object' && v !== null && typeof (v as BlobRef).blob === 'string' && Object.keys(v).length === 1;

export function conflictRecord(c: StoredConflict): JsonlRecord {
  const value: Record<string, unknown> = { id: c.id, file: c.file, recordId: c.recordId, kind: c.kind, base: c.base, mine: c.mine, theirs: c.theirs };
  if (c.fields) value.fields = c.fields;
  value.found = c.found;
  return { id: c.id, line: JSON.stringify(value), value };
}

/** Adds conflicts to a conflicts file's text (a conflict found again replaces the earlier record of it). */
export function withConflicts(existing: string | null, added: readonly StoredConflict[]): string | null {
  const file = existing === null ? null : parseJsonl(existing, CONFLICTS_FILE);
  if (added.length === 0) return existing;
  const records = new Map(file?.records ?? []);
  for (const c of added) records.set(c.id, conflictRecord(c));
  return serialiseJsonl(file?.headerLine ?? CONFLICTS_HEADER, records.values());
}

export async function readConflicts(dir: string): Promise<StoredConflict[]> {
  const text = await readFile(join(dir, CONFLICTS_FILE), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (text === null) return [];
  return [...parseJsonl(text, CONFLICTS_FILE).records.values()].map((r) => r.value as unknown as StoredConflict);
}

async function readText(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
}

/** The id a kept-both record of theirs gets: the old id with a suffix no other record has. */
function freshId(file: JsonlFile, id: string): string {
  for (let n = 2; ; n++) {
    const candidate = `${id}~${n}`;
    if (!file.records.has(candidate)) return candidate;
  }
}

export interface ResolveOutcome {
  /** What the analyst sees in the status line. */
  message: string;
}

/**
 * Applies a decision to the project folder: the data file gets the chosen version (both, for keep both: theirs
 * under a new id, a tag's name marked "(theirs)"), then the conflict's record goes. `readBlob` fetches a
 * document's version from git history for whole-file conflicts.
 */
export async function resolveConflict(
  dir: string,
  id: string,
  choice: Resolution,
  readBlob: (oid: string) => Promise<Uint8Array>,
): Promise<ResolveOutcome> {
  const conflictsText = await readText(join(dir, CONFLICTS_FILE));
  const conflicts = conflictsText === null ? null : parseJsonl(conflictsText, CONFLICTS_FILE);
  const record = conflicts?.records.get(id);
  if (!conflicts || !record) throw new Error(`There is no conflict "${id}" (it may have been resolved already).`);
  const c = record.value as unknown as StoredConflict;
  const target = join(dir, c.file);
  if (c.recordId === null) {
    if (choice === 'both') throw new Error(`${c.file} is a whole file: take mine or theirs.`);
    const side = choice === 'mine' ? c.mine : c.theirs;
    if (side === null) await rm(target, { force: true });
    else if (isBlobRef(side)) await writeDurably(target, await readBlob(side.blob));
    else await writeDurably(target, new TextEncoder().encode(`${JSON.stringify(side, null, 2)}\n`));
  } else {
    const text = await readText(target);
    if (text === null && choice !== 'theirs' && c.mine !== null) throw new Error(`${c.file} is missing; cannot apply the resolution.`);
    const data = text === null ? null : parseJsonl(text, c.file);
    const header = data?.headerLine ?? JSON.stringify({ format: 'glossator-data/1' });
    const records = new Map(data?.records ?? []);
    const put = (value: Record<string, unknown> | null, recordId: string) => {
      if (value === null) records.delete(recordId);
      else records.set(recordId, { id: recordId, line: JSON.stringify({ ...value, id: recordId }), value: { ...value, id: recordId } });
    };
    if (choice === 'mine') put(c.mine as Record<string, unknown> | null, c.recordId);
    else if (choice === 'theirs') put(c.theirs as Record<string, unknown> | null, c.recordId);
    else {
      put(c.mine as Record<string, unknown> | null, c.recordId);
      const theirs = c.theirs as Record<string, unknown> | null;
      if (theirs !== null && data) {
        const newId = freshId(data, c.recordId);
        // A tag kept twice: the copy is named apart and gives up its key, which the original keeps.
        const named = typeof theirs.name === 'string' ? { ...theirs, name: `${theirs.name} (theirs)`, ...('shortcut' in theirs ? { shortcut: null } : {}) } : theirs;
        put(named, newId);
      } else if (theirs !== null) put(theirs, c.recordId);
    }
    await writeDurably(target, new TextEncoder().encode(serialiseJsonl(header, records.values())));
  }
  conflicts.records.delete(id);
  const rest = serialiseJsonl(conflicts.headerLine, conflicts.records.values());
  await writeDurably(join(dir, CONFLICTS_FILE), new TextEncoder().encode(rest));
  const what = choice === 'mine' ? 'kept mine' : choice === 'theirs' ? 'took theirs' : 'kept both';
  return { message: `Resolved ${c.recordId === null ? c.file : `${c.recordId} in ${c.file}`}: ${what}.` };
}
