// Handlers for the corpus: app info, document summaries (counts, coverage) and documents.
import type { Handlers } from '../../../shared/contract';
import type { DocumentSummary, GlossDocument } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
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
  // Both read a file of this document the first time; neither waits for the other.
  const counting = deps.annotations.counts(doc.id);
  counting.catch(() => undefined); // handled below, once the coverage is in
  const coverage = await deps.coverage.get(doc);
  const summary: DocumentSummary = {
    id: doc.id,
    title: doc.title,
    author: doc.author,
    publisher: doc.publisher,
    source: doc.source,
    wordCount: doc.wordCount,
    tagCounts: {},
    tagSets: {},
    passageCount: 0,
    needsReview: 0,
    storeError: null,
    coverage: { read: coverage.read.length, total: coverage.total },
  };
  try {
    // Kept by AnnotationService until the document's passages or text change: after an edit,
    // only that document is placed and counted again.
    return { ...summary, ...(await counting) };
  } catch (error) {
    if (error instanceof GlossatorError && error.code === 'store-unreadable') {
      return { ...summary, storeError: error.message };
    }
    throw error;
  }
}

/**
 * How many documents are summarised at once. The first listing reads every annotation file: all
 * at once would hold every file's bytes and parse at the same time (a heap spike and long
 * collector pauses); a few at a time keeps the disk busy and the event loop free between files.
 */
export const SUMMARY_CONCURRENCY = 16;

/** `work` over `items` with at most `limit` running at a time; answers in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function documentHandlers(deps: DocumentDeps): Pick<
  Handlers,
  'getAppInfo' | 'listDocuments' | 'getDocumentSummary' | 'listCorpusProblems' | 'getDocument'
> {
  return {
    getAppInfo: async () => ({ ...deps.info, normaliser: NORMALISER_VERSION }),
    listDocuments: async () => mapLimited(deps.corpus.all(), SUMMARY_CONCURRENCY, (doc) => summarise(deps, doc)),
    getDocumentSummary: async ({ docId }) => summarise(deps, deps.corpus.get(docId)),
    // By file name, so the list reads the same on every open and after the watcher's updates.
    listCorpusProblems: async () => [...deps.corpus.problems].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)),
    getDocument: async ({ docId }) => deps.corpus.get(docId),
  };
}
