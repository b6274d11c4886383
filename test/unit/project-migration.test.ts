// Making a corpus folder a project: today's data (written by the current store code and the checked-in fixtures) migrates without loss, idempotently.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { CoverageStore } from '../../src/main/store/coverage-store';
import { MetadataStore } from '../../src/main/store/metadata-store';
import { MemoStore } from '../../src/main/store/memo-store';
import { SnapshotStore } from '../../src/main/store/snapshots';
import { hashText } from '../../src/main/corpus/corpus';
import { coderPaths, projectPaths } from '../../src/main/store/layout';
import { findProject, makeProject, openOrMakeProject, type ProjectFolderOptions } from '../../src/main/core/project/project-folder';
import { annotation, removeTempDirs, tempDataDir, tree } from './store-helpers';

afterEach(removeTempDirs);

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'stores');
const ana = { id: 'ana', name: 'Ana', color: '#0072b2', confirmed: true };
const ben = { id: 'ben', name: 'Ben', color: '#d55e00', confirmed: true };

async function setup() {
  const dataDir = await tempDataDir();
  const dir = await tempDataDir();
  let n = 0;
  const opts = (coder = ana): ProjectFolderOptions => ({
    dataDir,
    legacyKey: 'c1',
    coder,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    newId: () => `proj-${n++}`,
  });
  return { dataDir, dir, opts };
}

/** Today's layout, written by today's store code, plus the checked-in fixture files of every kind. */
async function writeLegacy(dataDir: string) {
  const place = { dataDir, corpusKey: 'c1' };
  const store = new AnnotationStore(place);
  await store.add('doc2', annotation('doc2', 'p1', { note: 'a note' }));
  await store.add('doc2', annotation('doc2', 'p2', { tagIds: ['friction', 'hedging'] }));
  await store.add('doc2', annotation('doc2', 'p2b'));
  await store.remove('doc2', 'p2b'); // leaves .bak backups behind
  await store.flush();
  const legacy = join(dataDir, 'corpora', 'c1');
  await copyFile(join(FIXTURES, 'annotations', 'v1.json'), join(legacy, 'annotations', 'doc1.json'));
  await mkdir(join(legacy, 'coverage'), { recursive: true });
  await copyFile(join(FIXTURES, 'coverage', 'v1.json'), join(legacy, 'coverage', 'doc1.json'));
  await copyFile(join(FIXTURES, 'metadata', 'v1.json'), join(legacy, 'metadata.json'));
  const text = 'The text a passage was made on.';
  await new SnapshotStore(place).save(hashText(text), text);
  await new MemoStore(place).change((m) => {
    m.push({ id: 'm1', subject: { kind: 'journal' }, text: 'First entry', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z' } as never);
  });
  return { legacy, place, snapshot: hashText(text) };
}

describe('making a folder a project', () => {
  it('migrates passages, notes, tags on passages, coverage, details, snapshots and memos under the current coder', async () => {
    const { dataDir, dir, opts } = await setup();
    const { legacy, place, snapshot } = await writeLegacy(dataDir);
    const before = await tree(legacy);
    const legacyPassages = {
      doc1: await new AnnotationStore(place).list('doc1'),
      doc2: await new AnnotationStore(place).list('doc2'),
    };
    const legacyMeta = new MetadataStore(place);
    await legacyMeta.open();

    const opened = await makeProject(dir, opts());
    expect(opened.migrated).toMatchObject({ documents: 2, passages: legacyPassages.doc1.length + 2, coverage: 1, snapshots: 1, memos: 1, keptAt: legacy });
    expect(opened.migrated!.metadata).toBeGreaterThan(0);

    const project = new AnnotationStore({ paths: opened.paths });
    expect(await project.documentIds()).toEqual(['doc1', 'doc2']);
    expect(await project.list('doc1')).toEqual([...legacyPassages.doc1].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(await project.list('doc2')).toEqual(legacyPassages.doc2);
    const passages = await readFile(join(coderPaths(dir, 'ana').passages, 'doc2.jsonl'), 'utf8');
    expect(passages.split('\n')[0]).toBe('{"format":"glossator-passages/1"}');

    const coverage = await new CoverageStore({ paths: opened.paths }).of('doc1', '').read();
    expect(coverage).toEqual(await new CoverageStore(place).of('doc1', '').read());
    const meta = new MetadataStore({ paths: opened.paths });
    await meta.open();
    expect(await meta.all()).toEqual(await legacyMeta.all());
    expect(await new SnapshotStore({ paths: opened.paths }).load(snapshot)).toBe('The text a passage was made on.');
    expect((await new MemoStore({ paths: opened.paths }).list()).map((m) => m.text)).toEqual(['First entry']);

    // The project's own files, and nothing of this machine's in them.
    const p = projectPaths(dir);
    expect(JSON.parse(await readFile(p.projectFile, 'utf8'))).toEqual({ format: 'glossator-project/1', id: 'proj-0', name: opened.project.name, created: '2026-01-02T03:04:05.000Z' });
    expect(JSON.parse(await readFile(coderPaths(dir, 'ana').coderFile, 'utf8'))).toEqual({ format: 'glossator-coder/1', id: 'ana', name: 'Ana', color: '#0072b2' });
    expect(await readFile(p.gitattributes, 'utf8')).toBe('.glossator/**/*.jsonl merge=glossator\n');
    expect(await readFile(p.gitignore, 'utf8')).toMatch(/\*\.bak/);
    expect((await tree(dir)).join('\n')).not.toContain(dataDir);
    expect((await readFile(p.projectFile, 'utf8')) + passages).not.toContain(dataDir);

    // The old data is kept, byte for byte, as the backup (with its own .bak files).
    expect(await tree(legacy)).toEqual(before);
    expect(before.some((f) => f.endsWith('.bak'))).toBe(true);
  });

  it('is idempotent, and an interrupted migration (no project.json yet) runs again to the same result', async () => {
    const { dataDir, dir, opts } = await setup();
    await writeLegacy(dataDir);
    const first = await makeProject(dir, opts());
    const files = await tree(join(dir, '.glossator'));
    const bytes = await readFile(join(coderPaths(dir, 'ana').passages, 'doc2.jsonl'));
    // Killed before the last step: project.json is what marks a migration complete.
    await rm(projectPaths(dir).projectFile);
    expect(await findProject(dir, opts())).toBeNull();
    const again = await openOrMakeProject(dir, opts());
    expect(again.opened?.migrated?.passages).toBe(first.migrated?.passages);
    expect(await readFile(join(coderPaths(dir, 'ana').passages, 'doc2.jsonl'))).toEqual(bytes);
    expect((await tree(join(dir, '.glossator'))).filter((f) => !/\.bak\d*$/.test(f))).toEqual(files.filter((f) => !/\.bak\d*$/.test(f)));
    // Once complete, opening finds the project and migrates nothing more.
    const third = await openOrMakeProject(dir, opts());
    expect(third.opened?.migrated).toBeNull();
    expect(third.opened?.project.id).toBe(again.opened?.project.id);
  });

  it('refuses to migrate from a damaged file, leaving the folder a plain corpus and the old data intact', async () => {
    const { dataDir, dir, opts } = await setup();
    const { legacy } = await writeLegacy(dataDir);
    await writeFile(join(legacy, 'annotations', 'doc3.json'), '{"schemaVersion":1,"docId":"doc3","annot');
    await expect(makeProject(dir, opts())).rejects.toThrow(/doc3\.json cannot be read .*restore it/);
    expect(await findProject(dir, opts())).toBeNull();
    expect(await readFile(join(legacy, 'annotations', 'doc3.json'), 'utf8')).toBe('{"schemaVersion":1,"docId":"doc3","annot');
  });

  it('a folder with no earlier data becomes an empty project; the derived cache stays out of it, keyed by the project id', async () => {
    const { dataDir, dir, opts } = await setup();
    const opened = await makeProject(dir, opts());
    expect(opened.migrated).toBeNull();
    expect(opened.paths.cache.startsWith(join(dataDir, 'projects', opened.project.id))).toBe(true);
    expect(await readdir(join(dir, '.glossator'))).toEqual(['.gitignore', 'coders', 'project.json']);
  });

  it('two coders of one project never write the same file', async () => {
    const { dir, opts } = await setup();
    await makeProject(dir, opts(ana));
    const asAna = (await findProject(dir, opts(ana)))!;
    const asBen = (await findProject(dir, opts(ben)))!;
    const a = new AnnotationStore({ paths: asAna.paths });
    const b = new AnnotationStore({ paths: asBen.paths });
    await a.add('doc1', annotation('doc1', 'from-ana'));
    await b.add('doc1', annotation('doc1', 'from-ben'));
    await new CoverageStore({ paths: asAna.paths }).of('doc1', 'h').update((d) => Object.assign(d, { read: [0] }));
    await new CoverageStore({ paths: asBen.paths }).of('doc1', 'h').update((d) => Object.assign(d, { read: [1] }));
    expect(a.fileOf('doc1')).not.toBe(b.fileOf('doc1'));
    expect((await a.list('doc1')).map((p) => p.id)).toEqual(['from-ana']);
    expect((await b.list('doc1')).map((p) => p.id)).toEqual(['from-ben']);
    const files = (await tree(join(dir, '.glossator', 'coders'))).filter((f) => f.endsWith('.json') || f.endsWith('.jsonl'));
    expect(files.filter((f) => f.startsWith('ana/')).some((f) => f.startsWith('ben/'))).toBe(false);
    expect(files).toEqual(expect.arrayContaining(['ana/passages/doc1.jsonl', 'ben/passages/doc1.jsonl', 'ana/coverage/doc1.json', 'ben/coverage/doc1.json']));
  });
});
