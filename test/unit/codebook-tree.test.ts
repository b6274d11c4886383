// The codebook editor's tree state against a fake main: each tree key and drop → the moveTag call it makes (or the reason it makes none), focus keys, undo.
import { describe, expect, test } from 'vitest';
import { Workbench } from '../../src/renderer/src/state/workbench.svelte';
import { Codebook } from '../../src/renderer/src/state/codebook';
import { CodebookTree, zoneAt, type DropZone, type TreeKey } from '../../src/renderer/src/state/codebook-tree.svelte';
import { ownCounts, rolledUpCounts } from '../../src/renderer/src/lib/tag-counts';
import { TagTree } from '../../src/shared/tag-tree';
import { tagSetKey } from '../../src/shared/counts';
import { FakeMain } from './support/fake-client';

/**
 * The default codebook plus Friction › Sanctions and Friction › Sanctions › Oil:
 *   Cooperation, Friction (Sanctions (Oil)), Hedging
 */
async function setup() {
  const main = new FakeMain();
  const wb = new Workbench(main.client);
  await wb.init(null);
  const codebook = new Codebook(wb);
  const sanctions = (await codebook.create('Sanctions', '#cc79a7', '', 'friction'))!;
  const oil = (await codebook.create('Oil', '#009e73', '', sanctions))!;
  const said: string[] = [];
  const tree = new CodebookTree(() => wb.tags, codebook, (m) => said.push(m));
  main.calls.length = 0;
  return { main, wb, tree, said, ids: { sanctions, oil } };
}

type Ids = { sanctions: string; oil: string };
const idOf = (name: string, ids: Ids) => (name === 'sanctions' ? ids.sanctions : name === 'oil' ? ids.oil : name);
const ALT_SHIFT = { altKey: true, shiftKey: true };

describe('tree keys → moveTag', () => {
  test.each<[string, string, TreeKey, { tagId: string; parentId: string | null; index: number } | null, string]>([
    ['Alt+Shift+↑ moves a tag up among its siblings', 'hedging', { key: 'ArrowUp', ...ALT_SHIFT }, { tagId: 'hedging', parentId: null, index: 1 }, 'Codebook: move “Hedging” up.'],
    ['Alt+Shift+↓ moves a tag down', 'cooperation', { key: 'ArrowDown', ...ALT_SHIFT }, { tagId: 'cooperation', parentId: null, index: 1 }, 'Codebook: move “Cooperation” down.'],
    ['Alt+Shift+→ nests a tag last under the sibling above', 'hedging', { key: 'ArrowRight', ...ALT_SHIFT }, { tagId: 'hedging', parentId: 'friction', index: 1 }, 'Codebook: move “Hedging” under “Friction”.'],
    ['Alt+Shift+← moves a sub-tag out, just after its parent', 'sanctions', { key: 'ArrowLeft', ...ALT_SHIFT }, { tagId: 'sanctions', parentId: null, index: 2 }, 'Codebook: move “Sanctions” out of “Friction” to the top level.'],
    ['Alt+Shift+← from two levels down lands under the grandparent', 'oil', { key: 'ArrowLeft', ...ALT_SHIFT }, { tagId: 'oil', parentId: 'friction', index: 1 }, 'Codebook: move “Oil” out of “Sanctions” to “Friction”.'],
    ['Alt+Shift+↑ on the first tag moves nothing', 'cooperation', { key: 'ArrowUp', ...ALT_SHIFT }, null, '“Cooperation” is already first at the top level.'],
    ['Alt+Shift+↓ on an only child moves nothing', 'sanctions', { key: 'ArrowDown', ...ALT_SHIFT }, null, '“Sanctions” is already last under “Friction”.'],
    ['Alt+Shift+→ with no sibling above moves nothing', 'cooperation', { key: 'ArrowRight', ...ALT_SHIFT }, null, '“Cooperation” has no tag above it at the top level to go under.'],
    ['Alt+Shift+← at the top level moves nothing', 'friction', { key: 'ArrowLeft', ...ALT_SHIFT }, null, '“Friction” is already at the top level.'],
    ['a plain arrow moves focus, never a tag', 'friction', { key: 'ArrowDown' }, null, ''],
    ['Ctrl+Alt+Shift+↑ is not the tree’s', 'hedging', { key: 'ArrowUp', ...ALT_SHIFT, ctrlKey: true }, null, ''],
  ])('%s', async (_what, focused, key, expected, message) => {
    const { main, wb, tree, said, ids } = await setup();
    wb.notices.clearStatus();
    tree.focus(idOf(focused, ids));
    const { done } = tree.key(key);
    await done;
    if (expected) {
      expect(main.lastArgs('moveTag')).toEqual({ ...expected, tagId: idOf(expected.tagId, ids) });
      expect(wb.notices.status).toBe(message);
    } else {
      expect(main.count('moveTag')).toBe(0);
      expect(said.join(' ')).toBe(message);
    }
  });

  test('a move is undone and redone with Ctrl+Z through the undo stack, by placements', async () => {
    const { main, wb, tree } = await setup();
    tree.focus('hedging');
    await tree.key({ key: 'ArrowRight', ...ALT_SHIFT }).done;
    expect(wb.tagTree.parentOf('hedging')?.id).toBe('friction');
    await wb.runUndo();
    expect(main.lastArgs('placeTags')?.placements).toEqual([{ id: 'hedging', parentId: null, order: 2 }]);
    expect(wb.tagTree.children(null).map((t) => t.id)).toEqual(['cooperation', 'friction', 'hedging']);
    expect(wb.notices.status).toBe('Undid: move “Hedging” under “Friction”.');
    await wb.runUndo(true);
    expect(wb.tagTree.parentOf('hedging')?.id).toBe('friction');
  });

  test('nesting under a closed parent opens it, so the moved tag stays in view', async () => {
    const { tree } = await setup();
    tree.setExpanded('friction', false);
    tree.focus('hedging');
    await tree.key({ key: 'ArrowRight', ...ALT_SHIFT }).done;
    expect(tree.rows.map((r) => r.tag.name)).toContain('Hedging');
    expect(tree.rows.find((r) => r.tag.id === 'hedging')?.level).toBe(2);
  });
});

describe('tree keys → focus and open/closed parents', () => {
  // Rows: Cooperation, Friction, Sanctions, Oil, Hedging (all open).
  test.each<[string, string, string[], string, string[]]>([
    ['↓ goes to the next row', 'cooperation', ['ArrowDown'], 'friction', []],
    ['↓ enters an open parent', 'friction', ['ArrowDown'], 'sanctions', []],
    ['↑ at the first row stays', 'cooperation', ['ArrowUp'], 'cooperation', []],
    ['End goes to the last row, Home to the first', 'friction', ['End'], 'hedging', []],
    ['Home goes to the first row', 'hedging', ['Home'], 'cooperation', []],
    ['← on an open parent closes it', 'friction', ['ArrowLeft'], 'friction', ['friction']],
    ['← on a closed parent or a leaf goes to the parent', 'oil', ['ArrowLeft'], 'sanctions', []],
    ['→ on a closed parent opens it, again goes to its first child', 'friction', ['ArrowLeft', 'ArrowRight', 'ArrowRight'], 'sanctions', []],
    ['↓ skips the sub-tags of a closed parent', 'friction', ['ArrowLeft', 'ArrowDown'], 'hedging', ['friction']],
    ['→ on a leaf does nothing', 'cooperation', ['ArrowRight'], 'cooperation', []],
  ])('%s', async (_what, from, keys, to, collapsed) => {
    const { tree, ids } = await setup();
    tree.focus(idOf(from, ids));
    for (const key of keys) expect(tree.key({ key }).handled).toBe(true);
    expect(tree.current?.id).toBe(idOf(to, ids));
    expect([...tree.collapsed]).toEqual(collapsed);
  });

  test('rows carry what aria needs: level, set size, position, expanded', async () => {
    const { tree } = await setup();
    expect(tree.rows.map((r) => [r.tag.name, r.level, r.setSize, r.posInSet, r.hasChildren && r.expanded])).toEqual([
      ['Cooperation', 1, 3, 1, false],
      ['Friction', 1, 3, 2, true],
      ['Sanctions', 2, 1, 1, true],
      ['Oil', 3, 1, 1, false],
      ['Hedging', 1, 3, 3, false],
    ]);
  });

  test('a deleted focused tag hands focus to the first row', async () => {
    const { wb, tree } = await setup();
    tree.focus('hedging');
    await new Codebook(wb).remove('hedging');
    expect(tree.current?.id).toBe('cooperation');
  });
});

describe('drag and drop → moveTag', () => {
  test.each<[string, string, string, DropZone, { parentId: string | null; index: number } | null, string]>([
    ['on a tag: last under it', 'hedging', 'cooperation', 'on', { parentId: 'cooperation', index: 0 }, 'Codebook: move “Hedging” under “Cooperation”.'],
    ['before a tag: its sibling, just before', 'hedging', 'cooperation', 'before', { parentId: null, index: 0 }, 'Codebook: move “Hedging” before “Cooperation”.'],
    ['after a leaf: its sibling, just after', 'cooperation', 'hedging', 'after', { parentId: null, index: 2 }, 'Codebook: move “Cooperation” after “Hedging”.'],
    ['after an open parent: its first sub-tag', 'hedging', 'friction', 'after', { parentId: 'friction', index: 0 }, 'Codebook: move “Hedging” under “Friction”.'],
    ['between sub-tags of another parent: re-parented there', 'cooperation', 'oil', 'before', { parentId: 'sanctions', index: 0 }, 'Codebook: move “Cooperation” before “Oil”.'],
    ['onto its own sub-tag: refused, a cycle', 'friction', 'oil', 'on', null, 'Not moved: “Friction” cannot be moved under itself or one of its own sub-tags.'],
    ['onto itself: nothing', 'friction', 'friction', 'on', null, ''],
    ['where it already is: nothing moves', 'sanctions', 'friction', 'on', null, '“Sanctions” is already there.'],
  ])('%s', async (_what, dragged, over, zone, expected, message) => {
    const { main, wb, tree, said, ids } = await setup();
    wb.notices.clearStatus();
    tree.startDrag(idOf(dragged, ids));
    const shown = tree.dragOver(idOf(over, ids), zone);
    expect(shown?.problem === null).toBe(!message.startsWith('Not moved'));
    await tree.dropHere(idOf(over, ids), zone);
    expect(tree.dragging).toBeNull();
    if (expected) {
      expect(main.lastArgs('moveTag')).toEqual({ tagId: idOf(dragged, ids), parentId: expected.parentId && idOf(expected.parentId, ids), index: expected.index });
      expect(wb.notices.status).toBe(message);
      expect(tree.current?.id).toBe(idOf(dragged, ids));
    } else {
      expect(main.count('moveTag')).toBe(0);
      expect(said.join(' ')).toBe(message);
    }
  });

  test.each([
    [0, 'before'],
    [9, 'before'],
    [10, 'on'],
    [30, 'on'],
    [31, 'after'],
  ] as const)('a pointer %i px into a 40 px row drops %s', (offset, zone) => {
    expect(zoneAt(offset, 40)).toBe(zone);
  });
});

describe('key assignment', () => {
  test('a key another tag has moves to a sub-tag in one undoable step', async () => {
    const { main, wb, ids } = await setup();
    const codebook = new Codebook(wb);
    await codebook.setShortcut(ids.oil, '2');
    expect(wb.tagsById.get(ids.oil)?.shortcut).toBe('2');
    expect(wb.tagsById.get('friction')?.shortcut).toBeNull();
    expect(wb.notices.status).toBe('Codebook: give key 2 to “Oil” (taken from “Friction”).');
    await wb.runUndo();
    expect(main.tags.find((t) => t.id === 'friction')?.shortcut).toBe('2');
    expect(main.tags.find((t) => t.id === ids.oil)?.shortcut).toBe('5');
  });
});

describe('roll-up counts from tag sets', () => {
  test('a parent counts each passage of its sub-tags once; own counts stay own', async () => {
    const { wb, ids } = await setup();
    const tree = new TagTree(wb.tags);
    const docs = [
      { tagCounts: { friction: 1, [ids.sanctions]: 2, [ids.oil]: 1 }, tagSets: { [tagSetKey(['friction'])]: 1, [tagSetKey([ids.sanctions, ids.oil])]: 1, [tagSetKey([ids.sanctions])]: 1 } },
      { tagCounts: { hedging: 1, [ids.oil]: 1 }, tagSets: { [tagSetKey(['hedging', ids.oil])]: 1 } },
    ];
    expect(ownCounts(docs)).toEqual({ friction: 1, [ids.sanctions]: 2, [ids.oil]: 2, hedging: 1 });
    expect(rolledUpCounts(tree, docs)).toEqual({ friction: 4, [ids.sanctions]: 3, [ids.oil]: 2, hedging: 1 });
  });
});
