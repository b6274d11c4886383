// Memos: Markdown an analyst writes about a document, about a tag, or in the project journal (dated entries).
import type { SearchHit } from './types';

/** What a memo is about. A document and a tag have one memo each; the journal holds many entries. */
export type MemoSubject = { kind: 'document'; docId: string } | { kind: 'tag'; tagId: string } | { kind: 'journal' };

export interface Memo {
  id: string;
  subject: MemoSubject;
  /** Markdown; rendered only through marked + DOMPurify. */
  text: string;
  created: string;
  modified: string;
  /** Who wrote it, when known (the machine's coder identity, once there is one). */
  author?: string;
}

/** One memo that matched a memo search, with its hits in context (offsets into `text`). */
export interface MemoSearchHits {
  memo: Memo;
  /** "Document memo — <title>", "Tag memo — <name>", "Journal — 2026-12-07". */
  label: string;
  count: number;
  hits: SearchHit[];
}

export interface MemoSearchResults {
  query: string;
  total: number;
  memos: MemoSearchHits[];
}

/** The memos file could not be read: why, where it was moved, and the backups that can replace it. */
export interface DamagedMemos {
  /** The file that could not be read. */
  file: string;
  /** Where it was moved (never deleted); null when it was left in place. */
  movedTo: string | null;
  reason: string;
  /** Backups, newest first, with how many memos each holds. */
  backups: { generation: number; savedAt: string; memos: number }[];
}

/** Whether two subjects name the same thing (journal entries are told apart by id, not subject). */
export function sameSubject(a: MemoSubject, b: MemoSubject): boolean {
  if (a.kind === 'document' && b.kind === 'document') return a.docId === b.docId;
  if (a.kind === 'tag' && b.kind === 'tag') return a.tagId === b.tagId;
  return false;
}

/** The memo of a document or tag, if it has one. */
export function memoOf(memos: readonly Memo[], subject: MemoSubject): Memo | undefined {
  return memos.find((m) => sameSubject(m.subject, subject));
}

/** Journal entries, newest first (by creation; ties by id so the order is stable). */
export function journalEntries(memos: readonly Memo[]): Memo[] {
  return memos
    .filter((m) => m.subject.kind === 'journal')
    .sort((a, b) => (a.created === b.created ? (a.id < b.id ? 1 : -1) : a.created < b.created ? 1 : -1));
}
