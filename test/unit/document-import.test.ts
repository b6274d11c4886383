// Importing documents: the original bytes are kept under a unique name, failures leave the folder as it was.
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { MAX_DOCUMENT_BYTES } from '../../src/main/corpus/readers';
import type { DocumentSummary, GlossDocument, ImportedDocument, SearchResults } from '../../src/shared/types';
import { callOn, failure, SEED_CORPUS, send, value } from './support/core-harness';

const FIXTURES = join(process.cwd(), 'test/fixtures/documents');

let root: string;
let corpusDir: string;
let outside: string;
let core: Core;
let chosen: string[] = [];

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'glossator-import-')));
  corpusDir = join(root, 'corpus');
  outside = join(root, 'downloads');
  await mkdir(corpusDir);
  await mkdir(outside);
  await writeFile(join(corpusDir, 'existing.txt'), 'Existing\n\nA document that was here first.\n');
  core = await createCore({
    dataDir: join(root, 'data'),
    corpusDir,
    bundledCorpusDir: SEED_CORPUS,
    openTarget: { chooseOpenPath: async () => null, chooseFolder: async () => null, chooseFiles: async () => chosen },
  });
});
afterEach(async () => {
  await core.close();
  await rm(root, { recursive: true, force: true });
});

const call = callOn(() => core);
const files = async () => (await readdir(corpusDir)).sort();
/** Imports a file as the app does: main's dialog chooses it, the renderer imports it by the token it got. */
async function importPath(path: string, on = core) {
  chosen = [path];
  const picked = await value(call('chooseDocumentFiles', {}, on));
  return call('importDocument', { token: picked.files[0]!.token }, on);
}
async function put(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(outside, name);
  await writeFile(path, content);
  return path;
}
const find = (query: string) =>
  value<SearchResults>(call('search', { query, wholeWord: false, caseSensitive: false, diacriticSensitive: false }));

describe('importing a document', () => {
  it('copies a .txt unchanged, loads it, and makes it searchable', async () => {
    const bytes = Buffer.from('Port Report\r\n\r\nThe harbour handled record tonnage of soybeans.\r\n');
    const imported = await value<ImportedDocument>(importPath(await put('report.txt', bytes)));
    expect(imported).toEqual({ docId: 'report', title: expect.any(String), source: 'report.txt' });
    expect(await readFile(join(corpusDir, 'report.txt'))).toEqual(bytes);
    expect((await value<DocumentSummary[]>(call('listDocuments'))).map((d) => d.id)).toEqual(['existing', 'report']);
    expect((await find('soybeans')).documents.map((d) => d.docId)).toEqual(['report']);
    expect(core.corpus.get('report').source).toBe('report.txt');
  });

  it('takes dropped bytes (base64) of a .md', async () => {
    const md = '# Dropped Notes\n\nA paragraph with *emphasis* about copper.\n';
    const imported = await value<ImportedDocument>(
      call('importDocument', { name: 'notes.md', base64: Buffer.from(md).toString('base64') }),
    );
    expect(imported.source).toBe('notes.md');
    expect(await readFile(join(corpusDir, 'notes.md'), 'utf8')).toBe(md);
    expect((await value<GlossDocument>(call('getDocument', { docId: imported.docId }))).text).toContain('copper');
  });

  it.each(['article.md', 'article.html', 'article.pdf', 'article.docx'])('imports the %s fixture byte for byte', async (name) => {
    const imported = await value<ImportedDocument>(importPath(join(FIXTURES, name)));
    expect(await readFile(join(corpusDir, imported.source))).toEqual(await readFile(join(FIXTURES, name)));
    expect((await value<GlossDocument>(call('getDocument', { docId: imported.docId }))).wordCount).toBeGreaterThan(0);
  });

  it('gives a second file of the same name a unique name and id', async () => {
    const first = await value<ImportedDocument>(importPath(await put('report.txt', 'First\n\nOne.\n')));
    const second = await value<ImportedDocument>(importPath(await put('report.txt', 'Second\n\nTwo.\n')));
    const third = await value<ImportedDocument>(call('importDocument', { name: 'report.txt', base64: Buffer.from('Third\n\nThree.\n').toString('base64') }));
    expect([first.source, second.source, third.source]).toEqual(['report.txt', 'report (2).txt', 'report (3).txt']);
    expect(new Set([first.docId, second.docId, third.docId]).size).toBe(3);
    expect(await readFile(join(corpusDir, 'report (2).txt'), 'utf8')).toBe('Second\n\nTwo.\n');
  });

  it('avoids a name whose document id is taken by another file', async () => {
    const imported = await value<ImportedDocument>(importPath(await put('existing.txt', 'Again\n\nText.\n')));
    expect(imported.source).toBe('existing (2).txt');
    const clash = await value<ImportedDocument>(call('importDocument', { name: 'existing?.txt', base64: Buffer.from('Q\n\nText.\n').toString('base64') }));
    // "existing-.txt" would do on disk, but its id must differ from every other file's too.
    expect(clash.docId).not.toBe('existing');
    expect(await files()).toEqual(['existing (2).txt', 'existing.txt', clash.source].sort());
  });

  it('answers a one-use token and the name per chosen file, never the path', async () => {
    chosen = ['/a/b.txt', '/c/d.pdf'];
    const picked = await value(call('chooseDocumentFiles'));
    expect(picked.files.map((f) => f.name)).toEqual(['b.txt', 'd.pdf']);
    expect(JSON.stringify(picked)).not.toContain('/a/');
    expect(new Set(picked.files.map((f) => f.token)).size).toBe(2);
  });

  it('imports a chosen file once by its token, and refuses the token again, a made-up one or a path', async () => {
    chosen = [await put('once.txt', 'Once\n\nOnly once.\n')];
    const [file] = (await value(call('chooseDocumentFiles'))).files;
    await value(call('importDocument', { token: file!.token }));
    for (const token of [file!.token, 'made-up', join(outside, 'once.txt')]) {
      expect(await failure(call('importDocument', { token }))).toMatchObject({ code: 'invalid-argument' });
    }
    expect(await failure(send(core, 'importDocument', { path: join(outside, 'once.txt') }))).toMatchObject({ code: 'invalid-argument' });
    expect(await files()).toEqual(['existing.txt', 'once.txt']);
  });
});

describe('refused imports leave the corpus folder as it was', () => {
  it('refuses the read-only bundled corpus', async () => {
    const bundled = await createCore({
      dataDir: join(root, 'data2'),
      corpusDir: SEED_CORPUS,
      openTarget: { chooseOpenPath: async () => null, chooseFolder: async () => null, chooseFiles: async () => chosen },
    });
    const error = await failure(importPath(await put('a.txt', 'A\n\nB.\n'), bundled));
    expect(error).toEqual({
      code: 'unsupported',
      message: 'The bundled corpus is read-only: open a corpus folder to import documents into.',
    });
    await bundled.close();
  });

  it.each([
    ['binary.txt', 'invalid-argument'],
    ['corrupt.pdf', 'invalid-argument'],
    ['encrypted.pdf', 'unsupported'],
  ])('a %s that no reader takes is deleted again, with the reader’s error', async (name, code) => {
    const before = await files();
    const r = await importPath(join(FIXTURES, name));
    expect(r).toMatchObject({ ok: false, error: { code } });
    if (!r.ok) expect(r.error.message).toContain(name);
    expect(await files()).toEqual(before);
  });

  it('refuses files over the size limit before reading them', async () => {
    const path = join(outside, 'huge.txt');
    await writeFile(path, '');
    await truncate(path, MAX_DOCUMENT_BYTES + 1);
    expect(await failure(importPath(path))).toMatchObject({ code: 'too-large' });
    expect(await files()).toEqual(['existing.txt']);
  });

  it('refuses formats no reader knows, missing files, files already in the corpus, damaged base64', async () => {
    expect(await failure(importPath(await put('tool.exe', 'MZ')))).toMatchObject({ code: 'unsupported' });
    expect(await failure(importPath(join(outside, 'gone.txt')))).toMatchObject({ code: 'not-found' });
    expect(await failure(importPath(join(corpusDir, 'existing.txt')))).toMatchObject({ code: 'invalid-argument' });
    expect(await failure(call('importDocument', { name: 'x.txt', base64: 'not base64!' }))).toMatchObject({ code: 'invalid-argument' });
    expect(await failure(call('importDocument', { name: '..', base64: '' }))).toMatchObject({ code: 'invalid-argument' });
    expect(await files()).toEqual(['existing.txt']);
  });

  it('a dropped name cannot reach outside the corpus folder', async () => {
    const imported = await value<ImportedDocument>(
      call('importDocument', { name: '../../escape.txt', base64: Buffer.from('Esc\n\nText.\n').toString('base64') }),
    );
    expect(imported.source).toBe('escape.txt');
    expect(await files()).toEqual(['escape.txt', 'existing.txt']);
  });
});
