// Which blocks of each document the analyst has marked read: one small JSON file per document.
import { join } from 'node:path';
import { z } from 'zod';
import type { Coverage, GlossDocument } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { JsonStore, type StoreIo } from '../store/json-store';
import { FolderScan } from '../store/damage';
import { realFileOps } from '../store/file-ops';
import { assertPathPart } from '../store/annotation-store';

/** Format version of a coverage file; bump it when the stored shape changes. */
export const COVERAGE_FILE_VERSION = 1;

export interface CoverageFile {
  schemaVersion: typeof COVERAGE_FILE_VERSION;
  docId: string;
  /** Hash of the text the block indices refer to: indices mean nothing once the text changes. */
  contentHash: string;
  /** Indices of blocks marked read, ascending. */
  read: number[];
}

const coverageFileSchema: z.ZodType<CoverageFile> = z.object({
  schemaVersion: z.literal(COVERAGE_FILE_VERSION),
  docId: z.string().min(1),
  contentHash: z.string(),
  read: z.array(z.number().int().nonnegative()),
});

export interface CoverageServiceOptions {
  dataDir: string;
  corpusKey: string;
}

/** Blocks that count towards coverage: chrome (site furniture) is not something to read. */
function counts(doc: GlossDocument, index: number): boolean {
  const block = doc.blocks[index];
  return block !== undefined && block.kind !== 'chrome';
}

export class CoverageService {
  private readonly dir: string;
  private readonly stores = new Map<string, JsonStore<CoverageFile>>();
  private readonly scan: FolderScan;

  /** `io` (optional) injects file-system calls and says what to do with damaged files; see StoreIo. */
  constructor(
    opts: CoverageServiceOptions,
    private readonly io: StoreIo = {},
  ) {
    assertPathPart('corpus key', opts.corpusKey);
    this.dir = join(opts.dataDir, 'corpora', opts.corpusKey, 'coverage');
    // One folder listing for all documents' files (see FolderScan), not one per document.
    this.scan = new FolderScan(io.ops ?? realFileOps, io.damaged === 'move-aside');
  }

  /** Path of a document's coverage file (for messages and tests; the service owns the file). */
  fileOf(docId: string): string {
    assertPathPart('document id', docId);
    return join(this.dir, `${docId}.json`);
  }

  private storeOf(doc: GlossDocument): JsonStore<CoverageFile> {
    const file = this.fileOf(doc.id);
    let store = this.stores.get(doc.id);
    if (!store) {
      const docId = doc.id;
      store = new JsonStore<CoverageFile>({
        file,
        // As with annotation files: a file copied or renamed by hand must not be taken for this one.
        schema: coverageFileSchema.refine((f) => f.docId === docId, {
          message: `the file belongs to another document, not "${docId}"`,
        }),
        version: COVERAGE_FILE_VERSION,
        defaults: () => ({ schemaVersion: COVERAGE_FILE_VERSION, docId, contentHash: doc.contentHash, read: [] }),
        io: this.io,
        scan: this.scan,
      });
      this.stores.set(doc.id, store);
    }
    return store;
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
      file = await this.storeOf(doc).read();
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
    const next = await this.storeOf(doc).update((file) => {
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
    assertPathPart('document id', docId);
    return this.stores.get(docId)?.problem ?? null;
  }

  /** Waits until every queued write of every document has settled. */
  async flush(): Promise<void> {
    await Promise.all([...this.stores.values()].map((s) => s.flush()));
  }

  // Stored indices are filtered again so a hand-edited file cannot claim chrome or missing blocks.
  private answer(doc: GlossDocument, read: readonly number[]): Coverage {
    const valid = [...new Set(read)].filter((i) => counts(doc, i)).sort((a, b) => a - b);
    const total = doc.blocks.filter((b) => b.kind !== 'chrome').length;
    return { docId: doc.id, read: valid, total };
  }
}
