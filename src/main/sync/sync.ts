// One sync of a project folder: commit (what changed, in words), fetch, merge (per record), push (retried once after
// a rejection), each phase reported as it starts, the outcome as a report. Every phase can be killed and rerun.
import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import git, { type HttpClient } from 'isomorphic-git';
import fs from 'node:fs';
import { writeDurably } from '../store/durable-write';
import { summarise, type ChangedFile } from './changes';
import { CONFLICTS_FILE, withConflicts, type StoredConflict } from './conflicts';
import { SyncError, type SyncErrorCode } from './errors';
import type { Refusal } from './file-merge';
import { checkRemoteUrl, fetchRemote, pushRemote, scrub, type RemoteAccess } from './remote';
import { BRANCH, advanceTo, commitAll, headOid, isAncestor, mergeBase, openRepo, refOid, remoteUrl, setRef, setRemoteUrl, treeOf, writeCommit, type Author, type Repo } from './repo';
import type { SecretStore } from './secret-store';
import { diffTrees, mergeCommitTrees, readPath } from './tree-merge';

export type SyncPhase = 'commit' | 'fetch' | 'merge' | 'push';
/** Points where tests make a sync fail or hang: each phase's riskiest moment. */
export type SyncPoint = 'commit' | 'fetch' | 'merge' | 'push';

export interface SyncProgress {
  phase: SyncPhase;
  /** What is happening, in words ("Sending 3 commits"). */
  detail: string;
}

export interface SyncOptions {
  dir: string;
  /** A remote to use (and remember); otherwise the one remembered in the repository, if any. */
  remote?: string;
  secrets: SecretStore;
  author: Author;
  now?: () => Date;
  onProgress?: (progress: SyncProgress) => void;
  /** Merge a remote whose history was rewritten (force-pushed) since the last sync, instead of refusing. */
  acceptRewrittenRemote?: boolean;
  http?: HttpClient;
  /** Fault injection: called at each SyncPoint; a throw there is a sync killed at that moment. */
  at?: (point: SyncPoint) => Promise<void>;
}

export interface CoderCount {
  coder: string;
  name: string;
  passages: number;
}

export interface SyncReport {
  ok: boolean;
  /** The subject of the commit this sync made, or null when nothing had changed. */
  committed: string | null;
  pulled: { passages: number; byCoder: CoderCount[]; codebook: string[]; files: number };
  pushed: { passages: number; commits: boolean };
  conflicts: number;
  /** Files of theirs the merge could not read: ours kept, theirs left in history. */
  refused: Refusal[];
  error: { phase: SyncPhase; code: SyncErrorCode; message: string } | null;
  /** One line for the status bar ("Pulled 12 passages from Sara, pushed 3, 1 conflict."). */
  summary: string;
}

const SYNCED_REF = 'refs/glossator/synced';
const PENDING_DRIVER_CONFLICTS = 'glossator-conflicts.jsonl';
const short = (oid: string) => oid.slice(0, 7);

/** One sync per folder at a time; a lock left by a killed sync on this machine is taken over. */
async function lockFolder(repo: Repo): Promise<() => Promise<void>> {
  const file = join(repo.gitdir, 'glossator-sync.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = (await readFile(file, 'utf8').then(JSON.parse, () => null)) as { pid?: number; host?: string } | null;
      const alive = holder?.host === hostname() && typeof holder.pid === 'number' && isAlive(holder.pid);
      if (alive || (holder?.host && holder.host !== hostname())) {
        throw new SyncError('busy', `Another sync is running on this project (process ${holder?.pid ?? '?'} on ${holder?.host ?? 'this machine'}).`);
      }
      await rm(file, { force: true });
    }
  }
  throw new SyncError('busy', 'Another sync is running on this project.');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Conflicts the command-line merge driver recorded in .git are moved into the project's conflicts file. */
async function adoptDriverConflicts(repo: Repo): Promise<void> {
  const pending = join(repo.gitdir, PENDING_DRIVER_CONFLICTS);
  const text = await readFile(pending, 'utf8').catch(() => null);
  if (text === null) return;
  const found = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as StoredConflict);
  const target = join(repo.dir, CONFLICTS_FILE);
  const existing = await readFile(target, 'utf8').catch(() => null);
  await writeDurably(target, new TextEncoder().encode(withConflicts(existing, found)!));
  await rm(pending, { force: true });
}

async function coderName(repo: Repo, tree: string | null, coder: string): Promise<string> {
  if (coder === 'adjudicated') return 'the adjudicated layer';
  const bytes = tree ? await readPath(repo, tree, `.glossator/coders/${coder}/coder.json`) : null;
  try {
    const name = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as { name?: unknown }).name : null;
    return typeof name === 'string' && name.trim() ? name : coder;
  } catch {
    return coder;
  }
}

async function changedFiles(repo: Repo, fromCommit: string | null, toCommit: string): Promise<ChangedFile[]> {
  const [a, b] = [await treeOf(repo, fromCommit), await treeOf(repo, toCommit)];
  const changes = await diffTrees(repo, a, b);
  const read = async (oid: string | null) => (oid ? (await git.readBlob({ fs, gitdir: repo.gitdir, oid, cache: repo.cache })).blob : null);
  return Promise.all(changes.filter((c) => c.path.startsWith('.glossator/')).map(async (c) => ({ path: c.path, before: await read(c.before), after: await read(c.oid) })));
}

function summaryLine(r: SyncReport, remote: boolean): string {
  const parts: string[] = [];
  if (r.pulled.byCoder.length > 0) {
    parts.push(`pulled ${r.pulled.byCoder.map((c) => `${c.passages} passage${c.passages === 1 ? '' : 's'} from ${c.name}`).join(', ')}`);
  }
  if (r.pulled.codebook.length > 0) {
    const more = r.pulled.codebook.length > 2 ? `, +${r.pulled.codebook.length - 2} more` : '';
    parts.push(`${parts.length ? '' : 'pulled '}codebook changes (${r.pulled.codebook.slice(0, 2).join(', ')}${more})`);
  }
  if (parts.length === 0 && r.pulled.files > 0) parts.push('pulled other changes');
  if (r.pushed.commits) parts.push(r.pushed.passages ? `pushed ${r.pushed.passages} passage${r.pushed.passages === 1 ? '' : 's'}` : 'pushed other changes');
  if (r.conflicts > 0) parts.push(`${r.conflicts} conflict${r.conflicts === 1 ? '' : 's'} to resolve`);
  if (r.refused.length > 0) parts.push(`${r.refused.length} file${r.refused.length === 1 ? '' : 's'} of theirs could not be read (${r.refused.map((f) => `${f.file}${f.line ? ` line ${f.line}` : ''}`).join(', ')}): yours kept`);
  if (!remote) parts.push(r.committed ? 'committed locally (no remote set)' : 'nothing to commit (no remote set)');
  if (parts.length === 0) parts.push(r.committed ? 'committed' : 'already up to date');
  const line = parts.join(', ');
  return `${line[0]!.toUpperCase()}${line.slice(1)}.`;
}

export async function sync(options: SyncOptions): Promise<SyncReport> {
  const now = options.now ?? (() => new Date());
  const progress = (phase: SyncPhase, detail: string) => options.onProgress?.({ phase, detail });
  const report: SyncReport = {
    ok: false,
    committed: null,
    pulled: { passages: 0, byCoder: [], codebook: [], files: 0 },
    pushed: { passages: 0, commits: false },
    conflicts: 0,
    refused: [],
    error: null,
    summary: '',
  };
  let phase: SyncPhase = 'commit';
  let token: string | null = null;
  let release: (() => Promise<void>) | null = null;
  try {
    progress('commit', 'Saving your changes');
    const repo = await openRepo(options.dir);
    release = await lockFolder(repo);
    await adoptDriverConflicts(repo);
    const commit = async () => {
      phase = 'commit';
      const message = await commitAll(repo, options.author, now(), () => options.at?.('commit') ?? Promise.resolve());
      report.committed ??= message?.split('\n')[0] ?? null;
    };
    const url = options.remote ? checkRemoteUrl(options.remote) : await remoteUrl(repo);
    if (options.remote && url) await setRemoteUrl(repo, url);
    const hasRemote = url !== null;
    // Joining a team: a folder with no history first takes the remote's, then commits its own files on top.
    const joining = url !== null && (await headOid(repo)) === null;
    if (!joining) await commit();
    if (url !== null) {
      token = await options.secrets.get(url);
      const access: RemoteAccess = { url, token, ...(options.http ? { http: options.http } : {}) };
      let remoteTip: string | null;
      try {
        remoteTip = await fetchAndMerge(repo, access, options, report, now, (p) => (phase = p));
      } catch (error) {
        // A folder that already holds other versions of the remote's files: commit them and merge the two histories.
        if (!joining || !(error instanceof SyncError) || error.code !== 'changed-during-sync') throw error;
        await commit();
        remoteTip = await fetchAndMerge(repo, access, options, report, now, (p) => (phase = p));
      }
      if (joining) await commit();
      phase = 'push';
      for (let attempt = 0; ; attempt++) {
        const head = await headOid(repo);
        if (!head || head === remoteTip || (remoteTip && (await isAncestor(repo, head, remoteTip)))) break;
        progress('push', 'Sending your changes');
        try {
          const pushing = summarise(await changedFiles(repo, remoteTip, head));
          await pushRemote(repo, access, BRANCH, remoteTip, head, () => options.at?.('push') ?? Promise.resolve());
          report.pushed = { passages: pushing.passages.added + pushing.passages.edited + pushing.passages.removed, commits: true };
          await setRef(repo, `refs/remotes/origin/${BRANCH}`, head);
          await setRef(repo, SYNCED_REF, head);
          break;
        } catch (error) {
          // Someone pushed first: take their work in and try once more, then report.
          if (!(error instanceof SyncError) || error.code !== 'push-rejected' || attempt > 0) throw error;
          remoteTip = await fetchAndMerge(repo, access, options, report, now, (p) => (phase = p));
          phase = 'push';
        }
      }
    }
    report.ok = true;
    report.summary = summaryLine(report, hasRemote);
  } catch (error) {
    const e = error instanceof SyncError ? error : new SyncError('failed', (error as Error).message ?? String(error));
    let message = scrub(e.message, token);
    if (report.committed && phase !== 'commit') message += ' Your changes are committed in the project; the next sync sends them.';
    report.error = { phase, code: e.code, message };
    report.summary = message;
  } finally {
    await release?.();
  }
  return report;
}

async function fetchAndMerge(repo: Repo, access: RemoteAccess, options: SyncOptions, report: SyncReport, now: () => Date, setPhase: (p: SyncPhase) => void): Promise<string | null> {
  setPhase('fetch');
  options.onProgress?.({ phase: 'fetch', detail: 'Fetching your team’s changes' });
  const tip = await fetchRemote(repo, access, BRANCH);
  await options.at?.('fetch');
  setPhase('merge');
  options.onProgress?.({ phase: 'merge', detail: 'Merging' });
  if (!tip) return null;
  const synced = await refOid(repo, SYNCED_REF);
  if (synced && synced !== tip && !options.acceptRewrittenRemote && !(await isAncestor(repo, synced, tip).catch(() => false))) {
    throw new SyncError(
      'history-rewritten',
      `The remote's history was rewritten (force-pushed): commit ${short(synced)}, which this project last synced, is no longer part of it. ` +
        'Nothing was merged or pushed, and your work is safe in this project. Ask the teammate who rewrote it what happened; ' +
        'to merge the new history anyway (records merge by id, nothing of yours is dropped), sync again accepting the rewritten remote.',
    );
  }
  const head = await headOid(repo);
  if (head && (await isAncestor(repo, tip, head))) {
    await setRef(repo, SYNCED_REF, tip);
    return tip;
  }
  const before = head;
  let target = tip;
  if (head) {
    // A fast-forward goes through the merge too (with our commit as the base), so that theirs is checked: a file
    // that does not read keeps ours; then it is a merge commit rather than a fast-forward.
    const fastForward = await isAncestor(repo, head, tip);
    const base = fastForward ? head : await mergeBase(repo, head, tip);
    const merged = await mergeCommitTrees(repo, await treeOf(repo, base), (await treeOf(repo, head))!, (await treeOf(repo, tip))!, now().toISOString());
    report.conflicts += merged.conflicts.length;
    report.refused.push(...merged.refusals);
    const message = `Glossator sync: merged ${access.url.includes('://') ? 'the remote' : 'the shared folder'}${merged.conflicts.length ? ` (${merged.conflicts.length} conflicts recorded)` : ''}` +
      `${merged.refusals.map((r) => `\n\nTheirs not merged: ${r.file}${r.line ? `, line ${r.line}` : ''}: ${r.reason}`).join('')}\n`;
    const tipTree = await treeOf(repo, tip);
    if (!fastForward || merged.tree !== tipTree) target = await writeCommit(repo, merged.tree, [head, tip], message, options.author, now());
  }
  const incoming = await changedFiles(repo, before, target);
  await advanceTo(repo, target, () => options.at?.('merge') ?? Promise.resolve());
  await setRef(repo, SYNCED_REF, tip);
  const s = summarise(incoming);
  const tree = await treeOf(repo, target);
  for (const [coder, passages] of s.byCoder) {
    const name = await coderName(repo, tree, coder);
    const existing = report.pulled.byCoder.find((c) => c.coder === coder);
    if (existing) existing.passages += passages;
    else report.pulled.byCoder.push({ coder, name, passages });
  }
  report.pulled.passages += s.passages.added + s.passages.edited + s.passages.removed;
  report.pulled.codebook.push(...s.codebook);
  report.pulled.files += incoming.length;
  return tip;
}
