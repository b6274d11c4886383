// Annotations of one corpus, one JSON file per document, so a save costs what that document holds.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Annotation } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { JsonStore, type StoreIo } from './json-store';
import { FolderScan, pendingDamaged } from './damage';
import { realFileOps } from './file-ops';
import { ANNOTATION_FILE_VERSION, annotationFileSchema, annotationSchema, type AnnotationFile } from './schemas';
import { annotationCodec } from './annotation-codec';
import type { CorpusPlace } from './layout';
import { PATH_PART, assertPathPart, pathsOf } from './path-part';
import { jsonlCodec } from './jsonl';
import { z } from 'zod';

/** Header kind of a project's passage files (`glossator-passages/1`). */
export const PASSAGES_KIND = 'passages';

export { assertPathPart } from './path-part';

/** Today's `{ dataDir, corpusKey }`, or `{ paths }` of a project coder's files (see layout.ts). */
export type AnnotationStoreOptions = CorpusPlace;

/** A document whose annotation file could not be used, and the backups that could replace it. */
import type { DamagedDocument } from '../../shared/types';
export type { DamagedDocument };

export class AnnotationStore {
  private readonly dir: string;
  // '.json' (today's data folder: one JSON document per file) or '.jsonl' (a project: line-diffable).
  private readonly ext: '.json' | '.jsonl';
  private readonly stores = new Map<string, JsonStore<AnnotationFile>>();
  private readonly scan: FolderScan;

  /** `io` (optional) injects file-system calls and says what to do with damaged files; see StoreIo. */
  constructor(
    opts: AnnotationStoreOptions,
    private readonly io: StoreIo = {},
  ) {
    const paths = pathsOf(opts);
    this.dir = paths.annotations;
    this.ext = paths.layout === 'project' ? '.jsonl' : '.json';
    this.scan = new FolderScan(io.ops ?? realFileOps, io.damaged === 'move-aside');
  }

  /** Path of a document's annotation file (for messages and tools; the store owns the file). */
  fileOf(docId: string): string {
    assertPathPart('document id', docId);
    return join(this.dir, `${docId}${this.ext}`);
  }

  private storeOf(docId: string): JsonStore<AnnotationFile> {
    const file = this.fileOf(docId);
    let store = this.stores.get(docId);
    if (!store) {
      // A file renamed or copied by hand, or two ids differing only in case on a case-insensitive
      // disk, must not be taken for this document's annotations and then rewritten.
      const { schema, codec } = this.ext === '.jsonl' ? passagesFormat(docId) : jsonFormat(docId);
      store = new JsonStore<AnnotationFile>({
        file,
        schema,
        codec,
        version: ANNOTATION_FILE_VERSION,
        defaults: () => ({ schemaVersion: ANNOTATION_FILE_VERSION, docId, annotations: [] }),
        io: this.io,
        scan: this.scan,
      });
      this.stores.set(docId, store);
    }
    return store;
  }

  /** A copy of the document's passages, free to change. */
  async list(docId: string): Promise<Annotation[]> {
    const data = await this.storeOf(docId).read();
    return data.annotations;
  }

  /**
   * The document's acknowledged file itself, frozen (see annotation-codec): no copying, for readers
   * of many documents. Every write replaces the object, so holding on to it tells a cache whether
   * the document's passages changed since, whichever path wrote them.
   */
  async current(docId: string): Promise<Readonly<AnnotationFile>> {
    return this.storeOf(docId).current();
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

  /** Sets every passage of a document in one durable write (a migration, a merge); ids must be distinct. */
  async replaceDocument(docId: string, annotations: readonly Annotation[]): Promise<void> {
    const copies = annotations.map((a) => {
      if (a.docId !== docId) throw new GlossatorError('invalid-argument', `Annotation ${a.id} belongs to "${a.docId}", not "${docId}".`);
      return structuredClone(a);
    });
    await this.storeOf(docId).update((file) => {
      file.annotations = copies;
    });
  }

  async remove(docId: string, annotationId: string): Promise<void> {
    await this.storeOf(docId).update((file) => {
      const i = file.annotations.findIndex((x) => x.id === annotationId);
      if (i < 0) throw notFound(docId, annotationId);
      file.annotations.splice(i, 1);
    });
  }

  /**
   * Ids of the documents that have an annotation file here, sorted; [] before the first write.
   * Found from the folder, not the corpus, so passages of a removed document can still be listed.
   * Names that are not valid ids (temp files of an interrupted write, files dropped in by hand)
   * are skipped: no store could be opened for them anyway.
   */
  async documentIds(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new GlossatorError('io-error', `Could not list ${this.dir}: ${(err as Error).message}.`);
    }
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(this.ext))
      .map((e) => e.name.slice(0, -this.ext.length))
      .filter((id) => PATH_PART.test(id))
      .sort();
  }

  /** The plain-words reason the document's file could not be opened, or null. */
  problem(docId: string): string | null {
    assertPathPart('document id', docId);
    return this.stores.get(docId)?.problem ?? null;
  }

  /**
   * Every document of this corpus whose annotation file cannot be used: files found damaged, and
   * files an earlier run moved aside and no backup has replaced yet. Reads each file once (later
   * calls answer from memory), so it can be called before or after the documents are listed.
   */
  async damaged(): Promise<DamagedDocument[]> {
    const pending = (await pendingDamaged(this.io.ops ?? realFileOps, this.dir, this.ext)).filter((id) => PATH_PART.test(id));
    const ids = new Set([...(await this.documentIds()), ...pending]);
    for (const [docId, store] of this.stores) if (store.damage) ids.add(docId);
    const found: DamagedDocument[] = [];
    for (const docId of [...ids].sort()) {
      const store = this.storeOf(docId);
      await store.open().catch(() => undefined);
      const damage = store.damage;
      if (!damage) continue;
      const backups = (await store.backups()).map((b) => ({
        generation: b.generation,
        savedAt: b.savedAt.toISOString(),
        passages: b.data.annotations.length,
      }));
      found.push({ docId, file: damage.file, movedTo: damage.movedTo, reason: damage.reason, backups });
    }
    return found;
  }

  /**
   * Puts backup `generation` (1 = the newest, see damaged()) in place of a damaged annotation file
   * and answers its passages; the damaged file stays aside. 'invalid-argument' if the document is
   * not damaged, 'not-found' if there is no such backup.
   */
  async restoreBackup(docId: string, generation: number): Promise<Annotation[]> {
    return (await this.storeOf(docId).restore(generation)).annotations;
  }

  /** For a damaged document with no usable backup: keeps the damaged file aside and starts with no passages. */
  async startEmpty(docId: string): Promise<void> {
    await this.storeOf(docId).startEmpty();
  }

  /** Waits until every queued write of every document has settled. */
  async flush(): Promise<void> {
    await Promise.all([...this.stores.values()].map((s) => s.flush()));
  }
}

function notFound(docId: string, annotationId: string): GlossatorError {
  return new GlossatorError('not-found', `Document "${docId}" has no annotation ${annotationId}.`);
}

function jsonFormat(docId: string) {
  const schema = annotationFileSchema.refine((f) => f.docId === docId, {
    message: `the file belongs to another document, not "${docId}"`,
  });
  return { schema, codec: annotationCodec(schema) };
}

/**
 * A project's passage file: `{"format":"glossator-passages/1"}`, then one passage per line sorted by
 * id. The document is the file's name, so a passage of another document is refused by its line.
 */
function passagesFormat(docId: string) {
  const recordSchema = annotationSchema.refine((a) => a.docId === docId, {
    message: `the passage belongs to another document, not "${docId}"`,
  });
  const schema = z.object({
    schemaVersion: z.literal(ANNOTATION_FILE_VERSION),
    docId: z.literal(docId),
    annotations: z.array(recordSchema),
  }) as unknown as z.ZodType<AnnotationFile>;
  const codec = jsonlCodec<AnnotationFile, Annotation>({
    kind: PASSAGES_KIND,
    version: ANNOTATION_FILE_VERSION,
    recordsKey: 'annotations',
    recordSchema,
    fixed: { docId },
    keyOrder: ['id', 'docId'],
  });
  return { schema, codec };
}
