// AnnotationStore behaviour on real files: round trips, persistence, ordering of concurrent writes, ids, write failures.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { annotationFileSchema } from '../../src/main/store/schemas';
import { annotation, rejectsWith, removeTempDirs, tempDataDir, tree } from './store-helpers';

afterEach(removeTempDirs);

const docFile = (dataDir: string, doc: string, corpus = 'c1') =>
  join(dataDir, 'corpora', corpus, 'annotations', `${doc}.json`);

describe('AnnotationStore round trip', () => {
  it('adds, lists, updates and removes, and a new instance sees the same data', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });

    expect(await store.list('doc1')).toEqual([]);
    // A missing file stays missing until the first change.
    expect(await tree(dataDir)).toEqual([]);

    await store.add('doc1', annotation('doc1', 'a1'));
    await store.add('doc1', annotation('doc1', 'a2', { note: 'second' }));
    expect((await store.list('doc1')).map((a) => a.id)).toEqual(['a1', 'a2']);

    const updated = await store.update('doc1', 'a1', (a) => ({ ...a, note: 'edited', tagIds: ['friction'] }));
    expect(updated).toMatchObject({ id: 'a1', note: 'edited', tagIds: ['friction'] });
    await store.remove('doc1', 'a2');

    const file = JSON.parse(await readFile(docFile(dataDir, 'doc1'), 'utf8'));
    expect(file).toMatchObject({ schemaVersion: 1, docId: 'doc1' });

    const reopened = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    expect(await reopened.list('doc1')).toEqual([annotation('doc1', 'a1', { note: 'edited', tagIds: ['friction'] })]);
  });

  it('answers not-found for unknown annotations and leaves the file alone', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await store.add('doc1', annotation('doc1', 'a1'));
    const before = await readFile(docFile(dataDir, 'doc1'));

    await rejectsWith(store.update('doc1', 'nope', (a) => a), 'not-found');
    await rejectsWith(store.remove('doc1', 'nope'), 'not-found');
    expect(await readFile(docFile(dataDir, 'doc1'))).toEqual(before);
  });

  it('rejects duplicates, foreign docIds and id changes without writing', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await store.add('doc1', annotation('doc1', 'a1'));

    await rejectsWith(store.add('doc1', annotation('doc1', 'a1')), 'invalid-argument');
    await rejectsWith(store.add('doc1', annotation('doc2', 'a9')), 'invalid-argument');
    await rejectsWith(store.update('doc1', 'a1', (a) => ({ ...a, id: 'other' })), 'invalid-argument');
    expect((await store.list('doc1')).map((a) => a.id)).toEqual(['a1']);
  });

  it('hands out copies, so callers cannot change stored state', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    const a = annotation('doc1', 'a1');
    await store.add('doc1', a);
    a.note = 'changed by caller';
    (await store.list('doc1'))[0]!.note = 'changed again';
    expect((await store.list('doc1'))[0]!.note).toBe('');
  });
});

describe('AnnotationStore concurrency', () => {
  it('lands 200 concurrent adds on one doc, plus another doc, in call order', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    const ids = Array.from({ length: 200 }, (_, i) => `a${String(i).padStart(3, '0')}`);
    const resolved: string[] = [];

    const adds = ids.map((id) => store.add('doc1', annotation('doc1', id)).then(() => resolved.push(id)));
    const others = ids.slice(0, 50).map((id) => store.add('doc2', annotation('doc2', id)));
    await Promise.all([...adds, ...others]);

    expect(resolved).toEqual(ids);
    expect((await store.list('doc1')).map((a) => a.id)).toEqual(ids);

    const onDisk = annotationFileSchema.parse(JSON.parse(await readFile(docFile(dataDir, 'doc1'), 'utf8')));
    expect(onDisk.annotations.map((a) => a.id)).toEqual(ids);

    const fresh = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    expect((await fresh.list('doc1')).map((a) => a.id)).toEqual(ids);
    expect((await fresh.list('doc2')).map((a) => a.id)).toEqual(ids.slice(0, 50));
  });

  it('acknowledges only once the data is on disk, and flush() waits for queued writes', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await store.add('doc1', annotation('doc1', 'a1'));
    expect(await readFile(docFile(dataDir, 'doc1'), 'utf8')).toContain('"a1"');

    for (let i = 2; i <= 20; i++) void store.add('doc1', annotation('doc1', `a${i}`));
    await store.flush();
    const onDisk = JSON.parse(await readFile(docFile(dataDir, 'doc1'), 'utf8'));
    expect(onDisk.annotations).toHaveLength(20);
  });
});

describe('path safety', () => {
  const bad = ['../x', 'a/b', 'a\\b', '', '.hidden', 'x'.repeat(200), '..', 'a.json', 'a b'];

  it.each(bad)('rejects docId %j before touching the disk', async (docId) => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await rejectsWith(store.list(docId), 'invalid-argument');
    await rejectsWith(store.add(docId, annotation(docId, 'a1')), 'invalid-argument');
    await rejectsWith(store.update(docId, 'a1', (a) => a), 'invalid-argument');
    await rejectsWith(store.remove(docId, 'a1'), 'invalid-argument');
    expect(() => store.problem(docId)).toThrow(/Invalid document id/);
    expect(await tree(dataDir)).toEqual([]);
  });

  it.each(bad)('rejects corpusKey %j', async (corpusKey) => {
    const dataDir = await tempDataDir();
    expect(() => new AnnotationStore({ dataDir, corpusKey })).toThrow(/Invalid corpus key/);
    expect(await tree(dataDir)).toEqual([]);
  });

  it('accepts the longest allowed id (128 characters)', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    const docId = `A${'b_-'.repeat(42)}9`;
    expect(docId).toHaveLength(128);
    await store.add(docId, annotation(docId, 'a1'));
    expect(await store.list(docId)).toHaveLength(1);
  });
});

describe('write failures', () => {
  it('a new document whose folder is blocked by a file: io-error, memory unchanged, retry succeeds', async () => {
    const dataDir = await tempDataDir();
    const annotationsDir = join(dataDir, 'corpora', 'c1', 'annotations');
    await mkdir(join(dataDir, 'corpora', 'c1'), { recursive: true });
    await writeFile(annotationsDir, 'not a folder');
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });

    const err = await rejectsWith(store.add('doc1', annotation('doc1', 'a1')), 'io-error');
    expect(err.message).toContain(docFile(dataDir, 'doc1'));
    expect(err.message).toMatch(/\((ENOTDIR|EEXIST)\)/);
    expect(err.message).toContain('Your previous data is unchanged.');
    expect(await store.list('doc1')).toEqual([]);

    await rm(annotationsDir);
    await store.add('doc1', annotation('doc1', 'a1'));
    expect((await new AnnotationStore({ dataDir, corpusKey: 'c1' }).list('doc1')).map((a) => a.id)).toEqual(['a1']);
  });

  it('an existing document: the failed change is rolled back and a retry keeps the earlier data', async () => {
    const dataDir = await tempDataDir();
    const annotationsDir = join(dataDir, 'corpora', 'c1', 'annotations');
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await store.add('doc1', annotation('doc1', 'a1'));

    await rename(annotationsDir, `${annotationsDir}.aside`);
    await writeFile(annotationsDir, 'obstacle');
    await rejectsWith(store.add('doc1', annotation('doc1', 'a2')), 'io-error');
    await rejectsWith(store.update('doc1', 'a1', (a) => ({ ...a, note: 'lost?' })), 'io-error');
    expect(await store.list('doc1')).toEqual([annotation('doc1', 'a1')]);

    await rm(annotationsDir);
    await rename(`${annotationsDir}.aside`, annotationsDir);
    await store.add('doc1', annotation('doc1', 'a2'));
    const fresh = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    expect((await fresh.list('doc1')).map((a) => [a.id, a.note])).toEqual([
      ['a1', ''],
      ['a2', ''],
    ]);
  });
});
