// A corpus folder as a project: finding its .glossator/project.json, and making one, migrating today's data-folder layout into it without loss.
//
// Migration writes every new file first and project.json last: project.json marks the project
// complete, so a migration interrupted at any point leaves the old data as it was and simply runs
// again on the next open (rewriting the files it had made from the same source). The old data is
// never deleted: it stays in <dataDir>/corpora/<key>/ as the backup, and the report says so.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CoderIdentity, Tag } from '../../../shared/types';
import { TagStore } from '../../store/tag-store';
import { GlossatorError } from '../../../shared/result';
import { AnnotationStore } from '../../store/annotation-store';
import { CoverageStore } from '../../store/coverage-store';
import { MetadataStore, type MetadataPatch } from '../../store/metadata-store';
import { MemoStore } from '../../store/memo-store';
import { writeDurably, describeOsError } from '../../store/durable-write';
import {
  type CorpusPaths,
  PROJECT_GITATTRIBUTES,
  PROJECT_GITIGNORE,
  coderPaths,
  corpusPaths,
  projectCorpusPaths,
  projectPaths,
} from '../../store/layout';
import { type ProjectFile, PROJECT_FILE_VERSION, coderFileStore, projectFileStore, readProjectFile } from '../../store/project-files';
import type { StoreIo } from '../../store/json-store';

/** What a migration carried over, for the analyst's notice. */
export interface MigrationReport {
  documents: number;
  passages: number;
  coverage: number;
  metadata: number;
  snapshots: number;
  memos: number;
  /** Tags of the analyst's codebook that became the project's codebook (0 when none was given). */
  tags: number;
  /** Suggestion settings and decisions, and the undo history, carried over (file count). */
  other: number;
  /** Where the old data stays, untouched, as the backup. */
  keptAt: string;
}

export interface OpenedProject {
  project: ProjectFile;
  paths: CorpusPaths;
  /** Set when this open made the project from today's layout. */
  migrated: MigrationReport | null;
}

export interface ProjectFolderOptions {
  dataDir: string;
  /** The folder's key in today's layout (<dataDir>/corpora/<key>/), whose data is migrated. */
  legacyKey: string;
  coder: CoderIdentity;
  now: () => Date;
  newId: () => string;
  io?: StoreIo;
  /**
   * The codebook a new project starts with (the analyst's own, from tags.json): written to
   * codebook.jsonl unless the folder already has one (a clone). Absent: the project starts with
   * the default tags, written on the first change.
   */
  codebook?: () => Promise<readonly Tag[]>;
}

const READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS']);

/** The project in `dir`, or null when the folder is not a project (it has no .glossator/project.json). */
export async function findProject(dir: string, opts: ProjectFolderOptions): Promise<OpenedProject | null> {
  const project = await readProjectFile(projectPaths(dir).projectFile, opts.io);
  if (project === null) return null;
  return { project, paths: projectCorpusPaths(dir, project.id, opts.coder.id, opts.dataDir), migrated: null };
}

/**
 * Opens `dir` as a project, making it one first if needed (migrating today's data). Answers null,
 * with `readOnly` the reason, when the folder cannot be written: it then opens as today.
 */
export async function openOrMakeProject(
  dir: string,
  opts: ProjectFolderOptions,
): Promise<{ opened: OpenedProject; readOnly: null } | { opened: null; readOnly: string }> {
  const found = await findProject(dir, opts);
  if (found) return { opened: found, readOnly: null };
  try {
    return { opened: await makeProject(dir, opts), readOnly: null };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const os = (error as { cause?: { code?: unknown } }).cause?.code;
    if ((typeof code === 'string' && READ_ONLY.has(code)) || (typeof os === 'string' && READ_ONLY.has(os)) || /EACCES|EPERM|EROFS/.test(String(error))) {
      return {
        opened: null,
        readOnly: `${dir} cannot be written (${describeOsError(error)}), so it stays a plain corpus: its passages are kept in Glossator's data folder as before, and it cannot be shared as a project.`,
      };
    }
    throw error;
  }
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Makes `dir` a project: today's data migrated under the current coder, then project.json written last. */
export async function makeProject(dir: string, opts: ProjectFolderOptions): Promise<OpenedProject> {
  const paths = projectPaths(dir);
  const id = opts.newId();
  // Derived data is keyed by the id: the cache of today's layout is not carried over (it is rebuilt).
  const target = projectCorpusPaths(dir, id, opts.coder.id, opts.dataDir);
  await writeDurably(paths.gitignore, Buffer.from(PROJECT_GITIGNORE));
  const migrated = await migrate(opts, target);
  if (opts.codebook) {
    const tags = await opts.codebook();
    const seeded = await new TagStore({ codebookFile: paths.codebook }, opts.io).seed(tags);
    if (migrated && seeded) migrated.tags = tags.length;
  }
  const coderFile = coderFileStore(coderPaths(dir, opts.coder.id).coderFile, opts.io);
  await coderFile.update((d) => Object.assign(d, { id: opts.coder.id, name: opts.coder.name, color: opts.coder.color }));
  await ensureGitattributes(paths.gitattributes);
  const project: ProjectFile = { schemaVersion: PROJECT_FILE_VERSION, id, name: basename(dir) || dir, created: opts.now().toISOString() };
  const file = projectFileStore(paths.projectFile, opts.io);
  await file.update((d) => Object.assign(d, project));
  return { project, paths: target, migrated };
}

async function ensureGitattributes(file: string): Promise<void> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text.split('\n').includes(PROJECT_GITATTRIBUTES.trim())) return;
  if (text === '') await writeDurably(file, Buffer.from(PROJECT_GITATTRIBUTES));
  // The whole file again, through the one durable write: an append could leave half a line.
  else await writeDurably(file, Buffer.from(`${text}${text.endsWith('\n') ? '' : '\n'}${PROJECT_GITATTRIBUTES}`));
}

/**
 * Copies today's data of the folder into the project. Anything that cannot be read stops the
 * migration ('store-unreadable', naming the file): the folder then opens as today, nothing lost.
 */
async function migrate(opts: ProjectFolderOptions, target: CorpusPaths): Promise<MigrationReport | null> {
  const legacy = corpusPaths(opts.dataDir, opts.legacyKey);
  const root = join(opts.dataDir, 'corpora', opts.legacyKey);
  if (!(await stat(root).catch(() => null))) return null;
  const report: MigrationReport = { documents: 0, passages: 0, coverage: 0, metadata: 0, snapshots: 0, memos: 0, tags: 0, other: 0, keptAt: root };
  const place = { dataDir: opts.dataDir, corpusKey: opts.legacyKey };

  const from = new AnnotationStore(place);
  const to = new AnnotationStore({ paths: target }, opts.io);
  const damaged = await from.damaged();
  if (damaged.length > 0) {
    throw new GlossatorError('store-unreadable', `${damaged[0]!.file} cannot be read (${damaged[0]!.reason}); restore it before this folder can become a project.`);
  }
  for (const docId of await from.documentIds()) {
    const passages = await from.list(docId);
    await to.replaceDocument(docId, passages);
    report.documents++;
    report.passages += passages.length;
  }
  await to.flush();

  const coverage = new CoverageStore(place);
  const coverageTo = new CoverageStore({ paths: target }, opts.io);
  for (const name of await listNames(legacy.coverage)) {
    const docId = name.endsWith('.json') ? name.slice(0, -5) : null;
    if (docId === null || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(docId)) continue;
    const data = await coverage.of(docId, '').read();
    await coverageTo.of(docId, data.contentHash).update((d) => Object.assign(d, data));
    report.coverage++;
  }
  await coverageTo.flush();

  const metaFrom = new MetadataStore(place);
  await metaFrom.open();
  if (metaFrom.problem) throw new GlossatorError('store-unreadable', metaFrom.problem);
  const metaTo = new MetadataStore({ paths: target }, opts.io);
  for (const [docId, overrides] of Object.entries(await metaFrom.all())) {
    await metaTo.update(docId, overrides as MetadataPatch);
    report.metadata++;
  }
  await metaTo.flush();

  for (const name of await listNames(legacy.snapshots)) {
    if (!/^[0-9a-f]{64}\.txt$/.test(name)) continue;
    await writeDurably(join(target.snapshots, name), await readFile(join(legacy.snapshots, name)));
    report.snapshots++;
  }

  const memos = await new MemoStore(place).list();
  if (memos.length > 0) {
    await new MemoStore({ paths: target }, opts.io).change((m) => {
      m.splice(0, m.length, ...memos);
    });
    report.memos = memos.length;
  }

  // The coder's suggestion settings and decisions, and the undo history (its own format, not
  // line-diffable yet): copied byte for byte, so they read exactly as before.
  for (const key of ['suggestSettings', 'suggestDecisions', 'undoHistory'] as const) {
    const bytes = await readFile(legacy[key]).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (bytes === null) continue;
    await writeDurably(target[key], bytes);
    report.other++;
  }
  return report;
}
