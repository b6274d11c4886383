// lowdb's TextFile layer for Glossator: a file's bytes, read as they are and written through writeDurably with backups.
import type { Adapter } from 'lowdb';
import { GlossatorError } from '../../shared/result';
import { type FileOps, codeOf, explainOsError, realFileOps } from './file-ops';
import { writeDurably } from './durable-write';

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

/**
 * The bytes of `path`, or null when it does not exist. One Glossator may not read is unreadable
 * (retrying will not help); any other failure is an io-error.
 */
export async function readBytes(ops: FileOps, path: string): Promise<Buffer | null> {
  try {
    return await ops.readFile(path);
  } catch (err) {
    const code = codeOf(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new UnreadableFileError(path, `Glossator is not allowed to read it (${code}); check its permissions`, 'permission');
    }
    throw new GlossatorError('io-error', `${explainOsError(err)}: could not read ${path}.`);
  }
}

/**
 * As lowdb's TextFile is to steno, this is to writeDurably: read() answers the bytes (null while
 * the file does not exist), write() replaces them durably, keeping the previous versions as
 * `.bak`/`.bak2`. Bytes rather than a string: the decoder above handles a byte-order mark and
 * files of zero bytes, and the annotation encoder hands over ready-made UTF-8.
 */
export class DurableFile implements Adapter<Buffer> {
  constructor(
    readonly file: string,
    readonly ops: FileOps = realFileOps,
  ) {}

  read(): Promise<Buffer | null> {
    return readBytes(this.ops, this.file);
  }

  write(bytes: Buffer): Promise<void> {
    return writeDurably(this.file, bytes, { ops: this.ops, backups: true });
  }
}
