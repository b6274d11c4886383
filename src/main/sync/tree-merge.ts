// Three-way merge of two commits' trees in the object store (isomorphic-git objects, no working tree): descends only
// where the sides differ, so its cost follows what changed; every file both sides changed goes through mergeFile.
import git, { type TreeEntry } from 'isomorphic-git';
import fs from 'node:fs';
import { mergeFile, type Blob, type Refusal } from './file-merge';
import { JsonlError, parseJsonl } from './jsonl';
import { CONFLICTS_FILE, withConflicts, type StoredConflict } from './conflicts';

export interface GitCtx {
  gitdir: string;
  cache: object;
}

type Entry = Pick<TreeEntry, 'oid' | 'type' | 'mode'>;

export interface TreeMergeResult {
  tree: string;
  conflicts: StoredConflict[];
  refusals: Refusal[];
  /** Record changes theirs brought in, per data file. */
  pulled: Map<string, { added: number; edited: number; removed: number }>;
}

const same = (a: Entry | null, b: Entry | null) => (a === null || b === null ? a === b : a.oid === b.oid && a.mode === b.mode);

async function entries(ctx: GitCtx, e: Entry | null): Promise<Map<string, Entry>> {
  if (!e || e.type !== 'tree') return new Map();
  const { tree } = await git.readTree({ fs, gitdir: ctx.gitdir, oid: e.oid, cache: ctx.cache });
  return new Map(tree.map((t) => [t.path, t]));
}

async function blob(ctx: GitCtx, e: Entry | null): Promise<Blob | null> {
  if (!e || e.type !== 'blob') return null;
  const { blob: bytes } = await git.readBlob({ fs, gitdir: ctx.gitdir, oid: e.oid, cache: ctx.cache });
  return { bytes, oid: e.oid };
}

export async function writeBlob(ctx: GitCtx, bytes: Uint8Array): Promise<string> {
  return git.writeBlob({ fs, gitdir: ctx.gitdir, blob: bytes });
}

async function writeTree(ctx: GitCtx, children: Map<string, Entry>): Promise<Entry | null> {
  if (children.size === 0) return null;
  const tree = [...children].map(([path, e]) => ({ path, oid: e.oid, type: e.type, mode: e.mode }));
  return { oid: await git.writeTree({ fs, gitdir: ctx.gitdir, tree }), type: 'tree', mode: '040000' };
}

export async function mergeCommitTrees(ctx: GitCtx, base: string | null, mine: string, theirs: string, found: string): Promise<TreeMergeResult> {
  const result: TreeMergeResult = { tree: '', conflicts: [], refusals: [], pulled: new Map() };
  const root = (oid: string | null): Entry | null => (oid ? { oid, type: 'tree', mode: '040000' } : null);

  async function merge(path: string, b: Entry | null, m: Entry | null, t: Entry | null): Promise<Entry | null> {
    if (same(m, t)) return m;
    if (same(b, t)) return m;
    if (same(b, m)) {
      // Only theirs changed it: taken as is, except that a data file of theirs must read (a teammate may have
      // hand-edited it into invalid JSON): a folder is walked for that, and a file that fails keeps ours.
      if (t?.type === 'blob' && path.endsWith('.jsonl')) {
        const bad = unreadable(path, (await blob(ctx, t))!.bytes);
        if (!bad) return t;
        result.refusals.push(bad);
        return m;
      }
      if (t?.type !== 'tree') return t;
    }
    const isTree = (e: Entry | null) => e === null || e.type === 'tree';
    if (isTree(m) && isTree(t)) {
      const [be, me, te] = await Promise.all([entries(ctx, b), entries(ctx, m), entries(ctx, t)]);
      const out = new Map<string, Entry>();
      for (const name of new Set([...me.keys(), ...te.keys(), ...be.keys()])) {
        const merged = await merge(path ? `${path}/${name}` : name, be.get(name) ?? null, me.get(name) ?? null, te.get(name) ?? null);
        if (merged) out.set(name, merged);
      }
      return writeTree(ctx, out);
    }
    if (m?.type === 'tree' || t?.type === 'tree') {
      // A file on one side where the other has a folder: keep mine, record theirs.
      result.conflicts.push({ id: path, file: path, recordId: null, kind: 'file', base: null, mine: m && { blob: m.oid }, theirs: t && { blob: t.oid }, found });
      return m;
    }
    const merged = mergeFile(path, await blob(ctx, b), await blob(ctx, m), await blob(ctx, t), found);
    result.conflicts.push(...merged.conflicts);
    if (merged.refused) result.refusals.push(merged.refused);
    if (merged.counts.added + merged.counts.edited + merged.counts.removed > 0) result.pulled.set(path, merged.counts);
    if (merged.content === null) return null;
    return { oid: await writeBlob(ctx, merged.content), type: 'blob', mode: (m ?? t)!.mode };
  }

  const merged = await merge('', root(base), root(mine), root(theirs));
  let tree = merged?.oid ?? (await git.writeTree({ fs, gitdir: ctx.gitdir, tree: [] }));
  if (result.conflicts.length > 0) {
    const existing = await readPath(ctx, tree, CONFLICTS_FILE);
    const text = withConflicts(existing === null ? null : new TextDecoder().decode(existing), result.conflicts)!;
    tree = await putPath(ctx, tree, CONFLICTS_FILE, await writeBlob(ctx, new TextEncoder().encode(text)));
  }
  result.tree = tree;
  return result;
}

/** A file's bytes in a tree, or null. */
export async function readPath(ctx: GitCtx, tree: string, path: string): Promise<Uint8Array | null> {
  try {
    const { blob: bytes } = await git.readBlob({ fs, gitdir: ctx.gitdir, oid: tree, filepath: path, cache: ctx.cache });
    return bytes;
  } catch (error) {
    if ((error as { code?: string }).code === 'NotFoundError') return null;
    throw error;
  }
}

/** The tree with one file set to a blob (creating folders as needed). */
export async function putPath(ctx: GitCtx, tree: string | null, path: string, blobOid: string): Promise<string> {
  const [head, ...rest] = path.split('/');
  const children = await entries(ctx, tree ? { oid: tree, type: 'tree', mode: '040000' } : null);
  if (rest.length === 0) children.set(head!, { oid: blobOid, type: 'blob', mode: '100644' });
  else {
    const sub = children.get(head!);
    const oid = await putPath(ctx, sub?.type === 'tree' ? sub.oid : null, rest.join('/'), blobOid);
    children.set(head!, { oid, type: 'tree', mode: '040000' });
  }
  return (await writeTree(ctx, children))!.oid;
}

export interface FileChange {
  path: string;
  /** The blob after, or null when the file goes. */
  oid: string | null;
  before: string | null;
  mode: string;
}

/** Files that differ between two trees, descending only into folders that differ. */
export async function diffTrees(ctx: GitCtx, a: string | null, b: string | null): Promise<FileChange[]> {
  const out: FileChange[] = [];
  async function walk(path: string, x: Entry | null, y: Entry | null): Promise<void> {
    if (same(x, y)) return;
    const xt = x?.type === 'tree', yt = y?.type === 'tree';
    if (!xt && !yt) {
      out.push({ path, oid: y?.oid ?? null, before: x?.oid ?? null, mode: (y ?? x)!.mode });
      return;
    }
    if (x && !xt) out.push({ path, oid: null, before: x.oid, mode: x.mode });
    if (y && !yt) out.push({ path, oid: y.oid, before: null, mode: y.mode });
    const [xe, ye] = await Promise.all([entries(ctx, xt ? x : null), entries(ctx, yt ? y : null)]);
    for (const name of new Set([...xe.keys(), ...ye.keys()])) {
      await walk(path ? `${path}/${name}` : name, xe.get(name) ?? null, ye.get(name) ?? null);
    }
  }
  await walk('', a ? { oid: a, type: 'tree', mode: '040000' } : null, b ? { oid: b, type: 'tree', mode: '040000' } : null);
  return out;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** Why a data file cannot be read, or null when it reads. */
function unreadable(path: string, bytes: Uint8Array): Refusal | null {
  try {
    parseJsonl(strict.decode(bytes), path);
    return null;
  } catch (error) {
    if (error instanceof JsonlError) return { file: error.file, line: error.line, reason: error.reason };
    return { file: path, line: null, reason: 'not UTF-8 text' };
  }
}
