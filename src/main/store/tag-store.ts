// The codebook: the analyst's tags, kept in <dataDir>/tags.json and seeded with DEFAULT_TAGS.
import { join } from 'node:path';
import type { Tag } from '../../shared/types';
import { DEFAULT_TAGS } from '../../shared/default-tags';
import { JsonStore } from './json-store';
import { TAG_FILE_VERSION, tagFileSchema, type TagFile } from './schemas';

export interface TagStoreOptions {
  dataDir: string;
}

// The codebook editor (add, rename, recolour, reorder, merge) will add methods here, each one a
// single store.update() so it is ordered and acknowledged like every other write.
export class TagStore {
  private readonly store: JsonStore<TagFile>;
  private seeding: Promise<void> | null = null;

  constructor(opts: TagStoreOptions) {
    this.store = new JsonStore<TagFile>({
      file: join(opts.dataDir, 'tags.json'),
      schema: tagFileSchema,
      version: TAG_FILE_VERSION,
      defaults: () => ({ schemaVersion: TAG_FILE_VERSION, tags: [] }),
    });
  }

  /** The plain-words reason tags.json could not be opened, or null. */
  get problem(): string | null {
    return this.store.problem;
  }

  async list(): Promise<Tag[]> {
    await this.seeded();
    return (await this.store.read()).tags;
  }

  async get(id: string): Promise<Tag | undefined> {
    return (await this.list()).find((t) => t.id === id);
  }

  // Unlike annotations, a missing codebook is written at once: the analyst should find the
  // starting tags in the file to edit. A failed seed is not remembered, so the next call retries.
  private seeded(): Promise<void> {
    this.seeding ??= (async () => {
      await this.store.open();
      if (this.store.onDisk) return;
      await this.store.update((file) => {
        if (file.tags.length === 0) file.tags = structuredClone([...DEFAULT_TAGS]);
      });
    })().catch((err: unknown) => {
      this.seeding = null;
      throw err;
    });
    return this.seeding;
  }

  /** Waits until every queued write has settled. */
  flush(): Promise<void> {
    return this.store.flush();
  }
}
