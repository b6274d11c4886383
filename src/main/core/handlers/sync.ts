// Handlers for sync: the open corpus as a project that syncs through git (src/main/sync), its remote and token,
// the Sync command itself (stores flushed before, the corpus reloaded after) and the conflicts to resolve.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import fs from 'node:fs';
import type { Handlers } from '../../../shared/contract';
import type { ConflictView, SyncProgressEvent, SyncStatus } from '../../../shared/sync';
import { GlossatorError } from '../../../shared/result';
import { sync } from '../../sync/sync';
import { isBlobRef, readConflicts, resolveConflict } from '../../sync/conflicts';
import { checkRemoteUrl } from '../../sync/remote';
import { type SyncError } from '../../sync/errors';
import { openRepo, remoteUrl, setRemoteUrl, type Author } from '../../sync/repo';
import type { SecretStore } from '../../sync/secret-store';

import type { SyncMethods } from './sync-methods';

export interface SyncHandlerDeps {
  /** The open corpus folder, or null when it may not sync (the bundled corpus is read-only). */
  folder(): string | null;
  secrets: SecretStore;
  author(): Author;
  /** Writes every store's pending changes, so the commit holds them. */
  flush(): Promise<void>;
  /** Reopens the corpus after files changed under it (a merge, a resolution). */
  reload(): Promise<void>;
  onProgress(progress: SyncProgressEvent): void;
}

function folderOrFail(deps: SyncHandlerDeps): string {
  const dir = deps.folder();
  if (dir === null) throw new GlossatorError('unsupported', 'The bundled corpus is read-only and cannot sync. Open or save a project folder first.');
  return dir;
}

async function status(deps: SyncHandlerDeps): Promise<SyncStatus> {
  const folder = deps.folder();
  if (folder === null) return { folder: null, remote: null, hasToken: false, conflicts: 0 };
  const hasGit = existsSync(join(folder, '.git'));
  const remote = hasGit ? ((await git.getConfig({ fs, dir: folder, path: 'remote.origin.url' })) as string | undefined) ?? null : null;
  const conflicts = await readConflicts(folder).then((c) => c.length, () => 0);
  return { folder, remote, hasToken: remote !== null && (await deps.secrets.get(remote)) !== null, conflicts };
}

const show = (side: unknown): string | null => (side === null || side === undefined ? null : isBlobRef(side) ? `(the file as of git object ${side.blob.slice(0, 7)})` : JSON.stringify(side, null, 2));

export function syncHandlers(deps: SyncHandlerDeps): Pick<Handlers, SyncMethods> {
  return {
    getSyncStatus: async () => status(deps),
    setSyncRemote: async ({ url, token }) => {
      const dir = folderOrFail(deps);
      let checked: string;
      try {
        checked = checkRemoteUrl(url);
      } catch (error) {
        throw new GlossatorError('invalid-argument', (error as SyncError).message);
      }
      const repo = await openRepo(dir);
      const previous = await remoteUrl(repo);
      await setRemoteUrl(repo, checked);
      if (token) await deps.secrets.set(checked, token);
      else if (token === null || (previous !== null && previous !== checked)) await deps.secrets.delete(checked);
      return status(deps);
    },
    syncProject: async ({ acceptRewrittenRemote }) => {
      const dir = folderOrFail(deps);
      await deps.flush();
      const report = await sync({ dir, secrets: deps.secrets, author: deps.author(), onProgress: deps.onProgress, acceptRewrittenRemote: acceptRewrittenRemote ?? false });
      if (report.pulled.files > 0 || report.conflicts > 0) await deps.reload();
      return {
        ok: report.ok,
        summary: report.summary,
        committed: report.committed,
        pulled: report.pulled.passages,
        pushed: report.pushed.passages,
        conflicts: report.conflicts,
        refused: report.refused,
        error: report.error,
      };
    },
    listConflicts: async () => {
      const dir = folderOrFail(deps);
      return (await readConflicts(dir)).map(
        (c): ConflictView => ({ id: c.id, file: c.file, recordId: c.recordId, kind: c.kind, fields: c.fields ?? [], mine: show(c.mine), theirs: show(c.theirs) }),
      );
    },
    resolveConflict: async ({ id, choice }) => {
      const dir = folderOrFail(deps);
      const gitdir = join(dir, '.git');
      const outcome = await resolveConflict(dir, id, choice, async (oid) => (await git.readBlob({ fs, gitdir, oid })).blob).catch((error: unknown) => {
        throw new GlossatorError('invalid-argument', (error as Error).message);
      });
      await deps.reload();
      return outcome;
    },
  };
}
