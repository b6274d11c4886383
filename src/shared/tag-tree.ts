// The codebook as a tree (pure, shared by main and renderer): children in order, ancestors, descendants, path names, tree order, roll-ups, checks and move planning.
import { MAX_TAG_DEPTH } from './limits';
import type { Tag, TagPlacement } from './types';

/** Between the names of a path: "Friction › Sanctions". */
export const PATH_SEPARATOR = ' › ';

/** What the tree helpers need of a tag, so imports and tests can use lighter records. */
export type TreeNode = Pick<Tag, 'id' | 'name' | 'parentId' | 'order'>;

export type { TagPlacement } from './types';

/** Names compare trimmed, NFC and case-insensitively, so "Friction" and " friction" cannot be siblings. */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/** Sibling order: by `order`, ties by id, so every reader of the same codebook sees the same order. */
export function compareSiblings(a: TreeNode, b: TreeNode): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * An index over one codebook snapshot. Build it once per codebook and ask it many questions (a
 * roll-up over 100,000 passages must not rescan the codebook per passage). It never throws on a
 * damaged tree: a tag whose parent is missing counts as top-level and a cycle ends a walk, so a
 * view of a broken codebook still shows every tag (checkTree says what is wrong).
 */
export class TagTree<T extends TreeNode = Tag> {
  private readonly byId = new Map<string, T>();
  private readonly kids = new Map<string | null, T[]>();
  private order: T[] | null = null;

  constructor(tags: readonly T[]) {
    for (const t of tags) if (!this.byId.has(t.id)) this.byId.set(t.id, t);
    for (const t of this.byId.values()) {
      const parent = t.parentId !== null && t.parentId !== t.id && this.byId.has(t.parentId) ? t.parentId : null;
      const list = this.kids.get(parent) ?? [];
      list.push(t);
      this.kids.set(parent, list);
    }
    for (const list of this.kids.values()) list.sort(compareSiblings);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The children of `parentId` (null: the top level), in sibling order. */
  children(parentId: string | null): readonly T[] {
    return this.kids.get(parentId) ?? [];
  }

  /** The tag's parent, or undefined at the top level (or when the parent is missing). */
  parentOf(id: string): T | undefined {
    const parentId = this.byId.get(id)?.parentId;
    return parentId === null || parentId === undefined || parentId === id ? undefined : this.byId.get(parentId);
  }

  /** Parent, grandparent, … up to the top level (nearest first); empty for a top-level or unknown tag. */
  ancestors(id: string): T[] {
    const out: T[] = [];
    const seen = new Set([id]);
    for (let p = this.parentOf(id); p && !seen.has(p.id); p = this.parentOf(p.id)) {
      seen.add(p.id);
      out.push(p);
    }
    return out;
  }

  /** Whether `ancestorId` is `id`'s parent, grandparent, … */
  isAncestor(ancestorId: string, id: string): boolean {
    return this.ancestors(id).some((a) => a.id === ancestorId);
  }

  /** Every tag below `id`, in tree order (the tag itself not included). */
  descendants(id: string): T[] {
    const out: T[] = [];
    const seen = new Set([id]);
    const walk = (parentId: string) => {
      for (const child of this.children(parentId)) {
        if (seen.has(child.id)) continue;
        seen.add(child.id);
        out.push(child);
        walk(child.id);
      }
    };
    walk(id);
    return out;
  }

  /** 1 for a top-level tag, 2 for its children, …; 0 for an unknown id. Matches ARIA's aria-level. */
  level(id: string): number {
    return this.byId.has(id) ? this.ancestors(id).length + 1 : 0;
  }

  /** Levels the tag's subtree spans, itself included: 1 for a tag without children. */
  height(id: string): number {
    const base = this.level(id);
    return Math.max(1, ...this.descendants(id).map((d) => this.level(d.id) - base + 1));
  }

  /** Top-level ancestor first, the tag itself last. */
  path(id: string): T[] {
    const self = this.byId.get(id);
    return self ? [...this.ancestors(id).reverse(), self] : [];
  }

  /** "Friction › Sanctions"; the bare name for a top-level tag, "" for an unknown id. */
  pathName(id: string, separator = PATH_SEPARATOR): string {
    return this.path(id)
      .map((t) => t.name)
      .join(separator);
  }

  /** Every tag, depth first: each parent followed by its children in sibling order. */
  ordered(): readonly T[] {
    if (this.order) return this.order;
    const out: T[] = [];
    const seen = new Set<string>();
    const walk = (parentId: string | null) => {
      for (const t of this.children(parentId)) {
        if (seen.has(t.id)) continue;
        seen.add(t.id);
        out.push(t);
        walk(t.id);
      }
    };
    walk(null);
    // Tags caught in a cycle hang under no top-level tag; list them last rather than lose them.
    for (const t of [...this.byId.values()].sort(compareSiblings)) {
      if (!seen.has(t.id)) {
        seen.add(t.id);
        out.push(t);
        walk(t.id);
      }
    }
    this.order = out;
    return out;
  }

  /**
   * The ids and everything below them, each once, in tree order; ids the codebook does not know
   * are kept at the end (a filter on a tag deleted meanwhile still matches what carries it). A
   * filter on "Friction" uses this to match passages tagged "Friction › Sanctions".
   */
  expandWithDescendants(ids: Iterable<string>): string[] {
    const wanted = new Set<string>();
    const unknown: string[] = [];
    for (const id of ids) {
      if (!this.byId.has(id)) {
        if (!unknown.includes(id)) unknown.push(id);
        continue;
      }
      wanted.add(id);
      for (const d of this.descendants(id)) wanted.add(d.id);
    }
    return [...this.ordered().filter((t) => wanted.has(t.id)).map((t) => t.id), ...unknown];
  }

  /**
   * The ids a passage with these tags counts under: each tag and all its ancestors, each once.
   * Counting a passage once per id of this set (not once per tag) is what keeps a parent's count
   * from counting a passage twice when it carries two of the parent's children.
   */
  withAncestors(ids: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const id of ids) {
      out.add(id);
      for (const a of this.ancestors(id)) out.add(a.id);
    }
    return out;
  }
}

/** The children of `parentId` (null: the top level), in sibling order. */
export const childrenOf = <T extends TreeNode>(tags: readonly T[], parentId: string | null): readonly T[] =>
  new TagTree(tags).children(parentId);
/** Every tag below `id`, in tree order. */
export const descendantsOf = <T extends TreeNode>(tags: readonly T[], id: string): T[] => new TagTree(tags).descendants(id);
/** Parent, grandparent, … (nearest first). */
export const ancestorsOf = <T extends TreeNode>(tags: readonly T[], id: string): T[] => new TagTree(tags).ancestors(id);
/** "Friction › Sanctions". */
export const pathNameOf = (tags: readonly TreeNode[], id: string): string => new TagTree(tags).pathName(id);
/** Every tag, each parent followed by its children. */
export const treeOrder = <T extends TreeNode>(tags: readonly T[]): T[] => [...new TagTree(tags).ordered()];
/** 1 for a top-level tag; 0 for an unknown id. */
export const levelOf = (tags: readonly TreeNode[], id: string): number => new TagTree(tags).level(id);
/** The ids and all their descendants. */
export const expandWithDescendants = (tags: readonly TreeNode[], ids: Iterable<string>): string[] =>
  new TagTree(tags).expandWithDescendants(ids);

/**
 * What is wrong with a codebook as a tree, in plain words (empty when nothing): repeated ids, a
 * parent that is not in the codebook, a tag nested under itself, nesting deeper than MAX_TAG_DEPTH,
 * two siblings with the same name (compared as nameKey does), an order that is not a finite number.
 */
export function checkTree(tags: readonly TreeNode[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const t of tags) {
    if (ids.has(t.id)) problems.push(`The id "${t.id}" is used by two tags.`);
    ids.add(t.id);
  }
  const tree = new TagTree(tags);
  const siblingNames = new Map<string, TreeNode>();
  for (const t of tags) {
    if (!Number.isFinite(t.order)) problems.push(`“${t.name}” has no valid place among its siblings.`);
    if (t.parentId !== null) {
      if (t.parentId === t.id || !ids.has(t.parentId)) {
        problems.push(
          t.parentId === t.id
            ? `“${t.name}” is nested under itself.`
            : `“${t.name}” is nested under "${t.parentId}", which is not in the codebook.`,
        );
        continue;
      }
      if (inCycle(tags, t)) {
        problems.push(`“${t.name}” is nested under itself (through ${tree.ancestors(t.id).map((a) => `“${a.name}”`).join(', ')}).`);
        continue;
      }
    }
    const level = tree.level(t.id);
    if (level > MAX_TAG_DEPTH) problems.push(`“${t.name}” is nested ${level} levels deep; at most ${MAX_TAG_DEPTH} are allowed.`);
    const key = `${t.parentId ?? ''}\u0000${nameKey(t.name)}`;
    const twin = siblingNames.get(key);
    if (twin) {
      const where = t.parentId === null ? 'at the top level' : `under “${tree.pathName(t.parentId)}”`;
      problems.push(`There is already a tag called “${twin.name}” ${where}.`);
    } else siblingNames.set(key, t);
  }
  return problems;
}

function inCycle(tags: readonly TreeNode[], tag: TreeNode): boolean {
  const parent = new Map(tags.map((t) => [t.id, t.parentId] as const));
  const seen = new Set<string>();
  for (let id: string | null | undefined = tag.parentId; id !== null && id !== undefined; id = parent.get(id)) {
    if (id === tag.id) return true;
    if (seen.has(id)) return false; // a cycle above this tag, reported for the tags in it
    seen.add(id);
  }
  return false;
}

/** An order strictly between two siblings' orders (either may be missing: the ends), or null when no float fits. */
export function orderBetween(before: number | undefined, after: number | undefined): number | null {
  if (before === undefined && after === undefined) return 0;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  const mid = before + (after - before) / 2;
  return mid > before && mid < after ? mid : null;
}

/** The order that puts a new tag last among `parentId`'s children. */
export function orderAtEnd(tags: readonly TreeNode[], parentId: string | null): number {
  const siblings = new TagTree(tags).children(parentId);
  return siblings.length === 0 ? 0 : Math.floor(siblings[siblings.length - 1]!.order) + 1;
}

export type MovePlan = { ok: true; changes: TagPlacement[] } | { ok: false; problem: string };

/**
 * How to put `tagId` under `parentId` (null: top level) at `index` among its new siblings (the
 * tag itself not counted; clamped to the ends). The moved tag gets an order between its new
 * neighbours; only when no number fits are the siblings renumbered 0, 1, 2, … (and only those
 * whose order changes are listed). `changes` is empty when the tag is already there. Refuses a
 * move under the tag itself or one of its descendants, to an unknown parent, past MAX_TAG_DEPTH,
 * or beside a sibling of the same name.
 */
export function planMove(tags: readonly TreeNode[], tagId: string, parentId: string | null, index: number): MovePlan {
  const tree = new TagTree(tags);
  const tag = tree.get(tagId);
  if (!tag) return { ok: false, problem: `There is no tag "${tagId}" in the codebook.` };
  if (parentId !== null) {
    const parent = tree.get(parentId);
    if (!parent) return { ok: false, problem: `There is no tag "${parentId}" in the codebook.` };
    if (parentId === tagId || tree.isAncestor(tagId, parentId)) {
      return { ok: false, problem: `“${tag.name}” cannot be moved under itself or one of its own sub-tags.` };
    }
    const deepest = tree.level(parentId) + tree.height(tagId);
    if (deepest > MAX_TAG_DEPTH) {
      return { ok: false, problem: `Moving “${tag.name}” under “${parent.name}” would nest tags ${deepest} levels deep; at most ${MAX_TAG_DEPTH} are allowed.` };
    }
  }
  const siblings = tree.children(parentId).filter((t) => t.id !== tagId);
  const twin = siblings.find((s) => nameKey(s.name) === nameKey(tag.name));
  if (twin) {
    const where = parentId === null ? 'at the top level' : `under “${tree.pathName(parentId)}”`;
    return { ok: false, problem: `There is already a tag called “${twin.name}” ${where}.` };
  }
  const at = Math.max(0, Math.min(Math.trunc(index), siblings.length));
  const currentIndex = tree.children(tag.parentId !== null && tree.has(tag.parentId) ? tag.parentId : null).indexOf(tag);
  if ((tag.parentId ?? null) === parentId && currentIndex === at) return { ok: true, changes: [] };
  const order = orderBetween(siblings[at - 1]?.order, siblings[at]?.order);
  if (order !== null) return { ok: true, changes: [{ id: tagId, parentId, order }] };
  const renumbered = [...siblings.slice(0, at), tag, ...siblings.slice(at)];
  const changes = renumbered
    .map((t, i) => ({ id: t.id, parentId, order: i }))
    .filter((c) => c.id === tagId || tree.get(c.id)!.order !== c.order);
  return { ok: true, changes };
}

/** The placements `changes` would overwrite, to undo them. */
export function placementsOf(tags: readonly TreeNode[], ids: Iterable<string>): TagPlacement[] {
  const tree = new TagTree(tags);
  return [...ids].flatMap((id) => {
    const t = tree.get(id);
    return t ? [{ id, parentId: t.parentId, order: t.order }] : [];
  });
}

/**
 * How to move all of `fromId`'s children, in their order, under `toParentId` (null: top level) at
 * `at` among its children (`fromId` itself not counted; clamped). Deleting a tag lifts its children
 * to its own place under the grandparent; merging a tag hands its children to the target, last.
 * Spread between the neighbours when numbers fit, else the new siblings are renumbered (listing only
 * those that change). Refuses a move under `fromId`'s own subtree, a child whose name a new sibling
 * has, or nesting past MAX_TAG_DEPTH.
 */
export function planChildrenMove(tags: readonly TreeNode[], fromId: string, toParentId: string | null, at: number): MovePlan {
  const tree = new TagTree(tags);
  const from = tree.get(fromId);
  const children = tree.children(fromId);
  if (!from || children.length === 0) return { ok: true, changes: [] };
  const where = toParentId === null ? 'the top level' : `“${tree.pathName(toParentId)}”`;
  if (toParentId !== null && (toParentId === fromId || tree.isAncestor(fromId, toParentId))) {
    return { ok: false, problem: `The sub-tags of “${from.name}” cannot move under ${where}, which is one of them.` };
  }
  const siblings = tree.children(toParentId).filter((t) => t.id !== fromId);
  for (const child of children) {
    const twin = siblings.find((s) => nameKey(s.name) === nameKey(child.name));
    if (twin) {
      return { ok: false, problem: `The sub-tag “${child.name}” of “${from.name}” would move to ${where}, which already has a tag called “${twin.name}”. Rename or move one of them first.` };
    }
    const deepest = (toParentId === null ? 0 : tree.level(toParentId)) + tree.height(child.id);
    if (deepest > MAX_TAG_DEPTH) {
      return { ok: false, problem: `Moving the sub-tags of “${from.name}” under ${where} would nest tags ${deepest} levels deep; at most ${MAX_TAG_DEPTH} are allowed.` };
    }
  }
  const i = Math.max(0, Math.min(Math.trunc(at), siblings.length));
  const lo = siblings[i - 1]?.order;
  const hi = siblings[i]?.order;
  const k = children.length;
  const spread = children.map((_, j) =>
    lo === undefined && hi === undefined ? j : lo === undefined ? hi! - k + j : hi === undefined ? lo + 1 + j : lo + ((hi - lo) * (j + 1)) / (k + 1),
  );
  const fits = spread.every((o, j) => (lo === undefined || o > lo) && (hi === undefined || o < hi) && (j === 0 || o > spread[j - 1]!));
  if (fits) return { ok: true, changes: children.map((c, j) => ({ id: c.id, parentId: toParentId, order: spread[j]! })) };
  const moving = new Set(children.map((c) => c.id));
  const renumbered = [...siblings.slice(0, i), ...children, ...siblings.slice(i)];
  const changes = renumbered
    .map((t, n) => ({ id: t.id, parentId: toParentId, order: n }))
    .filter((c) => moving.has(c.id) || tree.get(c.id)!.order !== c.order);
  return { ok: true, changes };
}

/** What "incl. sub-tags" adds to a count's label, so a rolled-up count is never mistaken for a tag's own. */
export const INCL_SUB_TAGS = 'incl. sub-tags';

/**
 * The tags a filter shows: every tag when `filter` is empty, else the filter's tags and everything
 * below them, in tree order.
 */
export function shownTags<T extends TreeNode>(tree: TagTree<T>, filter: readonly string[]): T[] {
  if (filter.length === 0) return [...tree.ordered()];
  const wanted = new Set(tree.expandWithDescendants(filter));
  return tree.ordered().filter((t) => wanted.has(t.id));
}

/**
 * Per tag id, the passages carrying it or any tag below it, each passage once per id (a passage
 * with two sub-tags of one parent counts once under that parent). Ids outside the codebook count
 * under themselves only.
 */
export function rolledUpCounts(tree: TagTree<TreeNode>, passages: Iterable<{ tagIds: readonly string[] }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of passages) for (const id of tree.withAncestors(p.tagIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
