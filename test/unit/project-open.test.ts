// Opening folders as projects through the core, as the app does: migration of data written by the current version,
// the notice, the project's codebook, a coder's own files, coder layers and agreement, read-only folders, Save as project.
import { afterEach, describe, expect, it } from 'vitest';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core/core';
import { coderPaths, projectPaths } from '../../src/main/store/layout';
import { call, refused, SEED_CORPUS, value } from './support/core-harness';

let core: Core | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await core?.close();
  core = null;
  for (const d of dirs.splice(0)) {
    await chmod(d, 0o755).catch(() => undefined);
    await rm(d, { recursive: true, force: true });
  }
});

async function temp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'glossator-project-open-'));
  dirs.push(d);
  return d;
}

const DOC = '000_4ab67b766fb33eed';

async function firstPassage(c: Core, docId = DOC): Promise<{ start: number; end: number; exact: string }> {
  const doc = await value(call(c, 'getDocument', { docId }));
  const block = doc.blocks.find((b) => b.kind === 'paragraph')!;
  const start = block.start;
  const end = start + 40;
  return { start, end, exact: doc.text.slice(start, end) };
}

/** A writable copy of the seed corpus, and a core on it (optionally making projects). */
async function setup(makeProjects: boolean, dataDir?: string) {
  const root = await temp();
  const folder = join(root, 'corpus');
  await cp(SEED_CORPUS, folder, { recursive: true });
  const data = dataDir ?? join(root, 'data');
  const open = async () => {
    await core?.close();
    core = await createCore({ dataDir: data, corpusDir: folder, bundledCorpusDir: SEED_CORPUS, makeProjects });
    return core;
  };
  return { root, folder, data, open };
}

describe('a folder opened as a project', { timeout: 120_000 }, () => {
  it('migrates passages, notes, codebook and reading marks written by the current version, and says what it carried over and where the old data stays', async () => {
    const { folder, data, open } = await setup(false);
    // Today's layout, written by today's code: a plain corpus with a custom tag, a passage with a note, a read mark.
    let c = await open();
    expect(c.info().project ?? null).toBeNull();
    const tag = await value(call(c, 'createTag', { name: 'Sanctions', color: '#336699' }));
    const p = await firstPassage(c);
    const made = await value(call(c, 'createAnnotation', { docId: DOC, ...p, tagIds: [tag.id, 'friction'], note: 'Why it matters' }));
    const readable = (await value(call(c, 'getDocument', { docId: DOC }))).blocks.map((b, i) => (b.kind === 'paragraph' ? i : -1)).filter((i) => i >= 0).slice(0, 2);
    await value(call(c, 'setCoverage', { docId: DOC, blocks: readable, read: true }));
    await value(call(c, 'saveMemo', { subject: { kind: 'journal' }, text: 'Day one' }));
    const legacy = join(data, 'corpora', c.info().key);
    const before = await readdir(join(legacy, 'annotations'));

    // Now as the app opens it.
    await c.close();
    core = null;
    c = core = await createCore({ dataDir: data, corpusDir: folder, bundledCorpusDir: SEED_CORPUS, makeProjects: true });
    const info = c.info();
    expect(info.project).toMatchObject({ name: 'corpus' });
    expect(info.notice).toMatch(/now a project: 1 passage on 1 document, reading marks of 1 document, 1 memo, 1 text snapshot, the codebook \(4 tags\).*The old data stays untouched in /);
    expect(info.notice).toContain(legacy);
    expect(await readdir(join(legacy, 'annotations'))).toEqual(before);

    // The same passage, note and tags; the codebook now lives in the project.
    const listed = await value(call(c, 'listAnnotations', { docId: DOC }));
    const { coder } = await value(call(c, 'getCoder', {}));
    expect(coder).toMatchObject({ confirmed: false });
    expect(listed).toEqual([expect.objectContaining({ id: made.id, note: 'Why it matters', tagIds: [tag.id, 'friction'], coderId: coder!.id })]);
    expect((await value(call(c, 'listTags', {}))).map((t) => t.name)).toContain('Sanctions');
    expect((await value(call(c, 'getCoverage', { docId: DOC }))).read).toEqual(readable);
    const paths = projectPaths(folder);
    expect((await readFile(paths.codebook, 'utf8')).split('\n')[0]).toBe('{"format":"glossator-codebook/1"}');
    const mine = coderPaths(folder, coder!.id);
    expect(await readdir(mine.passages)).toEqual([`${DOC}.jsonl`]);

    // A codebook change is the project's, not the machine's.
    await value(call(c, 'createTag', { name: 'Project only', color: '#112233' }));
    expect(await readFile(paths.codebook, 'utf8')).toContain('"name":"Project only"');
    expect(await readFile(join(data, 'tags.json'), 'utf8')).not.toContain('Project only');

    // Opened again: the project is found, nothing is migrated twice, no notice.
    await c.close();
    core = null;
    c = core = await createCore({ dataDir: data, corpusDir: folder, bundledCorpusDir: SEED_CORPUS, makeProjects: true });
    expect(c.info().notice).toBeNull();
    expect((await value(call(c, 'listAnnotations', { docId: DOC }))).map((a) => a.id)).toEqual([made.id]);
  });

  it('a new coder name and colour go to settings and the project; two coders never write the same file; layers and agreement see both', async () => {
    const { folder, data, open } = await setup(true);
    const c = await open();
    // The identity made when the project first needed one (unconfirmed) keeps its id through the naming.
    const made = (await value(call(c, 'getCoder', {}))).coder!;
    expect(made).toMatchObject({ confirmed: false, id: expect.stringMatching(/^[a-z0-9-]+-[0-9a-f]{6}$/) });
    const ana = await value(call(c, 'setCoder', { name: 'Ana', color: '#0072B2' }));
    expect(ana).toEqual({ id: made.id, name: 'Ana', color: '#0072b2', confirmed: true });
    expect(JSON.parse(await readFile(coderPaths(folder, ana.id).coderFile, 'utf8'))).toEqual({ format: 'glossator-coder/1', id: ana.id, name: 'Ana', color: '#0072b2' });
    const p = await firstPassage(c);
    await value(call(c, 'createAnnotation', { docId: DOC, ...p, tagIds: ['friction'], note: '' }));

    // Ben, on another machine (another data folder), codes the same document in the same folder.
    await c.close();
    core = await createCore({ dataDir: join(data, '..', 'ben-data'), corpusDir: folder, bundledCorpusDir: SEED_CORPUS, makeProjects: true });
    const ben = await value(call(core, 'setCoder', { name: 'Ben', color: '#d55e00' }));
    await value(call(core, 'createAnnotation', { docId: DOC, ...p, tagIds: ['friction'], note: 'Ben agrees' }));
    await value(call(core, 'createAnnotation', { docId: DOC, start: p.end + 10, end: p.end + 30, exact: (await value(call(core, 'getDocument', { docId: DOC }))).text.slice(p.end + 10, p.end + 30), tagIds: ['hedging'], note: '' }));
    const dataFiles = async (dir: string) => (await readdir(dir)).filter((n) => !/\.bak\d*$/.test(n));
    expect(await dataFiles(coderPaths(folder, ana.id).passages)).toEqual([`${DOC}.jsonl`]);
    expect(await dataFiles(coderPaths(folder, ben.id).passages)).toEqual([`${DOC}.jsonl`]);
    expect(await readFile(join(coderPaths(folder, ana.id).passages, `${DOC}.jsonl`), 'utf8')).not.toContain('Ben agrees');

    // Layers: mine is Ben's own; Ana's; all of them, each with its coder; nothing adjudicated yet.
    expect((await value(call(core, 'listCoders', {}))).map((k) => k.name)).toEqual(expect.arrayContaining(['Ana', 'Ben']));
    expect((await value(call(core, 'listAnnotations', { docId: DOC }))).every((a) => a.coderId === ben.id)).toBe(true);
    const anas = await value(call(core, 'listLayerPassages', { docId: DOC, layer: { coderId: ana.id } }));
    expect(anas.map((a) => [a.coderId, a.tagIds])).toEqual([[ana.id, ['friction']]]);
    const all = await value(call(core, 'listLayerPassages', { docId: DOC, layer: 'all' }));
    expect(all.map((a) => a.coderId).sort()).toEqual([ana.id, ben.id, ben.id].sort());
    expect(await value(call(core, 'listLayerPassages', { docId: DOC, layer: 'adjudicated' }))).toEqual([]);
    expect(await refused(call(core, 'listLayerPassages', { docId: DOC, layer: { coderId: 'nobody' } }), 'not-found')).toMatch(/no coder "nobody"/);

    // Agreement over the real per-coder files: both tagged the same friction span, only Ben hedging.
    const answer = await value(call(core, 'getAgreement', { coders: [ana.id, ben.id], tagIds: ['friction', 'hedging'] }));
    const friction = answer.report.tags.find((t) => t.tagId === 'friction')!;
    expect(friction.percent).toBe(1);
    const hedging = answer.report.tags.find((t) => t.tagId === 'hedging')!;
    expect(hedging.percent).toBeLessThan(1);
  });

  it('the bundled corpus and a plain folder with makeProjects off stay plain; listLayerPassages says why', async () => {
    const { open } = await setup(false);
    const c = await open();
    expect(c.info()).toMatchObject({ project: null, notice: null });
    expect(await value(call(c, 'listCoders', {}))).toEqual([]);
    expect(await refused(call(c, 'listLayerPassages', { docId: DOC, layer: 'all' }), 'unsupported')).toMatch(/not a project/);
  });

  // Root writes anywhere, so permissions cannot make a read-only folder there: skipped, not passed.
  it.skipIf(process.getuid?.() === 0)('a folder that cannot be written opens as a plain corpus with a clear message', async () => {
    const { folder, open } = await setup(true);
    await chmod(folder, 0o555);
    const c = await open();
    expect(c.info().project ?? null).toBeNull();
    expect(c.info().notice).toMatch(/cannot be written .*stays a plain corpus/);
    await chmod(folder, 0o755);
  });

  it('Save as project… copies the bundled corpus and the analyst\'s data into an empty folder and opens it', async () => {
    const root = await temp();
    const target = join(root, 'team-project');
    await mkdir(target);
    const occupied = join(root, 'occupied');
    await mkdir(occupied);
    await writeFile(join(occupied, 'notes.txt'), 'mine');
    const folders = [occupied, target];
    core = await createCore({
      dataDir: join(root, 'data'),
      corpusDir: SEED_CORPUS,
      bundledCorpusDir: SEED_CORPUS,
      makeProjects: true,
      openTarget: { chooseFolder: async () => folders.shift() ?? null, chooseOpenPath: async () => null, chooseFiles: async () => [] },
    });
    const p = await firstPassage(core);
    await value(call(core, 'createAnnotation', { docId: DOC, ...p, tagIds: ['hedging'], note: 'kept' }));
    const first = await value(call(core, 'chooseProjectFolder', {}));
    expect(await refused(call(core, 'saveAsProject', { token: first.token }), 'invalid-argument')).toMatch(/empty folder.*occupied already holds 1 item \(notes\.txt\)/);
    const chosen = await value(call(core, 'chooseProjectFolder', {}));
    expect(chosen.name).toBe('team-project');
    const info = await value(call(core, 'saveAsProject', { token: chosen.token }));
    expect(info).toMatchObject({ path: target, readOnly: false, project: { name: 'team-project' } });
    expect(info.notice).toMatch(/^5 documents copied into .*team-project\. This folder is now a project: 1 passage on 1 document/);
    expect((await readdir(target)).sort()).toEqual(expect.arrayContaining(['.glossator', '.gitattributes', 'manifest.json']));
    expect(core.info().path).toBe(target);
    expect((await value(call(core, 'listAnnotations', { docId: DOC }))).map((a) => a.note)).toEqual(['kept']);
    // A token is used once.
    expect(await refused(call(core, 'saveAsProject', { token: chosen.token }), 'invalid-argument')).toBeTruthy();
  });
});
