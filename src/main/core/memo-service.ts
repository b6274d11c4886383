// Memos of the open corpus: save (one per document or tag, many journal entries), delete, restore, list, search.
import type { DamagedMemos, Memo, MemoSearchResults, MemoSubject } from '../../shared/memos';
import { sameSubject } from '../../shared/memos';
import type { GlossDocument, SearchOptions } from '../../shared/types';
import { MAX_JOURNAL_ENTRIES } from '../../shared/limits';
import { GlossatorError } from '../../shared/result';
import { SearchIndex } from '../search/search-index';
import type { MemoStore } from '../store/memo-store';
import type { TagStore } from '../store/tag-store';
import type { CorpusService } from './corpus-service';
import type { Clock } from './ports';

export interface MemoServiceDeps {
  store: MemoStore;
  corpus: CorpusService;
  tags: TagStore;
  clock: Clock;
  newId: () => string;
}

export interface SaveMemo {
  subject: MemoSubject;
  text: string;
  /** A journal entry to change; without it, saving to the journal adds an entry. */
  memoId?: string | undefined;
}

export class MemoService {
  constructor(private readonly deps: MemoServiceDeps) {}

  list(): Promise<Memo[]> {
    return this.deps.store.list();
  }

  /**
   * Writes a memo. A document's or tag's memo is replaced in place (it keeps its id and creation
   * time); a journal entry is changed by id or added. The subject must exist: a memo on a document
   * or tag the analyst cannot see would be lost from every view.
   */
  async save({ subject, text, memoId }: SaveMemo): Promise<Memo> {
    await this.checkSubject(subject);
    const now = this.deps.clock.now().toISOString();
    return this.deps.store.change((memos) => {
      const at =
        subject.kind === 'journal'
          ? memoId === undefined
            ? -1
            : memos.findIndex((m) => m.id === memoId && m.subject.kind === 'journal')
          : memos.findIndex((m) => sameSubject(m.subject, subject));
      if (subject.kind === 'journal' && memoId !== undefined && at < 0) {
        throw new GlossatorError('not-found', 'That journal entry no longer exists; your text was not saved.');
      }
      if (at >= 0) {
        const memo: Memo = { ...memos[at]!, text, modified: now };
        memos[at] = memo;
        return memo;
      }
      if (subject.kind === 'journal' && memos.filter((m) => m.subject.kind === 'journal').length >= MAX_JOURNAL_ENTRIES) {
        throw new GlossatorError('too-large', `The journal holds at most ${MAX_JOURNAL_ENTRIES} entries.`);
      }
      const memo: Memo = { id: this.deps.newId(), subject, text, created: now, modified: now };
      memos.push(memo);
      return memo;
    });
  }

  /** Removes a memo; answers it, so it can be put back. */
  delete(memoId: string): Promise<Memo> {
    return this.deps.store.remove(memoId);
  }

  /**
   * Puts a memo back exactly as it was (undo of a delete or an edit): in place of the memo with its
   * id, or of its subject's memo, else added.
   */
  restore(memo: Memo): Promise<Memo> {
    return this.deps.store.change((memos) => {
      const at = memos.findIndex((m) => m.id === memo.id || (memo.subject.kind !== 'journal' && sameSubject(m.subject, memo.subject)));
      if (at >= 0) memos[at] = memo;
      else memos.push(memo);
      return memo;
    });
  }

  /** The memos file's damage and its backups, or null when it reads (reading it first, so damage is known). */
  async damage(): Promise<DamagedMemos | null> {
    try {
      await this.deps.store.list();
      return null;
    } catch (error) {
      if (!(error instanceof GlossatorError) || error.code !== 'store-unreadable') throw error;
    }
    const report = this.deps.store.damage;
    if (!report) return null;
    return { file: report.file, movedTo: report.movedTo, reason: report.reason, backups: await this.deps.store.backups() };
  }

  /** Backup `generation` in place of the damaged file; answers how many memos came back. */
  async restoreBackup(generation: number): Promise<number> {
    return (await this.deps.store.restoreBackup(generation)).length;
  }

  /** No memos in place of the damaged file (which stays where it was moved). */
  async startEmpty(): Promise<number> {
    return (await this.deps.store.startEmpty()).length;
  }

  /**
   * Finds memos by the corpus search's own rules (same tokens, folding, phrases and prefixes), by
   * indexing the memos as small documents: memos are few, so a fresh index per query is cheap and
   * never stale.
   */
  async search(query: string, options: SearchOptions): Promise<MemoSearchResults> {
    const memos = await this.list();
    const labels = await this.labeller();
    const byId = new Map(memos.map((m) => [m.id, m]));
    const ordered = [...memos].sort((a, b) => kindOrder(a) - kindOrder(b) || (a.subject.kind === 'journal' && b.created !== a.created ? (a.created < b.created ? 1 : -1) : 0));
    const index = SearchIndex.build(ordered.map((m) => asDocument(m, labels(m))));
    const found = index.search(query, options);
    return {
      query,
      total: found.total,
      memos: found.documents.map((d) => ({ memo: byId.get(d.docId)!, label: d.title, count: d.count, hits: d.hits })),
    };
  }

  /** "Document memo — Title", "Tag memo — Friction", "Journal — 2026-12-07". */
  async labeller(): Promise<(memo: Memo) => string> {
    const tags = new Map((await this.deps.tags.list()).map((t) => [t.id, t.name]));
    const docs = new Map(this.deps.corpus.all().map((d) => [d.id, d.title]));
    return (memo) => {
      const s = memo.subject;
      if (s.kind === 'document') return `Document memo — ${docs.get(s.docId) ?? `${s.docId} (no longer in the corpus)`}`;
      if (s.kind === 'tag') return `Tag memo — ${tags.get(s.tagId) ?? 'a deleted tag'}`;
      return `Journal — ${memo.created.slice(0, 10)}`;
    };
  }

  private async checkSubject(subject: MemoSubject): Promise<void> {
    if (subject.kind === 'document') this.deps.corpus.get(subject.docId); // throws not-found
    if (subject.kind === 'tag' && !(await this.deps.tags.list()).some((t) => t.id === subject.tagId)) {
      throw new GlossatorError('not-found', 'That tag is no longer in the codebook; the memo was not saved.');
    }
  }
}

/** Documents' memos first, then tags', then the journal: the order results are listed in. */
function kindOrder(m: Memo): number {
  return m.subject.kind === 'document' ? 0 : m.subject.kind === 'tag' ? 1 : 2;
}

function asDocument(memo: Memo, title: string): GlossDocument {
  return {
    id: memo.id,
    title,
    author: null,
    publisher: null,
    date: null,
    url: null,
    source: '',
    text: memo.text,
    blocks: [],
    contentHash: '',
    normaliser: 'glossator-memo/1',
    wordCount: 0,
  };
}
