// Which blocks of each document the analyst has marked read (stored by CoverageStore, one small JSON file per document).
import type { Coverage, GlossDocument } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import type { StoreIo } from '../store/json-store';
import { CoverageStore, type CoverageFile, type CoverageStoreOptions } from '../store/coverage-store';

export type CoverageServiceOptions = CoverageStoreOptions;

/** Blocks that count towards coverage: chrome (site furniture) is not something to read. */
function counts(doc: GlossDocument, index: number): boolean {
  const block = doc.blocks[index];
  return block !== undefined && block.kind !== 'chrome';
}

export class CoverageService {
  private readonly files: CoverageStore;

  /** `io` (optional) injects file-system calls and says what to do with damaged files; see StoreIo. */
  constructor(opts: CoverageServiceOptions, io: StoreIo = {}) {
    this.files = new CoverageStore(opts, io);
  }

  /** Path of a document's coverage file (for messages and tests; the store owns the file). */
  fileOf(docId: string): string {
    return this.files.fileOf(docId);
  }

  /**
   * The blocks marked read. Writes nothing. A missing file means nothing is read yet.
   *
   * Marks made against another version of the text (stored contentHash differs) are not applied:
   * block indices no longer name the same passages, and guessing would claim text as read that the
   * analyst never saw. They are not deleted either: the file keeps them until the next set(), so
   * restoring the old text brings them back.
   *
   * Coverage is a reading aid, not research data, so an unreadable file answers "nothing read"
   * rather than failing (the document list must still load); the file is never overwritten (see
   * StoreIo) and set() refuses with 'store-unreadable'. `problem()` says what is wrong.
   */
  async get(doc: GlossDocument): Promise<Coverage> {
    let file: CoverageFile;
    try {
      file = await this.files.of(doc.id, doc.contentHash).read();
    } catch (error) {
      if (error instanceof GlossatorError && error.code === 'store-unreadable') return this.answer(doc, []);
      throw error;
    }
    return this.answer(doc, file.contentHash === doc.contentHash ? file.read : []);
  }

  /**
   * Marks `blocks` read (or unread) and answers the new coverage. Every index must name a block
   * that counts (not chrome, not past the end), or nothing is written. Marking twice is harmless.
   * Marks stored for an older text are dropped here, as the file is re-keyed to the current text.
   */
  async set(doc: GlossDocument, blocks: number[], read: boolean): Promise<Coverage> {
    const bad = blocks.find((i) => !counts(doc, i));
    if (bad !== undefined) {
      const why = doc.blocks[bad]
        ? 'is site furniture, which does not count as reading'
        : `is not in the document (it has ${doc.blocks.length} blocks)`;
      throw new GlossatorError('invalid-argument', `Cannot mark block ${bad} of "${doc.id}" read or unread: it ${why}.`);
    }
    const next = await this.files.of(doc.id, doc.contentHash).update((file) => {
      const marked = new Set(file.contentHash === doc.contentHash ? file.read : []);
      for (const i of blocks) {
        if (read) marked.add(i);
        else marked.delete(i);
      }
      file.contentHash = doc.contentHash;
      file.read = [...marked].filter((i) => counts(doc, i)).sort((a, b) => a - b);
      return file.read;
    });
    return this.answer(doc, next);
  }

  /** The plain-words reason a document's coverage file could not be opened, or null. */
  problem(docId: string): string | null {
    return this.files.problem(docId);
  }

  /** Waits until every queued write of every document has settled. */
  flush(): Promise<void> {
    return this.files.flush();
  }

  // Stored indices are filtered again so a hand-edited file cannot claim chrome or missing blocks.
  private answer(doc: GlossDocument, read: readonly number[]): Coverage {
    const valid = [...new Set(read)].filter((i) => counts(doc, i)).sort((a, b) => a - b);
    const total = doc.blocks.filter((b) => b.kind !== 'chrome').length;
    return { docId: doc.id, read: valid, total };
  }
}
