// A JSONL file of records held in memory (lowdb Low over StoreFile over DurableFile, via JsonStore), with record-level reads and writes.
import { z } from 'zod';
import { GlossatorError } from '../../shared/result';
import { JsonStore, type Backup, type StoreIo } from './json-store';
import type { FolderScan, DamageReport } from './damage';
import type { Migration } from './migrations';
import { type JsonlFile, type JsonlRecord, jsonlCodec } from './jsonl';

export interface JsonlStoreOptions<R extends JsonlRecord> {
  file: string;
  /** The header's `<kind>`: a file of another kind is refused, never rewritten. */
  kind: string;
  version: number;
  recordSchema: z.ZodType<R>;
  /** Keys put first on each line (default: id); the rest follow sorted. */
  keyOrder?: readonly string[];
  migrations?: readonly Migration[];
  io?: StoreIo;
  scan?: FolderScan;
}

/**
 * Records by id in one line-diffable file. Records handed out are frozen and shared (no copying
 * on read); a change replaces whole records. Every write is one durable save of the whole file,
 * acknowledged once on disk; the file is created by the first write, and one that cannot be read
 * is never overwritten (see JsonStore).
 */
export class JsonlStore<R extends JsonlRecord> {
  private readonly store: JsonStore<JsonlFile<R>>;

  constructor(opts: JsonlStoreOptions<R>) {
    const schema = z.object({
      schemaVersion: z.literal(opts.version),
      records: z.array(opts.recordSchema),
    }) as unknown as z.ZodType<JsonlFile<R>>;
    this.store = new JsonStore<JsonlFile<R>>({
      file: opts.file,
      schema,
      version: opts.version,
      migrations: opts.migrations,
      codec: jsonlCodec<JsonlFile<R>, R>({
        kind: opts.kind,
        version: opts.version,
        recordsKey: 'records',
        recordSchema: opts.recordSchema,
        keyOrder: opts.keyOrder,
      }),
      defaults: () => ({ schemaVersion: opts.version, records: [] }),
      io: opts.io,
      scan: opts.scan,
    });
  }

  get file(): string {
    return this.store.file;
  }

  /** Why the file could not be opened, or null. */
  get problem(): string | null {
    return this.store.problem;
  }

  get damage(): DamageReport | null {
    return this.store.damage;
  }

  /** Whether the file exists (known after the first read). */
  get onDisk(): boolean {
    return this.store.onDisk;
  }

  /** Every record, sorted by id, frozen. */
  async list(): Promise<readonly R[]> {
    return (await this.store.current()).records;
  }

  async get(id: string): Promise<R | null> {
    return (await this.list()).find((r) => r.id === id) ?? null;
  }

  /** Adds or replaces records by id, in one durable write. */
  async put(...records: R[]): Promise<void> {
    if (records.length === 0) return;
    const byId = new Map(records.map((r) => [r.id, r]));
    await this.store.update((file) => {
      const kept = file.records.filter((r) => !byId.has(r.id));
      file.records = [...kept, ...byId.values()];
    });
  }

  /** Removes the record `id`; 'not-found' if there is none. */
  async remove(id: string): Promise<void> {
    await this.store.update((file) => {
      const i = file.records.findIndex((r) => r.id === id);
      if (i < 0) throw new GlossatorError('not-found', `${this.file} has no record "${id}".`);
      file.records.splice(i, 1);
    });
  }

  /** Replaces every record at once (a merge, an import), in one durable write. */
  async replaceAll(records: readonly R[]): Promise<void> {
    await this.store.update((file) => {
      file.records = [...records];
    });
  }

  /**
   * Runs `change` on a copy of the record list (the records themselves are frozen: replace, do not
   * mutate) and writes the result; nothing is written if it throws.
   */
  async update<T>(change: (records: R[]) => T): Promise<T> {
    return this.store.update((file) => change(file.records));
  }

  backups(): Promise<Backup<JsonlFile<R>>[]> {
    return this.store.backups();
  }

  async restore(generation: number): Promise<readonly R[]> {
    return (await this.store.restore(generation)).records;
  }

  flush(): Promise<void> {
    return this.store.flush();
  }
}
