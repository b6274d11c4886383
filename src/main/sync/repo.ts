// The project folder as a git repository (isomorphic-git over node:fs): create it with its .gitattributes and
// .gitignore, commit what changed with a message that says what, and bring the working files to a new tree.
import git from 'isomorphic-git';
import fs from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeDurably } from '../store/durable-write';
import { commitMessage, type ChangedFile } from './changes';
import { SyncError } from './errors';
import { diffTrees, type FileChange, type GitCtx } from './tree-merge';

export const BRANCH = 'main';
export const GITATTRIBUTES_LINE = '.glossator/**/*.jsonl merge=glossator';
/** Store backups, temp files and locks stay out of history; derived data lives outside the project anyway. */
const GITIGNORE = ['*.bak', '*.bak2', '*.tmp-*', '*.lock', '*.takeover-*', '.glossator/cache/'];

export interface Repo extends GitCtx {
  dir: string;
}

export interface Author {
  name: string;
  email: string;
}

const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;

async function ensureLines(file: string, lines: readonly string[]): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !have.has(l));
  if (missing.length === 0) return false;
  const joined = `${text}${text && !text.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`;
  await writeDurably(file, new TextEncoder().encode(joined));
  return true;
}

/** Opens the project's repository, creating it (branch main, .gitattributes, .gitignore) when there is none. */
export async function openRepo(dir: string): Promise<Repo> {
  const gitdir = join(dir, '.git');
  if (!(await exists(gitdir))) await git.init({ fs, dir, defaultBranch: BRANCH });
  await ensureLines(join(dir, '.gitattributes'), [GITATTRIBUTES_LINE]);
  await ensureLines(join(dir, '.gitignore'), GITIGNORE);
  if (await exists(join(gitdir, 'MERGE_HEAD'))) {
    throw new SyncError('merge-in-progress', 'Command-line git is in the middle of a merge in this project. Finish it (git commit) or abort it (git merge --abort), then sync.');
  }
  return { dir, gitdir, cache: {} };
}

export async function headOid(repo: Repo): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, gitdir: repo.gitdir, ref: 'HEAD' });
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundError') return null;
    throw error;
  }
}

export async function refOid(repo: Repo, ref: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, gitdir: repo.gitdir, ref });
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundError') return null;
    throw error;
  }
}

export async function treeOf(repo: Repo, commit: string | null): Promise<string | null> {
  if (!commit) return null;
  return (await git.readCommit({ fs, gitdir: repo.gitdir, oid: commit, cache: repo.cache })).commit.tree;
}

async function blobAt(repo: Repo, commit: string | null, path: string): Promise<Uint8Array | null> {
  if (!commit) return null;
  try {
    return (await git.readBlob({ fs, gitdir: repo.gitdir, oid: commit, filepath: path, cache: repo.cache })).blob;
  } catch {
    return null;
  }
}

/**
 * Stages every change in the folder and commits it; returns the message, or null when nothing changed.
 * `before` runs after staging, before the commit (fault injection).
 */
export async function commitAll(repo: Repo, author: Author, now: Date, before?: () => Promise<void>): Promise<string | null> {
  const head = await headOid(repo);
  const rows = await git.statusMatrix({ fs, dir: repo.dir, gitdir: repo.gitdir, cache: repo.cache });
  const changed: ChangedFile[] = [];
  for (const [path, headStatus, workdir, stage] of rows) {
    if (headStatus === 1 && workdir === 1 && stage === 1) continue;
    if (workdir === 0) {
      if (stage !== 0) await git.remove({ fs, dir: repo.dir, gitdir: repo.gitdir, filepath: path, cache: repo.cache });
    } else if (workdir === 2 || stage !== 1) {
      await git.add({ fs, dir: repo.dir, gitdir: repo.gitdir, filepath: path, cache: repo.cache });
    }
    const after = workdir === 0 ? null : new Uint8Array(await readFile(join(repo.dir, path)));
    const beforeBytes = headStatus === 1 ? await blobAt(repo, head, path) : null;
    if (beforeBytes && after && Buffer.from(beforeBytes).equals(Buffer.from(after))) continue;
    if (!beforeBytes && !after) continue;
    changed.push({ path, before: beforeBytes, after });
  }
  if (changed.length === 0) return null;
  await before?.();
  const message = commitMessage(changed);
  const timestamp = Math.floor(now.getTime() / 1000);
  const who = { ...author, timestamp, timezoneOffset: 0 };
  await git.commit({ fs, dir: repo.dir, gitdir: repo.gitdir, cache: repo.cache, message, author: who, committer: who });
  return message;
}

/** Writes a merge (two parents) or ordinary commit object for a tree, without moving any branch. */
export async function writeCommit(repo: Repo, tree: string, parents: string[], message: string, author: Author, now: Date): Promise<string> {
  const who = { ...author, timestamp: Math.floor(now.getTime() / 1000), timezoneOffset: 0 };
  return git.writeCommit({ fs, gitdir: repo.gitdir, commit: { tree, parent: parents, author: who, committer: who, message } });
}

async function fileOid(path: string): Promise<string | null> {
  const bytes = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  return bytes === null ? null : (await git.hashBlob({ object: bytes })).oid;
}

/**
 * Brings the working files and index from HEAD's tree to `commit`'s, then moves the branch. Files first, branch
 * last: a sync killed half-way leaves files the next sync's commit picks up and its merge settles (both sides
 * then hold the same change). A file edited since HEAD is never overwritten: the sync stops and says so.
 * `midway` runs after the first file is written (fault injection).
 */
export async function advanceTo(repo: Repo, commit: string, midway?: () => Promise<void>): Promise<FileChange[]> {
  const from = await treeOf(repo, await headOid(repo));
  const changes = await diffTrees(repo, from, await treeOf(repo, commit));
  for (const c of changes) {
    const now = await fileOid(join(repo.dir, c.path));
    if (now !== c.before && now !== c.oid) {
      throw new SyncError('changed-during-sync', `${c.path} was changed while the sync ran; nothing of it was overwritten. Sync again.`);
    }
  }
  let written = 0;
  for (const c of changes) {
    const file = join(repo.dir, c.path);
    if (c.oid === null) {
      await rm(file, { force: true });
      await git.remove({ fs, dir: repo.dir, gitdir: repo.gitdir, filepath: c.path, cache: repo.cache });
    } else {
      const { blob } = await git.readBlob({ fs, gitdir: repo.gitdir, oid: c.oid, cache: repo.cache });
      await mkdir(dirname(file), { recursive: true });
      await writeDurably(file, blob);
      await git.add({ fs, dir: repo.dir, gitdir: repo.gitdir, filepath: c.path, cache: repo.cache });
    }
    if (++written === 1) await midway?.();
  }
  await git.writeRef({ fs, gitdir: repo.gitdir, ref: `refs/heads/${BRANCH}`, value: commit, force: true });
  return changes;
}

export async function setRef(repo: Repo, ref: string, value: string): Promise<void> {
  await git.writeRef({ fs, gitdir: repo.gitdir, ref, value, force: true });
}

export async function isAncestor(repo: Repo, ancestor: string, of: string): Promise<boolean> {
  if (ancestor === of) return true;
  return git.isDescendent({ fs, gitdir: repo.gitdir, oid: of, ancestor, depth: -1, cache: repo.cache });
}

export async function mergeBase(repo: Repo, a: string, b: string): Promise<string | null> {
  const bases = await git.findMergeBase({ fs, gitdir: repo.gitdir, oids: [a, b], cache: repo.cache });
  return (bases[0] as string | undefined) ?? null;
}

export async function remoteUrl(repo: Repo): Promise<string | null> {
  return ((await git.getConfig({ fs, gitdir: repo.gitdir, path: 'remote.origin.url' })) as string | undefined) ?? null;
}

export async function setRemoteUrl(repo: Repo, url: string): Promise<void> {
  await git.setConfig({ fs, gitdir: repo.gitdir, path: 'remote.origin.url', value: url });
  await git.setConfig({ fs, gitdir: repo.gitdir, path: 'remote.origin.fetch', value: '+refs/heads/*:refs/remotes/origin/*' });
}
