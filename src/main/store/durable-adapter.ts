// A lowdb Adapter over one JSON file: zod-checked and migrated on read; written durably (temp + fsync + rename + folder fsync) with backups.
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { GlossatorError } from '../../shared/result';
import { type FileOps, codeOf, explainOsError, realFileOps, syncDir } from './file-ops';
import { type BackupOutcome, backupFile, keepBackup, linkOrCopy } from './backups';
import { tempName } from './damage';
import { type Migration, checkMigrations, migrate } from './migrations';
import { type StoreCodec, plainCodec } from './codec';

export { describeOsError, explainOsError } from './file-ops';

export interface DurableAdapterOptions<T> {
  file: string;
  schema: z.ZodType<T>;
  /** Highest `schemaVersion` this build understands; a newer file is refused, never rewritten. */
  version: number;
  /** Upgrades from older versions, applied on read; the upgraded form is written on the next save. */
  migrations?: readonly Migration[];
  /** The file-system calls; the real ones unless a test injects faults. */
  ops?: FileOps;
  /** Drafts, checks and bytes of the state (see StoreCodec); default: deep copies, pretty JSON. */
  codec?: StoreCodec<T>;
}

/**
 * Raised when the new file is in place, the disk did not confirm the folder update, and the
 * previous version could not be put back. The store adopts the new state (memory must match the
 * file) while telling the caller the save is not confirmed.
 */
export class UnconfirmedWriteError extends GlossatorError {
  constructor(message: string) {
    super('io-error', message);
  }
}

/**
 * Why a file cannot be used. Only 'content' damage is moved aside when read: a file in a newer
 * format is fine for the build that wrote it, and a permission problem is cured by fixing the
 * permissions, not by moving the file.
 */
export type UnreadableKind = 'content' | 'newer' | 'permission';

export class UnreadableFileError extends GlossatorError {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly kind: UnreadableKind,
  ) {
    super('store-unreadable', `Cannot open ${file}: ${reason}. The file has been left untouched.`);
  }
}

/** fsync a folder so renames and new entries in it survive a crash ("not possible here" counts as done). */
export function fsyncDir(dir: string): Promise<void> {
  return syncDir(realFileOps, dir);
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'top level';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

export class DurableAdapter<T> implements Adapter<T> {
  readonly file: string;
  readonly ops: FileOps;
  readonly codec: StoreCodec<T>;
  private readonly schema: z.ZodType<T>;
  private readonly version: number;
  private readonly migrations: readonly Migration[];

  constructor(opts: DurableAdapterOptions<T>) {
    this.file = opts.file;
    this.schema = opts.schema;
    this.version = opts.version;
    this.migrations = opts.migrations ?? [];
    this.ops = opts.ops ?? realFileOps;
    this.codec = opts.codec ?? plainCodec(opts.schema);
    checkMigrations(this.migrations, this.version);
  }

  /** The parsed file, or null when it does not exist. */
  async read(): Promise<T | null> {
    try {
      return await this.readCopy(this.file);
    } catch (err) {
      if (codeOf(err) === 'ENOENT' || codeOf(err) === 'ENOTDIR') return null;
      throw err;
    }
  }

  /**
   * Reads `path` (this file, a backup or a moved-aside copy) by this file's rules. A missing file
   * rejects with the OS error (code ENOENT); one Glossator may not read is unreadable, not an
   * io-error, because retrying will not help.
   */
  async readCopy(path: string): Promise<T> {
    let bytes: Buffer;
    try {
      bytes = await this.ops.readFile(path);
    } catch (err) {
      const code = codeOf(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') throw err;
      if (code === 'EACCES' || code === 'EPERM') {
        throw new UnreadableFileError(path, `Glossator is not allowed to read it (${code}); check its permissions`, 'permission');
      }
      throw new GlossatorError('io-error', `${explainOsError(err)}: could not read ${path}.`);
    }
    return this.decode(bytes, path);
  }

  private decode(bytes: Buffer, path: string): T {
    const unreadable = (reason: string, kind: UnreadableKind = 'content') => new UnreadableFileError(path, reason, kind);
    if (bytes.length === 0) throw unreadable('it is empty');
    if (bytes.every((b) => b === 0)) {
      throw unreadable('it contains only zero bytes, as a crash or a full disk can leave behind');
    }
    let json: unknown;
    try {
      // Tolerate a byte-order mark: editors on Windows add one when a file is saved by hand.
      json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (err) {
      throw unreadable(`it is not valid JSON (${(err as Error).message})`);
    }
    // Checked before the shape so a newer file gets the message that actually helps.
    const found = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof found === 'number' && found > this.version) {
      throw unreadable(
        `it was written by a newer version of Glossator (format version ${found}; ` +
          `this version reads up to ${this.version})`,
        'newer',
      );
    }
    const upgraded = migrate(json, this.version, this.migrations);
    if (!upgraded.ok) throw unreadable(upgraded.problem);
    const parsed = this.schema.safeParse(upgraded.data);
    if (!parsed.success) {
      const from = upgraded.from < this.version ? ` after upgrading it from format version ${upgraded.from}` : '';
      throw unreadable(`it does not have the expected structure${from} (${describeIssues(parsed.error)})`);
    }
    return this.codec.loaded(parsed.data);
  }

  /**
   * Checks `data` for saving and answers the state to adopt once saved with its bytes.
   * 'invalid-argument' if it is not in the stored format: writing something we could not read
   * back would lock the file.
   */
  prepare(data: T): { value: T; bytes: Buffer } {
    const prepared = this.codec.prepare(data);
    if (!prepared.ok) {
      throw new GlossatorError(
        'invalid-argument',
        `Refusing to save ${this.file}: the data is not in the stored format (${describeIssues(prepared.error)}).`,
      );
    }
    return prepared;
  }

  /**
   * Saves `data`: a temp file is written and fsynced, the current version is kept as .bak, the temp
   * file is renamed over the target and the folder is fsynced. Any failure rejects with an
   * io-error and leaves the previous file as it was; if the folder fsync fails after the rename,
   * the previous version is put back first (UnconfirmedWriteError if even that fails).
   */
  async write(data: T): Promise<void> {
    await this.writeBytes(this.prepare(data).bytes);
  }

  /** The durable steps of write() for bytes prepare() made. */
  async writeBytes(bytes: Buffer): Promise<void> {
    const dir = dirname(this.file);
    const notSaved = (err: unknown) =>
      new GlossatorError('io-error', `${explainOsError(err)}: could not save ${this.file}. Your previous data is unchanged.`);
    let created: string | undefined;
    try {
      created = await this.ops.mkdir(dir);
    } catch (err) {
      throw notSaved(err);
    }
    const temp = tempName(this.file);
    try {
      await this.writeTemp(temp, bytes);
    } catch (err) {
      await this.ops.unlink(temp).catch(() => undefined);
      throw notSaved(err);
    }
    // Only once the new version is safely in the temp file: a save that fails before this point
    // leaves the backup generations as they were.
    const previous = await keepBackup(this.ops, this.file);
    try {
      await this.ops.rename(temp, this.file);
    } catch (err) {
      await this.ops.unlink(temp).catch(() => undefined);
      throw notSaved(err);
    }
    try {
      // The rename lives in the folder: fsync it, and every folder mkdir just created (each one's
      // entry lives in its parent), or a crash can forget the new file.
      await syncDir(this.ops, dir);
      if (created) {
        for (let d = dir; d !== dirname(created); d = dirname(d)) await syncDir(this.ops, dirname(d));
      }
    } catch (err) {
      await this.undo(previous, err);
    }
  }

  private async writeTemp(temp: string, bytes: Buffer): Promise<void> {
    const handle = await this.ops.create(temp);
    try {
      await handle.write(bytes);
      await handle.sync();
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw err;
    }
    await handle.close();
  }

  // The new version is visible but unconfirmed. Putting the previous one back keeps "io-error"
  // meaning "nothing was changed", so the caller's retry cannot apply the change twice.
  private async undo(previous: BackupOutcome, err: unknown): Promise<never> {
    const what = `${explainOsError(err)} while confirming the save of ${this.file}`;
    const temp = tempName(this.file);
    try {
      if (previous === 'lost') throw err;
      if (previous === 'none') await this.ops.unlink(this.file);
      else {
        await linkOrCopy(this.ops, backupFile(this.file, 1), temp);
        await this.ops.rename(temp, this.file);
      }
    } catch {
      await this.ops.unlink(temp).catch(() => undefined);
      throw new UnconfirmedWriteError(
        `${what}: the change is in the file, but it may be lost if the computer stops now.`,
      );
    }
    await syncDir(this.ops, dirname(this.file)).catch(() => undefined);
    throw new GlossatorError('io-error', `${what}, so the change was undone. Your previous data is unchanged.`);
  }
}
