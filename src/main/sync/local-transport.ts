// Path remotes (a bare repository on a shared drive). isomorphic-git speaks only HTTP to remotes, so this copies
// objects between the two object stores itself (readObject/writeObject, dependency order: whatever a killed copy
// leaves is unreachable and harmless) and moves the remote branch under git's own `<ref>.lock` protocol.
import git from 'isomorphic-git';
import fs from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDurably } from '../store/durable-write';
import { SyncError } from './errors';

export interface ObjectStore {
  gitdir: string;
  cache: object;
}

/** The git folder of a path remote: `/x/repo.git`, `file:///x/repo.git`, or a working repository `/x/repo`. */
export async function pathRemoteGitdir(url: string): Promise<string> {
  const path = url.startsWith('file://') ? fileURLToPath(url) : resolve(url);
  const isDir = async (p: string) => (await stat(p).catch(() => null))?.isDirectory() ?? false;
  if (await isDir(join(path, '.git'))) return join(path, '.git');
  if ((await isDir(join(path, 'objects'))) && (await isDir(join(path, 'refs')))) return path;
  throw new SyncError('remote-missing', `There is no git repository at ${path}. Create one with “Create shared repository” (or \`git init --bare\`).`);
}

/** Creates an empty bare repository for a team on a shared drive. */
export async function initBareRemote(path: string): Promise<void> {
  await git.init({ fs, gitdir: path, bare: true, defaultBranch: 'main' });
}

async function has(store: ObjectStore, oid: string): Promise<boolean> {
  try {
    await git.readObject({ fs, gitdir: store.gitdir, oid, format: 'deflated', cache: store.cache });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundError') return false;
    throw error;
  }
}

async function copy(from: ObjectStore, to: ObjectStore, oid: string): Promise<void> {
  const obj = await git.readObject({ fs, gitdir: from.gitdir, oid, format: 'deflated', cache: from.cache });
  await git.writeObject({ fs, gitdir: to.gitdir, oid, type: obj.type as 'blob', object: obj.object as Uint8Array, format: 'deflated' });
}

/** Copies a tree and everything under it that `to` lacks, children before their tree. */
async function copyTree(from: ObjectStore, to: ObjectStore, oid: string): Promise<number> {
  if (await has(to, oid)) return 0; // a tree present means all it holds is present (written children first)
  let copied = 0;
  const { tree } = await git.readTree({ fs, gitdir: from.gitdir, oid, cache: from.cache });
  for (const entry of tree) {
    if (entry.type === 'tree') copied += await copyTree(from, to, entry.oid);
    else if (entry.type === 'blob' && !(await has(to, entry.oid))) {
      await copy(from, to, entry.oid);
      copied++;
    }
  }
  await copy(from, to, oid);
  return copied + 1;
}

/** Copies a commit and its history that `to` lacks, oldest first, so a commit present means its history is. */
export async function copyCommits(from: ObjectStore, to: ObjectStore, tip: string): Promise<number> {
  const missing: string[] = [];
  const queue = [tip];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const oid = queue.shift()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    if (await has(to, oid)) continue;
    missing.push(oid);
    const { commit } = await git.readCommit({ fs, gitdir: from.gitdir, oid, cache: from.cache });
    queue.push(...commit.parent);
  }
  let copied = 0;
  for (const oid of missing.reverse()) {
    // Parents were queued after children, so reversed they come first; a merge's two lines may interleave,
    // which is fine: each commit's tree is copied before the commit itself.
    const { commit } = await git.readCommit({ fs, gitdir: from.gitdir, oid, cache: from.cache });
    copied += await copyTree(from, to, commit.tree);
    await copy(from, to, oid);
    copied++;
  }
  return copied;
}

export async function remoteBranch(remote: ObjectStore, branch: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, gitdir: remote.gitdir, ref: `refs/heads/${branch}` });
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundError') return null;
    throw error;
  }
}

/**
 * Moves the remote branch from `expected` to `next` as git does: an exclusive `<ref>.lock`, a check that nobody
 * moved the branch meanwhile (else a rejected, non-fast-forward push), then a rename over the ref.
 */
export async function updateRemoteBranch(remote: ObjectStore, branch: string, expected: string | null, next: string): Promise<void> {
  const refFile = join(remote.gitdir, 'refs', 'heads', branch);
  const lock = `${refFile}.lock`;
  await fs.promises.mkdir(dirname(refFile), { recursive: true });
  let handle;
  try {
    handle = await open(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SyncError('remote-locked', `The shared repository is locked by another push (${lock} exists). Sync again in a moment; if no one is syncing, delete that file.`);
    }
    throw error;
  }
  try {
    const current = await remoteBranch(remote, branch);
    if (current !== expected) throw new SyncError('push-rejected', 'The shared repository moved on while this sync ran (someone else pushed).');
    await handle.writeFile(`${next}\n`);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(lock, refFile);
    // A repository whose HEAD names no branch yet (fresh) gets ours.
    const head = await readFile(join(remote.gitdir, 'HEAD'), 'utf8').catch(() => '');
    if (!head.startsWith('ref: ')) await writeDurably(join(remote.gitdir, 'HEAD'), Buffer.from(`ref: refs/heads/${branch}\n`));
  } finally {
    if (handle) {
      await handle.close();
      await rm(lock, { force: true });
    }
  }
}
