// One open corpus and every service scoped to it, composed in one place; the core swaps a whole Workspace to switch corpora.
import type { Handlers, Method } from '../../shared/contract';
import type { CorpusInfo } from '../../shared/types';
import { AnnotationStore } from '../store/annotation-store';
import type { TagStore } from '../store/tag-store';
import type { SearchIndex } from '../search/search-index';
import { SnapshotStore } from '../store/snapshots';
import { ImportService } from './import/import-service';
import { AnnotationService } from './annotation-service';
import { CodebookService } from './codebook-service';
import type { CorpusService } from './corpus-service';
import { CoverageService } from './coverage-service';
import { Lifecycle } from './lifecycle';
import { LiveCorpus } from './live-corpus';
import type { MetadataStore } from '../store/metadata-store';
import type { PathGrants } from './path-grants';
import type { Clock, OpenTarget, PdfPrinter, SaveTarget } from './ports';
import { ReviewService } from './review-service';
import type { SettingsService } from './settings-service';
import type { StoreIo } from '../store/json-store';
import type { CorpusRef } from './workspace-corpora';
import { documentHandlers } from './handlers/documents';
import { annotationHandlers } from './handlers/annotations';
import { codebookHandlers } from './handlers/codebook';
import { exportCoders, exportHandlers } from './handlers/export';
import { retrievalHandlers } from './handlers/retrieval';
import { searchHandlers } from './handlers/search';
import { readingHandlers } from './handlers/reading';
import { reviewHandlers } from './handlers/review';
import { recoveryHandlers } from './handlers/recovery';
import { corpusDocumentHandlers } from './handlers/corpora';
import { MemoStore } from '../store/memo-store';
import { MemoService } from './memo-service';
import { memoHandlers } from './handlers/memos';
import { agreementHandlers } from './handlers/agreement';
import { AgreementService, NO_CODERS } from './agreement-service';
import { openFolder, writeCoderFile, type OpenedFolder } from './project/project-open';
import { ProjectCoderLayers } from './project/coder-layers';
import { pathsOf } from '../store/path-part';
import type { CoderIdentity } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { undoHandlers } from './handlers/undo';
import { UndoHistoryService } from './undo-history-service';
import { suggestionHandlers } from './handlers/suggestions';
import { LazyService } from './lazy-service';
import { SuggestStore } from '../store/suggest-store';

export type { Admission } from './live-corpus';

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
  /** Files chosen in main's dialogs, as the tokens the renderer imports them by. */
  grants: PathGrants;
  /** How the corpus's stores meet the disk (see StoreIo); absent: report damaged files only. */
  storeIo?: StoreIo;
  /** Whether opening a plain, writable folder makes it a project (the app: yes); existing projects always open as such. */
  makeProjects?: boolean;
}

/** Calls about corpora as a whole are the core's; every other call is answered by the open corpus. */
export type CoreMethod = 'listCorpora' | 'openCorpus' | 'getCoder' | 'setCoder' | 'chooseProjectFolder' | 'saveAsProject' | 'getSyncStatus' | 'setSyncRemote' | 'syncProject' | 'listConflicts' | 'resolveConflict';
export type WorkspaceMethod = Exclude<Method, CoreMethod>;

export class Workspace {
  readonly handlers: Pick<Handlers, WorkspaceMethod>;
  readonly annotations: AnnotationService;
  readonly review: ReviewService;
  readonly store: AnnotationStore;
  /** Every store with writes to finish, flushed and closed together. */
  private readonly lifecycle = new Lifecycle();
  /** This machine's coder, in a project; renamed in place by setCoder. */
  private coder: CoderIdentity | null;
  private readonly io: StoreIo | undefined;

  private constructor(
    readonly live: LiveCorpus,
    env: WorkspaceEnv,
    private readonly opened: OpenedFolder,
  ) {
    const { dataDir, clock, newId } = env;
    const { ref, corpus, index } = live;
    const project = opened.project;
    this.coder = project?.coder ?? null;
    this.io = env.storeIo;
    // A project keeps its own codebook (.glossator/codebook.jsonl); a plain corpus uses the machine's.
    const tags = project ? this.lifecycle.add('project codebook', project.tags) : env.tags;
    const paths = opened.place;
    const store = this.lifecycle.add('annotations', new AnnotationStore(paths, env.storeIo));
    const coverage = this.lifecycle.add('coverage', new CoverageService(paths, env.storeIo));
    this.lifecycle.add('metadata', live.metadata);
    this.lifecycle.add('document cache', live.cache);
    // Closing stops its fill: a replaced corpus's index must not keep indexing behind the next one.
    this.lifecycle.add('search index', index);
    const history = this.lifecycle.add('undo history', new UndoHistoryService(paths, env.storeIo));
    const snapshots = new SnapshotStore(paths);
    const memos = new MemoService({ store: this.lifecycle.add('memos', new MemoStore(paths, env.storeIo)), corpus, tags, clock, newId });
    const annotations = new AnnotationService(corpus, store, tags, clock, newId, snapshots);
    const codebook = new CodebookService({ tags, store, corpus, clock });
    const importer = new ImportService({ corpus, annotations, store, tags, codebook, newId, clock, memos });
    const review = new ReviewService({ corpus, annotations, store, tags, clock });
    // A plain corpus has no coders; a project's per-coder passage files are its CoderLayers.
    const layers = project
      ? new ProjectCoderLayers({ dir: project.dir, me: () => this.coder!, mine: annotations, paths: pathsOf(paths), corpus, tags, snapshots, clock, io: env.storeIo })
      : null;
    const agreement = new AgreementService({ documents: () => corpus.all(), tagIds: async () => (await tags.list()).map((t) => t.id), layers: layers ?? NO_CODERS });
    // Made on the first suggestion call: its NLP model is the costliest code to load, and most sessions never use it.
    const suggestions = this.lifecycle.add(
      'suggestions',
      new LazyService(async () => {
        const { SuggestionService } = await import('./suggestion-service');
        return new SuggestionService({ corpus, annotations, tags, store: new SuggestStore(paths, env.storeIo), clock, newId });
      }),
    );
    this.store = store;
    this.annotations = annotations;
    this.review = review;
    const host = { saveTarget: env.saveTarget, openTarget: env.openTarget, pdf: env.pdf };
    this.handlers = {
      ...documentHandlers({ corpus, annotations, coverage, info: { version: env.version, dataDir, corpusDir: ref.dir } }),
      ...annotationHandlers({ annotations, review }),
      listTags: async () => tags.list(),
      ...codebookHandlers({ codebook }),
      ...exportHandlers({ corpus, annotations, tags, importer, clock, version: env.version, ...host, memos: () => memos.list(), coders: () => exportCoders(env.settings) }),
      ...retrievalHandlers({ corpus, annotations, tags }),
      ...searchHandlers({ index }),
      ...readingHandlers({ corpus, coverage, settings: env.settings }),
      ...reviewHandlers({ review }),
      ...recoveryHandlers({ store }),
      ...corpusDocumentHandlers({ live, openTarget: env.openTarget, grants: env.grants }),
      ...memoHandlers({ memos }),
      ...agreementHandlers({ agreement }),
      ...undoHandlers({ history }),
      ...suggestionHandlers({ suggestions }),
      ...(project
        ? {
            // In a project every passage of the analyst's own layer says whose it is.
            listAnnotations: async ({ docId }) => (await annotations.list(docId)).map((p) => ({ ...p, coderId: this.coder!.id })),
          }
        : {}),
      listCoders: async () => (layers ? layers.coders() : []),
      listLayerPassages: async ({ docId, layer }) => {
        if (!layers) throw new GlossatorError('unsupported', 'This corpus is not a project: it has only your own passages.');
        corpus.get(docId);
        return layers.passages(layer, docId);
      },
    };
  }

  /** This machine's coder in the open project, or null for a plain corpus. */
  get projectCoder(): CoderIdentity | null {
    return this.coder;
  }

  /** Takes the analyst's new name or colour into the open project (its coder.json). */
  async setCoder(coder: CoderIdentity): Promise<void> {
    if (!this.opened.project) return;
    this.coder = coder;
    await writeCoderFile(this.opened.project.dir, coder, this.io);
  }

  /**
   * Opens the folder as a project (found, or made from today's layout when env.makeProjects) or as
   * a plain corpus, then its live corpus (see LiveCorpus.open), then composes the services on it.
   */
  static async open(ref: CorpusRef, env: WorkspaceEnv): Promise<Workspace> {
    const opened = await openFolder(ref, { ...env, makeProjects: env.makeProjects ?? false });
    return new Workspace(await LiveCorpus.open(ref, { ...env, place: opened.place }), env, opened);
  }

  get dir(): string {
    return this.live.dir;
  }

  get corpus(): CorpusService {
    return this.live.corpus;
  }

  get index(): SearchIndex {
    return this.live.index;
  }

  get metadata(): MetadataStore {
    return this.live.metadata;
  }

  info(): CorpusInfo {
    const project = this.opened.project;
    return { ...this.live.info(), project: project ? { id: project.file.id, name: project.file.name } : null, notice: this.opened.notice };
  }

  /** Resolves once every acknowledged write of this corpus is on disk; a cache write due soon is done now. */
  async flush(): Promise<void> {
    await this.lifecycle.flush();
  }

  /** Finishes every store's writes; one store failing does not keep the others from finishing theirs. */
  async close(): Promise<void> {
    await this.lifecycle.close();
  }
}
