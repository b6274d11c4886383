// Where Glossator keeps its files: the one module that knows the data folder's layout (every store asks it for its paths).
//
//   <dataDir>/tags.json, settings.json                      the analyst's codebook and settings
//   <dataDir>/corpora/<key>/annotations/<doc>.json          passages, one file per document
//   <dataDir>/corpora/<key>/coverage/<doc>.json             blocks marked read
//   <dataDir>/corpora/<key>/metadata.json                   metadata edits
//   <dataDir>/corpora/<key>/memos.json                      memos: documents, tags, the journal
//   <dataDir>/corpora/<key>/snapshots/<sha256>.txt          texts passages were made on (re-anchoring)
//   <dataDir>/corpora/<key>/cache/documents.cache           normalised documents (derived, safe to delete)
//
// A corpus's files are split into what the analyst made (`data`) and what can be rebuilt
// (`derived`): a project folder holding its own data in `<project>/.glossator/` (with the derived
// files kept out of it) is a new way to build CorpusPaths here, and nothing else changes.
import { join } from 'node:path';

/** The files of one corpus. */
export interface CorpusPaths {
  /** Folder of passage files, `<docId>.json`. */
  annotations: string;
  /** Folder of reading-coverage files, `<docId>.json`. */
  coverage: string;
  /** The metadata edits file. */
  metadata: string;
  /** The memos file (document and tag memos, journal entries). */
  memos: string;
  /** Folder of text snapshots, `<sha256 hex>.txt`. */
  snapshots: string;
  /** Folder of derived data (the document cache). */
  cache: string;
}

/** Files of the whole data folder (not of one corpus). */
export interface DataPaths {
  tags: string;
  settings: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return { tags: join(dataDir, 'tags.json'), settings: join(dataDir, 'settings.json') };
}

/** Where a corpus keeps what the analyst made, and what can be rebuilt. */
export interface CorpusRoots {
  data: string;
  derived: string;
}

/** The paths of a corpus's files under its two roots. */
export function corpusPathsIn(roots: CorpusRoots): CorpusPaths {
  return {
    annotations: join(roots.data, 'annotations'),
    coverage: join(roots.data, 'coverage'),
    metadata: join(roots.data, 'metadata.json'),
    memos: join(roots.data, 'memos.json'),
    snapshots: join(roots.data, 'snapshots'),
    cache: join(roots.derived, 'cache'),
  };
}

/**
 * Today's layout: everything of corpus `corpusKey` under `<dataDir>/corpora/<corpusKey>/`. The key
 * becomes a folder name: callers check it with assertPathPart first (every store does).
 */
export function corpusPaths(dataDir: string, corpusKey: string): CorpusPaths {
  const root = join(dataDir, 'corpora', corpusKey);
  return corpusPathsIn({ data: root, derived: root });
}
