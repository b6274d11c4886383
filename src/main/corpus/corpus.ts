// The corpus loader: reads a folder of source files plus its manifest into normalised documents.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { z } from 'zod';
import type { DocumentMeta, GlossDocument } from '../../shared/types';
import { deriveMeta } from './meta';
import { NORMALISER_VERSION, normalise } from './normalise';

export const MANIFEST_FILE = 'manifest.json';

/** Turns a file's bytes into raw text; importers for .md, .html and .pdf will join this map. */
type Reader = (bytes: Uint8Array) => string;
const READERS: Readonly<Record<string, Reader>> = {
  // fatal: a file that is not UTF-8 should fail loudly, not turn into U+FFFD that annotations anchor on.
  '.txt': (bytes) => new TextDecoder('utf-8', { fatal: true }).decode(bytes),
};

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
      url: nullableText,
      provenance: z.string().min(1),
      titleSource: z.enum(['text', 'descriptive']),
    }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;
type ManifestEntry = Manifest['documents'][number];

export function hashText(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

export async function loadCorpus(dir: string): Promise<GlossDocument[]> {
  const entries = await readManifest(dir);
  const files = (await readdir(dir, { withFileTypes: true })).filter((f) => f.isFile()).map((f) => f.name);
  const docs: GlossDocument[] = [];
  for (const source of files.sort()) {
    const read = READERS[extname(source).toLowerCase()];
    if (read === undefined) continue;
    docs.push(toDocument(source, await readSource(join(dir, source), read), entries.get(source)));
  }
  assertUniqueIds(docs);
  return docs;
}

async function readSource(path: string, read: Reader): Promise<string> {
  const bytes = await readFile(path);
  try {
    return read(bytes);
  } catch (e) {
    throw new Error(`${path}: cannot be read as text (${(e as Error).message})`);
  }
}

function toDocument(source: string, raw: string, entry: ManifestEntry | undefined): GlossDocument {
  const { text, blocks } = normalise(raw);
  const meta: DocumentMeta = entry === undefined ? deriveMeta(blocks, text, source) : metaFromEntry(entry);
  return {
    ...meta,
    id: idOf(source),
    text,
    blocks,
    contentHash: hashText(text),
    normaliser: NORMALISER_VERSION,
    wordCount: countWords(text),
  };
}

function metaFromEntry(e: ManifestEntry): DocumentMeta {
  return { title: e.title, author: e.author, publisher: e.publisher, date: e.date, url: e.url, source: e.source };
}

/** The file name without its extension, reduced to characters safe in paths and URLs. */
export const idOf = (source: string): string => source.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '-');

/** Tokens with at least one letter or digit, so dashes and bullets do not count as words. */
export const countWords = (text: string): number => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

/** "a b.txt" and "a-b.txt" would share an id, and so one annotation file. */
function assertUniqueIds(docs: readonly GlossDocument[]): void {
  const seen = new Map<string, string>();
  for (const d of docs) {
    const other = seen.get(d.id);
    if (other !== undefined) {
      throw new Error(`Corpus files "${other}" and "${d.source}" both map to document id "${d.id}"; rename one.`);
    }
    seen.set(d.id, d.source);
  }
}

/** Manifest entries by source file name; an absent manifest means every document derives its meta. */
async function readManifest(dir: string): Promise<Map<string, ManifestEntry>> {
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
