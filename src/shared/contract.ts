// The main↔renderer contract: every call, its arguments (validated with zod in main), result and doc.
import { z } from 'zod';
import type {
  DigestGroupBy,
  DocumentSummary,
  GlossDocument,
  PlacedAnnotation,
  Tag,
} from './types';
import type { Result } from './result';
import { MAX_NOTE_LENGTH, MAX_PASSAGE_LENGTH, MAX_TAGS_PER_PASSAGE } from './limits';
import type { Method } from './methods';

export { METHODS, channelOf, type Method } from './methods';

const id = z.string().min(1).max(200);
const offset = z.number().int().nonnegative();
const tagIds = z.array(id).max(MAX_TAGS_PER_PASSAGE);
const note = z.string().max(MAX_NOTE_LENGTH, `A note may hold at most ${MAX_NOTE_LENGTH} characters.`);

/** Argument schemas, one per method. `z.strictObject` rejects unknown keys. */
export const argSchemas = {
  getAppInfo: z.strictObject({}),
  listDocuments: z.strictObject({}),
  getDocument: z.strictObject({ docId: id }),
  listTags: z.strictObject({}),
  listAnnotations: z.strictObject({ docId: id }),
  createAnnotation: z.strictObject({
    docId: id,
    start: offset,
    end: offset,
    exact: z.string().min(1).max(MAX_PASSAGE_LENGTH),
    tagIds,
    note: note.optional(),
  }),
  updateAnnotation: z.strictObject({
    docId: id,
    annotationId: id,
    tagIds: tagIds.optional(),
    note: note.optional(),
  }),
  deleteAnnotation: z.strictObject({ docId: id, annotationId: id }),
  buildDigest: z.strictObject({ groupBy: z.enum(['tag', 'document']) }),
  saveDigest: z.strictObject({ groupBy: z.enum(['tag', 'document']) }),
} satisfies { [M in Method]: z.ZodType };

export type Args<M extends Method> = z.infer<(typeof argSchemas)[M]>;

export interface AppInfo {
  version: string;
  dataDir: string;
  corpusDir: string;
  normaliser: string;
}

export interface Digest {
  markdown: string;
  suggestedName: string;
  passageCount: number;
}

export interface SavedFile {
  path: string;
  bytes: number;
}

/** What each call answers with (inside Result). One line each says what the call does. */
export interface Results {
  /** Version, data dir and corpus dir, for the About line and diagnostics. */
  getAppInfo: AppInfo;
  /** Every corpus document with word count and per-tag passage counts. */
  listDocuments: DocumentSummary[];
  /** One document's normalised text and blocks. */
  getDocument: GlossDocument;
  /** The codebook, in display order. */
  listTags: Tag[];
  /** A document's passages, re-anchored on its current text, in reading order. */
  listAnnotations: PlacedAnnotation[];
  /** Tag a passage: offsets and exact text must match the document; main adds context and hash. */
  createAnnotation: PlacedAnnotation;
  /** Retag a passage and/or edit its note. */
  updateAnnotation: PlacedAnnotation;
  /** Delete a passage; answers its id. */
  deleteAnnotation: { annotationId: string };
  /** Build the Markdown digest of every tagged passage, for preview. */
  buildDigest: Digest;
  /** Build the digest and save it where the analyst chooses (a save dialog in Electron). */
  saveDigest: SavedFile;
}

export type Handler<M extends Method> = (args: Args<M>) => Promise<Results[M]>;
/** Main implements every method: a missing handler is a type error. */
export type Handlers = { [M in Method]: Handler<M> };

/** What the preload exposes on `window.glossator`: one function per method, errors as values. */
export type GlossatorApi = { [M in Method]: (args: Args<M>) => Promise<Result<Results[M]>> };

export type { DigestGroupBy };
