// Memos an import brings (Glossator's JSON-LD): each finds its subject here, and is added, merged into the memo already there, or reported.
//
// A document memo finds its document by the same hints passages use; a tag memo its tag by id,
// then by name (one tag of that name, else it is reported); a journal entry is an entry. Where the
// subject already has a memo, the incoming paragraphs it lacks are appended (as notes merge), so
// importing a file twice changes nothing and nobody's words are overwritten. Every write is held
// to the contract's memo schema; one that fails is reported for that memo only.
import type { Memo, MemoSubject } from '../../../shared/memos';
import { memoOf } from '../../../shared/memos';
import { argSchemas } from '../../../shared/contract';
import { GlossatorError } from '../../../shared/result';
import { MAX_JOURNAL_ENTRIES, MAX_MEMO_LENGTH } from '../../../shared/limits';
import type { GlossDocument, ImportMemoReport, Tag } from '../../../shared/types';
import type { IncomingMemo } from '../../interop/types';
import { nameKey } from '../../store/tag-store';
import { describeIssues } from '../dispatch';
import { documentNamedBy } from './import-placement';
import { mergeNotes } from './merge-notes';

/** What memo import writes through (the memo service). */
export interface MemoSink {
  list(): Promise<Memo[]>;
  /** Puts a whole memo in place (by id, or its subject's), stamps as given. */
  restore(memo: Memo): Promise<Memo>;
}

export interface MemoImportContext {
  documents: readonly GlossDocument[];
  tags: readonly Tag[];
  sink: MemoSink;
  newId: () => string;
  now: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export async function importMemos(incoming: readonly IncomingMemo[], ctx: MemoImportContext): Promise<ImportMemoReport> {
  const report: ImportMemoReport = { imported: 0, merged: 0, unmatched: [] };
  const memos = await ctx.sink.list();
  const usedIds = new Set(memos.map((m) => m.id));
  for (const m of incoming) {
    const found = subjectOf(m, ctx);
    const label = labelOf(m, 'doc' in found ? found.doc : undefined);
    const miss = (reason: string) => void report.unmatched.push({ subject: label, reason });
    if ('reason' in found) {
      miss(found.reason);
      continue;
    }
    if (m.text.trim() === '') {
      miss('it holds no text');
      continue;
    }
    const existing =
      found.subject.kind === 'journal'
        ? memos.find((x) => x.subject.kind === 'journal' && (x.id === m.id || (x.text === m.text && x.created === utcOf(m.created))))
        : memoOf(memos, found.subject);
    const text = existing ? mergeNotes(existing.text, m.text) : m.text;
    if (text.length > MAX_MEMO_LENGTH) {
      miss(`${existing ? 'with the memo already here it would hold' : 'it holds'} ${text.length.toLocaleString('en')} characters; a memo holds at most ${MAX_MEMO_LENGTH.toLocaleString('en')}`);
      continue;
    }
    if (!existing && found.subject.kind === 'journal' && memos.filter((x) => x.subject.kind === 'journal').length >= MAX_JOURNAL_ENTRIES) {
      miss(`the journal holds at most ${MAX_JOURNAL_ENTRIES} entries`);
      continue;
    }
    if (existing && text === existing.text) {
      report.merged++;
      continue;
    }
    const keepId = m.id !== undefined && !usedIds.has(m.id) && argSchemas.restoreMemo.shape.memo.shape.id.safeParse(m.id).success;
    const memo: Memo = existing
      ? { ...existing, text, modified: ctx.now }
      : {
          id: keepId ? m.id! : ctx.newId(),
          subject: found.subject,
          text,
          created: utcOf(m.created) ?? ctx.now,
          modified: utcOf(m.modified) ?? utcOf(m.created) ?? ctx.now,
        };
    const checked = argSchemas.restoreMemo.safeParse({ memo });
    if (!checked.success) {
      miss(`it could not be stored: ${describeIssues(checked.error)}`);
      continue;
    }
    try {
      const stored = await ctx.sink.restore(memo);
      if (existing) {
        memos[memos.indexOf(existing)] = stored;
        report.merged++;
      } else {
        memos.push(stored);
        usedIds.add(stored.id);
        report.imported++;
      }
    } catch (error) {
      if (!(error instanceof GlossatorError)) throw error;
      miss(`it could not be stored: ${error.message}`);
    }
  }
  return report;
}

type Found = { subject: MemoSubject; doc?: GlossDocument } | { reason: string };

function subjectOf(m: IncomingMemo, ctx: MemoImportContext): Found {
  const s = m.subject;
  if (s.kind === 'journal') return { subject: { kind: 'journal' } };
  if (s.kind === 'document') {
    const doc = documentNamedBy(ctx.documents, s.source);
    return 'reason' in doc ? doc : { subject: { kind: 'document', docId: doc.id }, doc };
  }
  const byId = s.tagId === undefined ? undefined : ctx.tags.find((t) => t.id === s.tagId);
  if (byId) return { subject: { kind: 'tag', tagId: byId.id } };
  const named = ctx.tags.filter((t) => nameKey(t.name) === nameKey(s.name));
  if (named.length === 1) return { subject: { kind: 'tag', tagId: named[0]!.id } };
  return {
    reason:
      named.length === 0
        ? `the codebook has no tag named “${s.name}”`
        : `the codebook has ${named.length} tags named “${s.name}” (under different parents), and the file does not say which`,
  };
}

/** "Document memo — Title", "Tag memo — Friction", "Journal — 2026-12-07", as the memo search labels them. */
function labelOf(m: IncomingMemo, doc: GlossDocument | undefined): string {
  const s = m.subject;
  if (s.kind === 'journal') return `Journal — ${(m.created ?? '').slice(0, 10) || 'undated'}`;
  if (s.kind === 'tag') return `Tag memo — ${s.name || s.tagId || 'unnamed tag'}`;
  return `Document memo — ${doc?.title ?? s.source.title ?? s.source.fileName ?? s.source.uri ?? s.source.docId ?? 'unknown document'}`;
}

function utcOf(stamp: string | undefined): string | null {
  if (stamp === undefined || !ISO.test(stamp.trim())) return null;
  const time = Date.parse(stamp.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
