// The codebook editor through the main-process boundary: every edit checked, passages kept consistent, undo exact.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import type { ErrorCode } from '../../src/shared/result';
import type {
  Annotation,
  DocumentSummary,
  GlossDocument,
  PlacedAnnotation,
  Tag,
  TagChange,
  TagMoves,
} from '../../src/shared/types';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import { CodebookService } from '../../src/main/core/codebook-service';
import { TagStore } from '../../src/main/store/tag-store';
import { TagTree } from '../../src/shared/tag-tree';
import { callOn, refused, SEED_CORPUS, send, value } from './support/core-harness';

const DOC_A = '000_4ab67b766fb33eed';
const DOC_B = '001_05282a48bb000cda';
const TAG_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

// A clock the tests move on, so timestamps written by each step can be told apart.
let minute = 0;
const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, minute)) };
const tick = () => ++minute;
let ids = 0;

let dataDir: string;
let core: Core;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-codebook-'));
  core = await createCore({ dataDir, corpusDir: SEED_CORPUS, clock, newId: () => `p${++ids}` });
});
afterEach(async () => {
  await core.flush();
  await rm(dataDir, { recursive: true, force: true });
});

const call = callOn(() => core);
const listTags = (on: Core = core) => value<Tag[]>(call('listTags', {}, on));
const listed = (docId: string, on: Core = core) => value<PlacedAnnotation[]>(call('listAnnotations', { docId }, on));
const counts = async (docId: string) =>
  (await value<DocumentSummary[]>(call('listDocuments', {}))).find((d) => d.id === docId)!;

/** Every file under the data dir with its bytes, to prove a refused call wrote nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path] = await readFile(path, 'utf8');
    }
  }
  return files;
}

/** Tags a passage: the first 30 characters of the nth paragraph of a document. */
async function passage(docId: string, nth: number, tagIds: string[]): Promise<PlacedAnnotation> {
  const doc = await value<GlossDocument>(call('getDocument', { docId }));
  const block = doc.blocks.filter((b) => b.kind === 'paragraph')[nth]!;
  const start = block.start;
  const end = start + Math.min(30, block.end - block.start);
  return value(call('createAnnotation', { docId, start, end, exact: doc.text.slice(start, end), tagIds }));
}

/** The stored state a user can observe: the codebook and both documents' passages. */
async function state(on: Core = core) {
  return { tags: await listTags(on), a: await listed(DOC_A, on), b: await listed(DOC_B, on) };
}
const withoutModified = (ps: PlacedAnnotation[]) => ps.map(({ modified: _, ...rest }) => rest);

/** p1 [cooperation], p2 [friction, cooperation], p3 [hedging, friction] in A; p4 [friction], p5 [hedging] in B. */
async function seedPassages() {
  return {
    p1: await passage(DOC_A, 0, ['cooperation']),
    p2: await passage(DOC_A, 1, ['friction', 'cooperation']),
    p3: await passage(DOC_A, 2, ['hedging', 'friction']),
    p4: await passage(DOC_B, 0, ['friction']),
    p5: await passage(DOC_B, 1, ['hedging']),
  };
}

type Seeded = Awaited<ReturnType<typeof seedPassages>>;
/** A batch whose first change is good and whose second is not. */
const retag = (s: Seeded, bad: object) => ({
  changes: [
    { docId: DOC_A, annotationId: s.p1.id, tagIds: ['hedging'] },
    { docId: DOC_B, annotationId: s.p4.id, tagIds: [], ...bad },
  ],
});
const INVALID = 'invalid-argument';
// restoreTag args for a tag that clashes with the codebook in its id, unless `over` says otherwise.
const restore = (over: Partial<Tag>) => ({
  tag: { ...DEFAULT_TAGS[0]!, name: 'Zed', shortcut: null, ...over },
});
const refusals: [string, string, (s: Seeded) => unknown, ErrorCode][] = [
  ['a duplicate name', 'createTag', () => ({ name: 'Friction', color: '#123456' }), INVALID],
  ['a duplicate name, other case and spacing', 'createTag', () => ({ name: '  FRICTION ', color: '#123456' }), INVALID],
  ['a blank name', 'createTag', () => ({ name: '   ', color: '#123456' }), INVALID],
  ['a colour word', 'createTag', () => ({ name: 'New', color: 'red' }), INVALID],
  ['a short hex colour', 'createTag', () => ({ name: 'New', color: '#12345' }), INVALID],
  ['a chosen id', 'createTag', () => ({ name: 'New', color: '#123456', id: 'x' }), INVALID],
  ['a name of 201 characters', 'createTag', () => ({ name: 'n'.repeat(201), color: '#123456' }), 'too-large'],
  ['a parent not in the codebook', 'createTag', () => ({ name: 'New', color: '#123456', parentId: 'gossip' }), 'not-found'],
  ['restoring a tag under a parent not in the codebook', 'restoreTag', () => restore({ id: 'z', parentId: 'gossip' }), INVALID],
  ['a taken shortcut', 'updateTag', () => ({ tagId: 'friction', shortcut: '1' }), INVALID],
  ['a shortcut that is no key', 'updateTag', () => ({ tagId: 'friction', shortcut: '0' }), INVALID],
  ['another tag’s name', 'updateTag', () => ({ tagId: 'friction', name: 'hedging' }), INVALID],
  ['a bad colour', 'updateTag', () => ({ tagId: 'friction', color: '#ggg000' }), INVALID],
  ['an unknown tag', 'updateTag', () => ({ tagId: 'gossip', name: 'Gossip' }), 'not-found'],
  ['a merge into itself', 'mergeTags', () => ({ sourceId: 'friction', targetId: 'friction' }), INVALID],
  ['a merge of an unknown tag', 'mergeTags', () => ({ sourceId: 'gossip', targetId: 'friction' }), 'not-found'],
  ['a merge into an unknown tag', 'mergeTags', () => ({ sourceId: 'friction', targetId: 'gossip' }), 'not-found'],
  ['deleting an unknown tag', 'deleteTag', () => ({ tagId: 'gossip' }), 'not-found'],
  ['restoring a tag whose id exists', 'restoreTag', () => restore({}), INVALID],
  ['restoring a tag with a bad id', 'restoreTag', () => restore({ id: 'Zed' }), INVALID],
  ['restoring a tag whose name exists', 'restoreTag', () => restore({ id: 'z', name: 'HEDGING' }), INVALID],
  ['retagging an unknown passage', 'setPassageTags', (s) => retag(s, { annotationId: 'zz' }), 'not-found'],
  ['retagging with an unknown tag', 'setPassageTags', (s) => retag(s, { tagIds: ['x'] }), 'not-found'],
  ['retagging in an unknown document', 'setPassageTags', (s) => retag(s, { docId: 'nope' }), 'not-found'],
];

describe('refused calls answer a typed error and write nothing', () => {
  it.each(refusals)('%s (%s)', async (_name, method, args, code) => {
    const seeded = await seedPassages();
    const before = await snapshot();
    // Two annotation files (tags.json is written by the first codebook change, never by a read),
    // plus the text snapshots re-anchoring keeps and the backup generations (<file>.bak, .bak2).
    expect(Object.keys(before).filter((p) => !p.includes('/snapshots/') && !/\.bak\d*$/.test(p))).toHaveLength(2);
    await refused(send(core, method, args(seeded)), code);
    expect(await snapshot()).toEqual(before);
  });
});

describe('createTag', () => {
  it('hands out shortcuts 4 to 9, then none, and ids fit CSS names', async () => {
    const made: Tag[] = [];
    for (const name of ['Sanctions & Trade', 'Energy', 'Arms', 'Nuclear', 'Syria', 'Caspian', 'Extra']) {
      made.push(await value<Tag>(call('createTag', { name, color: '#AABBCC' })));
    }
    expect(made.map((t) => t.shortcut)).toEqual(['4', '5', '6', '7', '8', '9', null]);
    expect(made[0]).toEqual({
      id: 'sanctions-trade',
      name: 'Sanctions & Trade',
      color: '#aabbcc',
      description: '',
      shortcut: '4',
      parentId: null,
      order: 3,
    });
    expect(made.map((t) => t.order)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    for (const t of made) expect(t.id).toMatch(TAG_ID);
    expect((await listTags()).map((t) => t.id)).toEqual([...DEFAULT_TAGS.map((t) => t.id), ...made.map((t) => t.id)]);

    // A freed key is handed out again, lowest first.
    await value(call('deleteTag', { tagId: made[1]!.id }));
    expect(await value<Tag>(call('createTag', { name: 'Gas', color: '#000000' }))).toMatchObject({ shortcut: '5' });
  });

  it('makes ids from names with no Latin letters, unique when slugs collide', async () => {
    const ru = { name: 'Сотрудничество', color: '#123456', description: 'ru' };
    const first = await value<Tag>(call('createTag', ru));
    const second = await value<Tag>(call('createTag', { name: 'همکاری', color: '#123456' }));
    const accented = await value<Tag>(call('createTag', { name: 'Tehrān  talks', color: '#123456' }));
    const clash = await value<Tag>(call('createTag', { name: 'tehran-talks', color: '#123456' }));
    expect(first).toMatchObject({ id: 'tag', description: 'ru' });
    expect(second.id).toMatch(/^tag-[a-z0-9]+$/);
    expect(accented.id).toBe('tehran-talks');
    expect(clash.id).not.toBe('tehran-talks');
    for (const t of [first, second, accented, clash]) expect(t.id).toMatch(TAG_ID);
  });
});

describe('updateTag', () => {
  const good: [string, Record<string, unknown>, Partial<Tag>][] = [
    ['rename', { name: ' Discord ' }, { name: 'Discord' }],
    ['rename to its own name in another case', { name: 'FRICTION' }, { name: 'FRICTION' }],
    ['recolour', { color: '#FF0000' }, { color: '#ff0000' }],
    ['describe', { description: 'Rows and rivalry.' }, { description: 'Rows and rivalry.' }],
    ['free shortcut', { shortcut: '7' }, { shortcut: '7' }],
    ['no shortcut', { shortcut: null }, { shortcut: null }],
  ];
  it.each(good)('%s', async (_name, change, expected) => {
    const updated = await value<Tag>(call('updateTag', { tagId: 'friction', ...change }));
    expect(updated).toEqual({ ...DEFAULT_TAGS[1], ...expected });
    expect((await listTags())[1]).toEqual(updated);
  });
});

describe('mergeTags', () => {
  it('moves every passage of the source to the target once, removes the source, and reports the changes', async () => {
    const { p1, p2, p3, p4, p5 } = await seedPassages();
    tick();
    const { tags, changes } = await value<{ tags: Tag[]; changes: TagChange[] }>(
      call('mergeTags', { sourceId: 'friction', targetId: 'cooperation' }),
    );
    expect(tags.map((t) => t.id)).toEqual(['cooperation', 'hedging']);
    expect(changes).toEqual([
      { docId: DOC_A, annotationId: p2.id, before: ['friction', 'cooperation'], after: ['cooperation'] },
      { docId: DOC_A, annotationId: p3.id, before: ['hedging', 'friction'], after: ['hedging', 'cooperation'] },
      { docId: DOC_B, annotationId: p4.id, before: ['friction'], after: ['cooperation'] },
    ]);
    const a = await listed(DOC_A);
    expect(a.map((p) => p.tagIds)).toEqual([['cooperation'], ['cooperation'], ['hedging', 'cooperation']]);
    expect(a.find((p) => p.id === p1.id)!.modified).toBe(p1.modified); // untouched passages keep their stamp
    expect(a.find((p) => p.id === p2.id)!.modified).toBe(clock.now().toISOString());
    expect((await listed(DOC_B)).map((p) => p.tagIds)).toEqual([['cooperation'], p5.tagIds]);
    expect((await counts(DOC_A)).tagCounts).toEqual({ cooperation: 3, hedging: 1 });
    expect((await counts(DOC_B)).tagCounts).toEqual({ cooperation: 1, hedging: 1 });
  });
});

describe('deleteTag', () => {
  it('takes the tag off passages, keeps their other tags, and keeps passages left untagged', async () => {
    const { p2, p3, p4 } = await seedPassages();
    const deleted = call('deleteTag', { tagId: 'friction' });
    const { tags, changes } = await value<{ tags: Tag[]; changes: TagChange[] }>(deleted);
    expect(tags).toEqual([DEFAULT_TAGS[0], DEFAULT_TAGS[2]]);
    expect(changes.map((c) => [c.annotationId, c.after])).toEqual([
      [p2.id, ['cooperation']],
      [p3.id, ['hedging']],
      [p4.id, []],
    ]);
    expect((await listed(DOC_B)).map((p) => [p.id, p.tagIds])).toEqual([
      [p4.id, []],
      [expect.any(String), ['hedging']],
    ]);
    expect(await counts(DOC_B)).toMatchObject({ passageCount: 2, tagCounts: { hedging: 1 } });
  });
});

describe('nested tags', () => {
  it('creates tags under a parent, last among its children; the same name may sit under two parents, never twice under one', async () => {
    const sanctions = await value<Tag>(call('createTag', { name: 'Sanctions', color: '#123456', parentId: 'friction' }));
    const rivalry = await value<Tag>(call('createTag', { name: 'Rivalry', color: '#123456', parentId: 'friction' }));
    const oil = await value<Tag>(call('createTag', { name: 'Oil', color: '#123456', parentId: sanctions.id }));
    const other = await value<Tag>(call('createTag', { name: 'Sanctions', color: '#123456', parentId: 'cooperation' }));
    expect([sanctions, rivalry, oil, other].map((t) => [t.parentId, t.order])).toEqual([['friction', 0], ['friction', 1], [sanctions.id, 0], ['cooperation', 0]]);
    expect(other.id).not.toBe(sanctions.id);
    expect((await listTags()).map((t) => t.name)).toEqual(['Cooperation', 'Sanctions', 'Friction', 'Sanctions', 'Oil', 'Rivalry', 'Hedging']);
    const message = await refused(call('createTag', { name: ' sanctions', color: '#123456', parentId: 'friction' }), INVALID);
    expect(message).toBe('There is already a tag called “Sanctions” under “Friction”. The codebook was not changed.');
  });

  it('takes a name of 200 characters, kept whole', async () => {
    const name = `${'Long code name '.repeat(14)}`.slice(0, 199) + '.';
    expect(name).toHaveLength(200);
    expect((await value<Tag>(call('createTag', { name, color: '#123456' }))).name).toBe(name);
    expect((await listTags()).at(-1)!.name).toBe(name);
  });

  it('createTags nests a batch in one write: a parent may be an earlier tag of the batch', async () => {
    const tagStore = new TagStore({ dataDir });
    const codebook = new CodebookService({ tags: tagStore, store: {} as never, corpus: {} as never, clock });
    const made = await codebook.createTags([
      { name: 'Economy', color: '#123456' },
      { name: 'Trade', color: '#123456', parentIndex: 0 },
      { name: 'Oil', color: '#123456', parentIndex: 1 },
      { name: 'Arms', color: '#123456', parentId: 'cooperation' },
    ]);
    const tags = await tagStore.list();
    expect(made.map((t) => t.parentId)).toEqual([null, made[0]!.id, made[1]!.id, 'cooperation']);
    expect(tags.map((t) => t.name)).toEqual(['Cooperation', 'Arms', 'Friction', 'Hedging', 'Economy', 'Trade', 'Oil']);
    await expect(codebook.createTags([{ name: 'Loop', color: '#123456', parentIndex: 0 }])).rejects.toThrow(/names a parent that comes after it/);
    expect(await tagStore.list()).toEqual(tags);
  });
});

describe('moving, deleting and merging nested tags', () => {
  /** friction › {sanctions › oil, rivalry}; cooperation; hedging. */
  async function nest() {
    const make = (name: string, parentId: string | null) => value<Tag>(call('createTag', { name, color: '#123456', parentId }));
    const sanctions = await make('Sanctions', 'friction');
    const oil = await make('Oil', sanctions.id);
    const rivalry = await make('Rivalry', 'friction');
    return { sanctions, oil, rivalry };
  }
  const shape = (tags: Tag[]) => tags.map((t) => `${'  '.repeat(new TagTree(tags).level(t.id) - 1)}${t.name}`);
  type Moved = { tags: Tag[]; moves: TagMoves };

  it('moveTag re-parents a subtree and reorders, changing one record each time, and answers what moved', async () => {
    const { sanctions } = await nest();
    const moved = await value<Moved>(call('moveTag', { tagId: sanctions.id, parentId: 'cooperation', index: 0 }));
    expect(moved.moves).toEqual({
      before: [{ id: sanctions.id, parentId: 'friction', order: 0 }],
      after: [{ id: sanctions.id, parentId: 'cooperation', order: 0 }],
    });
    expect(shape(moved.tags)).toEqual(['Cooperation', '  Sanctions', '    Oil', 'Friction', '  Rivalry', 'Hedging']);
    const up = await value<Moved>(call('moveTag', { tagId: 'hedging', parentId: null, index: 0 }));
    expect(up.moves.after).toEqual([{ id: 'hedging', parentId: null, order: -1 }]);
    expect(shape(await listTags())[0]).toBe('Hedging');
    // Where it already is: nothing moves, nothing is written.
    expect((await value<Moved>(call('moveTag', { tagId: 'hedging', parentId: null, index: 0 }))).moves).toEqual({ before: [], after: [] });
  });

  it('moveTag → placeTags(before) gives back the codebook exactly', async () => {
    const { oil } = await nest();
    const original = await listTags();
    const { moves } = await value<Moved>(call('moveTag', { tagId: oil.id, parentId: null, index: 1 }));
    expect(await value(call('placeTags', { placements: moves.before }))).toEqual(original);
    expect(await listTags()).toEqual(original);
  });

  it.each([
    ['under itself', (_n: Nested) => ({ tagId: 'friction', parentId: 'friction', index: 0 }), INVALID, /cannot be moved under itself or one of its own sub-tags/],
    ['under its own sub-tag', (n: Nested) => ({ tagId: 'friction', parentId: n.oil.id, index: 0 }), INVALID, /cannot be moved under itself/],
    ['beside a sibling of the same name', (n: Nested) => ({ tagId: n.oil.id, parentId: 'friction', index: 0 }), INVALID, null],
    ['under an unknown tag', () => ({ tagId: 'hedging', parentId: 'gossip', index: 0 }), 'not-found', /There is no tag "gossip"/],
  ] as const)('moveTag refuses a move %s and writes nothing', async (_name, args, code, says) => {
    const n = await nest();
    if (says === null) await value(call('createTag', { name: 'OIL', color: '#123456', parentId: 'friction' }));
    const before = await snapshot();
    const message = await refused(call('moveTag', args(n)), code);
    expect(message).toMatch(says ?? /There is already a tag called “OIL” under “Friction”/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses placements that would break the tree, and writes nothing', async () => {
    const { oil } = await nest();
    const before = await snapshot();
    expect(await refused(call('placeTags', { placements: [{ id: 'friction', parentId: oil.id, order: 0 }] }), INVALID)).toMatch(/nested under itself/);
    expect(await snapshot()).toEqual(before);
  });

  it('deleting a parent moves its sub-tags up to its place; passages keep their other tags; undo restores all', async () => {
    const { sanctions, oil, rivalry } = await nest();
    const p1 = await passage(DOC_A, 0, ['friction', sanctions.id]);
    const original = await state();
    tick();
    const result = await value<{ tags: Tag[]; changes: TagChange[]; moves: TagMoves }>(call('deleteTag', { tagId: 'friction' }));
    expect(shape(result.tags)).toEqual(['Cooperation', 'Sanctions', '  Oil', 'Rivalry', 'Hedging']);
    expect(result.moves.before).toEqual([{ id: sanctions.id, parentId: 'friction', order: 0 }, { id: rivalry.id, parentId: 'friction', order: 1 }]);
    expect(result.moves.after.map((m) => m.parentId)).toEqual([null, null]);
    expect(result.changes).toEqual([{ docId: DOC_A, annotationId: p1.id, before: ['friction', sanctions.id], after: [sanctions.id] }]);
    expect(new TagTree(result.tags).parentOf(oil.id)?.id).toBe(sanctions.id);

    tick();
    await value(call('restoreTag', { tag: original.tags.find((t) => t.id === 'friction')! }));
    await value(call('placeTags', { placements: result.moves.before }));
    await value(call('setPassageTags', { changes: result.changes.map(({ docId, annotationId, before }) => ({ docId, annotationId, tagIds: before })) }));
    const restored = await state();
    expect(restored.tags).toEqual(original.tags);
    expect(withoutModified(restored.a)).toEqual(withoutModified(original.a));
  });

  it('deleting a nested parent moves its sub-tags to the grandparent; a name clash there refuses the deletion', async () => {
    const { sanctions, oil } = await nest();
    const deleted = await value<{ tags: Tag[] }>(call('deleteTag', { tagId: sanctions.id }));
    expect(shape(deleted.tags)).toEqual(['Cooperation', 'Friction', '  Oil', '  Rivalry', 'Hedging']);
    const inner = await value<Tag>(call('createTag', { name: 'Inner', color: '#123456', parentId: oil.id }));
    await value(call('createTag', { name: 'inner', color: '#123456', parentId: 'friction' }));
    const before = await snapshot();
    expect(await refused(call('deleteTag', { tagId: oil.id }), INVALID)).toBe(
      `The sub-tag “Inner” of “Oil” would move to “Friction”, which already has a tag called “inner”. Rename or move one of them first. The codebook was not changed.`,
    );
    expect(await snapshot()).toEqual(before);
    expect(new TagTree(await listTags()).parentOf(inner.id)?.id).toBe(oil.id);
  });

  it('merging hands the sub-tags to the target, after its own; merging into its own sub-tag is refused', async () => {
    const { sanctions, rivalry } = await nest();
    const merged = await value<{ tags: Tag[]; moves: TagMoves }>(call('mergeTags', { sourceId: 'friction', targetId: 'hedging' }));
    expect(shape(merged.tags)).toEqual(['Cooperation', 'Hedging', '  Sanctions', '    Oil', '  Rivalry']);
    expect(merged.moves.before.map((m) => m.id)).toEqual([sanctions.id, rivalry.id]);
    expect(await refused(call('mergeTags', { sourceId: 'hedging', targetId: sanctions.id }), INVALID)).toMatch(
      /“Hedging” cannot be merged into its own sub-tag “Sanctions”; move that sub-tag out first/,
    );
  });
});
type Nested = { sanctions: Tag; oil: Tag; rivalry: Tag };

describe('undo', () => {
  it.each([
    ['deleteTag', { tagId: 'friction' }],
    ['mergeTags', { sourceId: 'friction', targetId: 'hedging' }],
  ])('%s → restoreTag + setPassageTags(before) gives back the codebook and passages', async (method, args) => {
    await seedPassages();
    const original = await state();
    tick();
    const { changes } = (await value(send(core, method, args))) as { changes: TagChange[] };
    tick();
    expect(await value(call('restoreTag', { tag: DEFAULT_TAGS[1]! }))).toEqual(original.tags);
    const undo = changes.map(({ docId, annotationId, before }) => ({ docId, annotationId, tagIds: before }));
    expect(await value(call('setPassageTags', { changes: undo }))).toEqual({ updated: changes.length });

    const restored = await state();
    expect(restored.tags).toEqual(original.tags);
    expect(withoutModified(restored.a)).toEqual(withoutModified(original.a));
    expect(withoutModified(restored.b)).toEqual(withoutModified(original.b));
  });

  it('deleteAnnotation → restoreAnnotation gives back the identical passage, once', async () => {
    const { p3 } = await seedPassages();
    const original = await listed(DOC_A);
    await value(call('deleteAnnotation', { docId: DOC_A, annotationId: p3.id }));
    const { state: _s, range: _r, ...annotation } = p3;
    tick();
    expect(await value(call('restoreAnnotation', { annotation }))).toEqual(p3);
    expect(await listed(DOC_A)).toEqual(original);
    await refused(call('restoreAnnotation', { annotation }), 'invalid-argument');
  });

  it.each([
    ['unknown tag', (a: Annotation) => ({ ...a, tagIds: ['gossip'] }), 'not-found'],
    ['unknown document', (a: Annotation) => ({ ...a, docId: 'nope' }), 'not-found'],
    ['extra key', (a: Annotation) => ({ ...a, state: 'anchored' }), INVALID],
  ] as const)('restoreAnnotation refuses an %s and writes nothing', async (_name, change, code) => {
    const p = await passage(DOC_A, 0, ['hedging']);
    await value(call('deleteAnnotation', { docId: DOC_A, annotationId: p.id }));
    const { state: _s, range: _r, ...annotation } = p;
    const before = await snapshot();
    await refused(call('restoreAnnotation', { annotation: change(annotation) }), code);
    expect(await snapshot()).toEqual(before);
  });

  it('restoreTag drops a shortcut taken meanwhile, and puts the tag back at its order', async () => {
    await value(call('deleteTag', { tagId: 'hedging' }));
    await value(call('updateTag', { tagId: 'friction', shortcut: '3' }));
    const tags = await value<Tag[]>(call('restoreTag', { tag: DEFAULT_TAGS[2]! }));
    expect(tags.at(-1)).toEqual({ ...DEFAULT_TAGS[2], shortcut: null });
  });
});

describe('concurrent calls', () => {
  it('a passage tagged while its tag is deleted never keeps the deleted tag', async () => {
    const doc = await value<GlossDocument>(call('getDocument', { docId: DOC_A }));
    const block = doc.blocks.find((b) => b.kind === 'paragraph')!;
    const [start, end] = [block.start, block.start + 20];
    const args = { docId: DOC_A, start, end, exact: doc.text.slice(start, end) };
    await listTags();
    const outcomes = await Promise.all([
      call('createAnnotation', { ...args, tagIds: ['friction'] }),
      call('deleteTag', { tagId: 'friction' }),
      call('createAnnotation', { ...args, tagIds: ['friction', 'hedging'] }),
    ]);
    expect(outcomes.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'not-found']);
    expect((await listed(DOC_A)).map((p) => p.tagIds)).toEqual([[]]);
  });

  it('tags created at once get distinct ids and shortcuts', async () => {
    const made = await Promise.all(
      ['One', 'one ', 'Two', 'Three'].map((name) => call('createTag', { name, color: '#123456' })),
    );
    const outcomes = made.map((r) => (r.ok ? (r.value as Tag).shortcut : r.error.code));
    expect(outcomes).toEqual(['4', INVALID, '5', '6']);
  });
});

describe('persistence and damaged stores', () => {
  it('a fresh core over the same data dir sees the same codebook and passages', async () => {
    await seedPassages();
    await value(call('createTag', { name: 'Energy', color: '#112233' }));
    await value(call('mergeTags', { sourceId: 'friction', targetId: 'energy' }));
    await value(call('moveTag', { tagId: 'energy', parentId: null, index: 0 }));
    await value(call('moveTag', { tagId: 'cooperation', parentId: null, index: 2 }));
    await value(call('updateTag', { tagId: 'energy', shortcut: '2' }));
    await value(call('deleteTag', { tagId: 'hedging' }));
    await core.flush();
    const reopened = await createCore({ dataDir, corpusDir: SEED_CORPUS, clock });
    expect(await state(reopened)).toEqual(await state());
    expect((await listTags(reopened)).map((t) => [t.id, t.shortcut])).toEqual([
      ['energy', '2'],
      ['cooperation', '1'],
    ]);
  });

  it.each([
    ['mergeTags', { sourceId: 'friction', targetId: 'hedging' }],
    ['deleteTag', { tagId: 'friction' }],
  ])('%s fails up front, naming the document, when an annotation file is unreadable', async (method, args) => {
    await seedPassages();
    await core.flush();
    // A damaged file for a document no call has opened yet in this core.
    const dir = join(dataDir, 'corpora/default/annotations');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '004_602bfc5574c20f0a.json'), '{"schemaVersion": 1, "docId": ');
    const before = await snapshot();
    const message = await refused(send(core, method, args), 'store-unreadable');
    expect(message).toContain('004_602bfc5574c20f0a');
    expect(await snapshot()).toEqual(before);
    expect((await listTags()).map((t) => t.id)).toContain('friction');
  });
});
