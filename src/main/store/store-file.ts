// lowdb's DataFile/JSONFile layer for Glossator: decodes a file's bytes (BOM, newer format, migrations, zod) and encodes the state through its codec.
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { GlossatorError } from '../../shared/result';
import { DurableFile, UnreadableFileError, type UnreadableKind, readBytes } from './durable-file';
import { type Migration, checkMigrations, migrate } from './migrations';
import { type StoreCodec, plainCodec } from './codec';
import type { FileOps } from './file-ops';

export { UnreadableFileError, type UnreadableKind } from './durable-file';
export { UnconfirmedWriteError } from './durable-write';

export interface StoreFileOptions<T> {
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

function describeIssues(error: z.ZodError, place?: (path: readonly PropertyKey[]) => string | null): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const where = place?.(issue.path) ?? (issue.path.length ? issue.path.join('.') : 'top level');
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * A lowdb Adapter<T> over a bytes adapter (DurableFile), as lowdb's DataFile is over TextFile:
 * read() answers the checked, upgraded state (null while the file does not exist) and throws
 * UnreadableFileError for a file it may not use; write() checks and encodes. prepare() lets a
 * store check a state and learn the form it will hold before handing it to Low; write() then
 * reuses those bytes instead of encoding again.
 */
export class StoreFile<T> implements Adapter<T> {
  readonly file: string;
  readonly ops: FileOps;
  readonly codec: StoreCodec<T>;
  private readonly bytes: DurableFile;
  private readonly schema: z.ZodType<T>;
  private readonly version: number;
  private readonly migrations: readonly Migration[];
  // Bytes prepare() made, by the value it answered: Low.write() hands that value back.
  private readonly prepared = new WeakMap<object, Buffer>();

  constructor(opts: StoreFileOptions<T>) {
    this.file = opts.file;
    this.bytes = new DurableFile(opts.file, opts.ops);
    this.ops = this.bytes.ops;
    this.schema = opts.schema;
    this.version = opts.version;
    this.migrations = opts.migrations ?? [];
    this.codec = opts.codec ?? plainCodec(opts.schema);
    checkMigrations(this.migrations, this.version);
  }

  async read(): Promise<T | null> {
    const bytes = await this.bytes.read();
    return bytes === null ? null : this.decode(bytes, this.file);
  }

  /**
   * Reads `path` (a backup or a moved-aside copy of this file) by this file's rules; null when it
   * does not exist.
   */
  async readCopy(path: string): Promise<T | null> {
    const bytes = await readBytes(this.ops, path);
    return bytes === null ? null : this.decode(bytes, path);
  }

  async write(data: T): Promise<void> {
    const key = data as object;
    const bytes = this.prepared.get(key) ?? this.prepare(data).bytes;
    this.prepared.delete(key);
    await this.bytes.write(bytes);
  }

  /**
   * Checks `data` for saving and answers the state to hold once it is saved. 'invalid-argument'
   * if it is not in the stored format: writing something we could not read back would lock the file.
   */
  prepare(data: T): { value: T; bytes: Buffer } {
    const prepared = this.codec.prepare(data);
    if (!prepared.ok) {
      throw new GlossatorError(
        'invalid-argument',
        `Refusing to save ${this.file}: the data is not in the stored format (${describeIssues(prepared.error)}).`,
      );
    }
    this.prepared.set(prepared.value as object, prepared.bytes);
    return prepared;
  }

  private decode(bytes: Buffer, path: string): T {
    const unreadable = (reason: string, kind: UnreadableKind = 'content') => new UnreadableFileError(path, reason, kind);
    if (bytes.length === 0) throw unreadable('it is empty');
    if (bytes.every((b) => b === 0)) {
      throw unreadable('it contains only zero bytes, as a crash or a full disk can leave behind');
    }
    let json: unknown;
    let place: ((path: readonly PropertyKey[]) => string | null) | undefined;
    const text = bytes.toString('utf8');
    if (this.codec.decode) {
      try {
        ({ json, where: place } = this.codec.decode(text));
      } catch (err) {
        throw unreadable((err as Error).message);
      }
    } else {
      try {
        // Tolerate a byte-order mark: editors on Windows add one when a file is saved by hand.
        json = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (err) {
        throw unreadable(`it is not valid JSON (${(err as Error).message})`);
      }
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
      throw unreadable(`it does not have the expected structure${from} (${describeIssues(parsed.error, place)})`);
    }
    return this.codec.loaded(parsed.data);
  }
}
