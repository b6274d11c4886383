// How a corpus folder opens: as a project (found, or made from today's layout) with its coder's paths and codebook, or as a plain corpus with the reason.
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { CoderIdentity } from '../../../shared/types';
import { CODER_COLOURS } from '../../../shared/defaults';
import { GlossatorError } from '../../../shared/result';
import type { StoreIo } from '../../store/json-store';
import type { CorpusPlace } from '../../store/layout';
import { coderPaths, projectPaths } from '../../store/layout';
import { coderFileStore, type ProjectFile } from '../../store/project-files';
import { TagStore } from '../../store/tag-store';
import type { SettingsService } from '../settings-service';
import type { Clock } from '../ports';
import type { CorpusRef } from '../workspace-corpora';
import { findProject, openOrMakeProject, type MigrationReport } from './project-folder';

/** What a workspace opens on: the stores' place, and for a project its file, codebook and coder. */
export interface OpenedFolder {
  place: CorpusPlace;
  /** Null for a plain corpus (bundled, read-only, or not made a project). */
  project: { file: ProjectFile; dir: string; tags: TagStore; coder: CoderIdentity } | null;
  /** What the analyst should be told about this open (a migration, a folder that stayed plain); null: nothing. */
  notice: string | null;
}

export interface OpenFolderEnv {
  dataDir: string;
  settings: SettingsService;
  /** The machine's codebook (tags.json): a new project starts from it. */
  tags: TagStore;
  clock: Clock;
  newId: () => string;
  storeIo?: StoreIo;
  /** Whether a plain folder becomes a project on open (the app); otherwise only existing projects open as such. */
  makeProjects: boolean;
}


/** A path-safe id from a name: "Ana María" → "ana-maria", plus 6 random hex digits so two Anas never share a folder. */
export function coderIdFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'coder'}-${randomBytes(3).toString('hex')}`;
}

/**
 * This machine's coder identity, made (unconfirmed, named after the OS user) the first time a project
 * needs one: its id names the coder's folder, so it must stay the same from the first passage on.
 */
export async function ensureCoder(settings: SettingsService): Promise<CoderIdentity> {
  const known = await settings.coder();
  if (known) return known;
  const name = userInfo().username || 'Coder';
  return settings.setCoder({ id: coderIdFrom(name), name, color: CODER_COLOURS[0]!, confirmed: false });
}

/** Writes the coder's coder.json in the project when it is missing or says something else (a renamed coder). */
export async function writeCoderFile(dir: string, coder: CoderIdentity, io?: StoreIo): Promise<void> {
  const file = coderFileStore(coderPaths(dir, coder.id).coderFile, io);
  const now = await file.read();
  if (file.onDisk && now.name === coder.name && now.color === coder.color && now.id === coder.id) return;
  await file.update((d) => Object.assign(d, { id: coder.id, name: coder.name, color: coder.color }));
}

export function describeMigration(m: MigrationReport): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  // Only what there was: a list of zeros reads like something went missing.
  const parts = [
    m.passages > 0 ? `${n(m.passages, 'passage', 'passages')} on ${n(m.documents, 'document', 'documents')}` : '',
    m.coverage > 0 ? `reading marks of ${n(m.coverage, 'document', 'documents')}` : '',
    m.metadata > 0 ? n(m.metadata, 'document detail edit', 'document detail edits') : '',
    m.memos > 0 ? n(m.memos, 'memo', 'memos') : '',
    m.snapshots > 0 ? n(m.snapshots, 'text snapshot', 'text snapshots') : '',
    m.tags > 0 ? `the codebook (${n(m.tags, 'tag', 'tags')})` : '',
    m.other > 0 ? 'suggestion settings and undo history' : '',
  ].filter(Boolean);
  const what = parts.length === 0 ? 'there were no passages or notes to carry over' : `${parts.join(', ')} were copied into its .glossator folder`;
  return `This folder is now a project: ${what}. The old data stays untouched in ${m.keptAt}.`;
}

/**
 * Opens `ref` as a project when it is one, or (with makeProjects) makes it one, migrating today's
 * data. A folder that cannot be written, or whose old data cannot be read, opens as a plain corpus
 * with a notice that says why; nothing is lost either way.
 */
export async function openFolder(ref: CorpusRef, env: OpenFolderEnv): Promise<OpenedFolder> {
  const plain: CorpusPlace = { dataDir: env.dataDir, corpusKey: ref.key };
  if (ref.readOnly) return { place: plain, project: null, notice: null };
  const hasProject = await findProject(ref.dir, {
    dataDir: env.dataDir,
    legacyKey: ref.key,
    coder: { id: 'probe', name: 'probe', color: '#000000', confirmed: false },
    now: () => env.clock.now(),
    newId: env.newId,
    io: env.storeIo,
  }).catch((error: unknown) => {
    // An unreadable project.json: say so and open plain, never guess.
    if (error instanceof GlossatorError && error.code === 'store-unreadable') return error;
    throw error;
  });
  if (hasProject instanceof GlossatorError) {
    return { place: plain, project: null, notice: `This folder's project file cannot be read (${hasProject.message}); it opens as a plain corpus until it is repaired.` };
  }
  if (hasProject === null && !env.makeProjects) return { place: plain, project: null, notice: null };
  let coder: CoderIdentity;
  try {
    coder = await ensureCoder(env.settings);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { place: plain, project: null, notice: `No coder identity could be saved (${why}), so this folder opens as a plain corpus.` };
  }
  let result: Awaited<ReturnType<typeof openOrMakeProject>>;
  try {
    result = await openOrMakeProject(ref.dir, {
      dataDir: env.dataDir,
      legacyKey: ref.key,
      coder,
      now: () => env.clock.now(),
      // The project id keys derived data in the data folder: a path part.
      newId: () => `p-${randomBytes(8).toString('hex')}`,
      io: env.storeIo,
      codebook: () => env.tags.list(),
    });
  } catch (error) {
    if (error instanceof GlossatorError && error.code === 'store-unreadable') {
      return { place: plain, project: null, notice: `This folder could not become a project: ${error.message} It opens as before, with nothing changed.` };
    }
    throw error;
  }
  if (result.opened === null) return { place: plain, project: null, notice: result.readOnly };
  const { opened } = result;
  // A confirmed coder opening a clone for the first time announces themselves in it.
  if (coder.confirmed) await writeCoderFile(ref.dir, coder, env.storeIo).catch(() => undefined);
  const tags = new TagStore({ codebookFile: projectPaths(ref.dir).codebook }, env.storeIo);
  return {
    place: { paths: opened.paths },
    project: { file: opened.project, dir: ref.dir, tags, coder },
    notice: opened.migrated ? describeMigration(opened.migrated) : null,
  };
}
