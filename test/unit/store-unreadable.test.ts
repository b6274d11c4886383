// Unreadable annotation and tag files: refused in plain words, never overwritten, other documents unaffected.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import { annotation, rejectsWith, removeTempDirs, tempDataDir } from './store-helpers';

afterEach(removeTempDirs);

const valid = JSON.stringify({ schemaVersion: 1, docId: 'doc1', annotations: [annotation('doc1', 'a1')] }, null, 2);

const cases: { name: string; bytes: Buffer; says: RegExp }[] = [
  { name: 'truncated JSON', bytes: Buffer.from(valid.slice(0, valid.length / 2)), says: /not valid JSON/ },
  { name: 'zero bytes of NULs', bytes: Buffer.alloc(4096), says: /only zero bytes/ },
  { name: 'empty file', bytes: Buffer.alloc(0), says: /it is empty/ },
  { name: 'invalid JSON', bytes: Buffer.from('{"schemaVersion": 1, docId: nope}'), says: /not valid JSON/ },
  {
    name: 'wrong shape',
    bytes: Buffer.from(JSON.stringify({ schemaVersion: 1, docId: 'doc1', annotations: [{ id: 5 }] })),
    says: /expected structure \(annotations\.0\./,
  },
  {
    name: 'schemaVersion 99',
    bytes: Buffer.from(JSON.stringify({ schemaVersion: 99, docId: 'doc1', annotations: [], extra: {} })),
    says: /newer version of Glossator \(format version 99; this version reads up to 1\)/,
  },
  {
    name: 'a file of another document',
    bytes: Buffer.from(valid.replace('"docId": "doc1"', '"docId": "other"')),
    says: /belongs to another document/,
  },
];

describe('unreadable annotation files', () => {
  it.each(cases)('$name: refused, reported, and left byte-identical', async ({ bytes, says }) => {
    const dataDir = await tempDataDir();
    const dir = join(dataDir, 'corpora', 'c1', 'annotations');
    const file = join(dir, 'doc1.json');
    await mkdir(dir, { recursive: true });
    await writeFile(file, bytes);
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });

    const err = await rejectsWith(store.list('doc1'), 'store-unreadable');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(says);
    expect(store.problem('doc1')).toBe(err.message);

    // Every later operation answers with the same error and writes nothing.
    expect(await rejectsWith(store.add('doc1', annotation('doc1', 'a2')), 'store-unreadable')).toBe(err);
    await rejectsWith(store.update('doc1', 'a1', (a) => ({ ...a, note: 'x' })), 'store-unreadable');
    await rejectsWith(store.remove('doc1', 'a1'), 'store-unreadable');
    await rejectsWith(store.list('doc1'), 'store-unreadable');
    await store.flush();

    // A fresh instance whose first call is a write refuses too.
    const fresh = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await rejectsWith(fresh.add('doc1', annotation('doc1', 'a3')), 'store-unreadable');
    expect(fresh.problem('doc1')).toMatch(says);

    expect(await readFile(file)).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['doc1.json']);

    // Other documents are unaffected.
    await store.add('doc2', annotation('doc2', 'b1'));
    expect(await store.list('doc2')).toHaveLength(1);
    expect(store.problem('doc2')).toBeNull();
  });

  it('reads a file saved with a byte-order mark', async () => {
    const dataDir = await tempDataDir();
    const dir = join(dataDir, 'corpora', 'c1', 'annotations');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'doc1.json'), `\uFEFF${valid}`);
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    expect(await store.list('doc1')).toEqual([annotation('doc1', 'a1')]);
  });
});

describe('unreadable tag file', () => {
  it('is refused and never replaced by the default codebook', async () => {
    const dataDir = await tempDataDir();
    const file = join(dataDir, 'tags.json');
    await writeFile(file, '{"schemaVersion": 1, "tags": [');
    const tags = new TagStore({ dataDir });

    const err = await rejectsWith(tags.list(), 'store-unreadable');
    expect(err.message).toContain(file);
    expect(tags.problem).toBe(err.message);
    await rejectsWith(tags.get('friction'), 'store-unreadable');
    expect(await readFile(file, 'utf8')).toBe('{"schemaVersion": 1, "tags": [');
  });
});
