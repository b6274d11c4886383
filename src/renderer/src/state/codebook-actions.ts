// What the codebook editor may do; the workbench implements it with undo, so the editor stays a view.
export interface CodebookActions {
  create(name: string, color: string, description: string): Promise<void>;
  rename(tagId: string, name: string): Promise<void>;
  recolour(tagId: string, color: string): Promise<void>;
  describe(tagId: string, description: string): Promise<void>;
  setShortcut(tagId: string, shortcut: string | null): Promise<void>;
  /** Moves a tag up (-1) or down (+1) in the codebook order. */
  move(tagId: string, delta: -1 | 1): Promise<void>;
  merge(sourceId: string, targetId: string): Promise<void>;
  remove(tagId: string): Promise<void>;
}
