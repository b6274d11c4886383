// Remembers a corpus's normalised documents between runs (the corpus's cache folder, see layout.ts), so reopening it skips the readers.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { GlossDocument, NormaliserVersion } from '../../shared/types';
import { pathsOf } from './path-part';
import type { CorpusPlace } from './layout';
import { readCacheFile, writeCacheFile, type CacheEntry, type FileStamp } from './document-cache-file';
import { NORMALISER_VERSION } from '../corpus/normalise';
import { supportedExtension, type SupportedExtension } from '../corpus/readers/index';

export const CACHE_FILE = 'documents.cache';

/**
 * What each reader writes in `normaliser` today. A cached document made by another version of its
 * reader is read again. Readers hold these as literals, so a test checks this table against what
 * they return: bump a reader's version and that test names the line to change here.
 */
export const READER_VERSIONS: Readonly<Record<SupportedExtension, NormaliserVersion>> = {
  '.txt': NORMALISER_VERSION,
  '.md': 'glossator-md/2',
  '.html': 'glossator-html/2',
  '.htm': 'glossator-html/2',
  '.pdf': 'glossator-pdf/1',
  '.docx': 'glossator-docx/1',
};

/**
 * Below this many bytes of sources no cache is written: such a corpus loads in well under a second
 * anyway, and opening it then writes nothing to the data dir (as the analyst's data alone would).
 */
export const MIN_CACHED_BYTES = 1024 * 1024;
/** The write waits this long after an open, so it does not compete with the first window's calls. */
export const SAVE_DELAY_MS = 2000;
/**
 * A file modified this recently when it was stat'ed is read but not cached: on disks that keep
 * mtimes to the second or two (FAT, some network shares) a second write within the same tick
 * would leave size and mtime as they were, and the cache would hide it.
 */
export const RACY_MS = 2000;

/** A source file's stamp, and whether it is old enough to trust for the cache (see RACY_MS). */
export interface SourceStat {
  stamp: FileStamp;
  settled: boolean;
}

/** The stamp of a file in the corpus folder, or null when it cannot be stat'ed (reading it will say why). */
export async function statSource(path: string): Promise<SourceStat | null> {
  try {
    const { size, mtimeMs, ctimeMs } = await stat(path);
    return { stamp: { size, mtimeMs, ctimeMs }, settled: mtimeMs < Date.now() - RACY_MS };
  } catch {
    return null;
  }
}

/** Where (today's data-folder key, or a project's derived root) and how. */
export type DocumentCacheOptions = CorpusPlace & {
  /** Why the cache was not used or not saved; it never fails an open. Defaults to console.warn. */
  warn?: (message: string) => void;
  minBytes?: number;
  saveDelayMs?: number;
};

/**
 * One corpus open's view of the cache: load() reads what the last run left, the loader asks
 * lookup() per file and hands every document it keeps to retain(), and saveSoon()/flush() write
 * what was retained, if it differs from what was loaded. Documents are cached as their files
 * give them, before the manifest is applied, so editing the manifest re-reads nothing.
 */
export class DocumentCache {
  readonly file: string;
  private stored = new Map<string, CacheEntry>();
  private next = new Map<string, CacheEntry>();
  private damaged = false;
  private loading: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** One write per open: after it the documents are the workspace's, not the cache's to hold. */
  private saved = false;
  private readonly counts = { hits: 0, reads: 0 };

  constructor(private readonly opts: DocumentCacheOptions) {
    this.file = join(pathsOf(opts).cache, CACHE_FILE);
  }

  /** Reads the cache file once; a missing, foreign or damaged one leaves (part of) it empty. */
  load(): Promise<void> {
    this.loading ??= readCacheFile(this.file).then(({ entries, problem }) => {
      for (const entry of entries) this.stored.set(entry.source, entry);
      if (problem === null) return;
      this.damaged = true;
      this.warn(`the document cache ${this.file} ${problem}; documents are read from their files and the cache rebuilt.`);
    });
    return this.loading;
  }

  /** The document as its file gave it when last read, if the file and its reader are unchanged since. */
  lookup(source: string, stat: SourceStat | null): GlossDocument | undefined {
    const entry = this.stored.get(source);
    if (entry === undefined || stat === null || !sameStamp(entry.stamp, stat.stamp)) return undefined;
    const doc = entry.doc;
    return doc.source === source && doc.normaliser === readerVersion(source) ? doc : undefined;
  }

  /** Keeps a document of this open for the next write; `fromCache` says whether lookup() gave it. */
  retain(source: string, stat: SourceStat | null, doc: GlossDocument, fromCache: boolean): void {
    this.counts[fromCache ? 'hits' : 'reads']++;
    if (stat === null || !cacheable(source, stat, doc)) return;
    this.next.set(source, fromCache ? this.stored.get(source)! : { source, stamp: stat.stamp, doc });
  }

  /** Documents this open took from the cache and from their files (for tests and the benchmark). */
  usage(): { hits: number; reads: number } {
    return { ...this.counts };
  }

  /** Writes the cache after SAVE_DELAY_MS, if it changed; the timer does not keep Node running. */
  saveSoon(): void {
    if (this.timer !== null || this.saved) return;
    this.timer = setTimeout(() => void this.flush(), this.opts.saveDelayMs ?? SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes now what saveSoon() would have written, and resolves once no write is under way. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      this.saved = true;
      this.writing = this.save();
    }
    return this.writing;
  }

  /** Best effort: a cache that cannot be written costs the next open time, never the analyst an error. */
  private async save(): Promise<void> {
    const entries = [...this.next.values()];
    const changed = this.damaged || entries.length !== this.stored.size || entries.some((e) => this.stored.get(e.source) !== e);
    [this.stored, this.next] = [new Map(), new Map()];
    if (!changed) return;
    const bytes = entries.reduce((n, e) => n + e.stamp.size, 0);
    try {
      // Below the threshold the whole cache goes (a corpus that shrank), so no stale file lingers.
      if (bytes < (this.opts.minBytes ?? MIN_CACHED_BYTES)) await rm(this.file, { force: true });
      else await writeCacheFile(this.file, entries);
    } catch (error) {
      this.warn(`the document cache ${this.file} could not be saved (${(error as Error).message}); the next open reads every document again.`);
    }
  }

  private warn(message: string): void {
    (this.opts.warn ?? ((m: string) => console.warn(`Glossator: ${m}`)))(message);
  }
}

const readerVersion = (source: string): NormaliserVersion | undefined => {
  const ext = supportedExtension(source);
  return ext === null ? undefined : READER_VERSIONS[ext];
};

const sameStamp = (a: FileStamp, b: FileStamp): boolean =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

/** Lone surrogates would not survive the trip through UTF-8; such a text is simply read each time. */
const LONE_SURROGATE = /\p{Cs}/u;

function cacheable(source: string, stat: SourceStat, doc: GlossDocument): boolean {
  return stat.settled && doc.normaliser === readerVersion(source) && !LONE_SURROGATE.test(doc.text);
}
