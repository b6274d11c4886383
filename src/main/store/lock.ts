// The data folder's lock, <dataDir>/glossator.lock: one process writes a data folder at a time (the app, or a CLI import).
//
// Taking a free lock is one atomic step: the holder's line is written to a unique temp file and hard-linked
// to glossator.lock, which fails if it exists (so the file is never seen half-written). Taking over a stale
// lock (its process has ended) cannot be a check-then-delete: of several processes that all read the same
// stale lock, two could each delete it and each create their own. Instead each contender claims the takeover
// of that exact lock text with an exclusive, numbered claim file (glossator.lock.takeover-<hash>-<n>); only the
// lowest-numbered claim whose process is alive may go on, it re-reads the lock, and only if it still holds the
// same stale text does it replace it (one rename). Everyone else sees the new, live holder and is refused.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { GlossatorError } from '../../shared/result';
import { describeOsError } from './file-ops';

export const LOCK_FILE = 'glossator.lock';

/** Who holds the lock: written as JSON into the lock file. */
export interface LockHolder {
  pid: number;
  /** ISO time the holder took the lock. */
  startedAt: string;
  hostname: string;
  /** 'app' for the desktop app, 'cli' for a command-line import. */
  app: 'app' | 'cli';
}

/** Raised when another running process holds the lock; the message says who and what to do. */
export class DataFolderLockedError extends GlossatorError {
  constructor(readonly holder: LockHolder) {
    super('io-error', lockedMessage(holder));
  }
}

function lockedMessage(h: LockHolder): string {
  const where = h.hostname === hostname() ? `pid ${h.pid}` : `pid ${h.pid} on ${h.hostname}`;
  if (h.app === 'cli') {
    return `A glossator command (${where}, since ${h.startedAt}) is importing into this data folder; wait for it to finish.`;
  }
  return `Glossator is running and using this data folder (${where}); close it first.`;
}

export interface DataFolderLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
  /** The same, synchronously, for a process 'exit' handler. */
  releaseSync(): void;
}

/**
 * The one "is this process alive" check of the app (locks, and temp files of interrupted saves). Only
 * ESRCH means gone: EPERM means it exists but belongs to someone else, and any other answer is taken
 * as alive, since wrongly thinking a process dead costs a stolen lock or a deleted temp file.
 */
export function isProcessAlive(pid: number): boolean {
  // 0 and negative pids address process groups; they never name a holder.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function parse(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(h.pid) || typeof h.startedAt !== 'string') return null;
    return { pid: h.pid!, startedAt: h.startedAt, hostname: String(h.hostname ?? ''), app: h.app === 'cli' ? 'cli' : 'app' };
  } catch {
    return null;
  }
}

/**
 * A lock whose process is gone is stale. A holder on another computer (a shared folder) cannot
 * be checked, so it counts as live. (A lock file that is not a lock at all is replaced too.)
 */
function stale(h: LockHolder | null): boolean {
  if (h === null) return true;
  if (h.hostname && h.hostname !== hostname()) return false;
  return !isProcessAlive(h.pid);
}

/** The live holder of the data folder's lock, or null when it is free (or the lock is stale). */
export async function lockHolder(dataDir: string): Promise<LockHolder | null> {
  const text = await readOrNull(join(dataDir, LOCK_FILE));
  if (text === null) return null;
  const h = parse(text);
  return h === null || stale(h) ? null : h;
}

const readOrNull = (file: string) => readFile(file, 'utf8').catch(() => null);
const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code;
/** A unique temp name in the same folder, never matching a claim's name. */
const tempBeside = (file: string) => join(dirname(file), `.${basename(file)}-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Creates `file` holding `text` only if it does not exist, atomically with its content: a reader
 * never sees it empty. Answers false when it exists. Filesystems without hard links fall back to an
 * exclusive create (a reader may then briefly see it empty, which acquire waits out).
 */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const temp = tempBeside(file);
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, file);
    return true;
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(codeOf(err) ?? '')) throw err;
    try {
      await writeFile(file, text, { flag: 'wx' });
      return true;
    } catch (inner) {
      if (codeOf(inner) === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

const claimPrefix = (file: string, staleText: string) =>
  `${basename(file)}.takeover-${createHash('sha256').update(staleText).digest('hex').slice(0, 16)}-`;

/** Removes every takeover claim: called once the lock's text has changed, when every claim is moot. */
async function clearClaims(file: string): Promise<void> {
  const dir = dirname(file);
  const names = await readdir(dir).catch(() => [] as string[]);
  const claim = new RegExp(`^${basename(file).replace(/\./g, '\\.')}\\.takeover-[0-9a-f]{16}-\\d+$`);
  await Promise.all(names.filter((n) => claim.test(n)).map((n) => unlink(join(dir, n)).catch(() => undefined)));
}

/**
 * Tries to replace the stale lock text `staleText` with `text`. Answers 'taken' when this process now
 * holds the lock, 'wait' when another live process is taking it over (or the lock changed meanwhile),
 * so the caller reads the lock again.
 */
async function takeOver(file: string, staleText: string, text: string, claimText: string): Promise<'taken' | 'wait'> {
  const prefix = join(dirname(file), claimPrefix(file, staleText));
  // Claims are numbered from 1 and never removed while the stale text is in place, so they are
  // created in order; ours is the first free number, or one we made on an earlier attempt.
  let mine = 0;
  for (let n = 1; mine === 0; n++) {
    if (n > 1_000) return 'wait';
    const claim = `${prefix}${n}`;
    if (await createExclusive(claim, claimText)) mine = n;
    else if ((await readOrNull(claim)) === claimText) mine = n;
  }
  // The stale text may have been replaced by a claimer that has finished: then every claim on it is
  // moot, and ours goes (the winner removed the claims made before it was done).
  const moot = async () => {
    if ((await readOrNull(file)) === staleText) return false;
    await unlink(`${prefix}${mine}`).catch(() => undefined);
    return true;
  };
  if (await moot()) return 'wait';
  // Only the lowest claim whose process is alive goes on. Checked after ours exists, so of two live
  // claimers the higher one always sees the lower one.
  for (let n = 1; n < mine; n++) {
    const other = await readOrNull(`${prefix}${n}`);
    if (other !== null && !stale(parse(other))) return 'wait';
  }
  if (await moot()) return 'wait';
  const temp = tempBeside(file);
  await writeFile(temp, text, { flag: 'wx' });
  await rename(temp, file);
  await clearClaims(file);
  return 'taken';
}

/**
 * Takes the lock for this process, or throws DataFolderLockedError naming the running holder. A
 * stale lock (its process has ended, e.g. after a crash) is taken over, by exactly one of the
 * processes that find it at the same time.
 */
export async function acquireDataLock(dataDir: string, app: LockHolder['app']): Promise<DataFolderLock> {
  const file = join(dataDir, LOCK_FILE);
  const nonce = randomBytes(8).toString('hex');
  const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), hostname: hostname(), app };
  const text = `${JSON.stringify({ ...holder, nonce })}\n`;
  const claimText = `${JSON.stringify({ ...holder, nonce, claim: true })}\n`;
  try {
    await mkdir(dataDir, { recursive: true });
    for (let attempt = 0; attempt < 200; attempt++) {
      if (await createExclusive(file, text)) {
        await clearClaims(file);
        return ownLock(file, holder, text);
      }
      const found = await readOrNull(file);
      if (found === null) continue; // released meanwhile: try again
      // An empty file is being written by a process without hard links that just took the lock:
      // give it a moment, but not forever (its writer may have died in between).
      if (found === '' && attempt < 5) {
        await sleep(20);
        continue;
      }
      const other = parse(found);
      if (other && !stale(other)) throw new DataFolderLockedError(other);
      if ((await takeOver(file, found, text, claimText)) === 'taken') return ownLock(file, holder, text);
      // Another process is taking it over: its critical section is a few file operations.
      await sleep(5 + Math.floor(Math.random() * 10));
    }
  } catch (err) {
    if (err instanceof GlossatorError) throw err;
    throw new GlossatorError('io-error', `Could not lock the data folder ${dataDir}: ${describeOsError(err)}.`);
  }
  throw new GlossatorError('io-error', `Could not lock the data folder ${dataDir}: another process keeps taking it.`);
}

function ownLock(file: string, holder: LockHolder, text: string): DataFolderLock {
  const ours = (current: string | null) => current === text;
  return {
    file,
    holder,
    async release() {
      if (ours(await readOrNull(file))) await unlink(file).catch(() => undefined);
    },
    releaseSync() {
      try {
        if (ours(readFileSync(file, 'utf8'))) unlinkSync(file);
      } catch {
        // Already gone.
      }
    },
  };
}
