// The corpus loader: reads a folder of source files plus its manifest into normalised documents.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GlossatorError } from '../../shared/result';
import type { DocumentMeta, GlossDocument } from '../../shared/types';
import { deriveMeta } from './meta';
import { readDocument, supportedExtension, type ReadResult } from './readers/index';

export const MANIFEST_FILE = 'manifest.json';

/** A file that could not be loaded, and why, in words the analyst can act on. */
export interface CorpusProblem {
  source: string;
  message: string;
}

const nullableText = z.string().min(1).nullable();
const manifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  documents: z.array(
    z.strictObject({
      source: z.string().min(1),
      title: z.string().min(1),
      author: nullableText,
      publisher: nullableText,
      date: nullableText,
      // Only web addresses: a manifest is data, and its URL reaches exports as a link target.
      url: nullableText.transform((u) => (u && /^https?:\/\//i.test(u) ? u : null)),
      provenance: z.string().min(1),
      titleSource: z.enum(['text', 'descriptive']),
    }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest['documents'][number];

export function hashText(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * Every file with a supported extension, sorted by name. A file that cannot be read does not stop
 * the rest: it is left out and listed in `problems`. A broken manifest still throws, since it
 * describes the whole folder.
 */
export async function loadCorpus(dir: string): Promise<{ documents: GlossDocument[]; problems: CorpusProblem[] }> {
  const entries = await readManifest(dir);
  const files = (await readdir(dir, { withFileTypes: true })).filter((f) => f.isFile()).map((f) => f.name);
  const documents: GlossDocument[] = [];
  const problems: CorpusProblem[] = [];
  const ids = new Map<string, string>();
  for (const source of files.sort()) {
    if (supportedExtension(source) === null) continue;
    // "a b.txt" and "a-b.txt", or "x.pdf" and "x.docx", would share an id and so one annotation file.
    const other = ids.get(idOf(source));
    if (other !== undefined) {
      problems.push({ source, message: `${source} was not loaded: it maps to document id "${idOf(source)}", as "${other}" does; rename one of them.` });
      continue;
    }
    try {
      documents.push(await loadDocument(dir, source, entries.get(source)));
      ids.set(idOf(source), source);
    } catch (e) {
      problems.push({ source, message: (e as Error).message });
    }
  }
  return { documents, problems };
}

/**
 * Reads and normalises one file of the folder: for loading the corpus, and for reloading a file
 * that changed. Meta comes from the manifest entry, else from what the file states (HTML meta
 * tags, PDF info…), else from the text. Throws a GlossatorError naming the file.
 */
export async function loadDocument(dir: string, fileName: string, manifestEntry?: ManifestEntry): Promise<GlossDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(dir, fileName));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GlossatorError(code === 'ENOENT' ? 'not-found' : 'io-error', `${fileName} could not be read from the corpus folder (${code ?? (e as Error).message}).`);
  }
  return toDocument(fileName, await readDocument(fileName, bytes), manifestEntry);
}

function toDocument(source: string, read: ReadResult, entry: ManifestEntry | undefined): GlossDocument {
  const { text, blocks } = read;
  const stated: DocumentMeta = { ...deriveMeta(blocks, text, source), ...definedOnly(read.meta) };
  const meta: DocumentMeta = entry === undefined ? stated : { ...stated, ...metaFromEntry(entry) };
  return {
    ...meta,
    id: idOf(source),
    text,
    blocks,
    contentHash: hashText(text),
    normaliser: read.normaliser,
    wordCount: countWords(text),
  };
}

/** Reader meta without empty values, so a missing title never hides the derived one. */
function definedOnly(meta: ReadResult['meta']): ReadResult['meta'] {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

function metaFromEntry(e: ManifestEntry): DocumentMeta {
  return { title: e.title, author: e.author, publisher: e.publisher, date: e.date, url: e.url, source: e.source };
}

/** The file name without its extension, reduced to characters safe in paths and URLs. */
export const idOf = (source: string): string => source.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '-');

/** Tokens with at least one letter or digit, so dashes and bullets do not count as words. */
export const countWords = (text: string): number => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

/** Manifest entries by source file name; an absent manifest means every document derives its meta. */
export async function readManifest(dir: string): Promise<Map<string, ManifestEntry>> {
  const path = join(dir, MANIFEST_FILE);
  let json: string;
  try {
    json = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
  return indexManifest(parseManifest(json, path), path);
}

export function parseManifest(json: string, path: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${pathOf(i.path)}: ${i.message}`);
  throw new Error(`${path}: malformed manifest: ${problems.join('; ')}`);
}

function indexManifest(manifest: Manifest, path: string): Map<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>();
  for (const [i, e] of manifest.documents.entries()) {
    if (entries.has(e.source)) {
      throw new Error(`${path}: malformed manifest: documents[${i}].source "${e.source}" is listed twice`);
    }
    entries.set(e.source, e);
  }
  return entries;
}

/** ["documents", 2, "title"] → "documents[2].title", the way one would point at it in the file. */
function pathOf(path: readonly PropertyKey[]): string {
  const text = path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  return text === '' ? '(root)' : text.replace(/^\./, '');
}
