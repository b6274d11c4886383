// What the codebook editor may do; the workbench implements it with undo, so the editor stays a view.
export interface CodebookActions {
  /** Adds a tag, last under `parentId` (default: the top level); answers its id, or null when refused. */
  create(name: string, color: string, description: string, parentId?: string | null): Promise<string | null>;
  rename(tagId: string, name: string): Promise<void>;
  recolour(tagId: string, color: string): Promise<void>;
  describe(tagId: string, description: string): Promise<void>;
  /** Gives the tag a key (1–9) or none; a key another tag has moves to this one, in one undoable step. */
  setShortcut(tagId: string, shortcut: string | null): Promise<void>;
  /** Moves a tag up (-1) or down (+1) among its siblings. */
  move(tagId: string, delta: -1 | 1): Promise<void>;
  /** Nests a tag under the sibling above it (Alt+Shift+Right). */
  indent(tagId: string): Promise<void>;
  /** Moves a tag out of its parent, to just after it (Alt+Shift+Left). */
  outdent(tagId: string): Promise<void>;
  /** Moves a tag under `parentId` (null: top level) at `index` among its new siblings (drag and drop). */
  moveTo(tagId: string, parentId: string | null, index: number, label?: string): Promise<void>;
  merge(sourceId: string, targetId: string): Promise<void>;
  remove(tagId: string): Promise<void>;
}
