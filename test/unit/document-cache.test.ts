// The document cache: a warm load gives exactly a cold load's documents, and every kind of change or damage is read afresh.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus, MANIFEST_FILE, type LoadedCorpus } from '../../src/main/corpus/corpus';
import { DocumentCache, READER_VERSIONS } from '../../src/main/store/document-cache';
import { CACHE_FORMAT, readCacheFile, writeCacheFile } from '../../src/main/store/document-cache-file';
import { Pacer } from '../../src/main/corpus/pacer';
import { readDocument, SUPPORTED_EXTENSIONS } from '../../src/main/corpus/readers/index';

const SEEDS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/documents/', import.meta.url));
/** Well before "now": files this old count as settled (see RACY_MS), so they are cached. */
const LONG_AGO = new Date('2025-01-01T00:00:00Z');

let root: string;
let dataDir: string;
let warnings: string[];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'glossator-doc-cache-'));
  dataDir = join(root, 'data');
  warnings = [];
});
afterEach(() => rm(root, { recursive: true, force: true }));

/**
 * A copy of a folder whose files all look old, so the cache takes them. `rename` gives the fixtures
 * (article.pdf, article.docx, …) names of their own: as they are, they share one document id.
 */
async function copyOf(from: string, rename = (name: string) => name): Promise<string> {
  const dir = join(root, 'corpus');
  await mkdir(dir);
  for (const name of await readdir(from)) {
    await cp(join(from, name), join(dir, rename(name)));
    await utimes(join(dir, rename(name)), LONG_AGO, LONG_AGO);
  }
  return dir;
}
/** "article.pdf" → "article-pdf.pdf" */
const ownId = (name: string) => name.replace(/\.([^.]+)$/, '-$1.$1');

const newCache = (minBytes = 0) => new DocumentCache({ dataDir, corpusKey: 'c1', minBytes, warn: (m) => warnings.push(m) });

/** One open: load with the cache, then write it as the workspace would. */
async function openWithCache(dir: string, minBytes = 0): Promise<LoadedCorpus & { usage: { hits: number; reads: number }; cache: DocumentCache }> {
  const cache = newCache(minBytes);
  const loaded = await loadCorpus(dir, { cache });
  cache.saveSoon();
  await cache.flush();
  return { ...loaded, usage: cache.usage(), cache };
}

describe('a warm load gives exactly what a cold load gives', () => {
  it.each([
    ['the seed corpus, with its manifest', SEEDS, undefined],
    ['a document of every reader type, and files that fail to load', FIXTURES, ownId],
  ])('%s', async (_name, source, rename) => {
    const dir = await copyOf(source, rename);
    const fresh = await loadCorpus(dir);
    const cold = await openWithCache(dir);
    const warm = await openWithCache(dir);
    expect(cold.usage.hits).toBe(0);
    // Files that fail to load are not cached: they are tried again, and fail again, each open.
    expect(warm.usage).toEqual({ hits: fresh.documents.length, reads: 0 });
    // Strict: no key added, lost or left undefined on the way through the cache.
    expect(cold.documents).toStrictEqual(fresh.documents);
    expect(warm.documents).toStrictEqual(fresh.documents);
    expect(warm.problems).toEqual(fresh.problems);
    // Key order too, so JSON sent over IPC is byte for byte the same.
    expect(JSON.stringify(warm.documents)).toBe(JSON.stringify(fresh.documents));
    expect(warnings).toEqual([]);
  });

  it('covers every reader type in the fixtures', async () => {
    const { documents } = await loadCorpus(await copyOf(FIXTURES, ownId));
    const extensions = new Set(documents.map((d) => d.source.slice(d.source.lastIndexOf('.'))));
    expect([...extensions].sort()).toEqual(SUPPORTED_EXTENSIONS.filter((e) => e !== '.htm').sort());
  });

  it.each(SUPPORTED_EXTENSIONS.filter((e) => e !== '.htm'))('READER_VERSIONS names what the %s reader writes', async (ext) => {
    const name = `article${ext}`;
    const read = await readDocument(name, await readFile(join(FIXTURES, name)));
    expect(READER_VERSIONS[ext]).toBe(read.normaliser);
  });
});

/** A folder of three small documents and a manifest, all settled. */
async function threeDocs(): Promise<string> {
  const dir = join(root, 'three');
  await mkdir(dir);
  const manifest = {
    schemaVersion: 1,
    documents: [{ source: 'a.txt', title: 'Listed A', author: null, publisher: null, date: null, url: null, provenance: 'p', titleSource: 'descriptive' }],
  };
  const files: Record<string, string> = {
    'a.txt': 'Alpha Title\n\nAlpha body text, first paragraph.',
    'b.md': '# Beta Title\n\nBeta body text.',
    'c.txt': 'Gamma Title\n\nGamma body text.',
    [MANIFEST_FILE]: JSON.stringify(manifest),
  };
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, name), text);
    await utimes(join(dir, name), LONG_AGO, LONG_AGO);
  }
  return dir;
}

/** Rewrites a cache file's entries through `edit` (a cache another build of Glossator might have left). */
async function editCache(file: string, edit: (e: Awaited<ReturnType<typeof readCacheFile>>['entries']) => void): Promise<void> {
  const { entries } = await readCacheFile(file);
  edit(entries);
  await writeCacheFile(file, entries);
}

interface Change {
  name: string;
  change: (dir: string, cacheFile: string) => Promise<void>;
  reads: number;
  /** A warning names the cache file. */
  warns?: boolean;
}
const later = new Date('2025-02-01T00:00:00Z');
const changes: Change[] = [
  { name: 'nothing changed', change: async () => undefined, reads: 0 },
  {
    name: 'a file of another size',
    change: async (dir) => {
      await writeFile(join(dir, 'c.txt'), 'Gamma Title\n\nGamma body text, now longer.');
      await utimes(join(dir, 'c.txt'), LONG_AGO, LONG_AGO);
    },
    reads: 1,
  },
  { name: 'a file with another mtime', change: (dir) => utimes(join(dir, 'c.txt'), later, later), reads: 1 },
  {
    name: 'same size and mtime, other bytes (ctime moved)',
    change: async (dir) => {
      await writeFile(join(dir, 'c.txt'), 'Delta Title\n\nDelta body text.');
      await utimes(join(dir, 'c.txt'), LONG_AGO, LONG_AGO);
    },
    reads: 1,
  },
  {
    name: 'a document cached by another reader version',
    change: (_dir, file) => editCache(file, (entries) => void (entries.find((e) => e.source === 'b.md')!.doc.normaliser = 'glossator-md/0')),
    reads: 1,
  },
  {
    name: 'a manifest edit (applied over the cached document; nothing re-read)',
    change: async (dir) => {
      const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
      manifest.documents[0].title = 'Listed A, renamed';
      manifest.documents.push({ ...manifest.documents[0], source: 'c.txt', title: 'Listed C' });
      await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    },
    reads: 0,
  },
  { name: 'a document deleted', change: (dir) => rm(join(dir, 'b.md')), reads: 0 },
  {
    name: 'a document added',
    change: async (dir) => {
      await writeFile(join(dir, 'd.txt'), 'Delta Title\n\nDelta body.');
      await utimes(join(dir, 'd.txt'), LONG_AGO, LONG_AGO);
    },
    reads: 1,
  },
  {
    name: 'a flipped byte in the last record',
    change: async (_dir, file) => {
      const bytes = await readFile(file);
      bytes[bytes.length - 3]! ^= 0x20;
      await writeFile(file, bytes);
    },
    reads: 1,
    warns: true,
  },
  { name: 'a truncated cache', change: async (_dir, file) => truncate(file, (await stat(file)).size - 10), reads: 1, warns: true },
  { name: 'an empty cache file', change: (_dir, file) => writeFile(file, ''), reads: 3, warns: true },
  { name: 'a file that is no cache', change: (_dir, file) => writeFile(file, '{"documents": []}'), reads: 3, warns: true },
  {
    name: 'a cache of another format',
    change: async (_dir, file) => {
      const bytes = await readFile(file);
      bytes.writeUInt32LE(CACHE_FORMAT + 1, 'glossator-document-cache\n'.length);
      await writeFile(file, bytes);
    },
    reads: 3,
    warns: true,
  },
  {
    name: 'bytes past the last record',
    change: async (_dir, file) => writeFile(file, Buffer.concat([await readFile(file), Buffer.from('x')])),
    reads: 0,
    warns: true,
  },
  {
    name: 'a cache that cannot be read (a folder in its place)',
    change: async (_dir, file) => {
      await rm(file);
      await mkdir(file);
    },
    reads: 3,
    warns: true,
  },
];

describe('what changed since the last open is read again; the rest comes from the cache', () => {
  it.each(changes)('$name', async ({ change, reads, warns }) => {
    const dir = await threeDocs();
    const first = await openWithCache(dir);
    expect(first.usage).toEqual({ hits: 0, reads: 3 });
    await change(dir, first.cache.file);

    const warm = await openWithCache(dir);
    expect(warm.usage.reads).toBe(reads);
    expect(warm.documents).toStrictEqual((await loadCorpus(dir)).documents);
    expect(warnings.length > 0).toBe(warns ?? false);
    if (warns) expect(warnings[0]).toContain(first.cache.file);

    // Rebuilt silently by that open (once the folder in its way is gone): the next one reads nothing.
    if ((await stat(first.cache.file)).isDirectory()) {
      await rm(first.cache.file, { recursive: true });
      await openWithCache(dir);
    }
    expect((await openWithCache(dir)).usage.reads).toBe(0);
  });

  it('gives a document deleted while closed no place in the corpus', async () => {
    const dir = await threeDocs();
    await openWithCache(dir);
    await rm(join(dir, 'b.md'));
    const warm = await openWithCache(dir);
    expect(warm.documents.map((d) => d.source)).toEqual(['a.txt', 'c.txt']);
    expect((await readCacheFile(warm.cache.file)).entries.map((e) => e.source)).toEqual(['a.txt', 'c.txt']);
  });

  it('does not cache a file modified just now, whose mtime may not yet tell later writes apart', async () => {
    const dir = await threeDocs();
    await writeFile(join(dir, 'c.txt'), 'Gamma Title\n\nJust written.');
    await openWithCache(dir);
    expect((await openWithCache(dir)).usage).toEqual({ hits: 2, reads: 1 });
  });
});

describe('writing the cache', () => {
  it('rewrites nothing when every document came from it', async () => {
    const dir = await threeDocs();
    const { cache } = await openWithCache(dir);
    const before = await stat(cache.file);
    await openWithCache(dir);
    const after = await stat(cache.file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('writes nothing for a corpus below the size threshold', async () => {
    await openWithCache(await threeDocs(), 1024 * 1024);
    expect(await readdir(root)).toEqual(['three']);
  });

  it('removes the cache of a corpus that shrank below the threshold', async () => {
    const dir = await threeDocs();
    const { cache } = await openWithCache(dir);
    expect((await stat(cache.file)).isFile()).toBe(true);
    await rm(join(dir, 'b.md'));
    await openWithCache(dir, 1024 * 1024);
    expect(await readdir(join(dataDir, 'corpora', 'c1', 'cache'))).toEqual([]);
  });

  it('writes only once saveSoon() is due or flush() asks', async () => {
    const dir = await threeDocs();
    const cache = newCache();
    await loadCorpus(dir, { cache });
    cache.saveSoon();
    await expect(stat(cache.file)).rejects.toThrow();
    await cache.flush();
    expect((await stat(cache.file)).isFile()).toBe(true);
  });

  it('warns, and does not fail, when the cache cannot be written', async () => {
    const dir = await threeDocs();
    await mkdir(join(dataDir, 'corpora', 'c1'), { recursive: true });
    await writeFile(join(dataDir, 'corpora', 'c1', 'cache'), 'a file where the folder should be');
    const { documents } = await openWithCache(dir);
    expect(documents).toHaveLength(3);
    expect(warnings).toEqual([expect.stringContaining('could not be read (ENOTDIR)'), expect.stringContaining('could not be saved')]);
  });

  it('keeps unreadable files as problems and id clashes as distinct documents, warm as cold', async () => {
    const dir = await threeDocs();
    for (const [name, text] of [['a b.txt', 'Clash\n\nOne.'], ['a-b.txt', 'Clash\n\nTwo.'], ['bad.txt', Buffer.from('caf\xe9', 'latin1')]] as const) {
      await writeFile(join(dir, name), text);
      await utimes(join(dir, name), LONG_AGO, LONG_AGO);
    }
    const fresh = await loadCorpus(dir);
    expect(fresh.problems.map((p) => p.source)).toEqual(['bad.txt']);
    // "a b.txt" and "a-b.txt" want the same id: the first by name keeps it, the other loads under a hashed id.
    const clashing = fresh.documents.filter((d) => d.source === 'a b.txt' || d.source === 'a-b.txt');
    expect(clashing).toHaveLength(2);
    expect(new Set(clashing.map((d) => d.id)).size).toBe(2);
    await openWithCache(dir);
    const warm = await openWithCache(dir);
    expect(warm.problems).toEqual(fresh.problems);
    expect(warm.documents).toStrictEqual(fresh.documents);
    expect(warm.usage).toEqual({ hits: 5, reads: 0 });
  });

  it('refuses a corpus key that is not a plain path part', () => {
    expect(() => new DocumentCache({ dataDir, corpusKey: '../x' })).toThrow(/corpus key/);
  });
});

describe('Pacer', () => {
  it('lets the event loop run once its slice is spent', async () => {
    const pacer = new Pacer(0);
    let ran = false;
    setImmediate(() => (ran = true));
    await pacer.breathe();
    expect(ran).toBe(true);
  });
});
