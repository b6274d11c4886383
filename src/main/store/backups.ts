// The last good generations of a stored file: <file>.bak (the version before the last save) and <file>.bak2 (the one before that).
import { type FileOps, type FileStat, statOrNull } from './file-ops';

/** How many earlier versions are kept beside each file. */
export const BACKUP_GENERATIONS = 2;

/** Generation 1 is the version the last save replaced, 2 the one before. */
export function backupFile(file: string, generation: number): string {
  if (!Number.isInteger(generation) || generation < 1 || generation > BACKUP_GENERATIONS) {
    throw new RangeError(`Backup generations are 1 to ${BACKUP_GENERATIONS}, not ${generation}.`);
  }
  return generation === 1 ? `${file}.bak` : `${file}.bak${generation}`;
}

/** 'none': there was no file to keep; 'kept': .bak holds the current version; 'lost': it could not be kept. */
export type BackupOutcome = 'none' | 'kept' | 'lost';

/**
 * Called just before a save replaces `file`: makes `.bak` the current version, shifting the old
 * `.bak` to `.bak2`. A hard link costs no copying (a save renames a new file over the name, so the
 * old contents stay intact under the link); where links are not supported the file is copied.
 * A retry after a failed save finds `.bak` already holding this version and shifts nothing, so a
 * fault cannot push the older generation out. Never throws: a save is not refused for want of a
 * backup (the outcome says whether one was kept).
 */
export async function keepBackup(ops: FileOps, file: string): Promise<BackupOutcome> {
  let current: FileStat | null;
  try {
    current = await statOrNull(ops, file);
  } catch {
    return 'lost';
  }
  if (!current) return 'none';
  const bak = backupFile(file, 1);
  try {
    const old = await statOrNull(ops, bak);
    if (old && (await sameVersion(ops, file, current, bak, old))) return 'kept';
    for (let g = BACKUP_GENERATIONS; g > 1; g--) {
      // .bak was just looked at; only older generations need a look of their own.
      const present = g - 1 === 1 ? old : await statOrNull(ops, backupFile(file, g - 1));
      if (present) await ops.rename(backupFile(file, g - 1), backupFile(file, g));
    }
    await linkOrCopy(ops, file, bak);
    return 'kept';
  } catch {
    return 'lost';
  }
}

/** Gives `target` the contents of `source` as a new name (hard link) or, failing that, a copy. */
export async function linkOrCopy(ops: FileOps, source: string, target: string): Promise<void> {
  try {
    await ops.link(source, target);
  } catch {
    await ops.copy(source, target);
  }
}

async function sameVersion(ops: FileOps, a: string, sa: FileStat, b: string, sb: FileStat): Promise<boolean> {
  if (sa.ino !== 0n && sa.ino === sb.ino && sa.dev === sb.dev) return true;
  if (sa.size !== sb.size) return false;
  const [x, y] = await Promise.all([ops.readFile(a), ops.readFile(b)]);
  return x.equals(y);
}

export interface BackupFile {
  generation: number;
  file: string;
  /** When that version was saved (the backup file's modification time). */
  savedAt: Date;
}

/** The backup generations present for `file`, newest first. */
export async function backupFiles(ops: FileOps, file: string): Promise<BackupFile[]> {
  const found: BackupFile[] = [];
  for (let generation = 1; generation <= BACKUP_GENERATIONS; generation++) {
    const path = backupFile(file, generation);
    const s = await statOrNull(ops, path).catch(() => null);
    if (s) found.push({ generation, file: path, savedAt: s.mtime });
  }
  return found;
}
