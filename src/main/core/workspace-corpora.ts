// Corpus folders as the core knows them: where they really are, the key their data lives under, and how they are listed.
import { createHash } from 'node:crypto';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute } from 'node:path';
import type { CorpusInfo } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { SUPPORTED_EXTENSIONS } from '../corpus/readers';
import { describeOsError } from '../store/durable-write';
import { isScratchName } from './corpus-watcher';

/** Data-dir key of the bundled corpus: the key every Glossator before corpus switching used. */
export const BUNDLED_CORPUS_KEY = 'default';

/** A corpus folder, resolved: what the workspace is opened on and CorpusInfo is made from. */
export interface CorpusRef {
  /** Absolute real path (symlinks resolved), so one folder reached two ways shares one key. */
  dir: string;
  /** Folder under <dataDir>/corpora/ holding its annotations, coverage, metadata and snapshots. */
  key: string;
  readOnly: boolean;
  name: string;
}

/**
 * "default" for the bundled corpus, else "c-" + the first 16 hex digits of sha256(real path):
 * stable across runs, a valid path part, and 64 bits keep two folders from sharing data.
 * A folder that is moved gets a new key (its passages stay under the old one).
 */
export function corpusKeyOf(realDir: string, bundledRealDir: string | null): string {
  if (realDir === bundledRealDir) return BUNDLED_CORPUS_KEY;
  return `c-${createHash('sha256').update(realDir, 'utf8').digest('hex').slice(0, 16)}`;
}

export function refOf(realDir: string, bundledRealDir: string | null): CorpusRef {
  const bundled = realDir === bundledRealDir;
  return {
    dir: realDir,
    key: corpusKeyOf(realDir, bundledRealDir),
    readOnly: bundled,
    // The folder's own name, as the analyst sees it in their file manager ("/" has none).
    name: basename(realDir) || realDir,
  };
}

/**
 * The real path of a folder the analyst asked to open, or a plain-words error: 'not-found' when
 * there is no folder there (or it is a file), 'io-error' when it cannot be read.
 */
export async function resolveCorpusFolder(path: string): Promise<string> {
  if (!isAbsolute(path)) {
    throw new GlossatorError('invalid-argument', `A corpus folder must be given as a full path, not "${path}".`);
  }
  let real: string;
  try {
    real = await realpath(path);
    if (!(await stat(real)).isDirectory()) {
      throw new GlossatorError('not-found', `${path} is a file, not a folder: choose the folder that holds the documents.`);
    }
    // Listing is what loading needs; checked here so a locked folder gets this message, not a loader's.
    await readdir(real);
  } catch (error) {
    if (error instanceof GlossatorError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new GlossatorError('not-found', `There is no folder at ${path}; it may have been moved, renamed or unplugged.`);
    }
    throw new GlossatorError('io-error', `Glossator could not read the folder ${path}: ${describeOsError(error)}.`);
  }
  return real;
}

const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_EXTENSIONS.map((e) => e.toLowerCase()));

/** Whether a file name is one the corpus would load (and the watcher watches). */
export const isDocumentName = (name: string): boolean => !isScratchName(name) && SUPPORTED.has(extname(name).toLowerCase());

/**
 * CorpusInfo of a folder that is not open, or null when it is gone or unreadable (it is then left
 * out of the list). The count is of document files, without reading them: listing a corpus must
 * not cost loading it.
 */
export async function describeFolder(path: string, bundledRealDir: string | null): Promise<CorpusInfo | null> {
  try {
    const real = await realpath(path);
    const files = (await readdir(real, { withFileTypes: true })).filter((f) => f.isFile() && isDocumentName(f.name));
    const ref = refOf(real, bundledRealDir);
    return { path: ref.dir, name: ref.name, key: ref.key, readOnly: ref.readOnly, documentCount: files.length };
  } catch {
    return null;
  }
}
