// One open corpus and every service scoped to it; the core swaps a whole Workspace when another corpus is opened.
import type { Args, Handlers, Method } from '../../shared/contract';
import type { CorpusInfo, GlossDocument } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { AnnotationStore } from '../store/annotation-store';
import type { TagStore } from '../store/tag-store';
import { SearchIndex } from '../search/search-index';
import { SnapshotStore } from '../corpus/snapshots';
import { DocumentCache } from '../corpus/document-cache';
import { ImportService } from './import/import-service';
import { AnnotationService, type Clock } from './annotation-service';
import { CodebookService } from './codebook-service';
import { CorpusService } from './corpus-service';
import { CoverageService } from './coverage-service';
import { MetadataStore, type MetadataPatch } from './metadata-store';
import { ReviewService } from './review-service';
import type { SettingsService } from './settings-service';
import type { StoreIo } from '../store/json-store';
import type { CorpusRef } from './workspace-corpora';
import { documentHandlers } from './handlers/documents';
import { annotationHandlers } from './handlers/annotations';
import { codebookHandlers } from './handlers/codebook';
import { exportHandlers, type OpenTarget, type PdfPrinter, type SaveTarget } from './handlers/export';
import { retrievalHandlers } from './handlers/retrieval';
import { searchHandlers } from './handlers/search';
import { readingHandlers } from './handlers/reading';
import { reviewHandlers } from './handlers/review';
import { recoveryHandlers } from './handlers/recovery';
import { corpusDocumentHandlers } from './handlers/corpora';

/** What every workspace shares: the data dir, the global codebook and settings, the host services. */
export interface WorkspaceEnv {
  dataDir: string;
  tags: TagStore;
  settings: SettingsService;
  clock: Clock;
  newId: () => string;
  version: string;
  saveTarget: SaveTarget;
  openTarget: OpenTarget;
  pdf: PdfPrinter | null;
  /** How the corpus's stores meet the disk (see StoreIo); absent: report damaged files only. */
  storeIo?: StoreIo;
}

/** Calls about corpora as a whole are the core's; every other call is answered by the open corpus. */
export type CoreMethod = 'listCorpora' | 'openCorpus';
export type WorkspaceMethod = Exclude<Method, CoreMethod>;

/** How a document read from its file relates to what the corpus held. */
export type Admission = 'added' | 'changed' | 'unchanged';

export class Workspace {
  readonly handlers: Pick<Handlers, WorkspaceMethod>;
  readonly index: SearchIndex;
  readonly annotations: AnnotationService;
  readonly review: ReviewService;
  /** Documents as their files (and the manifest) give them, before the analyst's overrides. */
  private readonly bases = new Map<string, GlossDocument>();
  private readonly coverage: CoverageService;

  private constructor(
    readonly ref: CorpusRef,
    readonly corpus: CorpusService,
    readonly store: AnnotationStore,
    readonly metadata: MetadataStore,
    env: WorkspaceEnv,
    private readonly cache: DocumentCache,
  ) {
    const { dataDir, tags, clock, newId } = env;
    const corpusKey = ref.key;
    for (const doc of corpus.all()) {
      this.bases.set(doc.id, doc);
      const shown = metadata.apply(doc);
      if (shown !== doc) corpus.replace(shown);
    }
    this.index = SearchIndex.buildIncrementally(corpus.all());
    this.coverage = new CoverageService({ dataDir, corpusKey }, env.storeIo);
    const snapshots = new SnapshotStore({ dataDir, corpusKey });
    const annotations = new AnnotationService(corpus, store, tags, clock, newId, snapshots);
    const codebook = new CodebookService({ tags, store, corpus, clock });
    const importer = new ImportService({ corpus, annotations, store, tags, codebook, newId, clock });
    const review = new ReviewService({ corpus, annotations, store, tags, clock });
    const coverage = this.coverage;
    this.annotations = annotations;
    this.review = review;
    this.handlers = {
      ...documentHandlers({ corpus, annotations, coverage, info: { version: env.version, dataDir, corpusDir: ref.dir } }),
      ...annotationHandlers({ annotations, review }),
      listTags: async () => tags.list(),
      ...codebookHandlers({ codebook }),
      ...exportHandlers({ corpus, annotations, tags, importer, clock, version: env.version, ...hostOf(env) }),
      ...retrievalHandlers({ corpus, annotations }),
      ...searchHandlers({ index: this.index }),
      ...readingHandlers({ corpus, coverage, settings: env.settings }),
      ...reviewHandlers({ review }),
      ...recoveryHandlers({ store }),
      ...corpusDocumentHandlers({ workspace: this, openTarget: env.openTarget }),
    };
  }

  /**
   * Loads the folder's documents (unchanged files from the document cache) and applies the
   * analyst's metadata. Only the cache is written, and only later (see DocumentCache.saveSoon), so
   * the first window does not wait for it; documents changed while open are re-read next time.
   */
  static async open(ref: CorpusRef, env: WorkspaceEnv): Promise<Workspace> {
    const cache = new DocumentCache({ dataDir: env.dataDir, corpusKey: ref.key });
    const corpus = await CorpusService.open(ref.dir, cache);
    const metadata = new MetadataStore({ dataDir: env.dataDir, corpusKey: ref.key }, env.storeIo);
    await metadata.open();
    const store = new AnnotationStore({ dataDir: env.dataDir, corpusKey: ref.key }, env.storeIo);
    const workspace = new Workspace(ref, corpus, store, metadata, env, cache);
    cache.saveSoon();
    return workspace;
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

  /** The open document whose file has this name, if any. */
  bySource(source: string): GlossDocument | undefined {
    return this.corpus.all().find((d) => d.source === source);
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
      throw new GlossatorError('not-found', `Document "${docId}" left the corpus while its details were saved; they are kept for when it comes back.`);
    }
    const shown = this.metadata.apply(base);
    this.corpus.replace(shown);
    this.index.update(shown);
    return shown;
  }

  /** Resolves once every acknowledged write of this corpus is on disk; a cache write due soon is done now. */
  async flush(): Promise<void> {
    await Promise.all([this.store.flush(), this.coverage.flush(), this.metadata.flush(), this.cache.flush()]);
  }
}

const hostOf = (env: WorkspaceEnv) => ({ saveTarget: env.saveTarget, openTarget: env.openTarget, pdf: env.pdf });
