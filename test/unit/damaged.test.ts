// Damaged files and backups: moved aside on first read (never deleted or overwritten), reported with their backups, restored on request.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import { SettingsService } from '../../src/main/core/settings-service';
import type { DamageReport } from '../../src/main/store/damage';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import { annotation, rejectsWith, removeTempDirs, tempDataDir } from './store-helpers';
import { FaultyOps } from './support/faulty-ops';

afterEach(removeTempDirs);

const rows: string[] = [];
afterAll(() => {
  console.log(`Damaged annotation files (app mode): ${rows.length} kinds\n${rows.join('\n')}`);
});

const NOW = new Date('2025-03-04T05:06:07.089Z');
const STAMP = '2025-03-04T05-06-07.089Z';
const appIo = (reports: DamageReport[] = []) => ({ damaged: 'move-aside' as const, now: () => NOW, onDamaged: (r: DamageReport) => reports.push(r) });
const ids = (list: { id: string }[]) => list.map((a) => a.id);

/** A document saved three times (a1; a1 a2; a1 a2 a3), so .bak holds two passages and .bak2 one. */
async function threeSaves(dataDir: string): Promise<string> {
  const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
  for (const id of ['a1', 'a2', 'a3']) await store.add('doc', annotation('doc', id));
  return store.fileOf('doc');
}

const valid = JSON.stringify({ schemaVersion: 1, docId: 'doc', annotations: [annotation('doc', 'a1')] });
const damage: { name: string; bytes: Buffer; says: RegExp }[] = [
  { name: 'truncated', bytes: Buffer.from(valid.slice(0, 40)), says: /not valid JSON/ },
  { name: 'zero-filled', bytes: Buffer.alloc(2048), says: /only zero bytes/ },
  { name: 'empty', bytes: Buffer.alloc(0), says: /it is empty/ },
  { name: 'invalid JSON', bytes: Buffer.from('{"schemaVersion": 1, docId: nope}'), says: /not valid JSON/ },
  { name: 'wrong shape', bytes: Buffer.from('{"schemaVersion": 1, "docId": "doc", "annotations": [{"id": 5}]}'), says: /expected structure/ },
  { name: "another document's file", bytes: Buffer.from(valid.replace('"doc"', '"other"')), says: /belongs to another document/ },
];

describe('a damaged annotation file, as the app opens it', () => {
  it.each(damage)('$name: moved aside byte-identical, reported with backups, restored', async ({ name, bytes, says }) => {
    const dataDir = await tempDataDir();
    const file = await threeSaves(dataDir);
    await writeFile(file, bytes);
    const reports: DamageReport[] = [];
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo(reports));

    const err = await rejectsWith(store.list('doc'), 'store-unreadable');
    const movedTo = `${file}.damaged-${STAMP}`;
    expect(err.message).toContain(file);
    expect(err.message).toContain(movedTo);
    expect(err.message).toMatch(says);
    expect(await readFile(movedTo)).toEqual(bytes);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    // Read-only until restored: no write may create a new file where the damaged one was.
    await rejectsWith(store.add('doc', annotation('doc', 'b1')), 'store-unreadable');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(reports).toEqual([{ file, movedTo, reason: expect.stringMatching(says), message: err.message }]);

    const [found, ...others] = await store.damaged();
    expect(others).toEqual([]);
    expect(found).toMatchObject({ docId: 'doc', file, movedTo, reason: expect.stringMatching(says) });
    expect(found!.backups.map((b) => [b.generation, b.passages])).toEqual([[1, 2], [2, 1]]);
    expect(Date.parse(found!.backups[0]!.savedAt)).toBeGreaterThanOrEqual(Date.parse(found!.backups[1]!.savedAt));

    expect(ids(await store.restoreBackup('doc', 1))).toEqual(['a1', 'a2']);
    expect(ids(await store.list('doc'))).toEqual(['a1', 'a2']);
    const offered = found!.backups.map((b) => `gen ${b.generation}: ${b.passages} passages`).join(', ');
    rows.push(`  ${name.padEnd(24)} moved to ${basename(movedTo)}; backups offered: ${offered}; restored gen 1 (2 passages)`);
    await store.add('doc', annotation('doc', 'b1'));
    expect(ids(await new AnnotationStore({ dataDir, corpusKey: 'c1' }).list('doc'))).toEqual(['a1', 'a2', 'b1']);
    expect(await store.damaged()).toEqual([]);
    expect(await readFile(movedTo)).toEqual(bytes);
  });

  it('stays damaged across a restart until restored, and the CLI (report only) sees the same', async () => {
    const dataDir = await tempDataDir();
    const file = await threeSaves(dataDir);
    await writeFile(file, '{"schemaVersion": 1, "docId": "doc", "annot');
    await rejectsWith(new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo()).list('doc'), 'store-unreadable');

    // The next start: the file is gone, but it is not an empty document.
    const again = new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo());
    const [found] = await again.damaged(); // before anything was read: found from the folder
    expect(found).toMatchObject({ docId: 'doc', movedTo: `${file}.damaged-${STAMP}`, reason: expect.stringMatching(/not valid JSON/) });
    const err = await rejectsWith(again.add('doc', annotation('doc', 'x')), 'store-unreadable');
    expect(err.message).toMatch(/could not be opened earlier \(it is not valid JSON.*\) and was moved to .*restore a backup/);
    const cli = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await rejectsWith(cli.list('doc'), 'store-unreadable');
    expect((await readdir(dirname(file))).filter((n) => n.includes('damaged'))).toHaveLength(1);

    expect(ids(await again.restoreBackup('doc', 2))).toEqual(['a1']);
    expect(ids(await new AnnotationStore({ dataDir, corpusKey: 'c1' }).list('doc'))).toEqual(['a1']);
  });

  it('a file from a newer Glossator stays in place, read-only; restoring a backup moves it aside first', async () => {
    const dataDir = await tempDataDir();
    const file = await threeSaves(dataDir);
    const newer = JSON.stringify({ schemaVersion: 7, docId: 'doc', annotations: [], future: true });
    await writeFile(file, newer);
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo());
    const err = await rejectsWith(store.list('doc'), 'store-unreadable');
    expect(err.message).toMatch(/newer version of Glossator \(format version 7; this version reads up to 1\)\. The file has been left untouched\./);
    expect(await readFile(file, 'utf8')).toBe(newer);
    expect((await store.damaged())[0]).toMatchObject({ docId: 'doc', movedTo: null });

    await store.restoreBackup('doc', 1);
    expect(await readFile(`${file}.damaged-${STAMP}`, 'utf8')).toBe(newer);
    expect(ids(await store.list('doc'))).toEqual(['a1', 'a2']);
  });

  it('a file Glossator may not read (EACCES) stays in place and can be replaced by a backup', async () => {
    const dataDir = await tempDataDir();
    const file = await threeSaves(dataDir);
    const before = await readFile(file);
    const faulty = new FaultyOps();
    faulty.arm({ step: 'read', code: 'EACCES', times: 1, path: file });
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' }, { ...appIo(), ops: faulty.ops });
    const err = await rejectsWith(store.list('doc'), 'store-unreadable');
    expect(err.message).toContain('Glossator is not allowed to read it (EACCES); check its permissions');
    expect(await readFile(file)).toEqual(before);
    expect((await store.damaged())[0]).toMatchObject({ movedTo: null, backups: [{ generation: 1, passages: 2 }, { generation: 2, passages: 1 }] });
    await store.restoreBackup('doc', 2);
    expect(await readFile(`${file}.damaged-${STAMP}`)).toEqual(before);
    expect(ids(await store.list('doc'))).toEqual(['a1']);
  });

  it('with no backup, the document can start empty; the damaged file stays aside', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo());
    await mkdir(dirname(store.fileOf('doc')), { recursive: true });
    await writeFile(store.fileOf('doc'), 'garbage');
    await rejectsWith(store.list('doc'), 'store-unreadable');
    expect((await store.damaged())[0]!.backups).toEqual([]);
    await rejectsWith(store.restoreBackup('doc', 1), 'not-found');
    await store.startEmpty('doc');
    expect(await store.list('doc')).toEqual([]);
    await store.add('doc', annotation('doc', 'a1'));
    expect(await readFile(`${store.fileOf('doc')}.damaged-${STAMP}`, 'utf8')).toBe('garbage');
  });

  it('refuses restores that make no sense, and never offers an unusable backup', async () => {
    const dataDir = await tempDataDir();
    const file = await threeSaves(dataDir);
    await rejectsWith(new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo()).restoreBackup('doc', 1), 'invalid-argument');
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo());
    await writeFile(file, '');
    await writeFile(`${file}.bak`, '{');
    await rejectsWith(store.list('doc'), 'store-unreadable');
    expect((await store.damaged())[0]!.backups.map((b) => b.generation)).toEqual([2]);
    expect((await rejectsWith(store.restoreBackup('doc', 1), 'store-unreadable')).message).toMatch(/Backup 1 of .* cannot be used either: it is not valid JSON/);
    await rejectsWith(store.restoreBackup('doc', 3), 'invalid-argument');
    expect(ids(await store.restoreBackup('doc', 2))).toEqual(['a1']);
  });

  it('never overwrites an earlier moved-aside file of the same name', async () => {
    const dataDir = await tempDataDir();
    const file = await threeSaves(dataDir);
    await writeFile(`${file}.damaged-${STAMP}`, 'an earlier damaged copy');
    await writeFile(file, 'new damage');
    await rejectsWith(new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo()).list('doc'), 'store-unreadable');
    expect(await readFile(`${file}.damaged-${STAMP}`, 'utf8')).toBe('an earlier damaged copy');
    expect(await readFile(`${file}.damaged-${STAMP}-1`, 'utf8')).toBe('new damage');
  });
});

describe('a vanished annotation file whose backups remain', () => {
  it('is damage: 3 recoverable passages survive 3 saves, are reported with the backups and restored', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    for (const id of ['a1', 'a2', 'a3', 'a4']) await store.add('doc', annotation('doc', id));
    const file = store.fileOf('doc');
    await rm(file);
    const backupBytes = await Promise.all([readFile(`${file}.bak`), readFile(`${file}.bak2`)]);

    // Three saves, in the CLI (report only) and in the app (move aside): each is refused with the
    // reason, and neither rotates the backups away.
    for (const io of [{}, appIo(), appIo()]) {
      const again = new AnnotationStore({ dataDir, corpusKey: 'c1' }, io);
      const err = await rejectsWith(again.add('doc', annotation('doc', 'x')), 'store-unreadable');
      expect(err.message).toMatch(/it is missing, although its backups are still there/);
      expect(err.message).toContain(file);
    }
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await Promise.all([readFile(`${file}.bak`), readFile(`${file}.bak2`)])).toEqual(backupBytes);

    const reports: DamageReport[] = [];
    const app = new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo(reports));
    const [found, ...others] = await app.damaged(); // found from the folder, before anything was read
    expect(others).toEqual([]);
    expect(found).toMatchObject({ docId: 'doc', file, movedTo: null, reason: expect.stringMatching(/missing/) });
    expect(found!.backups.map((b) => [b.generation, b.passages])).toEqual([[1, 3], [2, 2]]);
    expect(reports).toHaveLength(1);
    expect(ids(await app.restoreBackup('doc', 1))).toEqual(['a1', 'a2', 'a3']);
    await app.add('doc', annotation('doc', 'b1'));
    expect(ids(await new AnnotationStore({ dataDir, corpusKey: 'c1' }).list('doc'))).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(await app.damaged()).toEqual([]);
  });

  it('a document that never had a file is empty, not damaged', async () => {
    const dataDir = await tempDataDir();
    await threeSaves(dataDir);
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' }, appIo());
    expect(await store.list('other')).toEqual([]);
    expect(await store.damaged()).toEqual([]);
  });
});

describe('backup generations', () => {
  it('are hard links to the versions each save replaced: .bak the last, .bak2 the one before', async () => {
    const dataDir = await tempDataDir();
    const store = new AnnotationStore({ dataDir, corpusKey: 'c1' });
    await store.add('doc', annotation('doc', 'a1'));
    const file = store.fileOf('doc');
    const first = (await stat(file)).ino;
    await store.add('doc', annotation('doc', 'a2'));
    expect((await stat(`${file}.bak`)).ino).toBe(first);
    await store.add('doc', annotation('doc', 'a3'));
    expect((await stat(`${file}.bak2`)).ino).toBe(first);
    const count = async (f: string) => (JSON.parse(await readFile(f, 'utf8')) as { annotations: unknown[] }).annotations.length;
    expect([await count(file), await count(`${file}.bak`), await count(`${file}.bak2`)]).toEqual([3, 2, 1]);
    expect((await readdir(dirname(file))).sort()).toEqual(['doc.json', 'doc.json.bak', 'doc.json.bak2']);
    expect(await store.documentIds()).toEqual(['doc']);
  });
});

describe('the codebook and the settings', () => {
  it('a damaged tags.json is moved aside and never replaced by the default codebook', async () => {
    const dataDir = await tempDataDir();
    const tags = new TagStore({ dataDir });
    await tags.add({ id: 'mine', name: 'Mine', color: '#123456', description: '', shortcut: null, parentId: null, order: 9 });
    await tags.update('mine', { description: 'kept' });
    const file = join(dataDir, 'tags.json');
    await writeFile(file, '{"schemaVersion": 1, "tags": [');

    for (let start = 0; start < 2; start++) {
      // Twice: the first start moves it aside, the second finds it gone but still unresolved.
      const app = new TagStore({ dataDir }, appIo());
      await rejectsWith(app.list(), 'store-unreadable');
      expect(app.damage).toMatchObject({ file, movedTo: `${file}.damaged-${STAMP}` });
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    }
    const app = new TagStore({ dataDir }, appIo());
    await app.list().catch(() => undefined);
    // The starting tags were written with the first change, so two saves leave one generation.
    expect((await app.backups()).map((b) => [b.generation, b.tags])).toEqual([[1, DEFAULT_TAGS.length + 1]]);
    const restored = await app.restoreBackup(1);
    expect(restored.find((t) => t.id === 'mine')?.description).toBe('');
    expect((await app.list()).map((t) => t.id)).toContain('mine');
  });

  it('damaged settings give the defaults and refuse changes until restored', async () => {
    const dataDir = await tempDataDir();
    const file = join(dataDir, 'settings.json');
    await writeFile(file, Buffer.alloc(64));
    const settings = new SettingsService({ dataDir }, appIo());
    expect((await settings.get()).theme).toBe('system');
    await rejectsWith(settings.update({ theme: 'dark' }), 'store-unreadable');
    expect(settings.problem).toContain(`${basename(file)}.damaged-${STAMP}`);
    expect(await readFile(`${file}.damaged-${STAMP}`)).toEqual(Buffer.alloc(64));
  });
});
