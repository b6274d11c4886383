// The codebook editor's tree: which tags show (collapsed parents), the focused and selected tag (roving tabindex), tree keys and drag and drop, each move through CodebookActions.
import { TagTree, planMove } from '../../../shared/tag-tree';
import type { Tag } from '../../../shared/types';
import type { CodebookActions } from './codebook-actions';
import { quoteTag } from '../lib/tag-names';

/** One visible row of the tree, with what ARIA's treeitem needs. */
export interface TreeRow {
  tag: Tag;
  /** 1 at the top level (aria-level). */
  level: number;
  hasChildren: boolean;
  expanded: boolean;
  /** Siblings including itself (aria-setsize) and its place among them from 1 (aria-posinset). */
  setSize: number;
  posInSet: number;
}

/** Where over a row a dragged tag is: the top quarter drops before it, the bottom quarter after it, the middle on it. */
export type DropZone = 'before' | 'on' | 'after';

/** What a drop there would do: the moveTag arguments, what to say, and why not when it is refused. */
export interface DropTarget {
  overId: string;
  zone: DropZone;
  parentId: string | null;
  index: number;
  /** "under “Friction”", "before “Hedging”"… */
  where: string;
  /** Null when the drop is allowed; else the reason it is refused, in plain words. */
  problem: string | null;
}

/** The parts of a key press the tree acts on (a KeyboardEvent fits; unit tests pass plain objects). */
export interface TreeKey {
  key: string;
  altKey?: boolean;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/** The keys, as the editor shows them under the tree. */
export const TREE_KEYS_HINT =
  '↑ ↓ Home End: go to a tag · → ← open or close · Alt+Shift+↑ ↓: move among its siblings · Alt+Shift+→: nest under the tag above · Alt+Shift+←: move out of its parent · or drag a tag onto another to nest it, between two to reorder.';

/** Zone of a pointer `offset` pixels from the top of a row `height` pixels tall. */
export function zoneAt(offset: number, height: number): DropZone {
  if (offset < height / 4) return 'before';
  if (offset > (height * 3) / 4) return 'after';
  return 'on';
}

export class CodebookTree {
  /** The tag with tabindex 0; selection follows it (a single-select tree), so it is also the one the details show. */
  focusedId = $state<string | null>(null);
  /** Parents whose sub-tags are hidden; every parent starts open. */
  collapsed = $state.raw<ReadonlySet<string>>(new Set());
  /** The tag being dragged, and what dropping it where the pointer is would do. */
  dragging = $state<string | null>(null);
  drop = $state.raw<DropTarget | null>(null);

  /**
   * @param source the codebook as it is now (the workbench's tags)
   * @param actions the undoable codebook operations (state/codebook.ts)
   * @param say tells the analyst what a key or drop did not do, and why
   */
  constructor(
    private readonly source: () => readonly Tag[],
    private readonly actions: CodebookActions,
    private readonly say: (message: string) => void,
  ) {}

  readonly tree: TagTree = $derived.by(() => new TagTree([...this.source()]));

  /** Rows in tree order, without the sub-tags of closed parents. */
  readonly rows: TreeRow[] = $derived.by(() => {
    const tree = this.tree;
    const out: TreeRow[] = [];
    const walk = (parentId: string | null, level: number) => {
      const kids = tree.children(parentId);
      kids.forEach((tag, i) => {
        const hasChildren = tree.children(tag.id).length > 0;
        const expanded = hasChildren && !this.collapsed.has(tag.id);
        out.push({ tag, level, hasChildren, expanded, setSize: kids.length, posInSet: i + 1 });
        if (expanded) walk(tag.id, level + 1);
      });
    };
    walk(null, 1);
    return out;
  });

  /** The focused tag if it still exists, else the first row's (after a delete or merge). */
  readonly current: Tag | null = $derived.by(() => {
    const id = this.focusedId;
    return (id !== null ? this.tree.get(id) : undefined) ?? this.rows[0]?.tag ?? null;
  });

  focus(tagId: string): void {
    this.focusedId = tagId;
  }

  /** Opens every closed parent above a tag, so it can be shown and focused. */
  reveal(tagId: string): void {
    const above = this.tree.ancestors(tagId).map((a) => a.id);
    if (above.some((id) => this.collapsed.has(id))) this.collapsed = new Set([...this.collapsed].filter((id) => !above.includes(id)));
  }

  setExpanded(tagId: string, open: boolean): void {
    if (open === !this.collapsed.has(tagId)) return;
    const next = new Set(this.collapsed);
    if (open) next.delete(tagId);
    else next.add(tagId);
    this.collapsed = next;
  }

  toggle(tagId: string): void {
    this.setExpanded(tagId, this.collapsed.has(tagId));
  }

  /**
   * Acts on a key pressed on the focused row; answers whether the key was the tree's (the caller
   * then prevents its default and, after the promise, puts focus back on the focused row).
   */
  key(event: TreeKey): { handled: boolean; done: Promise<void> } {
    const done = Promise.resolve();
    const tag = this.current;
    if (!tag || event.ctrlKey || event.metaKey) return { handled: false, done };
    if (event.altKey && event.shiftKey) {
      switch (event.key) {
        case 'ArrowUp':
          return { handled: true, done: this.moveAmongSiblings(tag, -1) };
        case 'ArrowDown':
          return { handled: true, done: this.moveAmongSiblings(tag, 1) };
        case 'ArrowRight':
          return { handled: true, done: this.indent(tag) };
        case 'ArrowLeft':
          return { handled: true, done: this.outdent(tag) };
        default:
          return { handled: false, done };
      }
    }
    if (event.altKey || event.shiftKey) return { handled: false, done };
    const rows = this.rows;
    const at = rows.findIndex((r) => r.tag.id === tag.id);
    const row = rows[at];
    const go = (r: TreeRow | undefined) => {
      if (r) this.focusedId = r.tag.id;
    };
    switch (event.key) {
      case 'ArrowDown':
        go(rows[at + 1]);
        break;
      case 'ArrowUp':
        go(rows[at - 1]);
        break;
      case 'Home':
        go(rows[0]);
        break;
      case 'End':
        go(rows[rows.length - 1]);
        break;
      case 'ArrowRight':
        if (row?.hasChildren && !row.expanded) this.setExpanded(tag.id, true);
        else if (row?.expanded) go(rows[at + 1]);
        break;
      case 'ArrowLeft':
        if (row?.expanded) this.setExpanded(tag.id, false);
        else {
          const parent = this.tree.parentOf(tag.id);
          if (parent) this.focusedId = parent.id;
        }
        break;
      default:
        return { handled: false, done };
    }
    return { handled: true, done };
  }

  /** Alt+Shift+↑/↓ and the Move up/down buttons: one place up or down among its siblings, or says why not. */
  async moveAmongSiblings(tag: Tag, delta: -1 | 1): Promise<void> {
    const siblings = this.tree.children(this.tree.parentOf(tag.id)?.id ?? null);
    const at = siblings.findIndex((t) => t.id === tag.id);
    if (at + delta < 0 || at + delta >= siblings.length) {
      this.say(`${quoteTag(tag.name)} is already ${delta < 0 ? 'first' : 'last'} ${this.placeName(tag)}.`);
      return;
    }
    await this.actions.move(tag.id, delta);
  }

  /** Alt+Shift+→: last under the sibling above it, or says why not. */
  async indent(tag: Tag): Promise<void> {
    const siblings = this.tree.children(this.tree.parentOf(tag.id)?.id ?? null);
    const above = siblings[siblings.findIndex((t) => t.id === tag.id) - 1];
    if (!above) {
      this.say(`${quoteTag(tag.name)} has no tag above it ${this.placeName(tag)} to go under.`);
      return;
    }
    const plan = planMove(this.source(), tag.id, above.id, this.tree.children(above.id).length);
    if (!plan.ok) {
      this.say(plan.problem);
      return;
    }
    this.setExpanded(above.id, true); // the moved tag stays in view, under its new parent
    await this.actions.indent(tag.id);
  }

  /** Alt+Shift+←: out of its parent, just after it, or says why not. */
  async outdent(tag: Tag): Promise<void> {
    const parent = this.tree.parentOf(tag.id);
    if (!parent) {
      this.say(`${quoteTag(tag.name)} is already at the top level.`);
      return;
    }
    const at = this.tree.children(parent.parentId).findIndex((t) => t.id === parent.id) + 1;
    const plan = planMove(this.source(), tag.id, parent.parentId, at);
    if (!plan.ok) {
      this.say(plan.problem);
      return;
    }
    await this.actions.outdent(tag.id);
  }

  /** "among its siblings under “Friction”" or "at the top level". */
  private placeName(tag: Tag): string {
    const parent = this.tree.parentOf(tag.id);
    return parent ? `under ${quoteTag(this.tree.pathName(parent.id))}` : 'at the top level';
  }

  /** Merges a tag into another; once it is gone, its target is the focused tag. Answers whether it merged. */
  async merge(sourceId: string, targetId: string): Promise<boolean> {
    await this.actions.merge(sourceId, targetId);
    if (this.tree.has(sourceId)) return false;
    this.focusedId = targetId;
    return true;
  }

  /**
   * Deletes a tag; once it is gone, the focus goes to the row that took its place (its first
   * sub-tag, moved up, or the next row), else the row above. Answers whether it was deleted.
   */
  async remove(tagId: string): Promise<boolean> {
    const rows = this.rows;
    const i = rows.findIndex((r) => r.tag.id === tagId);
    const next = rows[i + 1] ?? rows[i - 1];
    await this.actions.remove(tagId);
    if (this.tree.has(tagId)) return false;
    if (next) this.focusedId = next.tag.id;
    return true;
  }

  startDrag(tagId: string): void {
    this.dragging = tagId;
    this.drop = null;
  }

  /** What dropping the dragged tag in `zone` of `overId`'s row would do (null: nothing is being dragged). */
  targetOf(overId: string, zone: DropZone): DropTarget | null {
    const tagId = this.dragging;
    const tree = this.tree;
    const over = tree.get(overId);
    if (tagId === null || !over) return null;
    const row = this.rows.find((r) => r.tag.id === overId);
    let parentId: string | null;
    let index: number;
    let where: string;
    if (zone === 'on' || (zone === 'after' && row?.expanded)) {
      // Onto a tag, or just below an open parent (where its first sub-tag shows): under it.
      parentId = over.id;
      index = zone === 'on' ? tree.children(over.id).filter((t) => t.id !== tagId).length : 0;
      where = `under ${quoteTag(over.name)}`;
    } else {
      parentId = tree.parentOf(over.id)?.id ?? null;
      const siblings = tree.children(parentId).filter((t) => t.id !== tagId);
      const at = siblings.findIndex((t) => t.id === over.id);
      index = zone === 'before' ? at : at + 1;
      where = `${zone} ${quoteTag(over.name)}`;
    }
    if (overId === tagId) return { overId, zone, parentId, index, where, problem: null };
    const plan = planMove(this.source(), tagId, parentId, index);
    return { overId, zone, parentId, index, where, problem: plan.ok ? null : plan.problem };
  }

  /** Follows the pointer over a row; answers the target so the view can draw it. */
  dragOver(overId: string, zone: DropZone): DropTarget | null {
    this.drop = this.targetOf(overId, zone);
    return this.drop;
  }

  endDrag(): void {
    this.dragging = null;
    this.drop = null;
  }

  /** Drops the dragged tag where the pointer is: moves it, or says why it cannot go there. */
  async dropHere(overId: string, zone: DropZone): Promise<void> {
    const tagId = this.dragging;
    const target = this.targetOf(overId, zone);
    this.endDrag();
    if (tagId === null || !target || overId === tagId) return;
    const name = this.tree.get(tagId)?.name ?? tagId;
    if (target.problem !== null) {
      this.say(`Not moved: ${target.problem}`);
      return;
    }
    const plan = planMove(this.source(), tagId, target.parentId, target.index);
    if (plan.ok && plan.changes.length === 0) {
      this.say(`${quoteTag(name)} is already there.`);
      return;
    }
    if (target.parentId !== null) this.setExpanded(target.parentId, true);
    this.focusedId = tagId;
    await this.actions.moveTo(tagId, target.parentId, target.index, `move ${quoteTag(name)} ${target.where}`);
  }
}
