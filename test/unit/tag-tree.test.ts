// The codebook tree helpers: order, ancestry, path names, roll-up sets, checks of a stored tree and move plans.
import { describe, expect, it } from 'vitest';
import {
  TagTree,
  ancestorsOf,
  checkTree,
  childrenOf,
  descendantsOf,
  expandWithDescendants,
  levelOf,
  orderAtEnd,
  orderBetween,
  pathNameOf,
  placementsOf,
  planMove,
  treeOrder,
  type TagPlacement,
  type TreeNode,
} from '../../src/shared/tag-tree';
import { MAX_TAG_DEPTH } from '../../src/shared/limits';

const node = (id: string, parentId: string | null, order: number, name = id[0]!.toUpperCase() + id.slice(1)): TreeNode => ({ id, name, parentId, order });

// friction
//   sanctions
//     oil
//   rivalry
// cooperation
//   arms
// hedging
// Listed out of order on purpose: the helpers must not depend on the array's order.
const CODEBOOK: TreeNode[] = [
  node('oil', 'sanctions', 0),
  node('hedging', null, 2),
  node('rivalry', 'friction', 5),
  node('cooperation', null, 1),
  node('sanctions', 'friction', 1.5),
  node('arms', 'cooperation', 0),
  node('friction', null, 0),
];
const ids = (list: readonly TreeNode[]) => list.map((t) => t.id);

describe('reading the tree', () => {
  it.each([
    [null, ['friction', 'cooperation', 'hedging']],
    ['friction', ['sanctions', 'rivalry']],
    ['sanctions', ['oil']],
    ['oil', []],
    ['nope', []],
  ])('children of %s, in sibling order', (parent, want) => {
    expect(ids(childrenOf(CODEBOOK, parent))).toEqual(want);
  });

  it.each([
    ['friction', ['sanctions', 'oil', 'rivalry']],
    ['sanctions', ['oil']],
    ['hedging', []],
    ['nope', []],
  ])('descendants of %s, in tree order', (id, want) => {
    expect(ids(descendantsOf(CODEBOOK, id))).toEqual(want);
  });

  it.each([
    ['oil', ['sanctions', 'friction'], 3, 'Friction › Sanctions › Oil'],
    ['rivalry', ['friction'], 2, 'Friction › Rivalry'],
    ['hedging', [], 1, 'Hedging'],
    ['nope', [], 0, ''],
  ])('%s: ancestors nearest first, level, path name', (id, ancestors, level, path) => {
    expect(ids(ancestorsOf(CODEBOOK, id))).toEqual(ancestors);
    expect(levelOf(CODEBOOK, id)).toBe(level);
    expect(pathNameOf(CODEBOOK, id)).toBe(path);
  });

  it('lists every tag depth first, each parent before its children', () => {
    expect(ids(treeOrder(CODEBOOK))).toEqual(['friction', 'sanctions', 'oil', 'rivalry', 'cooperation', 'arms', 'hedging']);
  });

  it('breaks ties of order by id, so every reader sees one order', () => {
    expect(ids(treeOrder([node('b', null, 1), node('a', null, 1), node('c', null, 0)]))).toEqual(['c', 'a', 'b']);
  });

  it.each([
    ['a parent', ['friction'], ['friction', 'sanctions', 'oil', 'rivalry']],
    ['a leaf', ['oil'], ['oil']],
    ['a parent and its child, each once', ['sanctions', 'friction'], ['friction', 'sanctions', 'oil', 'rivalry']],
    ['an unknown id, kept last', ['gone', 'arms'], ['arms', 'gone']],
    ['nothing', [], []],
  ])('expandWithDescendants of %s', (_name, from, want) => {
    expect(expandWithDescendants(CODEBOOK, from)).toEqual(want);
  });

  it.each([
    ['a leaf', ['oil'], ['oil', 'sanctions', 'friction']],
    ['two children of one parent: the parent once', ['oil', 'rivalry'], ['oil', 'sanctions', 'friction', 'rivalry']],
    ['tags of two branches', ['arms', 'hedging'], ['arms', 'cooperation', 'hedging']],
  ])('withAncestors (what a passage counts under) of %s', (_name, from, want) => {
    expect([...new TagTree(CODEBOOK).withAncestors(from)]).toEqual(want);
  });

  it('height counts the levels of a subtree', () => {
    const tree = new TagTree(CODEBOOK);
    expect([tree.height('friction'), tree.height('sanctions'), tree.height('oil'), tree.height('hedging')]).toEqual([3, 2, 1, 1]);
  });

  it('still lists every tag of a damaged tree: a missing parent counts as top level, a cycle comes last', () => {
    const damaged = [node('a', 'gone', 0), node('x', 'y', 0), node('y', 'x', 0), node('b', null, 1)];
    const tree = new TagTree(damaged);
    expect(ids(tree.children(null))).toEqual(['a', 'b']);
    expect(ids(tree.ordered())).toEqual(['a', 'b', 'x', 'y']);
    expect(ids(tree.ancestors('x'))).toEqual(['y']);
    expect(tree.pathName('x')).toBe('Y › X');
  });
});

describe('checkTree', () => {
  const deep = Array.from({ length: MAX_TAG_DEPTH + 1 }, (_, i) => node(`l${i}`, i === 0 ? null : `l${i - 1}`, 0));
  it.each([
    ['a sound tree', CODEBOOK, []],
    ['the same name under two parents', [...CODEBOOK, node('oil2', 'cooperation', 1, 'Oil')], []],
    [`nesting ${MAX_TAG_DEPTH} levels deep`, deep.slice(0, MAX_TAG_DEPTH), []],
    ['a parent not in the codebook', [node('a', 'gone', 0, 'Alpha')], ['“Alpha” is nested under "gone", which is not in the codebook.']],
    ['a tag nested under itself', [node('a', 'a', 0, 'Alpha')], ['“Alpha” is nested under itself.']],
    ['a cycle', [node('a', 'b', 0, 'Alpha'), node('b', 'a', 0, 'Beta')], ['“Alpha” is nested under itself (through “Beta”).', '“Beta” is nested under itself (through “Alpha”).']],
    [`nesting ${MAX_TAG_DEPTH + 1} levels deep`, deep, [`“L${MAX_TAG_DEPTH}” is nested ${MAX_TAG_DEPTH + 1} levels deep; at most ${MAX_TAG_DEPTH} are allowed.`]],
    ['siblings named alike, other case and spacing', [...CODEBOOK, node('oil2', 'sanctions', 1, ' OIL')], ['There is already a tag called “Oil” under “Friction › Sanctions”.']],
    ['top-level twins', [node('a', null, 0, 'Same'), node('b', null, 1, 'same')], ['There is already a tag called “Same” at the top level.']],
    ['a repeated id', [node('a', null, 0, 'One'), node('a', null, 1, 'Two')], ['The id "a" is used by two tags.']],
    ['an order that is no number', [node('a', null, Number.NaN, 'Alpha')], ['“Alpha” has no valid place among its siblings.']],
  ])('%s', (_name, tags, problems) => {
    expect(checkTree(tags)).toEqual(problems);
  });
});

describe('orders and moves', () => {
  it.each([
    [undefined, undefined, 0],
    [undefined, 3, 2],
    [3, undefined, 4],
    [1, 2, 1.5],
    [1, 1, null],
    [1, 1 + Number.EPSILON, null],
  ])('orderBetween(%s, %s) = %s', (before, after, want) => {
    expect(orderBetween(before, after)).toBe(want);
  });

  it('a new tag goes last among its siblings', () => {
    expect([orderAtEnd(CODEBOOK, null), orderAtEnd(CODEBOOK, 'friction'), orderAtEnd(CODEBOOK, 'oil')]).toEqual([3, 6, 0]);
  });

  const apply = (tags: TreeNode[], changes: TagPlacement[]) =>
    tags.map((t) => {
      const c = changes.find((x) => x.id === t.id);
      return c ? { ...t, parentId: c.parentId, order: c.order } : t;
    });

  it.each([
    ['to the front of the top level', 'hedging', null, 0, [{ id: 'hedging', parentId: null, order: -1 }], ['hedging', 'friction', 'cooperation']],
    ['between two top-level tags', 'hedging', null, 1, [{ id: 'hedging', parentId: null, order: 0.5 }], ['friction', 'hedging', 'cooperation']],
    ['under another tag, last', 'hedging', 'friction', 9, [{ id: 'hedging', parentId: 'friction', order: 6 }], ['sanctions', 'rivalry', 'hedging']],
    ['a subtree up to the top level', 'sanctions', null, 3, [{ id: 'sanctions', parentId: null, order: 3 }], ['friction', 'cooperation', 'hedging', 'sanctions']],
    ['into an empty parent', 'arms', 'hedging', 0, [{ id: 'arms', parentId: 'hedging', order: 0 }], ['arms']],
    ['where it already is', 'rivalry', 'friction', 1, [], ['sanctions', 'rivalry']],
  ] as const)('moves a tag %s, changing one record', (_name, id, parent, index, changes, siblings) => {
    const plan = planMove(CODEBOOK, id, parent, index);
    expect(plan).toEqual({ ok: true, changes });
    const after = apply(CODEBOOK, plan.ok ? plan.changes : []);
    expect(checkTree(after)).toEqual([]);
    expect(ids(childrenOf(after, parent))).toEqual(siblings);
    // The moved subtree comes along.
    expect(ids(descendantsOf(after, id))).toEqual(ids(descendantsOf(CODEBOOK, id)));
  });

  it('renumbers the siblings only when no number fits between the neighbours, and only those that change', () => {
    const crowded = [node('a', null, 0), node('b', null, 1), node('c', null, 1 + Number.EPSILON), node('d', null, 5), node('z', null, 9)];
    const plan = planMove(crowded, 'z', null, 2);
    expect(plan).toEqual({
      ok: true,
      changes: [
        { id: 'z', parentId: null, order: 2 },
        { id: 'c', parentId: null, order: 3 },
        { id: 'd', parentId: null, order: 4 },
      ],
    });
    expect(ids(treeOrder(apply(crowded, plan.ok ? plan.changes : [])))).toEqual(['a', 'b', 'z', 'c', 'd']);
  });

  it.each([
    ['under itself', 'friction', 'friction', /cannot be moved under itself or one of its own sub-tags/],
    ['under its own descendant', 'friction', 'oil', /cannot be moved under itself or one of its own sub-tags/],
    ['under an unknown tag', 'hedging', 'gone', /There is no tag "gone"/],
    ['an unknown tag', 'gone', null, /There is no tag "gone"/],
    ['beside a sibling of the same name', 'oil', 'cooperation', null],
  ] as const)('refuses a move %s', (_name, id, parent, says) => {
    const tags = says === null ? [...CODEBOOK, node('oil2', 'cooperation', 1, 'oil')] : CODEBOOK;
    const plan = planMove(tags, id, parent, 0);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.problem).toMatch(says ?? /There is already a tag called “oil” under “Cooperation”/);
  });

  it(`refuses a move that would nest deeper than ${MAX_TAG_DEPTH} levels, counting the moved subtree`, () => {
    const chain = Array.from({ length: MAX_TAG_DEPTH - 1 }, (_, i) => node(`l${i}`, i === 0 ? null : `l${i - 1}`, 0));
    const tags = [...chain, node('p', null, 1), node('q', 'p', 0)];
    expect(planMove(tags, 'q', `l${MAX_TAG_DEPTH - 2}`, 0).ok).toBe(true);
    const plan = planMove(tags, 'p', `l${MAX_TAG_DEPTH - 2}`, 0);
    expect(plan).toEqual({ ok: false, problem: `Moving “P” under “L${MAX_TAG_DEPTH - 2}” would nest tags ${MAX_TAG_DEPTH + 1} levels deep; at most ${MAX_TAG_DEPTH} are allowed.` });
  });

  it('placementsOf gives the inverse of a move: applying it restores the tree', () => {
    const plan = planMove(CODEBOOK, 'sanctions', 'cooperation', 0);
    if (!plan.ok) throw new Error(plan.problem);
    const undo = placementsOf(CODEBOOK, plan.changes.map((c) => c.id));
    const back = apply(apply(CODEBOOK, plan.changes), undo);
    expect(treeOrder(back)).toEqual(treeOrder(CODEBOOK));
  });
});
