// Files that cannot be read: moved aside to <file>.damaged-<time> (never deleted or overwritten) and found again after a restart.
import { basename, dirname, join } from 'node:path';
import { type FileOps, statOrNull, syncDir } from './file-ops';
import { isProcessAlive } from './lock';

/** What the stores tell about a file they cannot use. */
export interface DamageReport {
  /** The file the store reads and writes. */
  file: string;
  /** Why it cannot be used, in plain words, e.g. "it is not valid JSON (…)". */
  reason: string;
  /** Where the damaged file was moved (it is never deleted); null when it was left in place. */
  movedTo: string | null;
  /** The whole message every refused operation answers with. */
  message: string;
}

/**
 * 'report' leaves an unreadable file where it is and refuses to write over it (the CLI, tools).
 * 'move-aside' renames it to <file>.damaged-<time> the first time it is read, so the app can offer
 * a backup in its place; the document stays read-only until one is restored.
 */
export type DamagedPolicy = 'report' | 'move-aside';

/** How a store meets the disk; every field is optional and the defaults are what the app had before. */
export interface StoreIo {
  /** The file-system calls (tests inject faults here). Default: the real ones. */
  ops?: FileOps;
  /** What to do with a file that cannot be read. Default 'report': leave it where it is. */
  damaged?: DamagedPolicy;
  /** Told once about each damaged file a store finds, so a host can gather them for one notice. */
  onDamaged?: (report: DamageReport) => void;
  /** Clock for the names of moved-aside files. */
  now?: () => Date;
}

const DAMAGED = '.damaged-';
// Backup generations (see backups.ts): <file>.bak, <file>.bak2, …
const BACKUP = /\.bak\d*$/;

/** A time stamp for file names: ISO 8601 with ":" replaced, which Windows does not allow in names. */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/:/g, '-');
}

/** Renames `file` to a free `<file>.damaged-<time>` name and answers it. Never replaces anything. */
export async function moveAside(ops: FileOps, file: string, at: Date): Promise<string> {
  const stem = `${file}${DAMAGED}${fileStamp(at)}`;
  for (let n = 0; ; n++) {
    const target = n === 0 ? stem : `${stem}-${n}`;
    // rename() would replace a file of that name; only this process (holding the data folder's
    // lock) makes such names, so a name found free here stays free.
    if (await statOrNull(ops, target)) continue;
    await ops.rename(file, target);
    await syncDir(ops, dirname(file)).catch(() => undefined);
    return target;
  }
}

// Temp files are named <file>.tmp-<pid>-<n>: the pid says whether their writer can still be running.
const TEMP = /\.tmp-(\d+)-[0-9a-z]+$/;
let tempCount = 0;

export function tempName(file: string): string {
  return `${file}.tmp-${process.pid}-${(tempCount++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}


/**
 * One listing per folder, shared by the stores of that folder (all annotation files of a corpus),
 * so finding earlier moved-aside files costs one readdir rather than one per document. With
 * `tidy`, the first listing also removes temp files whose writer is no longer running: a process
 * killed mid-save leaves one, and it never held acknowledged data (a save is acknowledged only
 * after its rename).
 */
export class FolderScan {
  private readonly listings = new Map<string, Promise<Set<string>>>();

  constructor(
    private readonly ops: FileOps,
    private readonly tidy: boolean,
  ) {}

  private names(dir: string): Promise<Set<string>> {
    let listing = this.listings.get(dir);
    if (!listing) {
      listing = this.list(dir);
      this.listings.set(dir, listing);
    }
    return listing;
  }

  private async list(dir: string): Promise<Set<string>> {
    let names: string[];
    try {
      names = await this.ops.readdir(dir);
    } catch {
      return new Set();
    }
    if (this.tidy) {
      for (const name of names) {
        const pid = TEMP.exec(name)?.[1];
        if (pid !== undefined && !isProcessAlive(Number(pid))) await this.ops.unlink(join(dir, name)).catch(() => undefined);
      }
    }
    return new Set(names.filter((n) => !TEMP.test(n)));
  }

  /** Tidies the folder of `file` once (with `tidy`); later calls are free. */
  async visit(file: string): Promise<void> {
    await this.names(dirname(file));
  }

  /** Earlier moved-aside copies of `file`, oldest first. */
  async movedAside(file: string): Promise<string[]> {
    const prefix = `${basename(file)}${DAMAGED}`;
    const names = [...(await this.names(dirname(file)))].filter((n) => n.startsWith(prefix));
    return names.sort().map((n) => join(dirname(file), n));
  }

  /** Whether a backup generation of `file` (<file>.bak, <file>.bak2, …) was in its folder. */
  async hasBackups(file: string): Promise<boolean> {
    const names = await this.names(dirname(file));
    const name = basename(file);
    return [...names].some((n) => BACKUP.test(n) && n.slice(0, n.lastIndexOf('.bak')) === name);
  }

  /** Records a file this process moved aside, so the listing stays true without reading the folder again. */
  async noteMoved(target: string): Promise<void> {
    (await this.names(dirname(target))).add(basename(target));
  }
}

/**
 * Document ids in `dir` whose file is gone but was moved aside as damaged (awaiting a restore), or
 * whose file vanished while its backups remain: both are damage to report, never an empty document.
 */
export async function pendingDamaged(ops: FileOps, dir: string, suffix: string): Promise<string[]> {
  let names: string[];
  try {
    names = await ops.readdir(dir);
  } catch {
    return [];
  }
  const present = new Set(names);
  const ids = new Set<string>();
  for (const name of names) {
    let at = name.indexOf(`${suffix}${DAMAGED}`);
    if (at < 0 && BACKUP.test(name)) at = name.lastIndexOf(`${suffix}.bak`);
    if (at > 0 && !present.has(name.slice(0, at + suffix.length))) ids.add(name.slice(0, at));
  }
  return [...ids].sort();
}
