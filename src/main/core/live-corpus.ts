// The open corpus as the analyst sees it: documents from their files with the analyst's metadata applied, the
// search index over them and the files that could not be read. Imports and folder sync change it only here.
import type { Args } from '../../shared/contract';
import type { CorpusInfo, GlossDocument } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { chooseId } from '../corpus/doc-id';
import { DocumentCache } from '../store/document-cache';
import { SearchIndex } from '../search/search-index';
import type { StoreIo } from '../store/json-store';
import type { CorpusPlace } from '../store/layout';
import { CorpusService } from './corpus-service';
import { MetadataStore, type MetadataPatch } from '../store/metadata-store';
import type { CorpusRef } from './workspace-corpora';

/** How a document read from its file relates to what the corpus held. */
export type Admission = 'added' | 'changed' | 'unchanged';

export class LiveCorpus {
  readonly index: SearchIndex;
  /** Documents as their files (and the manifest) give them, before the analyst's overrides. */
  private readonly bases = new Map<string, GlossDocument>();

  private constructor(
    readonly ref: CorpusRef,
    readonly corpus: CorpusService,
    readonly metadata: MetadataStore,
    /** Read texts of unchanged files; the workspace flushes it with the other stores. */
    readonly cache: DocumentCache,
  ) {
    for (const doc of corpus.all()) {
      this.bases.set(doc.id, doc);
      const shown = metadata.apply(doc);
      if (shown !== doc) corpus.replace(shown);
    }
    this.index = SearchIndex.buildIncrementally(corpus.all());
  }

  /**
   * Loads the folder's documents (unchanged files from the document cache) and applies the
   * analyst's metadata. Only the cache is written, and only later (see DocumentCache.saveSoon), so
   * the first window does not wait for it; documents changed while open are re-read next time.
   */
  static async open(ref: CorpusRef, at: { dataDir: string; storeIo?: StoreIo; place?: CorpusPlace }): Promise<LiveCorpus> {
    // A project's metadata and cache (projectCorpusPaths), or today's data-folder key.
    const paths = at.place ?? { dataDir: at.dataDir, corpusKey: ref.key };
    const cache = new DocumentCache(paths);
    const corpus = await CorpusService.open(ref.dir, cache);
    const metadata = new MetadataStore(paths, at.storeIo);
    await metadata.open();
    const live = new LiveCorpus(ref, corpus, metadata, cache);
    cache.saveSoon();
    return live;
  }

  get dir(): string {
    return this.ref.dir;
  }

  info(): CorpusInfo {
    const { dir: path, name, key, readOnly } = this.ref;
    return { path, name, key, readOnly, documentCount: this.corpus.all().length };
  }

  /**
   * Takes a document as just read from its file into the corpus and the search index, with the
   * analyst's overrides applied. Unchanged text changes nothing (a save that only touched the
   * file's date, or the watcher seeing a file this core imported itself).
   */
  admit(base: GlossDocument): Admission {
    const old = this.bases.get(base.id);
    if (old !== undefined && old.source !== base.source) {
      throw new GlossatorError(
        'invalid-argument',
        `"${base.source}" and "${old.source}" both map to document id "${base.id}"; rename one of them.`,
      );
    }
    if (old !== undefined && old.contentHash === base.contentHash) return 'unchanged';
    this.bases.set(base.id, base);
    const shown = this.metadata.apply(base);
    if (old === undefined) this.corpus.add(shown);
    else this.corpus.replace(shown);
    this.index.update(shown);
    return old === undefined ? 'added' : 'changed';
  }

  /** Takes a document out of the corpus and the index; its passages stay in the data dir (orphans). */
  drop(docId: string): boolean {
    if (!this.bases.delete(docId)) return false;
    this.corpus.remove(docId);
    this.index.remove(docId);
    return true;
  }

  /** The id a file of the folder gets now: its own if loaded, else the first free of its ids (doc-id.ts). */
  idFor(source: string): string | null {
    return chooseId(source, (id) => this.bases.get(id)?.source);
  }

  /** The open document whose file has this name, if any. */
  bySource(source: string): GlossDocument | undefined {
    return this.corpus.all().find((d) => d.source === source);
  }

  /** Records (or, with null, forgets) why a file of the folder could not be loaded. */
  setProblem(source: string, message: string | null): boolean {
    return this.corpus.setProblem(source, message);
  }

  /** Stores the analyst's metadata for a document and answers the document as now shown. */
  async describe(args: Args<'updateMetadata'>): Promise<GlossDocument> {
    const { docId, ...fields } = args;
    this.corpus.get(docId);
    const patch: MetadataPatch = {};
    for (const [field, value] of Object.entries(fields) as [keyof MetadataPatch, string | null | undefined][]) {
      if (value !== undefined) patch[field] = value === null ? null : value.trim();
    }
    await this.metadata.update(docId, patch);
    // Looked up again: the file may have changed, or left the corpus, while the edit was saved.
    const base = this.bases.get(docId);
    if (base === undefined) {
      throw new GlossatorError(
        'not-found',
        `Document "${docId}" left the corpus while its details were saved; they are kept for when it comes back.`,
      );
    }
    const shown = this.metadata.apply(base);
    this.corpus.replace(shown);
    this.index.update(shown);
    return shown;
  }
}
