// The codebook: the analyst's tags as a tree, kept in <dataDir>/tags.json or a project's codebook.jsonl; DEFAULT_TAGS until the first change writes it.
import type { Tag } from '../../shared/types';
import { DEFAULT_TAGS } from '../../shared/default-tags';
import { GlossatorError } from '../../shared/result';
import { JsonStore, type StoreIo } from './json-store';
import { dataPaths } from './layout';
import type { DamageReport } from './damage';
import { TAG_FILE_VERSION, TAG_MIGRATIONS, tagFileSchema, tagSchema, type TagFile } from './schemas';
import { jsonlCodec } from './jsonl';
import { z } from 'zod';
import { checkTree, treeOrder } from '../../shared/tag-tree';
import type { TagPlacement } from '../../shared/types';

export { nameKey } from '../../shared/tag-tree';

/**
 * `{ dataDir }`: the machine's codebook, `<dataDir>/tags.json`. `{ codebookFile }`: a project's
 * `.glossator/codebook.jsonl`, one tag per line (glossator-codebook/1), merged per tag by sync.
 */
export type TagStoreOptions = { dataDir: string } | { codebookFile: string };

/** Header kind and version of a project's codebook (`glossator-codebook/1`). */
export const CODEBOOK_KIND = 'codebook';
export const CODEBOOK_VERSION = 1;

// A project codebook's schema: the same tags and the same tree check as tags.json, in the JSONL
// file's own version (the state keeps the TagFile shape; its schemaVersion is the file's).
const codebookSchema = z
  .object({ schemaVersion: z.literal(CODEBOOK_VERSION), tags: z.array(tagSchema) })
  .superRefine((file, ctx) => {
    for (const message of checkTree(file.tags)) ctx.addIssue({ code: 'custom', path: ['tags'], message });
  }) as unknown as z.ZodType<TagFile>;

/** What updateTag may change: everything but the id, which passages and CSS highlight names refer to. */
export type TagChanges = Partial<Omit<Tag, 'id'>>;

// Each write is a single store.update(), so it is ordered and acknowledged like every other write,
// and its checks run inside the mutator against the state it is about to replace: a throw there
// writes nothing.
export class TagStore {
  private readonly store: JsonStore<TagFile>;
  private turn: Promise<unknown> = Promise.resolve();

  /** `io` (optional) injects file-system calls and says what to do with a damaged file; see StoreIo. */
  constructor(opts: TagStoreOptions, io?: StoreIo) {
    if ('codebookFile' in opts) {
      this.store = new JsonStore<TagFile>({
        file: opts.codebookFile,
        schema: codebookSchema,
        version: CODEBOOK_VERSION,
        // Mutators change tags in place (update, place): drafts are deep copies; a small file.
        codec: jsonlCodec<TagFile, Tag>({
          kind: CODEBOOK_KIND,
          version: CODEBOOK_VERSION,
          recordsKey: 'tags',
          recordSchema: tagSchema,
          keyOrder: ['id', 'name', 'parentId', 'order'],
          copyDrafts: true,
        }),
        defaults: () => ({ schemaVersion: CODEBOOK_VERSION, tags: [] }) as unknown as TagFile,
        io,
      });
      return;
    }
    this.store = new JsonStore<TagFile>({
      file: dataPaths(opts.dataDir).tags,
      schema: tagFileSchema,
      version: TAG_FILE_VERSION,
      migrations: TAG_MIGRATIONS,
      defaults: () => ({ schemaVersion: TAG_FILE_VERSION, tags: [] }),
      io,
    });
  }

  /** The plain-words reason tags.json could not be opened, or null. */
  get problem(): string | null {
    return this.store.problem;
  }

  /** The damaged tags.json found (and where it was moved), or null. */
  get damage(): DamageReport | null {
    return this.store.damage;
  }

  /** Backup generations of tags.json that can be restored, newest first, with their tag counts. */
  async backups(): Promise<{ generation: number; savedAt: string; tags: number }[]> {
    return (await this.store.backups()).map((b) => ({ generation: b.generation, savedAt: b.savedAt.toISOString(), tags: b.data.tags.length }));
  }

  /** Puts backup `generation` in place of a damaged tags.json (which stays aside); answers the codebook. */
  async restoreBackup(generation: number): Promise<Tag[]> {
    return (await this.store.restore(generation)).tags;
  }

  /**
   * The codebook. Writes nothing: while tags.json does not exist the starting tags are answered
   * and the first change writes them with it. (A vanished tags.json whose backups remain is damage,
   * reported by the store, never taken for a fresh start.)
   */
  async list(): Promise<Tag[]> {
    const file = await this.store.read();
    // Tree order whatever the file's order (a hand-edited or merged file): parents before children.
    return this.store.onDisk ? treeOrder(file.tags) : structuredClone([...DEFAULT_TAGS]);
  }

  async get(id: string): Promise<Tag | undefined> {
    return (await this.list()).find((t) => t.id === id);
  }

  /** Adds a tag (its parentId and order say where); answers the stored copy. */
  async add(tag: Tag): Promise<Tag> {
    const tags = await this.addMany([tag]);
    return tags.find((t) => t.id === tag.id)!;
  }

  /**
   * Adds several tags in ONE durable write (a codebook import of thousands of codes): all of them
   * land or none. Ids must be new and shortcuts free; the codebook they make must be a tree (a
   * parent may come earlier in the same batch; sibling names unique). Answers the new codebook.
   */
  async addMany(tags: readonly Tag[]): Promise<Tag[]> {
    if (tags.length === 0) return this.list();
    const copies = structuredClone([...tags]);
    return this.write((codebook) => {
      // Maps rather than a scan per tag: a batch of thousands must not cost its square.
      const ids = new Set(codebook.map((t) => t.id));
      const keys = new Map(codebook.filter((t) => t.shortcut !== null).map((t) => [t.shortcut, t] as const));
      for (const copy of copies) {
        if (ids.has(copy.id)) {
          throw new GlossatorError('invalid-argument', `The codebook already has a tag with the id "${copy.id}".`);
        }
        const sameKey = copy.shortcut === null ? undefined : keys.get(copy.shortcut);
        if (sameKey) throw new GlossatorError('invalid-argument', `The shortcut ${copy.shortcut} already applies "${sameKey.name}".`);
        ids.add(copy.id);
        if (copy.shortcut !== null) keys.set(copy.shortcut, copy);
        codebook.push(copy);
      }
    });
  }

  /**
   * Writes `tags` as the codebook if none is on disk yet (a new project taking the analyst's
   * codebook); answers whether it did. An existing codebook (a clone's) is never replaced.
   */
  async seed(tags: readonly Tag[]): Promise<boolean> {
    await this.store.read();
    if (this.store.onDisk) return false;
    const problems = checkTree([...tags]);
    if (problems.length > 0) throw new GlossatorError('invalid-argument', `${problems.slice(0, 3).join(' ')} The codebook was not copied.`);
    await this.store.update((file) => {
      file.tags = treeOrder(structuredClone([...tags]));
    });
    return true;
  }

  /** Changes a tag's name, colour, description or shortcut; answers the updated tag. */
  async update(id: string, change: TagChanges): Promise<Tag> {
    let updated: Tag | undefined;
    await this.write((tags) => {
      const i = indexOf(tags, id);
      const next: Tag = { ...tags[i]!, ...definedOnly(change), id };
      checkShortcut(tags, next);
      tags[i] = next;
      updated = next;
    });
    return structuredClone(updated!);
  }

  /**
   * Sets where each listed tag sits (parent and sibling order) in one write; the result must still
   * be a tree. A move and its undo both come through here. Answers the new codebook.
   */
  async place(placements: readonly TagPlacement[]): Promise<Tag[]> {
    return this.write((tags) => {
      for (const p of placements) {
        const i = indexOf(tags, p.id);
        tags[i] = { ...tags[i]!, parentId: p.parentId, order: p.order };
      }
    });
  }

  /** Removes a tag from the codebook (passages are the caller's business); answers the new codebook. */
  async remove(id: string): Promise<Tag[]> {
    return this.removeAndPlace(id, []);
  }

  /**
   * Removes a tag and, in the same write, places its children elsewhere (see place()): a deleted
   * parent's children are never left pointing at a tag that is gone, not even on disk.
   */
  async removeAndPlace(id: string, placements: readonly TagPlacement[]): Promise<Tag[]> {
    return this.write((tags) => {
      tags.splice(indexOf(tags, id), 1);
      for (const p of placements) {
        const i = indexOf(tags, p.id);
        tags[i] = { ...tags[i]!, parentId: p.parentId, order: p.order };
      }
    });
  }

  /**
   * Runs `task` once every task queued before it has settled, one at a time. Operations that
   * span several files (merging or deleting a tag, writing passages that name tags) take turns
   * here, so no passage can gain a tag while that tag is being removed from every passage.
   * A task must not call exclusive() itself: it would wait for its own end.
   */
  exclusive<R>(task: () => Promise<R>): Promise<R> {
    const run = this.turn.then(task);
    this.turn = run.catch(() => undefined);
    return run;
  }

  // The first change of a codebook that is not on disk yet starts from the starting tags, in the
  // same write: reads never write, and the file never holds an empty codebook by accident.
  // Every write leaves a tree (checkTree) and stores it in tree order, so the file reads top-down
  // like the editor shows it.
  private async write(mutate: (tags: Tag[]) => void): Promise<Tag[]> {
    return structuredClone(
      await this.store.update((file) => {
        if (!this.store.onDisk && file.tags.length === 0) file.tags = structuredClone([...DEFAULT_TAGS]);
        mutate(file.tags);
        const problems = checkTree(file.tags);
        if (problems.length > 0) {
          throw new GlossatorError('invalid-argument', `${problems.slice(0, 3).join(' ')} The codebook was not changed.`);
        }
        file.tags = treeOrder(file.tags);
        return file.tags;
      }),
    );
  }

  /** Waits until every queued write has settled. */
  flush(): Promise<void> {
    return this.store.flush();
  }
}

function indexOf(tags: readonly Tag[], id: string): number {
  const i = tags.findIndex((t) => t.id === id);
  if (i < 0) throw new GlossatorError('not-found', `There is no tag "${id}" in the codebook.`);
  return i;
}

/** Refuses a tag whose shortcut another tag (by id) already has; names are checkTree's business. */
function checkShortcut(tags: readonly Tag[], tag: Tag): void {
  const others = tags.filter((t) => t.id !== tag.id);
  const sameKey = tag.shortcut === null ? undefined : others.find((t) => t.shortcut === tag.shortcut);
  if (sameKey) {
    throw new GlossatorError('invalid-argument', `The shortcut ${tag.shortcut} already applies "${sameKey.name}".`);
  }
}

// A key present with the value undefined means "not given", not "set to undefined".
function definedOnly(change: TagChanges): TagChanges {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
}
