// The data folder's lock, <dataDir>/glossator.lock: one process writes a data folder at a time (the app, or a CLI import).
import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { GlossatorError } from '../shared/result';
import { describeOsError } from '../main/store/file-ops';

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

function parse(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(h.pid) || typeof h.startedAt !== 'string') return null;
    return { pid: h.pid!, startedAt: h.startedAt, hostname: String(h.hostname ?? ''), app: h.app === 'cli' ? 'cli' : 'app' };
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock whose process is gone is stale. A holder on another computer (a shared folder) cannot
 * be checked, so it counts as live. (A lock file that is not a lock at all is replaced too.)
 */
function stale(h: LockHolder): boolean {
  if (h.hostname && h.hostname !== hostname()) return false;
  return !alive(h.pid);
}

/** The live holder of the data folder's lock, or null when it is free (or the lock is stale). */
export async function lockHolder(dataDir: string): Promise<LockHolder | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, LOCK_FILE), 'utf8');
  } catch {
    return null;
  }
  const h = parse(text);
  return h === null || stale(h) ? null : h;
}

/**
 * Takes the lock for this process, or throws DataFolderLockedError naming the running holder. A
 * stale lock (its process has ended, e.g. after a crash) is replaced. Created with O_EXCL, so of
 * two processes starting together exactly one wins.
 */
export async function acquireDataLock(dataDir: string, app: LockHolder['app']): Promise<DataFolderLock> {
  const file = join(dataDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), hostname: hostname(), app };
  const text = `${JSON.stringify(holder)}\n`;
  await mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(text);
      } finally {
        await handle.close();
      }
      return ownLock(file, holder, text);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new GlossatorError('io-error', `Could not lock the data folder ${dataDir}: ${describeOsError(err)}.`);
      }
    }
    const found = await readFile(file, 'utf8').catch(() => '');
    const other = parse(found);
    // An empty file is being written by a process that just took the lock: give it a moment,
    // but not forever (its writer may have died in between).
    if (found === '' && attempt < 5) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    if (other && !stale(other)) throw new DataFolderLockedError(other);
    // Removed only if it is still the stale file just read, so a lock taken meanwhile survives.
    if ((await readFile(file, 'utf8').catch(() => null)) === found) await unlink(file).catch(() => undefined);
  }
  throw new GlossatorError('io-error', `Could not lock the data folder ${dataDir}: another process keeps taking it.`);
}

function ownLock(file: string, holder: LockHolder, text: string): DataFolderLock {
  const ours = (current: string | null) => current === text;
  return {
    file,
    holder,
    async release() {
      if (ours(await readFile(file, 'utf8').catch(() => null))) await unlink(file).catch(() => undefined);
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
