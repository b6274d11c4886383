// Annotations of one corpus, one JSON file per document, so a save costs what that document holds.
import { join } from 'node:path';
import type { Annotation } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { JsonStore } from './json-store';
import { ANNOTATION_FILE_VERSION, annotationFileSchema, type AnnotationFile } from './schemas';

// docId and corpusKey become file and folder names: a strict pattern rules out traversal ("..",
// separators), hidden files and over-long names before anything touches the disk.
const PATH_PART = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Throws 'invalid-argument' unless `value` is safe to use as one path component. */
export function assertPathPart(what: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !PATH_PART.test(value)) {
    throw new GlossatorError(
      'invalid-argument',
      `Invalid ${what} ${JSON.stringify(value)}: use 1–128 letters, digits, "_" or "-", starting with a letter or digit.`,
    );
  }
}

export interface AnnotationStoreOptions {
  dataDir: string;
  corpusKey: string;
}

export class AnnotationStore {
  private readonly dir: string;
  private readonly stores = new Map<string, JsonStore<AnnotationFile>>();

  constructor(opts: AnnotationStoreOptions) {
    assertPathPart('corpus key', opts.corpusKey);
    this.dir = join(opts.dataDir, 'corpora', opts.corpusKey, 'annotations');
  }

  /** Path of a document's annotation file (for messages and tools; the store owns the file). */
  fileOf(docId: string): string {
    assertPathPart('document id', docId);
    return join(this.dir, `${docId}.json`);
  }

  private storeOf(docId: string): JsonStore<AnnotationFile> {
    const file = this.fileOf(docId);
    let store = this.stores.get(docId);
    if (!store) {
      store = new JsonStore<AnnotationFile>({
        file,
        // A file renamed or copied by hand, or two ids differing only in case on a case-insensitive
        // disk, must not be taken for this document's annotations and then rewritten.
        schema: annotationFileSchema.refine((f) => f.docId === docId, {
          message: `the file belongs to another document, not "${docId}"`,
        }),
        version: ANNOTATION_FILE_VERSION,
        defaults: () => ({ schemaVersion: ANNOTATION_FILE_VERSION, docId, annotations: [] }),
      });
      this.stores.set(docId, store);
    }
    return store;
  }

  async list(docId: string): Promise<Annotation[]> {
    const data = await this.storeOf(docId).read();
    return data.annotations;
  }

  async add(docId: string, a: Annotation): Promise<void> {
    const store = this.storeOf(docId);
    if (a.docId !== docId) {
      throw new GlossatorError('invalid-argument', `Annotation ${a.id} belongs to "${a.docId}", not "${docId}".`);
    }
    const copy = structuredClone(a);
    await store.update((file) => {
      if (file.annotations.some((x) => x.id === copy.id)) {
        throw new GlossatorError('invalid-argument', `Document "${docId}" already has an annotation ${copy.id}.`);
      }
      file.annotations.push(copy);
    });
  }

  async update(
    docId: string,
    annotationId: string,
    change: (a: Annotation) => Annotation,
  ): Promise<Annotation> {
    const store = this.storeOf(docId);
    const updated = await store.update((file) => {
      const i = file.annotations.findIndex((x) => x.id === annotationId);
      const current = file.annotations[i];
      if (!current) throw notFound(docId, annotationId);
      const next = change(structuredClone(current));
      if (next.id !== current.id || next.docId !== current.docId) {
        throw new GlossatorError('invalid-argument', `An update may not change an annotation's id or document.`);
      }
      file.annotations[i] = next;
      return next;
    });
    return structuredClone(updated);
  }

  /**
   * Changes several passages of one document in one durable write: all of them land or none.
   * Every id must exist ('not-found' otherwise, and nothing is written).
   */
  async updateMany(docId: string, changes: ReadonlyMap<string, (a: Annotation) => Annotation>): Promise<void> {
    if (changes.size === 0) return;
    await this.storeOf(docId).update((file) => {
      for (const [annotationId, change] of changes) {
        const i = file.annotations.findIndex((x) => x.id === annotationId);
        const current = file.annotations[i];
        if (!current) throw notFound(docId, annotationId);
        const next = change(structuredClone(current));
        if (next.id !== current.id || next.docId !== current.docId) {
          throw new GlossatorError('invalid-argument', `An update may not change an annotation's id or document.`);
        }
        file.annotations[i] = next;
      }
    });
  }

  async remove(docId: string, annotationId: string): Promise<void> {
    await this.storeOf(docId).update((file) => {
      const i = file.annotations.findIndex((x) => x.id === annotationId);
      if (i < 0) throw notFound(docId, annotationId);
      file.annotations.splice(i, 1);
    });
  }

  /** The plain-words reason the document's file could not be opened, or null. */
  problem(docId: string): string | null {
    assertPathPart('document id', docId);
    return this.stores.get(docId)?.problem ?? null;
  }

  /** Waits until every queued write of every document has settled. */
  async flush(): Promise<void> {
    await Promise.all([...this.stores.values()].map((s) => s.flush()));
  }
}

function notFound(docId: string, annotationId: string): GlossatorError {
  return new GlossatorError('not-found', `Document "${docId}" has no annotation ${annotationId}.`);
}
