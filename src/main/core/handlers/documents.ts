// Handlers for the corpus: app info, document summaries (counts, coverage) and documents.
import type { Handlers } from '../../../shared/contract';
import type { DocumentSummary, GlossDocument, PlacedAnnotation } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
import { addCount } from '../../../shared/counts';
import { NORMALISER_VERSION } from '../../corpus/normalise';
import type { AnnotationService } from '../annotation-service';
import type { CorpusService } from '../corpus-service';
import type { CoverageService } from '../coverage-service';

export interface DocumentDeps {
  corpus: CorpusService;
  annotations: AnnotationService;
  coverage: CoverageService;
  info: { version: string; dataDir: string; corpusDir: string };
}

async function summarise(deps: DocumentDeps, doc: GlossDocument): Promise<DocumentSummary> {
  const coverage = await deps.coverage.get(doc);
  const summary: DocumentSummary = {
    id: doc.id,
    title: doc.title,
    author: doc.author,
    publisher: doc.publisher,
    source: doc.source,
    wordCount: doc.wordCount,
    tagCounts: {},
    passageCount: 0,
    needsReview: 0,
    storeError: null,
    coverage: { read: coverage.read.length, total: coverage.total },
  };
  let placed: PlacedAnnotation[];
  try {
    placed = await deps.annotations.list(doc.id);
  } catch (error) {
    if (error instanceof GlossatorError && error.code === 'store-unreadable') {
      return { ...summary, storeError: error.message };
    }
    throw error;
  }
  for (const a of placed) {
    for (const t of a.tagIds) addCount(summary.tagCounts, t);
    if (a.state === 'needs-review') summary.needsReview++;
  }
  return { ...summary, passageCount: placed.length };
}

export function documentHandlers(deps: DocumentDeps): Pick<Handlers, 'getAppInfo' | 'listDocuments' | 'getDocument'> {
  return {
    getAppInfo: async () => ({ ...deps.info, normaliser: NORMALISER_VERSION }),
    listDocuments: async () => Promise.all(deps.corpus.all().map((doc) => summarise(deps, doc))),
    getDocument: async ({ docId }) => deps.corpus.get(docId),
  };
}
