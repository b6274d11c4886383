// Corpora: switching keeps each corpus's passages apart, the recent list, settings migration, and document metadata.
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/core';
import { MAX_RECENT_CORPORA, SettingsService } from '../../src/main/core/settings-service';
import { corpusKeyOf } from '../../src/main/core/workspace-corpora';
import { CACHE_FILE, MIN_CACHED_BYTES } from '../../src/main/store/document-cache';
import type { CorpusInfo, DocumentSummary, GlossDocument, PlacedAnnotation } from '../../src/shared/types';
import { call, failure, SEED_CORPUS, send, value } from './support/core-harness';

const BUNDLED_DOC = '000_4ab67b766fb33eed';

let root: string;
let dataDir: string;
const cores: Core[] = [];

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'glossator-workspace-')));
  dataDir = join(root, 'data');
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await rm(root, { recursive: true, force: true });
});

/** A corpus folder with one .txt document per entry (file name → text). */
async function corpus(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}
const article = (title: string, body: string) => `${title}\n\n${body}\n\nA second paragraph follows here, plain and short.\n`;

async function open(corpusDir: string, extra: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await createCore({ dataDir, corpusDir, bundledCorpusDir: SEED_CORPUS, ...extra });
  cores.push(core);
  return core;
}
const ids = async (core: Core) => (await value<DocumentSummary[]>(call(core, 'listDocuments'))).map((d) => d.id);

async function tag(core: Core, docId: string, exact: string): Promise<PlacedAnnotation> {
  const { text } = await value<GlossDocument>(call(core, 'getDocument', { docId }));
  const start = text.indexOf(exact);
  return value(call(core, 'createAnnotation', { docId, start, end: start + exact.length, exact, tagIds: ['cooperation'] }));
}

describe('switching corpora', () => {
  it('keeps passages apart per corpus and finds them again on coming back', async () => {
    const a = await corpus('alpha', { 'shared.txt': article('Alpha', 'Alpha talks about grain exports.') });
    const b = await corpus('beta', { 'shared.txt': article('Beta', 'Beta talks about oil exports.') });
    const core = await open(a);
    const handlers = core.handlers;
    await tag(core, 'shared', 'grain exports');

    const opened = await core.openFolder(b);
    expect(opened).toMatchObject({ path: b, name: 'beta', readOnly: false, documentCount: 1, key: corpusKeyOf(b, SEED_CORPUS) });
    // The same handler object answers for the new corpus (Electron registers it once).
    expect(core.handlers).toBe(handlers);
    expect(await value(call(core, 'listAnnotations', { docId: 'shared' }))).toEqual([]);
    expect((await value<GlossDocument>(call(core, 'getDocument', { docId: 'shared' }))).text).toContain('oil exports');
    expect((await value<{ corpusDir: string }>(call(core, 'getAppInfo'))).corpusDir).toBe(b);
    await tag(core, 'shared', 'oil exports');

    await core.openFolder(a);
    const back = await value<PlacedAnnotation[]>(call(core, 'listAnnotations', { docId: 'shared' }));
    expect(back.map((p) => p.target.quote.exact)).toEqual(['grain exports']);
    expect(core.corpus.dir).toBe(a);
    await core.flush();
    const stored = (dir: string) => readFile(join(dataDir, 'corpora', corpusKeyOf(dir, SEED_CORPUS), 'annotations', 'shared.json'), 'utf8');
    expect(await stored(a)).toContain('grain exports');
    expect(await stored(b)).toContain('oil exports');
  });

  it('search, passages and the codebook follow the open corpus', async () => {
    const a = await corpus('alpha', { 'one.txt': article('One', 'Sanctions on shipping.') });
    const b = await corpus('beta', { 'two.txt': article('Two', 'Tariffs on steel.') });
    const core = await open(a);
    await value(call(core, 'createTag', { name: 'Trade', color: '#123456' }));
    await core.openFolder(b);
    expect(await ids(core)).toEqual(['two']);
    const search = (query: string) =>
      value<{ total: number }>(call(core, 'search', { query, wholeWord: false, caseSensitive: false, diacriticSensitive: false }));
    expect((await search('steel')).total).toBe(1);
    expect((await search('shipping')).total).toBe(0);
    expect((await value<{ name: string }[]>(call(core, 'listTags'))).map((t) => t.name)).toContain('Trade');
  });

  it('the bundled corpus is "default" and read-only; other folders get their own key', async () => {
    const core = await open(SEED_CORPUS);
    const { current } = await value<{ current: CorpusInfo }>(call(core, 'listCorpora'));
    expect(current).toMatchObject({ key: 'default', readOnly: true, path: await realpath(SEED_CORPUS) });
    expect(corpusKeyOf('/some/folder', SEED_CORPUS)).toMatch(/^c-[0-9a-f]{16}$/);
  });

  it('a core opened on one folder alone treats it as the bundled corpus (the old behaviour)', async () => {
    const a = await corpus('alpha', { 'one.txt': article('One', 'Text.') });
    const core = await createCore({ dataDir, corpusDir: a });
    cores.push(core);
    expect((await value<{ current: CorpusInfo }>(call(core, 'listCorpora'))).current).toMatchObject({ key: 'default', readOnly: true });
  });

  it('refuses folders that are not there, files, relative paths; a cancelled dialog opens nothing', async () => {
    const a = await corpus('alpha', { 'one.txt': article('One', 'Text.') });
    let chosen: string | null = null;
    const core = await open(a, {
      openTarget: { chooseOpenPath: async () => null, chooseFolder: async () => chosen, chooseFiles: async () => [] },
    });
    chosen = join(root, 'missing');
    expect(await failure(call(core, 'openCorpus', {}))).toMatchObject({ code: 'not-found' });
    chosen = join(a, 'one.txt');
    expect((await failure(call(core, 'openCorpus', {}))).message).toMatch(/is a file, not a folder/);
    chosen = 'relative/dir';
    expect(await failure(call(core, 'openCorpus', {}))).toMatchObject({ code: 'invalid-argument' });
    chosen = null;
    expect(await failure(call(core, 'openCorpus', {}))).toMatchObject({ code: 'cancelled' });
    expect(await ids(core)).toEqual(['one']);
    chosen = await corpus('beta', { 'two.txt': article('Two', 'Text.') });
    expect(await value<CorpusInfo>(call(core, 'openCorpus', {}))).toMatchObject({ name: 'beta' });
  });
});

describe('the renderer names corpora by key, never by path', () => {
  it('opens a recent corpus by its key and refuses unknown keys and any path', async () => {
    const a = await corpus('alpha', { 'one.txt': article('One', 'Text.') });
    const b = await corpus('beta', { 'two.txt': article('Two', 'Text.') });
    const c = await corpus('gamma', { 'three.txt': article('Three', 'Text.') });
    const core = await open(a);
    await core.openFolder(b);
    const { recent } = await value(call(core, 'listCorpora'));
    const alpha = recent.find((r) => r.name === 'alpha')!;
    expect(await value(call(core, 'openCorpus', { key: alpha.key }))).toMatchObject({ path: a });
    expect(await value(call(core, 'openCorpus', { key: 'default' }))).toMatchObject({ readOnly: true });
    // gamma was never listed or chosen: neither its key nor its path opens it.
    expect(await failure(call(core, 'openCorpus', { key: corpusKeyOf(c, SEED_CORPUS) }))).toMatchObject({ code: 'not-found' });
    for (const args of [{ path: c }, { key: c }, { key: '../etc' }]) {
      expect(await failure(send(core, 'openCorpus', args))).toMatchObject({ code: 'invalid-argument' });
    }
    expect(core.info().name).toBe('corpus');
  });
});

describe('recent corpora', () => {
  const recentOf = async (core: Core) =>
    (await value<{ recent: CorpusInfo[] }>(call(core, 'listCorpora'))).recent.map((c) => c.name);

  it('lists the others most recent first, with the start corpus reachable, and survives a restart', async () => {
    const start = await corpus('start', { 'a.txt': article('A', 'Text.') });
    const dirs = await Promise.all(['one', 'two', 'three'].map((n) => corpus(n, { 'a.txt': article('A', 'Text.') })));
    const core = await open(start);
    expect(await recentOf(core)).toEqual([]);
    for (const dir of dirs) await core.openFolder(dir);
    await core.openFolder(dirs[0]!);
    expect(await recentOf(core)).toEqual(['three', 'two', 'start']);

    const settings = new SettingsService({ dataDir });
    expect(await settings.corpora()).toEqual({ current: dirs[0], recent: [dirs[0], dirs[2], dirs[1], start] });
    const reopened = await open(dirs[1]!);
    expect(await recentOf(reopened)).toEqual(['one', 'three', 'start']);
  });

  it(`keeps ${MAX_RECENT_CORPORA}, dropping the oldest, and leaves out folders that are gone`, async () => {
    const names = Array.from({ length: MAX_RECENT_CORPORA + 2 }, (_, i) => `c${i}`);
    const dirs = await Promise.all(names.map((n) => corpus(n, { 'a.txt': article('A', 'Text.') })));
    const core = await open(dirs[0]!);
    for (const dir of dirs.slice(1)) await core.openFolder(dir);
    const listed = await recentOf(core);
    expect(listed).toEqual(names.slice(-MAX_RECENT_CORPORA, -1).reverse());
    await rm(dirs[5]!, { recursive: true });
    expect(await recentOf(core)).toEqual(listed.filter((n) => n !== 'c5'));
    expect((await new SettingsService({ dataDir }).corpora()).recent).toHaveLength(MAX_RECENT_CORPORA);
  });

  it('counts the documents of corpora that are not open without loading them', async () => {
    const a = await corpus('alpha', { 'a.txt': 'A', 'b.md': '# B', 'notes.xyz': 'x' });
    const b = await corpus('beta', { 'one.txt': article('One', 'Text.') });
    const core = await open(a);
    await core.openFolder(b);
    const { recent } = await value<{ recent: CorpusInfo[] }>(call(core, 'listCorpora'));
    expect(recent).toEqual([{ path: a, name: 'alpha', key: corpusKeyOf(a, SEED_CORPUS), readOnly: false, documentCount: 2 }]);
  });
});

describe('settings.json version 1', () => {
  it('reads a version 1 file with no corpora, and is written back in the current version keeping everything', async () => {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'settings.json');
    const v1 = { schemaVersion: 1, theme: 'dark', panes: { left: 300, right: 400 }, lastDocId: null, scroll: { x: 2 } };
    await writeFile(file, JSON.stringify(v1));
    const settings = new SettingsService({ dataDir });
    expect(await settings.get()).toEqual({ theme: 'dark', panes: { left: 300, right: 400 }, lastDocId: null, scroll: { x: 2 } });
    expect(await settings.corpora()).toEqual({ current: null, recent: [] });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(v1);
    await settings.rememberCorpus('/a/corpus');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      ...v1,
      schemaVersion: 3,
      corpora: { current: '/a/corpus', recent: ['/a/corpus'] },
      coder: null,
    });
  });
});

describe('document metadata', () => {
  const DOC_TEXT = article('Derived Title', 'Body text about ports.');

  it('an edit shows everywhere, persists, and null clears a field back to what the file gives', async () => {
    const a = await corpus('alpha', { 'doc.txt': DOC_TEXT });
    const core = await open(a);
    const derived = await value<GlossDocument>(call(core, 'getDocument', { docId: 'doc' }));
    const edited = await value<GlossDocument>(
      call(core, 'updateMetadata', { docId: 'doc', title: '  A Better Title ', author: 'R. Analyst', language: 'en', url: 'https://example.org/a' }),
    );
    expect(edited).toMatchObject({ title: 'A Better Title', author: 'R. Analyst', language: 'en', url: 'https://example.org/a' });
    expect(edited.text).toBe(derived.text);
    expect((await value<DocumentSummary[]>(call(core, 'listDocuments')))[0]).toMatchObject({ title: 'A Better Title', author: 'R. Analyst' });

    const reopened = await open(a);
    expect(await value(call(reopened, 'getDocument', { docId: 'doc' }))).toMatchObject({ title: 'A Better Title', author: 'R. Analyst' });
    const cleared = await value<GlossDocument>(call(reopened, 'updateMetadata', { docId: 'doc', author: null, title: derived.title }));
    expect(cleared).toMatchObject({ title: derived.title, author: derived.author, language: 'en' });
    const noAuthor = await value<GlossDocument>(call(reopened, 'updateMetadata', { docId: 'doc', author: '' }));
    expect(noAuthor.author).toBeNull();
  });

  it('is applied again when the corpus is reopened after the file changed', async () => {
    const a = await corpus('alpha', { 'doc.txt': DOC_TEXT });
    const b = await corpus('beta', { 'x.txt': article('X', 'Text.') });
    const core = await open(a);
    await value(call(core, 'updateMetadata', { docId: 'doc', publisher: 'The Institute' }));
    await core.openFolder(b);
    await writeFile(join(a, 'doc.txt'), article('Derived Title', 'Body text about airports, rewritten.'));
    await core.openFolder(a);
    const doc = await value<GlossDocument>(call(core, 'getDocument', { docId: 'doc' }));
    expect(doc).toMatchObject({ publisher: 'The Institute' });
    expect(doc.text).toContain('airports');
  });

  it('describes documents of the read-only bundled corpus, stored in the data dir', async () => {
    const core = await open(SEED_CORPUS);
    const doc = await value<GlossDocument>(call(core, 'updateMetadata', { docId: BUNDLED_DOC, date: '2024-03-01' }));
    expect(doc.date).toBe('2024-03-01');
    await core.flush();
    const file = JSON.parse(await readFile(join(dataDir, 'corpora/default/metadata.json'), 'utf8'));
    expect(file).toEqual({ schemaVersion: 1, documents: { [BUNDLED_DOC]: { date: '2024-03-01' } } });
  });

  it('refuses unknown documents and bad values, writing nothing', async () => {
    const a = await corpus('alpha', { 'doc.txt': DOC_TEXT });
    const core = await open(a);
    expect(await failure(call(core, 'updateMetadata', { docId: 'nope', title: 'T' }))).toMatchObject({ code: 'not-found' });
    expect(await failure(call(core, 'updateMetadata', { docId: 'doc', url: 'ftp://x' }))).toMatchObject({ code: 'invalid-argument' });
    expect(await failure(call(core, 'updateMetadata', { docId: 'doc', title: '   ' }))).toMatchObject({ code: 'invalid-argument' });
    await core.flush();
    await expect(readFile(join(dataDir, 'corpora', corpusKeyOf(a, SEED_CORPUS), 'metadata.json'))).rejects.toThrow();
  });
});

describe('the document cache', () => {
  /** Just over the size a cache is written for, in files old enough to be cached. */
  async function bigCorpus(): Promise<string> {
    const paragraph = 'Moscow and Tehran weigh the North-South corridor, payments and oil. '.repeat(20);
    const body = Array.from({ length: 80 }, () => paragraph).join('\n\n');
    const files = Object.fromEntries(Array.from({ length: Math.ceil(MIN_CACHED_BYTES / body.length) + 1 }, (_, i) => [`doc-${i}.txt`, `Report ${i}\n\n${body}`]));
    const dir = await corpus('big', files);
    for (const name of Object.keys(files)) await utimes(join(dir, name), new Date('2025-01-01'), new Date('2025-01-01'));
    return dir;
  }
  const documents = async (core: Core) =>
    Promise.all((await ids(core)).map((docId) => value<GlossDocument>(call(core, 'getDocument', { docId }))));

  it('is written by flush() after an open, and a second open gives the same documents without rewriting it', async () => {
    const dir = await bigCorpus();
    const file = join(dataDir, 'corpora', corpusKeyOf(dir, SEED_CORPUS), 'cache', CACHE_FILE);
    const first = await open(dir);
    const cold = await documents(first);
    await first.close();
    const written = await stat(file);

    const second = await open(dir);
    expect(await documents(second)).toStrictEqual(cold);
    await second.flush();
    const after = await stat(file);
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
  });

  it('is not written for a small corpus: opening it leaves the data dir empty', async () => {
    const core = await open(await corpus('alpha', { 'doc.txt': article('Alpha', 'Text.') }));
    await core.flush();
    expect(await readdir(dataDir).catch(() => [])).toEqual([]);
  });
});
