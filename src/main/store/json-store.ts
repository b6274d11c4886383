// One JSON file held in memory by a lowdb Low over StoreFile → DurableFile, with a single serialised writer that acknowledges only once on disk.
import { basename } from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { GlossatorError } from '../../shared/result';
import { StoreFile, UnconfirmedWriteError, UnreadableFileError } from './store-file';
import { type FileOps, describeOsError, realFileOps, statOrNull } from './file-ops';
import { BACKUP_GENERATIONS, backupFile, backupFiles, type BackupFile } from './backups';
import { type DamageReport, FolderScan, type StoreIo, moveAside } from './damage';
import type { Migration } from './migrations';
import type { StoreCodec } from './codec';

export type { StoreIo } from './damage';

export interface JsonStoreOptions<T> {
  file: string;
  schema: z.ZodType<T>;
  version: number;
  /** State used while the file does not exist; nothing is written until the first change. */
  defaults: () => T;
  migrations?: readonly Migration[];
  io?: StoreIo;
  /** Shared by the stores of one folder (see FolderScan); a store makes its own otherwise. */
  scan?: FolderScan;
  /** Drafts, checks and bytes (see StoreCodec); default: deep-copied drafts, whole-file checks, pretty JSON. */
  codec?: StoreCodec<T>;
}

/** A backup generation that can be restored, with its contents. */
export interface Backup<T> extends BackupFile {
  data: T;
}

export class JsonStore<T> {
  readonly file: string;
  // Low.data is the state being written while a save runs, and the acknowledged state otherwise;
  // readers see `saving` (the acknowledged state) meanwhile, so nothing shows before the disk has it.
  private readonly db: Low<T>;
  private readonly adapter: StoreFile<T>;
  private saving: { previous: T } | null = null;
  private readonly defaults: () => T;
  private readonly io: StoreIo;
  private readonly ops: FileOps;
  private readonly scan: FolderScan;
  private opening: Promise<void> | null = null;
  private opened = false;
  private exists = false;
  // Remembered so the file is never overwritten while unreadable: every operation answers with the
  // same error until a backup is restored or the store starts afresh.
  private failure: GlossatorError | null = null;
  private report: DamageReport | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(opts: JsonStoreOptions<T>) {
    this.file = opts.file;
    this.io = opts.io ?? {};
    this.ops = this.io.ops ?? realFileOps;
    this.scan = opts.scan ?? new FolderScan(this.ops, this.io.damaged === 'move-aside');
    this.defaults = opts.defaults;
    this.adapter = new StoreFile({ ...opts, ops: this.ops });
    this.db = new Low<T>(this.adapter, this.adapter.codec.loaded(opts.defaults()));
  }

  /** Why the file could not be opened, in plain words; null if it opened or was not tried yet. */
  get problem(): string | null {
    return this.failure?.message ?? null;
  }

  /** The damaged file this store found (and where it went), or null. */
  get damage(): DamageReport | null {
    return this.report;
  }

  /** Whether the file exists on disk (known after open). */
  get onDisk(): boolean {
    return this.exists;
  }

  /** Reads the file once; later calls share that read. An io-error is not remembered, so it can be retried. */
  open(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.opened) return Promise.resolve();
    this.opening ??= this.load().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async load(): Promise<void> {
    await this.scan.visit(this.file);
    const empty = this.db.data;
    try {
      await this.db.read();
    } catch (err) {
      if (err instanceof UnreadableFileError) throw this.damaged(await this.setAside(err));
      throw err;
    }
    // Low.read() keeps the defaults when the adapter finds no file.
    const found = this.db.data !== empty;
    if (!found) {
      // Gone, but moved aside by an earlier run and never replaced: still damaged, not empty.
      const aside = (await this.scan.movedAside(this.file)).at(-1);
      if (aside !== undefined) throw this.damaged(await this.earlier(aside));
      // Gone while its backups are still there: damage too. Taken for empty, the next saves would
      // rotate those backups away.
      if (await this.scan.hasBackups(this.file)) throw this.damaged(await this.vanished());
    }
    this.exists = found;
    this.opened = true;
  }

  private damaged(report: DamageReport): GlossatorError {
    this.report = report;
    this.failure = new GlossatorError('store-unreadable', report.message);
    try {
      this.io.onDamaged?.(report);
    } catch {
      // A listener's failure must not change what the store answers.
    }
    return this.failure;
  }

  private async setAside(err: UnreadableFileError): Promise<DamageReport> {
    const report: DamageReport = { file: this.file, reason: err.reason, movedTo: null, message: err.message };
    if (this.io.damaged !== 'move-aside' || err.kind !== 'content') return report;
    const opening = `Cannot open ${this.file}: ${err.reason}.`;
    try {
      const movedTo = await this.moveAside();
      return { ...report, movedTo, message: `${opening} It was moved to ${movedTo} (nothing was deleted); restore a backup to use it again.` };
    } catch (moveErr) {
      return { ...report, message: `${opening} It could not be moved aside (${describeOsError(moveErr)}), so it has been left untouched.` };
    }
  }

  private async earlier(aside: string): Promise<DamageReport> {
    let reason = 'it could not be read';
    try {
      if ((await this.adapter.readCopy(aside)) === null) reason = 'it is missing';
    } catch (err) {
      if (err instanceof UnreadableFileError) reason = err.reason;
    }
    const message =
      `${this.file} could not be opened earlier (${reason}) and was moved to ${aside} (nothing was deleted); ` +
      'restore a backup to use it again.';
    return { file: this.file, reason, movedTo: aside, message };
  }

  private async vanished(): Promise<DamageReport> {
    const reason = 'it is missing, although its backups are still there';
    const message =
      `Cannot open ${this.file}: ${reason}. Nothing was written over the backups; ` +
      `restore one (${basename(backupFile(this.file, 1))} is the newest) to use it again.`;
    return { file: this.file, reason, movedTo: null, message };
  }

  private async moveAside(): Promise<string> {
    const target = await moveAside(this.ops, this.file, (this.io.now ?? (() => new Date()))());
    await this.scan.noteMoved(target);
    return target;
  }

  /** A copy of the acknowledged state, so callers cannot change memory behind the writer's back. */
  async read(): Promise<T> {
    await this.open();
    return structuredClone(this.acknowledged);
  }

  // What the disk has confirmed: Low.data, except while a save is under way.
  private get acknowledged(): T {
    return this.saving ? this.saving.previous : this.db.data;
  }

  /**
   * The acknowledged state itself, not a copy: only for stores whose codec freezes it (annotation
   * files), where it is safe to share and spares copying a large file on every read. Each save
   * replaces the object, so its identity also tells whether the state changed since.
   */
  async current(): Promise<T> {
    await this.open();
    return this.acknowledged;
  }

  /**
   * Applies `mutator` to a copy, writes the copy durably, then makes it the visible state and
   * resolves with the mutator's result. Calls run strictly one after another, in call order. If the
   * mutator throws, nothing is written; if the write fails, the state stays as it is on disk.
   * With a codec that shares unchanged parts (annotation files), those parts of the draft are
   * frozen: a mutator replaces them rather than changing them in place.
   */
  update<R>(mutator: (draft: T) => R): Promise<R> {
    return this.enqueue(async () => {
      await this.open();
      const draft = this.adapter.codec.draft(this.db.data);
      const result = mutator(draft);
      await this.save(draft);
      return result;
    });
  }

  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // Checked and encoded first (a refusal writes nothing), then Low.write() puts it on disk; only
  // then do readers see it. A failed save leaves Low.data as the disk has it.
  private async save(data: T): Promise<void> {
    const { value } = this.adapter.prepare(data);
    const previous = this.db.data;
    this.saving = { previous };
    this.db.data = value;
    try {
      await this.db.write();
    } catch (err) {
      if (!(err instanceof UnconfirmedWriteError)) this.db.data = previous;
      else this.adopt();
      throw err;
    } finally {
      this.saving = null;
    }
    this.adopt();
  }

  private adopt(): void {
    this.exists = true;
    this.opened = true;
    this.failure = null;
    this.report = null;
  }

  /** The backup generations that can be read, newest first; an unusable one is not offered. */
  async backups(): Promise<Backup<T>[]> {
    const usable: Backup<T>[] = [];
    for (const b of await backupFiles(this.ops, this.file)) {
      try {
        const data = await this.adapter.readCopy(b.file);
        if (data !== null) usable.push({ ...b, data });
      } catch {
        // Left out: restoring it would only fail.
      }
    }
    return usable;
  }

  /** Replaces a damaged file with backup `generation` (1 = newest) and answers its contents. */
  restore(generation: number): Promise<T> {
    return this.replaceDamaged(async () => {
      if (!Number.isInteger(generation) || generation < 1 || generation > BACKUP_GENERATIONS) {
        throw new GlossatorError('invalid-argument', `Backup generations are 1 to ${BACKUP_GENERATIONS}, not ${generation}.`);
      }
      const path = backupFile(this.file, generation);
      let data: T | null;
      try {
        data = await this.adapter.readCopy(path);
      } catch (err) {
        if (err instanceof UnreadableFileError) {
          throw new GlossatorError('store-unreadable', `Backup ${generation} of ${this.file} cannot be used either: ${err.reason}.`);
        }
        throw err;
      }
      if (data === null) throw new GlossatorError('not-found', `There is no backup ${generation} of ${this.file}.`);
      return data;
    });
  }

  /** Gives up on a damaged file (it stays aside) and starts from the defaults, written at once. */
  startEmpty(): Promise<T> {
    return this.replaceDamaged(async () => this.defaults());
  }

  private replaceDamaged(source: () => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await this.open().catch(() => undefined);
      const report = this.report;
      if (!report) throw new GlossatorError('invalid-argument', `${this.file} is not damaged; there is nothing to replace.`);
      const data = await source();
      // Whatever is still at the file's name (left in place, a newer format, unreadable) goes
      // aside first: a file Glossator could not read is never overwritten.
      if (await statOrNull(this.ops, this.file).catch(() => true)) {
        try {
          this.report = { ...report, movedTo: await this.moveAside() };
        } catch (err) {
          throw new GlossatorError('io-error', `Could not move ${this.file} aside: ${describeOsError(err)}. Nothing was changed.`);
        }
      }
      await this.save(data);
      return structuredClone(this.db.data);
    });
  }

  /** Resolves once every update queued so far, and any queued meanwhile, has settled. */
  async flush(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
  }
}
