// AnnotationStore.updateMany: several passages of one document change in one durable write, or none do.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { annotation, rejectsWith, removeTempDirs, tempDataDir } from './store-helpers';

afterEach(removeTempDirs);

describe('updateMany', () => {
  it('changes every listed passage in one write, and a fresh store reads them back', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'default' });
    for (const id of ['a', 'b', 'c']) await store.add('doc', annotation('doc', id));
    const retag = (tagIds: string[]) => (x: ReturnType<typeof annotation>) => ({ ...x, tagIds });
    await store.updateMany('doc', new Map([['a', retag(['friction'])], ['c', retag([])]]));
    const fresh = new AnnotationStore({ dataDir, corpusKey: 'default' });
    const tags = Object.fromEntries((await fresh.list('doc')).map((x) => [x.id, x.tagIds]));
    expect(tags).toEqual({ a: ['friction'], b: annotation('doc', 'b').tagIds, c: [] });
  });

  it('writes nothing when one passage is unknown', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'default' });
    await store.add('doc', annotation('doc', 'a'));
    const before = await readFile(store.fileOf('doc'), 'utf8');
    const retag = (x: ReturnType<typeof annotation>) => ({ ...x, tagIds: ['hedging'] });
    await rejectsWith(store.updateMany('doc', new Map([['a', retag], ['missing', retag]])), 'not-found');
    expect(await readFile(store.fileOf('doc'), 'utf8')).toBe(before);
    expect((await store.list('doc'))[0]?.tagIds).toEqual(annotation('doc', 'a').tagIds);
  });
});
