// The one way Glossator writes a file: unique temp name, write, fsync, rename (or no-clobber link), folder fsync, optional backups.
//
// Every writer in src/ goes through writeDurably: the JSON stores (through DurableFile), text
// snapshots, exports, documents copied into a corpus and the document cache. Each step is a
// FileOps call, so the fault suites can fail any of them.
import { dirname } from 'node:path';
import { GlossatorError } from '../../shared/result';
import { type FileOps, type WritableFile, codeOf, explainOsError, realFileOps, syncDir } from './file-ops';
import { type BackupOutcome, backupFile, keepBackup, linkOrCopy } from './backups';
import { tempName } from './damage';

export { describeOsError, explainOsError } from './file-ops';

export interface DurableWriteOptions {
  /** The file-system calls; the real ones unless a test injects faults. */
  ops?: FileOps;
  /**
   * Keep the version being replaced as `.bak` (and the one before as `.bak2`), and put it back if
   * the folder fsync fails after the rename (the analyst's data files).
   */
  backups?: boolean;
  /**
   * Never replace anything: the whole, synced file appears under `file` by a hard link, which fails
   * with EEXIST if something is there (documents copied into a corpus). Where the file system has
   * no hard links the file is created in place with O_EXCL instead.
   */
  exclusive?: boolean;
  /**
   * false only for derived data that is rebuilt when damaged (the document cache): no fsyncs, so a
   * power cut may tear it, but a reader still sees the old file or the new one, never a mix.
   */
  sync?: boolean;
}

/** What to write: all at once, or in pieces (the document cache streams tens of megabytes). */
export type WriteSource = Uint8Array | AsyncIterable<Uint8Array>;

/**
 * A write that failed with nothing changed (or changed and put back): `cause` is the OS error,
 * whose code callers may name in their own words.
 */
export class WriteFailedError extends GlossatorError {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super('io-error', message);
  }

  /** The OS error code ("ENOSPC", …), or '' when the cause was not an OS error. */
  get osCode(): string {
    return codeOf(this.cause);
  }
}

/**
 * Raised when the new file is in place, the disk did not confirm the folder update, and the
 * previous version could not be put back. A store adopts the new state (memory must match the
 * file) while telling the caller the save is not confirmed.
 */
export class UnconfirmedWriteError extends GlossatorError {
  constructor(message: string) {
    super('io-error', message);
  }
}

/** fsync a folder so renames and new entries in it survive a crash ("not possible here" counts as done). */
export function fsyncDir(dir: string): Promise<void> {
  return syncDir(realFileOps, dir);
}

// Hard links are missing on FAT and some network shares: an exclusive write then creates in place.
const NO_LINKS: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Writes `source` to `file` so that a crash at any moment leaves the previous file or the whole new
 * one. Rejects with WriteFailedError (the previous file as it was), or UnconfirmedWriteError (the
 * new file is in place but the disk did not confirm it and it could not be undone).
 */
export async function writeDurably(file: string, source: WriteSource, opts: DurableWriteOptions = {}): Promise<void> {
  const ops = opts.ops ?? realFileOps;
  const sync = opts.sync ?? true;
  const dir = dirname(file);
  const notSaved = (err: unknown) =>
    new WriteFailedError(`${explainOsError(err)}: could not save ${file}. Your previous data is unchanged.`, err);
  let created: string | undefined;
  try {
    created = await ops.mkdir(dir);
  } catch (err) {
    throw notSaved(err);
  }
  const temp = tempName(file);
  try {
    await writeFile(ops, temp, source, sync);
  } catch (err) {
    await ops.unlink(temp).catch(() => undefined);
    throw notSaved(err);
  }
  if (opts.exclusive) {
    await placeExclusive(ops, temp, file, source, sync).catch((err: unknown) => {
      throw codeOf(err) === 'EEXIST' ? new WriteFailedError(`${explainOsError(err)}: ${file} was not replaced.`, err) : notSaved(err);
    });
  } else {
    // Only once the new version is safely in the temp file: a write that fails before this point
    // leaves the backup generations as they were.
    const previous: BackupOutcome = opts.backups ? await keepBackup(ops, file) : 'lost';
    try {
      await ops.rename(temp, file);
    } catch (err) {
      await ops.unlink(temp).catch(() => undefined);
      throw notSaved(err);
    }
    if (!sync) return;
    try {
      await syncFolders(ops, dir, created);
    } catch (err) {
      if (!opts.backups) {
        throw new UnconfirmedWriteError(
          `${explainOsError(err)} while confirming the save of ${file}: the file is there, but it may be lost if the computer stops now.`,
        );
      }
      await undo(ops, file, previous, err);
    }
    return;
  }
  if (sync) {
    try {
      await syncFolders(ops, dir, created);
    } catch (err) {
      await ops.unlink(file).catch(() => undefined);
      throw new WriteFailedError(`${explainOsError(err)} while confirming the save of ${file}, so it was removed again.`, err);
    }
  }
}

async function writeFile(ops: FileOps, path: string, source: WriteSource, sync: boolean): Promise<void> {
  await fill(await ops.create(path), source, sync);
}

/** Writes, fsyncs and closes a new file's handle; the handle is closed whatever fails. */
async function fill(handle: WritableFile, source: WriteSource, sync: boolean): Promise<void> {
  try {
    if (source instanceof Uint8Array) await handle.write(source);
    else for await (const piece of source) await handle.write(piece);
    if (sync) await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
  await handle.close();
}

// The synced temp file gets its real name by a link, which never replaces anything; then the temp
// name goes. Without links: an O_EXCL create under the real name (a crash may leave it partial,
// but nothing that was there is ever replaced), removed again if the write fails.
async function placeExclusive(ops: FileOps, temp: string, file: string, source: WriteSource, sync: boolean): Promise<void> {
  try {
    await ops.link(temp, file);
  } catch (err) {
    await ops.unlink(temp).catch(() => undefined);
    if (!NO_LINKS.has(codeOf(err)) || !(source instanceof Uint8Array)) throw err;
    const handle = await ops.create(file); // EEXIST: something is there, and it stays untouched
    try {
      await fill(handle, source, sync);
    } catch (inner) {
      await ops.unlink(file).catch(() => undefined);
      throw inner;
    }
    return;
  }
  await ops.unlink(temp).catch(() => undefined);
}

// The rename lives in the folder: fsync it, and every folder mkdir just created (each one's entry
// lives in its parent), or a crash can forget the new file.
async function syncFolders(ops: FileOps, dir: string, created: string | undefined): Promise<void> {
  await syncDir(ops, dir);
  if (created) {
    for (let d = dir; d !== dirname(created); d = dirname(d)) await syncDir(ops, dirname(d));
  }
}

// The new version is visible but unconfirmed. Putting the previous one back keeps "io-error"
// meaning "nothing was changed", so the caller's retry cannot apply the change twice.
async function undo(ops: FileOps, file: string, previous: BackupOutcome, err: unknown): Promise<never> {
  const what = `${explainOsError(err)} while confirming the save of ${file}`;
  const temp = tempName(file);
  try {
    if (previous === 'lost') throw err;
    if (previous === 'none') await ops.unlink(file);
    else {
      await linkOrCopy(ops, backupFile(file, 1), temp);
      await ops.rename(temp, file);
    }
  } catch {
    await ops.unlink(temp).catch(() => undefined);
    throw new UnconfirmedWriteError(`${what}: the change is in the file, but it may be lost if the computer stops now.`);
  }
  await syncDir(ops, dirname(file)).catch(() => undefined);
  throw new WriteFailedError(`${what}, so the change was undone. Your previous data is unchanged.`, err);
}
