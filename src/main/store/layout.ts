// Where Glossator keeps its files: the one module that knows the data folder's layout (every store asks it for its paths).
//
//   <dataDir>/tags.json, settings.json                      the analyst's codebook and settings
//   <dataDir>/corpora/<key>/annotations/<doc>.json          passages, one file per document
//   <dataDir>/corpora/<key>/coverage/<doc>.json             blocks marked read
//   <dataDir>/corpora/<key>/metadata.json                   metadata edits
//   <dataDir>/corpora/<key>/memos.json                      memos: documents, tags, the journal
//   <dataDir>/corpora/<key>/snapshots/<sha256>.txt          texts passages were made on (re-anchoring)
//   <dataDir>/corpora/<key>/cache/documents.cache           normalised documents (derived, safe to delete)
//   <dataDir>/corpora/<key>/undo-history.json               the analyst's last undo steps (personal, derived)
//   <dataDir>/corpora/<key>/suggestions/settings.json       suggestion settings: per-tag on/off, threshold, cue lexicon
//   <dataDir>/corpora/<key>/suggestions/decisions.json      suggestions accepted and rejected (rejection memory, calibration)
//
// A corpus's files are split into what the analyst made (`data`) and what can be rebuilt
// (`derived`). A project folder keeps what the analysts made in `<project>/.glossator/`, shared
// through git, in line-diffable JSONL files (see jsonl.ts); what can be rebuilt stays in the data
// folder, keyed by the project's id (never by a path, which differs on every machine):
//
//   <project>/.gitattributes                                   `.glossator/**/*.jsonl merge=glossator`
//   <project>/.glossator/project.json                          {format, id, name, created}
//   <project>/.glossator/codebook.jsonl                        tags
//   <project>/.glossator/memos.jsonl                           memos (document, tag, journal)
//   <project>/.glossator/metadata.jsonl                        document detail edits, one record per document
//   <project>/.glossator/coders/<coderId>/coder.json           {id, name, color}
//   <project>/.glossator/coders/<coderId>/passages/<doc>.jsonl that coder's passages
//   <project>/.glossator/coders/<coderId>/coverage/<doc>.json  blocks that coder marked read
//   <project>/.glossator/coders/<coderId>/rejections.jsonl     suggestions that coder rejected
//   <project>/.glossator/adjudicated/passages/<doc>.jsonl      the settled layer
//   <project>/.glossator/snapshots/<sha256>.txt                texts passages were made on
//   <dataDir>/projects/<projectId>/cache/documents.cache       derived, safe to delete
import { join } from 'node:path';

/** The files of one corpus. */
export interface CorpusPaths {
  /**
   * 'data-folder': today's layout, passages and metadata as JSON files; 'project': a project
   * folder's, passages and metadata as line-diffable JSONL (see jsonl.ts).
   */
  layout: 'data-folder' | 'project';
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
  /** The undo history: personal and derived, so beside the cache, never in a project folder. */
  undoHistory: string;
  /** Suggestion settings (per-tag lexicons, thresholds) and the analyst's accept/reject decisions. */
  suggestSettings: string;
  suggestDecisions: string;
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
    layout: 'data-folder',
    annotations: join(roots.data, 'annotations'),
    coverage: join(roots.data, 'coverage'),
    metadata: join(roots.data, 'metadata.json'),
    memos: join(roots.data, 'memos.json'),
    snapshots: join(roots.data, 'snapshots'),
    cache: join(roots.derived, 'cache'),
    undoHistory: join(roots.derived, 'undo-history.json'),
    suggestSettings: join(roots.data, 'suggestions', 'settings.json'),
    suggestDecisions: join(roots.data, 'suggestions', 'decisions.json'),
  };
}

/** Where a corpus's stores live: today's data-folder key, or paths made for a project (projectCorpusPaths). */
export type CorpusPlace = { dataDir: string; corpusKey: string } | { paths: CorpusPaths };

/**
 * Today's layout: everything of corpus `corpusKey` under `<dataDir>/corpora/<corpusKey>/`. The key
 * becomes a folder name: callers check it with assertPathPart first (every store does).
 */
export function corpusPaths(dataDir: string, corpusKey: string): CorpusPaths {
  const root = join(dataDir, 'corpora', corpusKey);
  return corpusPathsIn({ data: root, derived: root });
}

/** Name of the folder holding a project's data, inside the project folder. */
export const PROJECT_DIR = '.glossator';

/** The files of a project folder (see the layout above). */
export interface ProjectPaths {
  /** The project folder: its documents, and the `.glossator/` folder. */
  root: string;
  /** `<root>/.glossator`. */
  data: string;
  /** `{format, id, name, created}`: its presence makes a folder a project. */
  projectFile: string;
  gitattributes: string;
  /** `.glossator/.gitignore`: what must stay on this machine (backups, moved-aside files, temp files). */
  gitignore: string;
  codebook: string;
  memos: string;
  metadata: string;
  coders: string;
  snapshots: string;
  adjudicatedPassages: string;
}

export function projectPaths(projectDir: string): ProjectPaths {
  const data = join(projectDir, PROJECT_DIR);
  return {
    root: projectDir,
    data,
    projectFile: join(data, 'project.json'),
    gitattributes: join(projectDir, '.gitattributes'),
    gitignore: join(data, '.gitignore'),
    codebook: join(data, 'codebook.jsonl'),
    memos: join(data, 'memos.jsonl'),
    metadata: join(data, 'metadata.jsonl'),
    coders: join(data, 'coders'),
    snapshots: join(data, 'snapshots'),
    adjudicatedPassages: join(data, 'adjudicated', 'passages'),
  };
}

/** The files of one coder in a project. The id becomes a folder name: check it with assertPathPart first. */
export interface CoderPaths {
  dir: string;
  coderFile: string;
  /** Folder of passage files, `<docId>.jsonl`. */
  passages: string;
  /** Folder of reading-coverage files, `<docId>.json`. */
  coverage: string;
  rejections: string;
}

export function coderPaths(projectDir: string, coderId: string): CoderPaths {
  const dir = join(projectPaths(projectDir).coders, coderId);
  return {
    dir,
    coderFile: join(dir, 'coder.json'),
    passages: join(dir, 'passages'),
    coverage: join(dir, 'coverage'),
    rejections: join(dir, 'rejections.jsonl'),
  };
}

/**
 * Derived data of a project (document cache, search index, undo history) in this machine's data
 * folder, keyed by the project's id from project.json: two clones of one project on one machine
 * share it harmlessly (it is checked against the texts), a moved folder keeps it.
 */
export function projectDerivedRoot(dataDir: string, projectId: string): string {
  return join(dataDir, 'projects', projectId);
}

/**
 * A project's files for the stores that serve one coder: that coder's passages and coverage, the
 * shared metadata and snapshots, the derived cache outside the project.
 */
export function projectCorpusPaths(projectDir: string, projectId: string, coderId: string, dataDir: string): CorpusPaths {
  const project = projectPaths(projectDir);
  const coder = coderPaths(projectDir, coderId);
  return {
    layout: 'project',
    annotations: coder.passages,
    coverage: coder.coverage,
    metadata: project.metadata,
    memos: project.memos,
    snapshots: project.snapshots,
    cache: join(projectDerivedRoot(dataDir, projectId), 'cache'),
    undoHistory: join(projectDerivedRoot(dataDir, projectId), 'undo-history.json'),
    // The coder's own suggestion settings and decisions, as JSON beside their passages until they move to
    // the line-diffable rejections.jsonl the layout above names.
    suggestSettings: join(coder.dir, 'suggestions', 'settings.json'),
    suggestDecisions: join(coder.dir, 'suggestions', 'decisions.json'),
  };
}

/** What `.gitattributes` of a project says, so command-line git merges data files per record. */
export const PROJECT_GITATTRIBUTES = '.glossator/**/*.jsonl merge=glossator\n';

/** What `.glossator/.gitignore` keeps out of git: this machine's backups, moved-aside and temp files. */
export const PROJECT_GITIGNORE = ['*.bak', '*.bak[0-9]*', '*.damaged-*', '*.tmp-*', ''].join('\n');
