// The durable write path on real files: no temp files left behind, readers never see a partial file.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { describeOsError, fsyncDir } from '../../src/main/store/durable-write';
import { annotationFileSchema } from '../../src/main/store/schemas';
import { annotation, removeTempDirs, tempDataDir } from './store-helpers';

afterEach(removeTempDirs);

// Each save goes through writeDurably: it opens a temp file with a unique name next to the
// target ("<doc>.json.tmp-<pid>-<n>"), writes the whole JSON, fsyncs it, closes it and renames it
// over the target; the store queues concurrent saves to the same path. Rename replaces the directory entry
// atomically, so a reader opens either the old or the new file, never a half-written one. The
// writer then fsyncs the containing directory so the rename itself survives a power cut.
describe('durable writes', () => {
  it('leaves no temp files next to the data', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.add(`doc${i % 3}`, annotation(`doc${i % 3}`, `a${i}`))),
    );
    await store.update('doc0', 'a0', (a) => ({ ...a, note: 'x' }));
    await store.remove('doc1', 'a1');
    const files = await readdir(join(dataDir, 'corpora', 'c1', 'annotations'));
    // Besides each file, the two versions before it (<file>.bak, <file>.bak2), and nothing else.
    expect(files.sort()).toEqual(['doc0', 'doc1', 'doc2'].flatMap((d) => [`${d}.json`, `${d}.json.bak`, `${d}.json.bak2`]));
  });

  it('readers only ever see a complete old or new version during a stream of large writes', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    const file = join(dataDir, 'corpora', 'c1', 'annotations', 'big.json');
    const big = 'Russia and Iran '.repeat(16_000); // ~256 KB per annotation
    await store.add('big', annotation('big', 'a0', { note: big }));

    let writing = true;
    const seen = new Set<number>();
    let reads = 0;
    const reader = async () => {
      while (writing) {
        const text = await readFile(file, 'utf8');
        const parsed = annotationFileSchema.parse(JSON.parse(text)); // throws on a partial file
        for (const a of parsed.annotations) expect(a.note).toBe(big);
        seen.add(parsed.annotations.length);
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    };
    // Settled promptly so a partial read fails this test, not as an unhandled rejection.
    const readers = Promise.allSettled([reader(), reader(), reader()]);
    const writes = Array.from({ length: 12 }, (_, i) => store.add('big', annotation('big', `a${i + 1}`, { note: big })));
    await Promise.all(writes);
    writing = false;
    for (const r of await readers) if (r.status === 'rejected') throw r.reason;

    expect(reads).toBeGreaterThan(0);
    for (const n of seen) expect(n).toBeGreaterThanOrEqual(1);
    expect(await store.list('big')).toHaveLength(13);
    expect((await readdir(join(dataDir, 'corpora', 'c1', 'annotations'))).sort()).toEqual(['big.json', 'big.json.bak', 'big.json.bak2']);
  });

  it('fsyncs directories, and reports a missing one', async () => {
    const dataDir = await tempDataDir();
    await mkdir(join(dataDir, 'sub'));
    await expect(fsyncDir(join(dataDir, 'sub'))).resolves.toBeUndefined();
    await expect(fsyncDir(join(dataDir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('describes OS errors in plain words with their code', () => {
    const err = Object.assign(new Error('ENOSPC: raw'), { code: 'ENOSPC' });
    expect(describeOsError(err)).toBe('no space left on device (ENOSPC)');
  });
});
