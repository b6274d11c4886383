// Handlers for projects as a whole: this machine's coder identity, and "Save as project…" (the open corpus copied into a new project folder).
import { randomBytes } from 'node:crypto';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, isAbsolute } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { CorpusInfo, CoderIdentity, Tag } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
import { describeOsError, writeDurably } from '../../store/durable-write';
import type { StoreIo } from '../../store/json-store';
import { makeProject } from '../project/project-folder';
import { coderIdFrom, describeMigration, ensureCoder } from '../project/project-open';
import type { PathGrants } from '../path-grants';
import type { Clock, OpenTarget } from '../ports';
import type { SettingsService } from '../settings-service';
import { isDocumentName } from '../workspace-corpora';

export interface ProjectHandlerDeps {
  dataDir: string;
  settings: SettingsService;
  grants: PathGrants;
  openTarget: OpenTarget;
  clock: Clock;
  io?: StoreIo;
  /** The open corpus: its folder, key, whether it is a project, its codebook; and its writes flushed. */
  current(): { dir: string; info: CorpusInfo; tags: () => Promise<readonly Tag[]>; flush: () => Promise<void>; setCoder: (c: CoderIdentity) => Promise<void> };
  /** Opens a folder as the corpus (the core's switch). */
  open(path: string): Promise<CorpusInfo>;
}

type ProjectMethods = 'getCoder' | 'setCoder' | 'chooseProjectFolder' | 'saveAsProject';

/** Whether `inner` is `outer` or inside it. */
const within = (outer: string, inner: string): boolean => {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

export function projectHandlers(deps: ProjectHandlerDeps): Pick<Handlers, ProjectMethods> {
  return {
    getCoder: async () => ({ coder: await deps.settings.coder() }),
    setCoder: async ({ name, color }) => {
      const known = await deps.settings.coder();
      // The id names the coder's folder: made once, kept through every rename.
      const coder = await deps.settings.setCoder({ id: known?.id ?? coderIdFrom(name), name: name.trim(), color: color.toLowerCase(), confirmed: true });
      await deps.current().setCoder(coder);
      return coder;
    },
    chooseProjectFolder: async () => {
      const chosen = await deps.openTarget.chooseFolder();
      if (chosen === null) throw new GlossatorError('cancelled', 'No folder was chosen.');
      return { token: deps.grants.grant(chosen), name: basename(chosen) || chosen };
    },
    saveAsProject: async ({ token }) => {
      const chosen = deps.grants.take(token);
      const current = deps.current();
      if (current.info.project) {
        throw new GlossatorError('unsupported', `${current.info.name} is already a project: copy its folder, or share it through Sync.`);
      }
      let target: string;
      try {
        target = await realpath(chosen);
        if (!(await stat(target)).isDirectory()) throw new GlossatorError('invalid-argument', `${chosen} is a file: choose an empty folder.`);
      } catch (error) {
        if (error instanceof GlossatorError) throw error;
        throw new GlossatorError('io-error', `Glossator could not use the folder ${chosen}: ${describeOsError(error)}.`);
      }
      if (within(current.dir, target) || within(target, current.dir)) {
        throw new GlossatorError('invalid-argument', `A project cannot be saved inside the corpus it copies, or around it: choose a folder outside ${current.dir}.`);
      }
      const present = (await readdir(target)).filter((n) => n !== '.DS_Store' && n !== 'Thumbs.db');
      if (present.length > 0) {
        throw new GlossatorError('invalid-argument', `Choose an empty folder for the new project: ${basename(target)} already holds ${present.length} item${present.length === 1 ? '' : 's'} (${present.slice(0, 3).join(', ')}).`);
      }
      // Everything acknowledged is on disk before it is copied.
      await current.flush();
      const names = (await readdir(current.dir, { withFileTypes: true })).filter((e) => e.isFile() && (isDocumentName(e.name) || e.name === 'manifest.json')).map((e) => e.name);
      for (const name of names) {
        // Never replaces anything (the folder was empty a moment ago; something may have appeared since).
        await writeDurably(join(target, name), await readFile(join(current.dir, name)), { exclusive: true });
      }
      const coder = await ensureCoder(deps.settings);
      const made = await makeProject(target, {
        dataDir: deps.dataDir,
        legacyKey: current.info.key,
        coder,
        now: () => deps.clock.now(),
        newId: () => `p-${randomBytes(8).toString('hex')}`,
        io: deps.io,
        codebook: current.tags,
      });
      const info = await deps.open(target);
      const documents = names.filter((n) => n !== 'manifest.json').length;
      const copied = `${documents} document${documents === 1 ? '' : 's'} copied into ${target}`;
      return { ...info, notice: made.migrated ? `${copied}. ${describeMigration(made.migrated)}` : `${copied}; it is now a project.` };
    },
  };
}
