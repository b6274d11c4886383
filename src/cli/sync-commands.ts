// `glossator sync` and `glossator merge-driver`: the sync engine from the command line (token from $GLOSSATOR_TOKEN,
// never printed) and the per-record merge as a git merge driver (exit 0 clean, 1 with conflicts recorded).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import git from 'isomorphic-git';
import { sync, type SyncPoint } from '../main/sync/sync';
import { mergeFile, type Blob } from '../main/sync/file-merge';
import { conflictRecord } from '../main/sync/conflicts';
import type { SecretStore } from '../main/sync/secret-store';
import { writeDurably } from '../main/store/durable-write';
import { UsageError, type Out, type Values } from './options';

/** The CLI's token store: $GLOSSATOR_TOKEN for whatever remote, nothing saved anywhere. */
const envSecrets = (token: string | undefined): SecretStore => ({
  get: async () => token || null,
  set: async () => {},
  delete: async () => {},
});

/** Who commits: $GLOSSATOR_CODER, else the one coder of this project folder, else "Glossator". */
function author(dir: string): { name: string; email: string } {
  const fromEnv = process.env.GLOSSATOR_CODER?.trim();
  if (fromEnv) return { name: fromEnv, email: 'coder@glossator.invalid' };
  const codersDir = join(dir, '.glossator', 'coders');
  const coders = existsSync(codersDir) ? readdirSync(codersDir).filter((c) => statSync(join(codersDir, c)).isDirectory()) : [];
  if (coders.length === 1) {
    try {
      const coder = JSON.parse(readFileSync(join(codersDir, coders[0]!, 'coder.json'), 'utf8')) as { name?: unknown };
      if (typeof coder.name === 'string' && coder.name.trim()) return { name: coder.name, email: `${coders[0]}@glossator.invalid` };
    } catch {
      // no readable coder.json: fall through
    }
  }
  return { name: 'Glossator', email: 'glossator@glossator.invalid' };
}

/** Tests kill a sync at a phase: it stops there (and says so on stderr) until killed. Never set in normal use. */
function hangHook(err: Out): ((point: SyncPoint) => Promise<void>) | undefined {
  const at = process.env.GLOSSATOR_TEST_SYNC_HANG_AT;
  if (!at) return undefined;
  return (point) => {
    if (point !== at) return Promise.resolve();
    err.write(`glossator: paused at ${point}\n`);
    return new Promise<void>(() => setInterval(() => {}, 1 << 30));
  };
}

export async function runSync(values: Values, out: Out, err: Out): Promise<number> {
  const dir = resolve(values.corpus ?? process.cwd());
  if (!existsSync(join(dir, '.glossator')) && !values.remote) {
    throw new UsageError(`${dir} is not a Glossator project (no .glossator folder). Pass --corpus DIR, or --remote URL to join a shared project here.`);
  }
  const at = hangHook(err);
  const report = await sync({
    dir,
    ...(values.remote ? { remote: values.remote } : {}),
    secrets: envSecrets(process.env.GLOSSATOR_TOKEN),
    author: author(dir),
    acceptRewrittenRemote: values['accept-rewritten-remote'] ?? false,
    onProgress: (p) => err.write(`glossator: ${p.phase}: ${p.detail}\n`),
    ...(at ? { at } : {}),
  });
  if (report.committed) out.write(`Committed: ${report.committed}\n`);
  for (const r of report.refused) err.write(`glossator: not merged: ${r.file}${r.line ? `, line ${r.line}` : ''}: ${r.reason} (yours kept)\n`);
  if (report.error) {
    err.write(`glossator: sync failed while ${report.error.phase === 'commit' ? 'committing' : `${report.error.phase}ing`}: ${report.error.message}\n`);
    return 1;
  }
  out.write(`${report.summary}\n`);
  return 0;
}

/** The repository's git folder, from git's working directory (where it runs drivers). */
function findGitdir(from: string): string | null {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const dotgit = join(dir, '.git');
    if (existsSync(dotgit)) {
      if (statSync(dotgit).isDirectory()) return dotgit;
      const pointer = /^gitdir: (.+)$/m.exec(readFileSync(dotgit, 'utf8'))?.[1];
      return pointer ? resolve(dir, pointer.trim()) : null;
    }
    if (dirname(dir) === dir) return null;
  }
}

async function blobOf(path: string): Promise<Blob | null> {
  const bytes = new Uint8Array(await readFile(path));
  if (bytes.length === 0) return null; // git passes an empty file for a side that has none
  return { bytes, oid: (await git.hashBlob({ object: bytes })).oid };
}

/**
 * git merge driver: `glossator merge-driver %O %A %B %P`. Writes the merged file to %A. Exit 0: clean. Exit 1:
 * conflicts, recorded (both versions) in .git/glossator-conflicts.jsonl, which the next Glossator sync moves into
 * the project's conflicts; or a side that could not be read (named with its line), %A left as ours.
 */
export async function runMergeDriver(args: string[], out: Out, err: Out): Promise<number> {
  const [o, a, b, p] = args;
  if (!o || !a || !b) throw new UsageError('merge-driver needs three files: %O %A %B (and optionally %P, the path in the repository).');
  const path = p ?? a;
  const result = mergeFile(path, await blobOf(o), await blobOf(a), await blobOf(b), new Date().toISOString());
  if (result.refused) {
    err.write(`glossator: ${result.refused.file}${result.refused.line ? `, line ${result.refused.line}` : ''}: ${result.refused.reason}. Kept ours; resolve by hand.\n`);
    return 1;
  }
  await writeDurably(a, result.content ?? new Uint8Array());
  if (result.conflicts.length === 0) return 0;
  const gitdir = findGitdir(process.cwd());
  if (gitdir) {
    // Conflicts already waiting from another file of this merge stay; the whole list is written again durably.
    const pending = join(gitdir, 'glossator-conflicts.jsonl');
    const before = await readFile(pending, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
    await writeDurably(pending, Buffer.from(before + result.conflicts.map((c) => `${conflictRecord(c).line}\n`).join('')));
  }
  for (const c of result.conflicts) err.write(`glossator: conflict in ${c.file}${c.recordId ? ` on ${c.recordId}` : ''} (${c.kind}); ours kept for now, both versions recorded.\n`);
  out.write('');
  return 1;
}
