// The corpus loader: reads a folder of source files plus its manifest into normalised documents.
import { constants } from 'node:fs';
import { lstat, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GlossatorError } from '../../shared/result';
import type { DocumentMeta, GlossDocument } from '../../shared/types';
import { statSource, type DocumentCache, type SourceStat } from '../store/document-cache';
import { assignIds, preferredId } from './doc-id';
import { deriveMeta } from './meta';
import { Pacer } from './pacer';
import { countWords, hashText } from './text-stats';
import { supportedExtension, type ReadResult } from './readers/index';
import { readerPool, type PooledRead, type ReaderPool } from './readers/read-pool';

export const MANIFEST_FILE = 'manifest.json';
export { countWords, hashText };

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


/** What a load found: the documents, and the files left out with why. */
export interface LoadedCorpus {
  documents: GlossDocument[];
  problems: CorpusProblem[];
}

export interface LoadCorpusOptions {
  /** Documents from the last run, used where their files are unchanged; fresh reads go back to it. */
  cache?: DocumentCache;
  /** Where files are read (worker threads under a time and memory budget); the process's pool by default. */
  pool?: ReaderPool;
}

/**
 * Every file with a supported extension, sorted by name. A file that cannot be read does not stop
 * the rest: it is left out and listed in `problems`. A broken manifest still throws, since it
 * describes the whole folder. Between documents the event loop gets a turn once SLICE_MS of work
 * has run (one document's reader still runs in one go), so IPC is answered during a long load.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const { cache } = options;
  const pool = options.pool ?? readerPool();
  const entries = await readManifest(dir);
  const listed = (await readdir(dir, { withFileTypes: true })).filter((f) => supportedExtension(f.name) !== null);
  const names = listed.filter((f) => f.isFile()).map((f) => f.name).sort();
  // A link could make the corpus read any file of the disk; the watcher skips them the same way.
  const links = listed.filter((f) => f.isSymbolicLink()).map((f) => ({ source: f.name, message: symlinkMessage(f.name) }));
  const plan = await planLoad(dir, names, cache);
  const reads = new ReadAhead(dir, plan.filter((p) => p.cached === undefined).map((p) => p.source), pool);
  const documents: GlossDocument[] = [];
  const problems: CorpusProblem[] = [...links];
  const cachedIds = new Map(plan.map((p) => [p.source, p.cached?.id]));
  const ids = assignIds(plan.map((p) => p.source), (source) => cachedIds.get(source));
  const pacer = new Pacer();
  for (const { source, stat, cached } of plan) {
    const id = ids.get(source) ?? null;
    if (id === null) {
      problems.push({ source, message: `${source} was not loaded: no document id is free for it; rename it.` });
      continue;
    }
    try {
      const base = cached === undefined ? baseDocument(source, await reads.of(source), id) : withId(cached, id);
      cache?.retain(source, stat, base, cached !== undefined && cached.id === id);
      documents.push(withManifest(base, entries.get(source)));
    } catch (e) {
      problems.push({ source, message: (e as Error).message });
    }
    await pacer.breathe();
  }
  return { documents, problems };
}

interface PlannedSource {
  source: string;
  stat: SourceStat | null;
  cached: GlossDocument | undefined;
}

/** Stats every file (before reading it: a file changed after its stat is only re-read next time) and looks it up in the cache. */
async function planLoad(dir: string, names: readonly string[], cache: DocumentCache | undefined): Promise<PlannedSource[]> {
  if (cache === undefined) return names.map((source) => ({ source, stat: null, cached: undefined }));
  await cache.load();
  const stats = await Promise.all(names.map((n) => statSource(join(dir, n))));
  return names.map((source, i) => {
    const stat = stats[i] ?? null;
    return { source, stat, cached: cache.lookup(source, stat) };
  });
}

/**
 * Starts the next files' reads (disk, then a pool worker) while the loader takes in the current
 * one, so the workers stay busy. Three ahead keeps two workers fed and bounds the memory held to
 * a few files of up to MAX_DOCUMENT_BYTES each.
 */
class ReadAhead {
  private readonly reads = new Map<string, Promise<PooledRead>>();
  private readonly order: Map<string, number>;
  private started = 0;

  constructor(
    private readonly dir: string,
    private readonly names: readonly string[],
    private readonly pool: ReaderPool,
    private readonly depth = 3,
  ) {
    this.order = new Map(names.map((n, i) => [n, i]));
  }

  /** Asked for in the order of `names`, some perhaps skipped. */
  of(name: string): Promise<PooledRead> {
    const until = Math.min(this.names.length, (this.order.get(name) ?? -1) + this.depth + 1);
    for (; this.started < until; this.started++) {
      const next = this.names[this.started]!;
      const read = this.readOne(next);
      read.catch(() => undefined); // a file skipped as an id clash must not fail unobserved
      this.reads.set(next, read);
    }
    const read = this.reads.get(name) ?? this.readOne(name);
    this.reads.delete(name);
    return read;
  }

  private async readOne(name: string): Promise<PooledRead> {
    return this.pool.read(name, await readBytes(this.dir, name));
  }
}

/**
 * Reads and normalises one file of the folder: for loading the corpus, and for reloading a file
 * that changed. Meta comes from the manifest entry, else from what the file states (HTML meta
 * tags, PDF info…), else from the text. Throws a GlossatorError naming the file.
 */
export async function loadDocument(dir: string, fileName: string, manifestEntry?: ManifestEntry, id = preferredId(fileName), pool = readerPool()): Promise<GlossDocument> {
  const read = await pool.read(fileName, await readBytes(dir, fileName));
  return withManifest(baseDocument(fileName, read, id), manifestEntry);
}

export const symlinkMessage = (fileName: string): string =>
  `${fileName} was not read: it is a symbolic link, and Glossator reads only files that are in the corpus folder itself. Copy the file in instead.`;

/**
 * Opened with O_NOFOLLOW, so a file swapped for a link after the folder was listed (or one the
 * watcher reports) is refused at the open itself, not after a separate check it could race.
 */
async function readBytes(dir: string, fileName: string): Promise<Uint8Array> {
  const path = join(dir, fileName);
  try {
    if (constants.O_NOFOLLOW === undefined && (await lstat(path)).isSymbolicLink()) throw Object.assign(new Error('link'), { code: 'ELOOP' });
    const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new GlossatorError('unsupported', symlinkMessage(fileName));
    throw new GlossatorError(code === 'ENOENT' ? 'not-found' : 'io-error', `${fileName} could not be read from the corpus folder (${code ?? (e as Error).message}).`);
  }
}

/**
 * The document as its file gives it, before the manifest: what the document cache keeps. Any
 * change to what this derives must bump CACHE_FORMAT (document-cache-file.ts), or reopened
 * corpora keep the old derivation.
 */
export function baseDocument(source: string, read: ReadResult & { stats?: PooledRead['stats'] }, id: string): GlossDocument {
  const { text, blocks } = read;
  return {
    ...deriveMeta(blocks, text, source),
    ...definedOnly(read.meta),
    id,
    text,
    blocks,
    contentHash: read.stats?.contentHash ?? hashText(text),
    normaliser: read.normaliser,
    wordCount: read.stats?.wordCount ?? countWords(text),
  };
}

/** The manifest's meta over the file's; every key it sets is already in the base, so key order is kept. */
function withManifest(base: GlossDocument, entry: ManifestEntry | undefined): GlossDocument {
  return entry === undefined ? base : { ...base, ...metaFromEntry(entry) };
}

/** Reader meta without empty values, so a missing title never hides the derived one. */
function definedOnly(meta: ReadResult['meta']): ReadResult['meta'] {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

function metaFromEntry(e: ManifestEntry): DocumentMeta {
  return { title: e.title, author: e.author, publisher: e.publisher, date: e.date, url: e.url, source: e.source };
}

/** A cached document under the id this load gave it (the same, unless a hash clash or an old id moved it). */
const withId = (doc: GlossDocument, id: string): GlossDocument => (doc.id === id ? doc : { ...doc, id });

/** The id a file gets when no other file of its folder holds that id (doc-id.ts). */
export const idOf = preferredId;

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
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`, { cause: e });
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
