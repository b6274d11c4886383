// Reading coverage on disk: one small JSON file per document in the corpus's coverage folder (see layout.ts).
import { join } from 'node:path';
import { z } from 'zod';
import { JsonStore, type StoreIo } from './json-store';
import { FolderScan } from './damage';
import { realFileOps } from './file-ops';
import { assertPathPart, pathsOf } from './path-part';
import type { CorpusPlace } from './layout';

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

/** Today's `{ dataDir, corpusKey }`, or `{ paths }` of a project coder's files. */
export type CoverageStoreOptions = CorpusPlace;

/** One JsonStore per document's coverage file, opened on first use. */
export class CoverageStore {
  private readonly dir: string;
  private readonly stores = new Map<string, JsonStore<CoverageFile>>();
  private readonly scan: FolderScan;

  /** `io` (optional) injects file-system calls and says what to do with damaged files; see StoreIo. */
  constructor(
    opts: CoverageStoreOptions,
    private readonly io: StoreIo = {},
  ) {
    this.dir = pathsOf(opts).coverage;
    // One folder listing for all documents' files (see FolderScan), not one per document.
    this.scan = new FolderScan(io.ops ?? realFileOps, io.damaged === 'move-aside');
  }

  /** Path of a document's coverage file (for messages and tests; the store owns the file). */
  fileOf(docId: string): string {
    assertPathPart('document id', docId);
    return join(this.dir, `${docId}.json`);
  }

  /**
   * The store of document `docId`; `contentHash` is what a missing file starts from. A file
   * copied or renamed by hand is refused, as with annotation files.
   */
  of(docId: string, contentHash: string): JsonStore<CoverageFile> {
    const file = this.fileOf(docId);
    let store = this.stores.get(docId);
    if (!store) {
      store = new JsonStore<CoverageFile>({
        file,
        schema: coverageFileSchema.refine((f) => f.docId === docId, {
          message: `the file belongs to another document, not "${docId}"`,
        }),
        version: COVERAGE_FILE_VERSION,
        defaults: () => ({ schemaVersion: COVERAGE_FILE_VERSION, docId, contentHash, read: [] }),
        io: this.io,
        scan: this.scan,
      });
      this.stores.set(docId, store);
    }
    return store;
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
}
