// The one place the Electron-free core is composed: paths, clock and id source are injected here.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Handlers } from '../../shared/contract';
import type { DocumentSummary, GlossDocument, PlacedAnnotation } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { NORMALISER_VERSION } from '../corpus/normalise';
import { AnnotationStore } from '../store/annotation-store';
import { TagStore } from '../store/tag-store';
import { buildDigest, digestFileName } from '../export/digest';
import { AnnotationService, type Clock } from './annotation-service';
import { CorpusService } from './corpus-service';

/** Where a saved file goes: a native dialog in Electron, a chosen path in tests and tools. */
export interface SaveTarget {
  chooseSavePath(suggestedName: string): Promise<string | null>;
}

export interface CoreOptions {
  dataDir: string;
  corpusDir: string;
  /** Annotations are keyed to the corpus; the bundled corpus is "default". */
  corpusKey?: string;
  clock?: Clock;
  newId?: () => string;
  version?: string;
  saveTarget?: SaveTarget;
}

export interface Core {
  handlers: Handlers;
  corpus: CorpusService;
  /** Resolves once every acknowledged write is on disk; call before quitting. */
  flush(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };
const noSaveTarget: SaveTarget = {
  chooseSavePath: () => Promise.reject(new GlossatorError('internal', 'Saving files is not available here.')),
};

export async function createCore(options: CoreOptions): Promise<Core> {
  const corpus = await CorpusService.open(options.corpusDir);
  const store = new AnnotationStore({ dataDir: options.dataDir, corpusKey: options.corpusKey ?? 'default' });
  const tags = new TagStore({ dataDir: options.dataDir });
  const clock = options.clock ?? systemClock;
  const annotations = new AnnotationService(corpus, store, tags, clock, options.newId ?? randomUUID);
  const saveTarget = options.saveTarget ?? noSaveTarget;

  async function summarise(doc: GlossDocument): Promise<DocumentSummary> {
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
    };
    let placed: PlacedAnnotation[];
    try {
      placed = await annotations.list(doc.id);
    } catch (error) {
      if (error instanceof GlossatorError && error.code === 'store-unreadable') {
        return { ...summary, storeError: error.message };
      }
      throw error;
    }
    for (const a of placed) {
      for (const t of a.tagIds) summary.tagCounts[t] = (summary.tagCounts[t] ?? 0) + 1;
      if (a.state === 'needs-review') summary.needsReview++;
    }
    return { ...summary, passageCount: placed.length };
  }

  async function digest(groupBy: 'tag' | 'document') {
    const all: PlacedAnnotation[] = [];
    for (const doc of corpus.all()) all.push(...(await annotations.list(doc.id)));
    const now = clock.now();
    const built = buildDigest({ documents: [...corpus.all()], tags: await tags.list(), annotations: all, groupBy, now });
    return { ...built, suggestedName: digestFileName(now, groupBy) };
  }

  const handlers: Handlers = {
    getAppInfo: async () => ({
      version: options.version ?? '0.0.0',
      dataDir: options.dataDir,
      corpusDir: options.corpusDir,
      normaliser: NORMALISER_VERSION,
    }),
    listDocuments: async () => Promise.all(corpus.all().map(summarise)),
    getDocument: async ({ docId }) => corpus.get(docId),
    listTags: async () => tags.list(),
    listAnnotations: async ({ docId }) => annotations.list(docId),
    createAnnotation: async (args) => annotations.create(args),
    updateAnnotation: async (args) => annotations.update(args),
    deleteAnnotation: async (args) => annotations.remove(args),
    buildDigest: async ({ groupBy }) => digest(groupBy),
    saveDigest: async ({ groupBy }) => {
      const built = await digest(groupBy);
      const path = await saveTarget.chooseSavePath(built.suggestedName);
      if (!path) throw new GlossatorError('cancelled', 'The digest was not saved.');
      try {
        await writeFileAtomic(path, built.markdown, { encoding: 'utf8', fsync: true });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        throw new GlossatorError('io-error', `Could not save the digest as ${basename(path)} (${code}).`);
      }
      return { path, bytes: Buffer.byteLength(built.markdown) };
    },
  };

  return { handlers, corpus, flush: () => store.flush() };
}
