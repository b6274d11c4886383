// A lowdb Adapter that reads one JSON file with zod validation and writes it durably (fsync + rename + dir fsync).
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { GlossatorError } from '../../shared/result';

export interface DurableAdapterOptions<T> {
  file: string;
  schema: z.ZodType<T>;
  /** Highest `schemaVersion` this build understands; a newer file is refused, never rewritten. */
  version: number;
}

/**
 * Raised when the new file is already in place but the disk did not confirm the folder update, so the
 * change is visible yet may not survive a crash. The store adopts the new state (memory must match
 * the file) while still telling the caller the save is not confirmed.
 */
export class UnconfirmedWriteError extends GlossatorError {
  constructor(message: string) {
    super('io-error', message);
  }
}

const OS_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the disk is read-only',
  EIO: 'input/output error (the disk may be failing)',
  ENOTDIR: 'part of the folder path is a file, not a folder',
  EISDIR: 'a folder is in the way of the file',
  EEXIST: 'something else is already at that path',
  EBUSY: 'the file is in use by another program',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the path is too long',
};

/** Plain words for an OS error, ending with its code, e.g. "no space left on device (ENOSPC)". */
export function describeOsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code) return `${OS_ERRORS[code] ?? (err as Error).message} (${code})`;
  return err instanceof Error ? err.message : String(err);
}

// Codes platforms use to say "directories cannot be fsynced here" (Windows: EISDIR/EPERM, some
// network and FUSE filesystems: EINVAL/ENOTSUP/EBADF). Nothing more can be done there, so go on.
const DIR_FSYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP', 'EBADF']);

/** fsync a directory so that renames and new entries in it survive a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!DIR_FSYNC_UNSUPPORTED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
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
  private readonly schema: z.ZodType<T>;
  private readonly version: number;

  constructor(opts: DurableAdapterOptions<T>) {
    this.file = opts.file;
    this.schema = opts.schema;
    this.version = opts.version;
  }

  /** The parsed file, or null when it does not exist. */
  async read(): Promise<T | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (err) {
      // ENOTDIR: a path component is a file, so this file cannot exist either.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw new GlossatorError('io-error', `Could not read ${this.file}: ${describeOsError(err)}.`);
    }
    return this.decode(bytes);
  }

  private decode(bytes: Buffer): T {
    const unreadable = (problem: string) =>
      new GlossatorError(
        'store-unreadable',
        `Cannot open ${this.file}: ${problem}. The file has been left untouched.`,
      );
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
      );
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      throw unreadable(`it does not have the expected structure (${describeIssues(parsed.error)})`);
    }
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    // Validate before saving: writing something we could not read back would lock the file.
    const parsed = this.schema.safeParse(data);
    if (!parsed.success) {
      throw new GlossatorError(
        'invalid-argument',
        `Refusing to save ${this.file}: the data is not in the stored format (${describeIssues(parsed.error)}).`,
      );
    }
    const text = `${JSON.stringify(parsed.data, null, 2)}\n`;
    const dir = dirname(this.file);
    let created: string | undefined;
    try {
      created = await mkdir(dir, { recursive: true });
      // Temp file with a unique name, write, fsync, close, rename over the target; concurrent
      // calls for the same path are queued by write-file-atomic itself. Options object is fresh
      // each call because write-file-atomic stores the old file's mode/owner into it.
      await writeFileAtomic(this.file, text, { fsync: true });
    } catch (err) {
      throw new GlossatorError(
        'io-error',
        `Could not save ${this.file}: ${describeOsError(err)}. Your previous data is unchanged.`,
      );
    }
    try {
      // The rename lives in the directory: fsync it, and every directory mkdir just created
      // (each one's entry lives in its parent), or a crash can forget the new file.
      await fsyncDir(dir);
      if (created) {
        for (let d = dir; d !== dirname(created); d = dirname(d)) await fsyncDir(dirname(d));
      }
    } catch (err) {
      throw new UnconfirmedWriteError(
        `Saved ${this.file}, but the disk did not confirm it: ${describeOsError(err)}. ` +
          'The change may be lost if the computer stops now.',
      );
    }
  }
}
