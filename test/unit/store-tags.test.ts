// TagStore: seeds the default codebook once, persists it, and never duplicates it.
import { afterEach, describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TagStore } from '../../src/main/store/tag-store';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import { removeTempDirs, tempDataDir } from './store-helpers';

afterEach(removeTempDirs);

describe('TagStore', () => {
  it('seeds DEFAULT_TAGS on first open and writes them', async () => {
    const dataDir = await tempDataDir();
    const tags = new TagStore({ dataDir });
    expect(await tags.list()).toEqual(DEFAULT_TAGS);
    const file = JSON.parse(await readFile(join(dataDir, 'tags.json'), 'utf8'));
    expect(file).toEqual({ schemaVersion: 1, tags: DEFAULT_TAGS });
  });

  it('seeds once under concurrent calls, and a second instance does not duplicate or rewrite', async () => {
    const dataDir = await tempDataDir();
    const first = new TagStore({ dataDir });
    const lists = await Promise.all([first.list(), first.list(), first.get('friction'), first.list()]);
    expect(lists[0]).toHaveLength(DEFAULT_TAGS.length);
    const file = join(dataDir, 'tags.json');
    const before = await stat(file);
    const bytes = await readFile(file);

    const second = new TagStore({ dataDir });
    expect(await second.list()).toEqual(DEFAULT_TAGS);
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
