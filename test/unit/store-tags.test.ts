// TagStore: answers the default codebook without writing it, writes it with the first change, never duplicates it; batches are one write.
import { afterEach, describe, expect, it } from 'vitest';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TagStore } from '../../src/main/store/tag-store';
import { TAG_FILE_VERSION } from '../../src/main/store/schemas';
import { type FileOps, realFileOps } from '../../src/main/store/file-ops';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import type { Tag } from '../../src/shared/types';
import { rejectsWith, removeTempDirs, tempDataDir } from './store-helpers';

afterEach(removeTempDirs);

describe('TagStore', () => {
  it('answers DEFAULT_TAGS without writing (a read-only command writes nothing); the first change writes them with it', async () => {
    const dataDir = await tempDataDir();
    const tags = new TagStore({ dataDir });
    expect(await tags.list()).toEqual(DEFAULT_TAGS);
    expect(await tags.get('friction')).toMatchObject({ name: 'Friction' });
    await tags.flush();
    expect(await readdir(dataDir)).toEqual([]);

    await tags.add(mine('mine'));
    const file = JSON.parse(await readFile(join(dataDir, 'tags.json'), 'utf8'));
    expect(file).toEqual({ schemaVersion: TAG_FILE_VERSION, tags: [...DEFAULT_TAGS, mine('mine')] });
  });

  it('writes the starting tags once under concurrent changes, and a second instance does not duplicate or rewrite', async () => {
    const dataDir = await tempDataDir();
    const first = new TagStore({ dataDir });
    await Promise.all([first.list(), first.add(mine('a')), first.list(), first.add(mine('b', undefined, 101))]);
    const lists = await Promise.all([first.list(), first.get('friction')]);
    expect(lists[0]).toEqual([...DEFAULT_TAGS, mine('a'), mine('b', undefined, 101)]);
    const file = join(dataDir, 'tags.json');
    const before = await stat(file);
    const bytes = await readFile(file);

    const second = new TagStore({ dataDir });
    expect(await second.list()).toEqual([...DEFAULT_TAGS, mine('a'), mine('b', undefined, 101)]);
    await second.flush();
    expect(await readFile(file)).toEqual(bytes);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('gets a tag by id, and undefined for an unknown id', async () => {
    const tags = new TagStore({ dataDir: await tempDataDir() });
    expect(await tags.get('hedging')).toMatchObject({ name: 'Hedging', shortcut: '3' });
    expect(await tags.get('nope')).toBeUndefined();
  });

  it('hands out copies, so DEFAULT_TAGS and the stored codebook cannot be changed by callers', async () => {
    const tags = new TagStore({ dataDir: await tempDataDir() });
    (await tags.list())[0]!.name = 'Changed';
    expect((await tags.list())[0]!.name).toBe('Cooperation');
    expect(DEFAULT_TAGS[0]!.name).toBe('Cooperation');
  });
});

function mine(id: string, name = `Mine ${id}`, order = 100): Tag {
  return { id, name, color: '#123456', description: '', shortcut: null, parentId: null, order };
}

/** Real file-system calls, counting the files a store creates (one temp file per durable write). */
function countingOps(): { ops: FileOps; writes: () => number } {
  let n = 0;
  return {
    ops: { ...realFileOps, create: (file) => ((n += 1), realFileOps.create(file)) },
    writes: () => n,
  };
}

describe('a vanished tags.json', () => {
  it('whose backups remain is damage: reported, nothing written, backups offered and restorable', async () => {
    const dataDir = await tempDataDir();
    const seed = new TagStore({ dataDir });
    for (const id of ['c1', 'c2', 'c3']) await seed.add(mine(id));
    const file = join(dataDir, 'tags.json');
    await rm(file);
    const before = (await readdir(dataDir)).sort();

    // The CLI (report only): `list` fails with the reason instead of answering the starting tags,
    // under which the custom-tagged passages would show as untagged; and it writes nothing.
    const cli = new TagStore({ dataDir });
    const err = await rejectsWith(cli.list(), 'store-unreadable');
    expect(err.message).toMatch(/tags\.json: it is missing, although its backups are still there/);
    await rejectsWith(cli.add(mine('x')), 'store-unreadable');
    for (let i = 0; i < 3; i++) await rejectsWith(cli.update('c1', { description: `save ${i}` }), 'store-unreadable');
    await cli.flush();
    expect((await readdir(dataDir)).sort()).toEqual(before);

    const app = new TagStore({ dataDir }, { damaged: 'move-aside' });
    await rejectsWith(app.list(), 'store-unreadable');
    expect(app.damage).toMatchObject({ file, movedTo: null });
    expect((await app.backups()).map((b) => [b.generation, b.tags])).toEqual([
      [1, DEFAULT_TAGS.length + 2],
      [2, DEFAULT_TAGS.length + 1],
    ]);
    expect((await app.restoreBackup(1)).map((t) => t.id)).toEqual([...DEFAULT_TAGS.map((t) => t.id), 'c1', 'c2']);
    expect((await new TagStore({ dataDir }).list()).map((t) => t.id)).toContain('c2');
  });
});

describe('TagStore.addMany', () => {
  it('adds thousands of tags in one durable write', async () => {
    const dataDir = await tempDataDir();
    const counted = countingOps();
    const tags = new TagStore({ dataDir }, { ops: counted.ops });
    await tags.list();
    const many = Array.from({ length: 3000 }, (_, i) => mine(`t${i}`, undefined, 100 + i));
    const codebook = await tags.addMany(many);
    expect(counted.writes()).toBe(1);
    expect(codebook).toEqual([...DEFAULT_TAGS, ...many]);
    expect(await new TagStore({ dataDir }).list()).toEqual([...DEFAULT_TAGS, ...many]);
  });

  it.each([
    ['an id the codebook has', [mine('a'), mine('friction')], /already has a tag with the id "friction"/],
    ['a name the codebook has', [mine('a'), mine('b', ' friction')], /already a tag called “Friction” at the top level/],
    ['two tags of one name', [mine('a', 'Same'), mine('b', 'same')], /already a tag called “Same” at the top level/],
    ['two tags of one id', [mine('a'), mine('a', 'Other')], /already has a tag with the id "a"/],
  ])('refuses a batch with %s, and writes none of it', async (_name, batch, says) => {
    const dataDir = await tempDataDir();
    const tags = new TagStore({ dataDir });
    await tags.add(mine('first'));
    const bytes = await readFile(join(dataDir, 'tags.json'));
    const err = await rejectsWith(tags.addMany(batch), 'invalid-argument');
    expect(err.message).toMatch(says);
    expect(await readFile(join(dataDir, 'tags.json'))).toEqual(bytes);
    expect((await tags.list()).map((t) => t.id)).toEqual([...DEFAULT_TAGS.map((t) => t.id), 'first']);
  });
});
