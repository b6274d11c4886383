// The codebook editor: creates, edits, reorders, merges, deletes and restores tags, keeping passages consistent.
import { randomBytes } from 'node:crypto';
import type { Args, Results } from '../../shared/contract';
import type { Annotation, Tag, TagChange, TagMoves } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { TagTree, orderAtEnd, placementsOf, planChildrenMove, planMove, type MovePlan } from '../../shared/tag-tree';
import type { AnnotationStore } from '../store/annotation-store';
import type { TagStore } from '../store/tag-store';
import { writeTags } from './annotation-service';
import type { Clock } from './ports';
import type { CorpusService } from './corpus-service';

/** Tag ids end up in CSS highlight names and class names, so they stay this plain. */
export const TAG_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Keys a new tag may get; 1–3 belong to the default codebook. */
const NEW_TAG_SHORTCUTS = ['4', '5', '6', '7', '8', '9'] as const;

// Room left for "-" and a suffix within TAG_ID's 64 characters.
const SLUG_MAX = 48;

/** A tag to create: createTag's arguments, or a parent given as the index of an earlier tag of the same batch. */
export type NewTag = Args<'createTag'> & { parentIndex?: number };

export interface CodebookDeps {
  tags: TagStore;
  store: AnnotationStore;
  corpus: CorpusService;
  clock: Clock;
}

/** "Sanctions & Trade" → "sanctions-trade"; a name with no Latin letters or digits → "tag". */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // "Tehrān" → "Tehran"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, '');
  return slug || 'tag';
}

/** The slug, or the slug plus a short random suffix while it collides with an existing id. */
export function newTagId(name: string, taken: ReadonlySet<string>): string {
  const slug = slugOf(name);
  let id = slug;
  while (taken.has(id)) id = `${slug}-${randomBytes(3).toString('hex')}`;
  return id;
}

// Every operation runs in the TagStore's exclusive turn (shared with passage writes), so each
// one sees the codebook and the passages as it left them, and none reads state another is halfway
// through changing.
export class CodebookService {
  constructor(private readonly deps: CodebookDeps) {}

  createTag(args: Args<'createTag'>): Promise<Results['createTag']> {
    return this.createTags([args]).then((created) => created[0]!);
  }

  /**
   * Creates several tags in one durable write of the codebook (a codebook import): all of them or
   * none. Each gets an id and a free shortcut as createTag would give it, and goes last under its
   * parent: `parentId` (an existing tag) or `parentIndex` (an earlier tag of the same list, so a
   * nested codebook imports in one write). Answers them in order.
   */
  createTags(list: readonly NewTag[]): Promise<Tag[]> {
    const { tags } = this.deps;
    return tags.exclusive(async () => {
      const current = await tags.list();
      const ids = new Set(current.map((t) => t.id));
      const used = new Set(current.map((t) => t.shortcut));
      const all: Tag[] = [...current];
      const made: Tag[] = [];
      for (const [i, args] of list.entries()) {
        const parentId = args.parentIndex !== undefined ? made[args.parentIndex]?.id : (args.parentId ?? null);
        if (parentId === undefined || (args.parentIndex !== undefined && args.parentIndex >= i)) {
          throw new GlossatorError('invalid-argument', `Tag ${i + 1} of the list names a parent that comes after it.`);
        }
        if (parentId !== null && !ids.has(parentId)) {
          throw new GlossatorError('not-found', `There is no tag "${parentId}" in the codebook to put “${args.name.trim()}” under.`);
        }
        const id = newTagId(args.name, ids);
        const shortcut = NEW_TAG_SHORTCUTS.find((k) => !used.has(k)) ?? null;
        ids.add(id);
        used.add(shortcut);
        const tag: Tag = {
          id,
          name: args.name.trim(),
          color: args.color.toLowerCase(),
          description: args.description ?? '',
          shortcut,
          parentId,
          order: orderAtEnd(all, parentId),
        };
        all.push(tag);
        made.push(tag);
      }
      await tags.addMany(made);
      return made;
    });
  }

  updateTag({ tagId, name, color, description, shortcut }: Args<'updateTag'>): Promise<Results['updateTag']> {
    return this.deps.tags.exclusive(() =>
      this.deps.tags.update(tagId, { name: name?.trim(), color: color?.toLowerCase(), description, shortcut }),
    );
  }

  /** Moves a tag, with everything below it, under `parentId` at `index` among its new siblings. */
  moveTag({ tagId, parentId, index }: Args<'moveTag'>): Promise<Results['moveTag']> {
    const { tags } = this.deps;
    return tags.exclusive(async () => {
      await this.requireTags(parentId === null ? [tagId] : [tagId, parentId]);
      const current = await tags.list();
      const moves = movesOf(current, planMove(current, tagId, parentId, index));
      return { tags: moves.after.length > 0 ? await tags.place(moves.after) : current, moves };
    });
  }

  /** Puts tags at the given placements in one write (undo of a move); the codebook must stay a tree. */
  placeTags({ placements }: Args<'placeTags'>): Promise<Results['placeTags']> {
    const { tags } = this.deps;
    return tags.exclusive(async () => {
      await this.requireTags(placements.map((p) => p.id));
      return tags.place(placements);
    });
  }

  /**
   * Every passage carrying the source gets the target in its place (once) and loses the source;
   * the source's sub-tags move under the target, after its own. A tag cannot be merged into one of
   * its own sub-tags (move that sub-tag out first).
   */
  mergeTags({ sourceId, targetId }: Args<'mergeTags'>): Promise<Results['mergeTags']> {
    return this.deps.tags.exclusive(async () => {
      if (sourceId === targetId) {
        throw new GlossatorError('invalid-argument', 'A tag cannot be merged into itself.');
      }
      await this.requireTags([sourceId, targetId]);
      const current = await this.deps.tags.list();
      const tree = new TagTree(current);
      if (tree.isAncestor(sourceId, targetId)) {
        throw new GlossatorError(
          'invalid-argument',
          `“${tree.get(sourceId)!.name}” cannot be merged into its own sub-tag “${tree.get(targetId)!.name}”; move that sub-tag out first.`,
        );
      }
      const moves = movesOf(current, planChildrenMove(current, sourceId, targetId, Number.MAX_SAFE_INTEGER));
      const changes = await this.plan('merge the tags', (ids) =>
        ids.includes(sourceId) ? [...new Set(ids.map((t) => (t === sourceId ? targetId : t)))] : ids,
      );
      return this.commit(changes, sourceId, moves);
    });
  }

  /**
   * Takes the tag off every passage (a passage left with no tag stays, untagged), moves its
   * sub-tags up to its own place under its parent, then takes it out of the codebook.
   */
  deleteTag({ tagId }: Args<'deleteTag'>): Promise<Results['deleteTag']> {
    return this.deps.tags.exclusive(async () => {
      await this.requireTags([tagId]);
      const current = await this.deps.tags.list();
      const tree = new TagTree(current);
      const parentId = tree.parentOf(tagId)?.id ?? null;
      const at = tree.children(parentId).findIndex((t) => t.id === tagId);
      const moves = movesOf(current, planChildrenMove(current, tagId, parentId, at));
      const changes = await this.plan('delete the tag', (ids) => ids.filter((t) => t !== tagId));
      return this.commit(changes, tagId, moves);
    });
  }

  /**
   * Puts a deleted tag back under its parent at its order. Its id must be free and its parent
   * present. If its shortcut was given to another tag meanwhile, it comes back without one rather
   * than failing the undo.
   */
  restoreTag({ tag }: Args<'restoreTag'>): Promise<Results['restoreTag']> {
    const { tags } = this.deps;
    return tags.exclusive(async () => {
      if (!TAG_ID.test(tag.id)) {
        throw new GlossatorError('invalid-argument', `"${tag.id}" is not a valid tag id.`);
      }
      const current = await tags.list();
      const keyTaken = tag.shortcut !== null && current.some((t) => t.id !== tag.id && t.shortcut === tag.shortcut);
      await tags.add({ ...tag, name: tag.name.trim(), color: tag.color.toLowerCase(), shortcut: keyTaken ? null : tag.shortcut });
      return tags.list();
    });
  }

  private async requireTags(ids: readonly string[]): Promise<void> {
    const known = new Set((await this.deps.tags.list()).map((t) => t.id));
    const missing = ids.find((id) => !known.has(id));
    if (missing !== undefined) throw new GlossatorError('not-found', `There is no tag "${missing}" in the codebook.`);
  }

  /**
   * Reads every document's passages and answers the tag changes `retag` makes. Reads everything
   * before anything is written, so an unreadable annotation file stops the operation up front.
   */
  private async plan(doing: string, retag: (tagIds: string[]) => string[]): Promise<TagChange[]> {
    const { corpus, store } = this.deps;
    const changes: TagChange[] = [];
    const unreadable: string[] = [];
    for (const doc of corpus.all()) {
      let passages: Annotation[];
      try {
        passages = await store.list(doc.id);
      } catch (err) {
        if (err instanceof GlossatorError && err.code === 'store-unreadable') {
          unreadable.push(`“${doc.title}” (${doc.id}): ${err.message}`);
          continue;
        }
        throw err;
      }
      for (const a of passages) {
        const after = retag([...a.tagIds]);
        const same = after.length === a.tagIds.length && after.every((t, i) => t === a.tagIds[i]);
        if (!same) changes.push({ docId: doc.id, annotationId: a.id, before: a.tagIds, after });
      }
    }
    if (unreadable.length > 0) {
      throw new GlossatorError(
        'store-unreadable',
        `Cannot ${doing}: the passages of ${unreadable.length === 1 ? 'a document' : 'some documents'} ` +
          `could not be read, so nothing was changed. ${unreadable.join(' ')}`,
      );
    }
    return changes;
  }

  // Passages first, codebook last: a crash in between leaves a tag no passage uses (harmless,
  // and the operation can be run again), never a passage naming a tag that no longer exists.
  private async commit(changes: TagChange[], removedTagId: string, moves: TagMoves): Promise<{ tags: Tag[]; changes: TagChange[]; moves: TagMoves }> {
    const byDoc = new Map<string, Map<string, string[]>>();
    for (const c of changes) {
      const writes = byDoc.get(c.docId) ?? new Map<string, string[]>();
      writes.set(c.annotationId, c.after);
      byDoc.set(c.docId, writes);
    }
    const modified = this.deps.clock.now().toISOString();
    for (const [docId, writes] of byDoc) await writeTags(this.deps.store, docId, writes, modified);
    const tags = await this.deps.tags.removeAndPlace(removedTagId, moves.after);
    return { tags, changes, moves };
  }
}

/** The placements a plan changes, before and after; a refused plan is an invalid-argument error. */
function movesOf(tags: readonly Tag[], plan: MovePlan): TagMoves {
  if (!plan.ok) throw new GlossatorError('invalid-argument', `${plan.problem} The codebook was not changed.`);
  return { before: placementsOf(tags, plan.changes.map((c) => c.id)), after: plan.changes };
}
