// The analyst's metadata edits per document (title, author, …) in the corpus's metadata.json (see layout.ts).
import { z } from 'zod';
import type { GlossDocument } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { JsonStore, type StoreIo } from './json-store';
import { pathsOf } from './path-part';
import type { CorpusPlace } from './layout';
import type { StoreCodec } from './codec';
import { JsonlSyntaxError, canonicalJson, compareIds, formatName, parseJsonl } from './jsonl';

/** Header kind of a project's metadata file (`glossator-metadata/1`): one line per document with edits. */
export const METADATA_KIND = 'metadata';

/** Format version of metadata.json; bump it when the stored shape changes. */
export const METADATA_FILE_VERSION = 1;

/** The fields an analyst may override; `source` is provenance and stays what the folder says. */
export const METADATA_FIELDS = ['title', 'author', 'publisher', 'date', 'url', 'language'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/** One document's overrides: a field present replaces what the reader, manifest or derivation gave. */
export type MetadataOverrides = Partial<Record<MetadataField, string>>;

/** A change: a string sets the override, null removes it (back to the derived value), absent leaves it. */
export type MetadataPatch = Partial<Record<MetadataField, string | null>>;

export interface MetadataFile {
  schemaVersion: typeof METADATA_FILE_VERSION;
  documents: Record<string, MetadataOverrides>;
}

// Bounds match the updateMetadata contract, so whatever is stored could have been sent.
const overridesSchema = z.strictObject({
  title: z.string().min(1).max(500).optional(),
  author: z.string().max(500).optional(),
  publisher: z.string().max(500).optional(),
  date: z.string().max(100).optional(),
  url: z.string().max(4096).optional(),
  language: z.string().max(100).optional(),
});

const metadataFileSchema: z.ZodType<MetadataFile> = z.object({
  schemaVersion: z.literal(METADATA_FILE_VERSION),
  documents: z.record(z.string().min(1), overridesSchema),
});

/** Today's `{ dataDir, corpusKey }` (metadata.json), or `{ paths }` of a project (metadata.jsonl). */
export type MetadataStoreOptions = CorpusPlace;

/**
 * Overrides live in the data dir, not the corpus folder, so a read-only corpus can be described
 * and the documents themselves are never rewritten. Overrides of a document that has left the
 * corpus are kept: it may come back (a file restored, a drive plugged in again).
 *
 * The file is read once by open(); apply() is then synchronous, so loading a corpus or reloading a
 * changed file does not wait on the disk per document. An unreadable file applies no overrides
 * (documents show what their files say) and update() refuses with 'store-unreadable'.
 */
export class MetadataStore {
  private readonly store: JsonStore<MetadataFile>;
  private overrides: Record<string, MetadataOverrides> = {};

  /** `io` (optional) injects file-system calls and says what to do with a damaged file; see StoreIo. */
  constructor(opts: MetadataStoreOptions, io?: StoreIo) {
    const paths = pathsOf(opts);
    this.store = new JsonStore<MetadataFile>({
      file: paths.metadata,
      schema: metadataFileSchema,
      codec: paths.layout === 'project' ? metadataJsonlCodec : undefined,
      version: METADATA_FILE_VERSION,
      defaults: () => ({ schemaVersion: METADATA_FILE_VERSION, documents: {} }),
      io,
    });
  }

  get file(): string {
    return this.store.file;
  }

  /** Why metadata.json could not be opened, in plain words; null if it is fine. */
  get problem(): string | null {
    return this.store.problem;
  }

  /** Reads the file; an unreadable one is remembered (see `problem`) rather than thrown. */
  async open(): Promise<void> {
    try {
      this.overrides = (await this.store.read()).documents;
    } catch (error) {
      if (error instanceof GlossatorError && error.code === 'store-unreadable') return;
      throw error;
    }
  }

  /**
   * The document with its overrides applied; the same object when it has none. An empty override
   * means "none" (an author the derivation guessed wrongly, say), shown as null like a missing one.
   */
  apply(doc: GlossDocument): GlossDocument {
    const own = this.overrides[doc.id];
    if (own === undefined) return doc;
    const shown: GlossDocument = { ...doc };
    for (const field of METADATA_FIELDS) {
      const value = own[field];
      if (value === undefined) continue;
      if (field === 'title') shown.title = value;
      else shown[field] = value === '' ? null : value;
    }
    return shown;
  }

  /** Changes a document's overrides durably and answers them. */
  async update(docId: string, patch: MetadataPatch): Promise<MetadataOverrides> {
    const next = await this.store.update((draft) => {
      const own: MetadataOverrides = { ...draft.documents[docId] };
      for (const field of METADATA_FIELDS) {
        const value = patch[field];
        if (value === null) delete own[field];
        else if (value !== undefined) own[field] = value;
      }
      if (Object.keys(own).length === 0) delete draft.documents[docId];
      else draft.documents[docId] = own;
      return draft.documents;
    });
    // A copy: the store's own state must not be reachable from here.
    this.overrides = structuredClone(next);
    return { ...next[docId] };
  }

  /** Every document's overrides (a copy), as read by open(). */
  async all(): Promise<Record<string, MetadataOverrides>> {
    return structuredClone(this.overrides);
  }

  /** Waits until every queued write has settled. */
  flush(): Promise<void> {
    return this.store.flush();
  }
}

/**
 * metadata.jsonl: `{"format":"glossator-metadata/1"}`, then `{"id":<docId>, …overrides}` per
 * document, sorted by id, so one document's edit is one changed line in a diff.
 */
const metadataJsonlCodec: StoreCodec<MetadataFile> = {
  draft: (data) => structuredClone(data),
  prepare(data) {
    const parsed = metadataFileSchema.safeParse(data);
    if (!parsed.success) return { ok: false, error: parsed.error };
    const ids = Object.keys(parsed.data.documents).sort(compareIds);
    const lines = ids.map((id) => `${canonicalJson({ id, ...parsed.data.documents[id] }, ['id', ...METADATA_FIELDS])}\n`);
    const header = `${JSON.stringify({ format: formatName(METADATA_KIND, METADATA_FILE_VERSION) })}\n`;
    return { ok: true, value: data, bytes: Buffer.from(header + lines.join('')) };
  },
  loaded: (data) => data,
  decode(text) {
    const file = parseJsonl(text);
    if (file.kind !== METADATA_KIND) throw new JsonlSyntaxError(1, `says it is a glossator-${file.kind} file, not glossator-${METADATA_KIND}`);
    const documents: Record<string, unknown> = {};
    const lineOf = new Map<string, number>();
    file.records.forEach((record, i) => {
      const { id, ...rest } = record as { id?: unknown };
      const line = file.lines[i]!;
      if (typeof id !== 'string' || id === '') throw new JsonlSyntaxError(line, 'has no document id ("id")');
      if (lineOf.has(id)) throw new JsonlSyntaxError(line, `repeats the id "${id}" of line ${lineOf.get(id)}`);
      lineOf.set(id, line);
      documents[id] = rest;
    });
    return {
      json: { schemaVersion: file.version, documents },
      where: ([key, id, ...rest]) => {
        const line = key === 'documents' && typeof id === 'string' ? lineOf.get(id) : undefined;
        if (line === undefined) return null;
        return rest.length ? `line ${line} (${rest.join('.')})` : `line ${line}`;
      },
    };
  },
};
