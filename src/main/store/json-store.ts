// One JSON file held in memory through a lowdb Low, with a single serialised writer that acknowledges only once on disk.
import { Low } from 'lowdb';
import type { z } from 'zod';
import { GlossatorError } from '../../shared/result';
import { DurableAdapter, UnconfirmedWriteError } from './durable-adapter';

export interface JsonStoreOptions<T> {
  file: string;
  schema: z.ZodType<T>;
  version: number;
  /** State used while the file does not exist; nothing is written until the first change. */
  defaults: () => T;
}

export class JsonStore<T> {
  readonly file: string;
  private readonly db: Low<T>;
  private readonly adapter: DurableAdapter<T>;
  private opening: Promise<void> | null = null;
  private opened = false;
  private exists = false;
  // Remembered so the file is never overwritten while unreadable. A later "move aside" step
  // will clear it; until then every operation answers with the same error.
  private failure: GlossatorError | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(opts: JsonStoreOptions<T>) {
    this.file = opts.file;
    this.adapter = new DurableAdapter({ file: opts.file, schema: opts.schema, version: opts.version });
    this.db = new Low<T>(this.adapter, opts.defaults());
  }

  /** Why the file could not be opened, in plain words; null if it opened or was not tried yet. */
  get problem(): string | null {
    return this.failure?.message ?? null;
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
    try {
      const data = await this.adapter.read();
      if (data !== null) this.db.data = data;
      this.exists = data !== null;
      this.opened = true;
    } catch (err) {
      if (err instanceof GlossatorError && err.code === 'store-unreadable') this.failure = err;
      throw err;
    }
  }

  /** A copy of the acknowledged state, so callers cannot change memory behind the writer's back. */
  async read(): Promise<T> {
    await this.open();
    return structuredClone(this.db.data);
  }

  /**
   * Applies `mutator` to a copy, writes the copy durably, then makes it the visible state and
   * resolves with the mutator's result. Calls run strictly one after another, in call order. If the
   * mutator throws, nothing is written; if the write fails, the state stays as it is on disk.
   */
  update<R>(mutator: (draft: T) => R): Promise<R> {
    const run = this.queue.then(() => this.apply(mutator));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply<R>(mutator: (draft: T) => R): Promise<R> {
    await this.open();
    const draft = structuredClone(this.db.data);
    const result = mutator(draft);
    // Written through the adapter rather than Low.write(), which writes Low.data and so would
    // expose the new state before the disk has it.
    try {
      await this.adapter.write(draft);
    } catch (err) {
      if (err instanceof UnconfirmedWriteError) {
        this.db.data = draft;
        this.exists = true;
      }
      throw err;
    }
    this.db.data = draft;
    this.exists = true;
    return result;
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
