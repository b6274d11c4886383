// Codebook operations for the editor, each recorded with its inverse so it can be undone.
import type { Tag, TagChange } from '../../../shared/types';
import type { CodebookActions } from './codebook-actions';
import type { Workbench } from './workbench.svelte';

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

  async create(name: string, color: string, description: string): Promise<void> {
    const wb = this.wb;
    let created: Tag | null = null;
    await this.apply(
      `add tag “${name}”`,
      async () => {
        created = created
          ? ((await wb.call(this.wb.client.restoreTag({ tag: created }))) && created)
          : await wb.call(this.wb.client.createTag({ name, color, description }));
        return !!created;
      },
      async () => !!created && !!(await wb.call(this.wb.client.deleteTag({ tagId: created.id }))),
    );
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
    return this.change(tagId, { name }, `rename “${this.tag(tagId)?.name}” to “${name}”`);
  }
  recolour(tagId: string, color: string): Promise<void> {
    return this.change(tagId, { color }, `recolour “${this.tag(tagId)?.name}”`);
  }
  describe(tagId: string, description: string): Promise<void> {
    return this.change(tagId, { description }, `describe “${this.tag(tagId)?.name}”`);
  }
  setShortcut(tagId: string, shortcut: string | null): Promise<void> {
    return this.change(tagId, { shortcut }, `set the shortcut of “${this.tag(tagId)?.name}”`);
  }

  async move(tagId: string, delta: -1 | 1): Promise<void> {
    const wb = this.wb;
    const before = wb.tags.map((t) => t.id);
    const at = before.indexOf(tagId);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= before.length) return;
    const after = [...before];
    [after[at], after[to]] = [after[to]!, after[at]!];
    const order = (ids: string[]) => async () => !!(await wb.call(this.wb.client.reorderTags({ tagIds: ids })));
    await this.apply(`move “${this.tag(tagId)?.name}” ${delta < 0 ? 'up' : 'down'}`, order(after), order(before));
  }

  /** Merge and delete share their inverse: put the tag back, then give passages their old tags. */
  private async removeTag(tagId: string, label: string, run: () => Promise<TagChange[] | null>): Promise<void> {
    const wb = this.wb;
    const tag = this.tag(tagId);
    if (!tag) return;
    let changes: TagChange[] = [];
    await this.apply(
      label,
      async () => {
        const result = await run();
        if (result) changes = result;
        return !!result;
      },
      async () =>
        !!(await wb.call(this.wb.client.restoreTag({ tag }))) &&
        !!(await wb.call(this.wb.client.setPassageTags({ changes: beforeOf(changes) }))),
    );
  }

  merge(sourceId: string, targetId: string): Promise<void> {
    const label = `merge “${this.tag(sourceId)?.name}” into “${this.tag(targetId)?.name}”`;
    return this.removeTag(sourceId, label, async () => (await this.wb.call(this.wb.client.mergeTags({ sourceId, targetId })))?.changes ?? null);
  }

  remove(tagId: string): Promise<void> {
    const label = `delete tag “${this.tag(tagId)?.name}”`;
    return this.removeTag(tagId, label, async () => (await this.wb.call(this.wb.client.deleteTag({ tagId })))?.changes ?? null);
  }
}
