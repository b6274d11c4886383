// The file-system calls the stores make, behind one small interface so tests can inject disk faults at every step.
import { copyFile, link, mkdir, open, readFile, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';

/** A file being written: each step is separate so a fault can be injected between them. */
export interface WritableFile {
  /** Writes all of `bytes` at the current position. */
  write(bytes: Uint8Array): Promise<void>;
  /** fsync: the bytes are on the disk, not only in the OS cache, once this resolves. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FileStat {
  ino: bigint;
  dev: bigint;
  size: number;
  mtime: Date;
}

/**
 * Everything the durable adapter does to the disk. The default is the real file system; tests pass
 * a wrapper that fails chosen calls with chosen error codes (ENOSPC, EIO, …).
 */
export interface FileOps {
  readFile(file: string): Promise<Buffer>;
  /** Creates `dir` and its missing parents; answers the first folder created, as fs.mkdir({recursive}) does. */
  mkdir(dir: string): Promise<string | undefined>;
  /** Creates a new file for writing; fails (EEXIST) if something is already there. */
  create(file: string): Promise<WritableFile>;
  /** Replaces `to` atomically if it exists. */
  rename(from: string, to: string): Promise<void>;
  /** A second name for the same file (a hard link): fails where the file system has none. */
  link(existing: string, alias: string): Promise<void>;
  /** Copies a file and keeps its modification time (a backup's date is when that version was saved). */
  copy(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  stat(file: string): Promise<FileStat>;
  /** Names in a folder. */
  readdir(dir: string): Promise<string[]>;
  /** fsync of a folder, so renames and new entries in it survive a power cut. */
  fsyncDir(dir: string): Promise<void>;
}

export const realFileOps: FileOps = {
  readFile: (file) => readFile(file),
  mkdir: (dir) => mkdir(dir, { recursive: true }),
  async create(file) {
    const handle = await open(file, 'wx');
    return {
      write: async (bytes) => {
        await handle.writeFile(bytes);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  link: (existing, alias) => link(existing, alias),
  async copy(from, to) {
    await copyFile(from, to);
    const { atime, mtime } = await stat(from);
    await utimes(to, atime, mtime);
  },
  unlink: (file) => unlink(file),
  async stat(file) {
    const s = await stat(file, { bigint: true });
    return { ino: s.ino, dev: s.dev, size: Number(s.size), mtime: s.mtime };
  },
  readdir: (dir) => readdir(dir),
  async fsyncDir(dir) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close().catch(() => undefined);
    }
  },
};

export const codeOf = (err: unknown): string => (err as NodeJS.ErrnoException | null)?.code ?? '';

// Codes platforms use to say "directories cannot be fsynced here" (Windows: EISDIR/EPERM, some
// network and FUSE filesystems: EINVAL/ENOTSUP/EBADF). Nothing more can be done there, so go on.
export const DIR_FSYNC_UNSUPPORTED: ReadonlySet<string> = new Set(['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP', 'EBADF']);

/** fsync a folder, treating "not possible on this platform" as done. */
export async function syncDir(ops: FileOps, dir: string): Promise<void> {
  try {
    await ops.fsyncDir(dir);
  } catch (err) {
    if (!DIR_FSYNC_UNSUPPORTED.has(codeOf(err))) throw err;
  }
}

/** Resolves null where `file` does not exist, so callers can tell "missing" from "unreadable". */
export async function statOrNull(ops: FileOps, file: string): Promise<FileStat | null> {
  try {
    return await ops.stat(file);
  } catch (err) {
    if (codeOf(err) === 'ENOENT' || codeOf(err) === 'ENOTDIR') return null;
    throw err;
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
  const code = codeOf(err);
  if (code) return `${OS_ERRORS[code] ?? (err as Error).message} (${code})`;
  return err instanceof Error ? err.message : String(err);
}

// Whole sentences for the messages the analyst reads when a save fails.
const OS_SENTENCES: Record<string, string> = {
  ENOSPC: 'The disk is full',
  EDQUOT: 'Your disk quota is used up',
  EACCES: 'Glossator was not given permission',
  EPERM: 'The operating system did not allow it',
  EROFS: 'The disk is read-only',
  EIO: 'The disk reported a read/write error and may be failing',
  ENOTDIR: 'Part of the folder path is a file, not a folder',
  EISDIR: 'A folder is in the way of the file',
  EEXIST: 'Something else is already at that path',
  EBUSY: 'The file is in use by another program',
  EMFILE: 'Too many files are open',
  ENAMETOOLONG: 'The path is too long',
  ENOENT: 'A file or folder went missing',
};

/** A sentence opening for an OS error, e.g. "The disk is full (ENOSPC)". */
export function explainOsError(err: unknown): string {
  const code = codeOf(err);
  const text = OS_SENTENCES[code] ?? `The system reported an error: ${err instanceof Error ? err.message : String(err)}`;
  return code ? `${text} (${code})` : text;
}
