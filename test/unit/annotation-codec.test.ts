// Annotation files' codec: shared frozen state replaced by every write, checks of what changed, one passage per line.
import { afterEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { encodeAnnotationFile, isSealed } from '../../src/main/store/annotation-codec';
import { annotationFileSchema, type AnnotationFile } from '../../src/main/store/schemas';
import type { Annotation } from '../../src/shared/types';
import { annotation, rejectsWith, removeTempDirs, tempDataDir } from './store-helpers';

afterEach(removeTempDirs);

/** A store whose file holds a1, a2, a3 after three saves (so two backup generations exist). */
async function seeded(): Promise<{ dataDir: string; store: AnnotationStore; file: string }> {
  const dataDir = await tempDataDir();
  const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
  for (const id of ['a1', 'a2', 'a3']) await store.add('doc', annotation('doc', id, { note: `note ${id}` }));
  return { dataDir, store, file: store.fileOf('doc') };
}

/** A store over the same folder whose file was damaged after the seeding: restore and start-empty apply. */
async function damaged(dataDir: string, file: string): Promise<AnnotationStore> {
  await writeFile(file, '{"schemaVersion":1,"docId":"doc","annotations":[{');
  const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
  await rejectsWith(store.list('doc'), 'store-unreadable');
  return store;
}

function expectFrozen(file: Readonly<AnnotationFile>): void {
  expect(Object.isFrozen(file)).toBe(true);
  expect(Object.isFrozen(file.annotations)).toBe(true);
  for (const a of file.annotations) {
    for (const part of [a, a.target, a.target.position, a.target.quote, a.tagIds]) expect(Object.isFrozen(part)).toBe(true);
    expect(isSealed(a)).toBe(true);
  }
}

const ids = (file: Readonly<AnnotationFile>) => file.annotations.map((a) => a.id);

describe('every write replaces the shared state, which stays frozen and equal to the file', () => {
  // name, the write (answers the store that made it), the ids after it; restore and start-empty
  // replace the state wholesale, the others share every passage they did not change.
  const writes: [string, (s: AnnotationStore, dataDir: string, file: string) => Promise<AnnotationStore>, string[]][] = [
    ['add', async (s) => (await s.add('doc', annotation('doc', 'a4')), s), ['a1', 'a2', 'a3', 'a4']],
    ['update', async (s) => (await s.update('doc', 'a2', (a) => ({ ...a, tagIds: ['hedging'] })), s), ['a1', 'a2', 'a3']],
    [
      'updateMany',
      async (s) => (await s.updateMany('doc', new Map([['a1', (a: Annotation) => ({ ...a, note: 'x' })], ['a3', (a: Annotation) => ({ ...a, note: 'y' })]])), s),
      ['a1', 'a2', 'a3'],
    ],
    ['remove', async (s) => (await s.remove('doc', 'a2'), s), ['a1', 'a3']],
    ['restoreBackup', async (_s, dataDir, file) => { const s = await damaged(dataDir, file); await s.restoreBackup('doc', 1); return s; }, ['a1', 'a2']],
    ['startEmpty', async (_s, dataDir, file) => { const s = await damaged(dataDir, file); await s.startEmpty('doc'); return s; }, []],
  ];

  it.each(writes)('%s', async (name, write, want) => {
    const { dataDir, store, file } = await seeded();
    const before = await store.current('doc');
    expectFrozen(before);
    const writer = await write(store, dataDir, file);
    const after = await writer.current('doc');
    expect(after).not.toBe(before);
    expect(ids(after)).toEqual(want);
    expectFrozen(after);
    // Memory equals the file, and a fresh store reads the same.
    const onDisk = annotationFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(after).toEqual(onDisk);
    expect(await new AnnotationStore({ dataDir, corpusKey: 'c1' }).current('doc')).toEqual(onDisk);
    if (name === 'restoreBackup' || name === 'startEmpty') return;
    // Unchanged passages are shared with the state before, not copied.
    for (const a of after.annotations) {
      const old = before.annotations.find((b) => b.id === a.id)!;
      if (JSON.stringify(old) === JSON.stringify(a)) expect(a).toBe(old);
      else expect(a).not.toBe(old);
    }
  });

  it('a read leaves the state as it is', async () => {
    const { store } = await seeded();
    const first = await store.current('doc');
    await store.list('doc');
    expect(await store.current('doc')).toBe(first);
  });

  it('list() answers copies the caller may change', async () => {
    const { store } = await seeded();
    const list = await store.list('doc');
    list[0]!.tagIds.push('friction');
    expect((await store.current('doc')).annotations[0]!.tagIds).toEqual(['cooperation']);
  });
});

describe('a save checks the passages it has not checked before', () => {
  it('a mutator that changes a stored passage in place fails and writes nothing', async () => {
    const { store, file } = await seeded();
    const bytes = await readFile(file);
    const internal = store as unknown as { storeOf(d: string): { update(m: (f: AnnotationFile) => void): Promise<void> } };
    await expect(internal.storeOf('doc').update((f) => void (f.annotations[0]!.note = 'changed in place'))).rejects.toThrow(TypeError);
    expect(await readFile(file)).toEqual(bytes);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['a negative offset', { target: { position: { start: -1, end: 5 }, quote: { exact: 'x', prefix: '', suffix: '' }, contentHash: 'h' } }, /annotations\.0\.target\.position\.start/],
    ['a note that is not text', { note: 7 }, /annotations\.0\.note/],
    ['tags not a list', { tagIds: 'cooperation' }, /annotations\.0\.tagIds/],
  ];
  it.each(bad)('%s is refused with the whole-file message, and nothing is written', async (_name, over, where) => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await store.add('doc', annotation('doc', 'a1'));
    const bytes = await readFile(store.fileOf('doc'));
    // Frozen but never checked: freezing alone does not let a passage through.
    const err = await rejectsWith(store.update('doc', 'a1', (a) => Object.freeze({ ...a, ...over }) as Annotation), 'invalid-argument');
    expect(err.message).toMatch(/^Refusing to save .*: the data is not in the stored format \(/);
    expect(err.message).toMatch(where);
    expect(await readFile(store.fileOf('doc'))).toEqual(bytes);
  });

  it('fields the format does not have are left out of memory and the file', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    const placed = { ...annotation('doc', 'a1'), state: 'anchored', range: { start: 0, end: 5 } } as Annotation;
    await store.add('doc', placed);
    expect(Object.keys((await store.current('doc')).annotations[0]!)).not.toContain('state');
    expect(await readFile(store.fileOf('doc'), 'utf8')).not.toContain('"state"');
  });
});

describe('the file layout', () => {
  it('has one passage per line and reads back as the same data', () => {
    const file: AnnotationFile = { schemaVersion: 1, docId: 'doc', annotations: [annotation('doc', 'a1'), annotation('doc', 'a2', { note: 'two\nlines "quoted" ✓' })] };
    const text = encodeAnnotationFile(file).toString('utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"schemaVersion":1,"docId":"doc","annotations":[');
    expect(JSON.parse(lines[1]!.replace(/,$/, ''))).toEqual(file.annotations[0]);
    expect(JSON.parse(lines[2]!)).toEqual(file.annotations[1]);
    expect(lines.slice(3)).toEqual([']}', '']);
    expect(JSON.parse(text)).toEqual(file);
  });

  it('writes an empty file compactly', () => {
    expect(encodeAnnotationFile({ schemaVersion: 1, docId: 'doc', annotations: [] }).toString()).toBe(
      '{"schemaVersion":1,"docId":"doc","annotations":[]}\n',
    );
  });

  it('a save after a change writes the same bytes as encoding the whole state afresh', async () => {
    const { store, file } = await seeded();
    await store.update('doc', 'a2', (a) => ({ ...a, note: 'changed' }));
    const fresh = encodeAnnotationFile(JSON.parse(JSON.stringify(await store.current('doc'))) as AnnotationFile);
    expect(await readFile(file)).toEqual(fresh);
  });
});
