// The one place the Electron-free core is composed: paths, clock and id source are injected here.
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../shared/contract';
import { GlossatorError } from '../../shared/result';
import { AnnotationStore } from '../store/annotation-store';
import { TagStore } from '../store/tag-store';
import { SearchIndex } from '../search/search-index';
import { AnnotationService, type Clock } from './annotation-service';
import { CodebookService } from './codebook-service';
import { CorpusService } from './corpus-service';
import { CoverageService } from './coverage-service';
import { SettingsService } from './settings-service';
import { documentHandlers } from './handlers/documents';
import { annotationHandlers } from './handlers/annotations';
import { codebookHandlers } from './handlers/codebook';
import { exportHandlers, type OpenTarget, type PdfPrinter, type SaveTarget } from './handlers/export';
import { ImportService } from '../interop/import-service';
import { retrievalHandlers } from './handlers/retrieval';
import { searchHandlers } from './handlers/search';
import { readingHandlers } from './handlers/reading';

export type { OpenTarget, PdfPrinter, SaveTarget } from './handlers/export';

export interface CoreOptions {
  dataDir: string;
  corpusDir: string;
  /** Annotations are keyed to the corpus; the bundled corpus is "default". */
  corpusKey?: string;
  clock?: Clock;
  newId?: () => string;
  version?: string;
  saveTarget?: SaveTarget;
  openTarget?: OpenTarget;
  /** PDF export is only offered where a print engine is injected (Electron, the Chromium test host). */
  pdf?: PdfPrinter;
}

export interface Core {
  handlers: Handlers;
  corpus: CorpusService;
  /** Resolves once every acknowledged write is on disk; call before quitting. */
  flush(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };
const noSaveTarget: SaveTarget = {
  chooseSavePath: () => Promise.reject(new GlossatorError('unsupported', 'Saving files is not available here.')),
};
const noOpenTarget: OpenTarget = {
  chooseOpenPath: () => Promise.reject(new GlossatorError('unsupported', 'Opening files is not available here.')),
};

export async function createCore(options: CoreOptions): Promise<Core> {
  const { dataDir, corpusDir } = options;
  const corpusKey = options.corpusKey ?? 'default';
  const clock = options.clock ?? systemClock;
  const corpus = await CorpusService.open(corpusDir);
  const store = new AnnotationStore({ dataDir, corpusKey });
  const tags = new TagStore({ dataDir });
  const newId = options.newId ?? randomUUID;
  const annotations = new AnnotationService(corpus, store, tags, clock, newId);
  const codebook = new CodebookService({ tags, store, corpus, clock });
  const coverage = new CoverageService({ dataDir, corpusKey });
  const settings = new SettingsService({ dataDir });
  const index = SearchIndex.build(corpus.all());
  const importer = new ImportService({ corpus, annotations, store, tags, codebook, newId, clock });

  const handlers: Handlers = {
    ...documentHandlers({ corpus, annotations, coverage, info: { version: options.version ?? '0.0.0', dataDir, corpusDir } }),
    ...annotationHandlers({ annotations }),
    listTags: async () => tags.list(),
    ...codebookHandlers({ codebook }),
    ...exportHandlers({
      corpus,
      annotations,
      tags,
      importer,
      clock,
      version: options.version ?? '0.0.0',
      saveTarget: options.saveTarget ?? noSaveTarget,
      openTarget: options.openTarget ?? noOpenTarget,
      pdf: options.pdf ?? null,
    }),
    ...retrievalHandlers({ corpus, annotations }),
    ...searchHandlers({ index }),
    ...readingHandlers({ corpus, coverage, settings }),
  };

  return {
    handlers,
    corpus,
    flush: async () => {
      await Promise.all([store.flush(), tags.flush(), coverage.flush(), settings.flush()]);
    },
  };
}
