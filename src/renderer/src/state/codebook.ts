// Codebook operations for the editor, each recorded with its inverse so it can be undone.
import type { Tag, TagChange, TagMoves } from '../../../shared/types';
import type { CodebookActions } from './codebook-actions';
import type { Workbench } from './workbench.svelte';
import { quoteTag } from '../lib/tag-names';

type TagFields = Partial<Pick<Tag, 'name' | 'color' | 'description' | 'shortcut'>>;

const beforeOf = (changes: TagChange[]) =>
  changes.map(({ docId, annotationId, before }) => ({ docId, annotationId, tagIds: before }));

export class Codebook implements CodebookActions {
  constructor(private readonly wb: Workbench) {}

  private tag(tagId: string): Tag | undefined {
    return this.wb.tagsById.get(tagId);
  }

  /** Runs an operation, reloads what it touched, and records how to undo it. */
  private async apply(label: string, run: () => Promise<boolean>, undo: () => Promise<boolean>): Promise<void> {
    await this.wb.serial(async () => {
      if (!(await run())) return;
      await this.wb.reload();
      this.wb.undo.record({ label, docId: null, undo, redo: run });
      this.wb.notices.say(`Codebook: ${label}.`);
    });
  }

  async create(name: string, color: string, description: string, parentId: string | null = null): Promise<string | null> {
    const wb = this.wb;
    let created: Tag | null = null;
    const under = parentId === null ? '' : ` under ${quoteTag(wb.tagsById.get(parentId)?.name)}`;
    await this.apply(
      `add tag ${quoteTag(name)}${under}`,
      async () => {
        created = created
          ? ((await wb.call(this.wb.client.restoreTag({ tag: created }))) && created)
          : await wb.call(this.wb.client.createTag({ name, color, description, parentId }));
        return !!created;
      },
      async () => !!created && !!(await wb.call(this.wb.client.deleteTag({ tagId: created.id }))),
    );
    return (created as Tag | null)?.id ?? null;
  }

  private async change(tagId: string, fields: TagFields, label: string): Promise<void> {
    const wb = this.wb;
    const before = this.tag(tagId);
    if (!before) return;
    const old: TagFields = Object.fromEntries(Object.keys(fields).map((k) => [k, before[k as keyof TagFields]]));
    const set = (f: TagFields) => async () => !!(await wb.call(this.wb.client.updateTag({ tagId, ...f })));
    await this.apply(label, set(fields), set(old));
  }

  rename(tagId: string, name: string): Promise<void> {
    return this.change(tagId, { name }, `rename ${quoteTag(this.tag(tagId)?.name)} to ${quoteTag(name)}`);
  }
  recolour(tagId: string, color: string): Promise<void> {
    return this.change(tagId, { color }, `recolour ${quoteTag(this.tag(tagId)?.name)}`);
  }
  describe(tagId: string, description: string): Promise<void> {
    return this.change(tagId, { description }, `describe ${quoteTag(this.tag(tagId)?.name)}`);
  }
  /** Keys 1–9 may point at any tag at any depth; a key another tag has is taken from it in the same step. */
  async setShortcut(tagId: string, shortcut: string | null): Promise<void> {
    const tag = this.tag(tagId);
    if (!tag || tag.shortcut === shortcut) return;
    const holder = shortcut === null ? undefined : this.wb.tags.find((t) => t.id !== tagId && t.shortcut === shortcut);
    if (!holder) {
      const label = shortcut === null ? `remove the key of ${quoteTag(tag.name)}` : `give key ${shortcut} to ${quoteTag(tag.name)}`;
      return this.change(tagId, { shortcut }, label);
    }
    const wb = this.wb;
    const set = (id: string, key: string | null) => async () => !!(await wb.call(wb.client.updateTag({ tagId: id, shortcut: key })));
    const old = tag.shortcut;
    await this.apply(
      `give key ${shortcut} to ${quoteTag(tag.name)} (taken from ${quoteTag(holder.name)})`,
      async () => (await set(holder.id, null)()) && (await set(tagId, shortcut)()),
      async () => (await set(tagId, old)()) && (await set(holder.id, shortcut)()),
    );
  }

  /** Moves a tag up (-1) or down (+1) among its siblings. */
  async move(tagId: string, delta: -1 | 1): Promise<void> {
    const tag = this.tag(tagId);
    if (!tag) return;
    const siblings = this.wb.tagTree.children(tag.parentId);
    const at = siblings.findIndex((t) => t.id === tagId);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= siblings.length) return;
    await this.moveTo(tagId, tag.parentId, to, `move ${quoteTag(tag.name)} ${delta < 0 ? 'up' : 'down'}`);
  }

  /** Nests a tag under the sibling just above it, last among that sibling's children. */
  async indent(tagId: string): Promise<void> {
    const tag = this.tag(tagId);
    if (!tag) return;
    const siblings = this.wb.tagTree.children(tag.parentId);
    const above = siblings[siblings.findIndex((t) => t.id === tagId) - 1];
    if (!above) return;
    // Last among its children: an index past the end, within what the contract accepts.
    await this.moveTo(tagId, above.id, this.wb.tagTree.children(above.id).length, `move ${quoteTag(tag.name)} under ${quoteTag(above.name)}`);
  }

  /** Moves a tag out of its parent, to just after that parent. */
  async outdent(tagId: string): Promise<void> {
    const tree = this.wb.tagTree;
    const parent = tree.parentOf(tagId);
    const tag = this.tag(tagId);
    if (!parent || !tag) return;
    const at = tree.children(parent.parentId).findIndex((t) => t.id === parent.id) + 1;
    const where = parent.parentId === null ? 'the top level' : `${quoteTag(tree.get(parent.parentId)?.name)}`;
    await this.moveTo(tagId, parent.parentId, at, `move ${quoteTag(tag.name)} out of ${quoteTag(parent.name)} to ${where}`);
  }

  /** Moves a tag (and its sub-tags) under `parentId` at `index` among its new siblings; undo puts back what moved. */
  async moveTo(tagId: string, parentId: string | null, index: number, label?: string): Promise<void> {
    const wb = this.wb;
    const tag = this.tag(tagId);
    if (!tag) return;
    const said = label ?? `move ${quoteTag(tag.name)} ${parentId === null ? 'to the top level' : `under ${quoteTag(wb.tagsById.get(parentId)?.name)}`}`;
    let moves: TagMoves | null = null;
    await this.apply(
      said,
      async () => {
        // Redo repeats the same placements, so it lands exactly where the first run did.
        if (moves) return !!(await wb.call(wb.client.placeTags({ placements: moves.after })));
        const result = await wb.call(wb.client.moveTag({ tagId, parentId, index }));
        if (!result || result.moves.after.length === 0) return false;
        moves = result.moves;
        return true;
      },
      async () => !!moves && !!(await wb.call(wb.client.placeTags({ placements: moves.before }))),
    );
  }

  /**
   * Merge and delete share their inverse: put the tag back, then its sub-tags where they were,
   * then give passages their old tags.
   */
  private async removeTag(tagId: string, label: string, run: () => Promise<{ changes: TagChange[]; moves: TagMoves } | null>): Promise<void> {
    const wb = this.wb;
    const tag = this.tag(tagId);
    if (!tag) return;
    let changes: TagChange[] = [];
    let moves: TagMoves = { before: [], after: [] };
    await this.apply(
      label,
      async () => {
        const result = await run();
        if (result) ({ changes, moves } = result);
        return !!result;
      },
      async () =>
        !!(await wb.call(this.wb.client.restoreTag({ tag }))) &&
        (moves.before.length === 0 || !!(await wb.call(this.wb.client.placeTags({ placements: moves.before })))) &&
        !!(await wb.call(this.wb.client.setPassageTags({ changes: beforeOf(changes) }))),
    );
  }

  /** "; its 2 sub-tags moved up to the top level", or "" for a tag without sub-tags. */
  private childrenNote(tagId: string, to: string): string {
    const n = this.wb.tagTree.children(tagId).length;
    return n === 0 ? '' : `; ${n === 1 ? 'its sub-tag' : `its ${n} sub-tags`} moved ${to}`;
  }

  merge(sourceId: string, targetId: string): Promise<void> {
    const target = this.tag(targetId)?.name;
    const label = `merge ${quoteTag(this.tag(sourceId)?.name)} into ${quoteTag(target)}${this.childrenNote(sourceId, `under ${quoteTag(target)}`)}`;
    return this.removeTag(sourceId, label, () => this.wb.call(this.wb.client.mergeTags({ sourceId, targetId })));
  }

  remove(tagId: string): Promise<void> {
    const parent = this.wb.tagTree.parentOf(tagId);
    const to = parent ? `up to ${quoteTag(parent.name)}` : 'up to the top level';
    const label = `delete tag ${quoteTag(this.tag(tagId)?.name)}${this.childrenNote(tagId, to)}`;
    return this.removeTag(tagId, label, () => this.wb.call(this.wb.client.deleteTag({ tagId })));
  }
}
