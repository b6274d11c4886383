// Read marks per document: marking and unmarking, chrome refused, totals, persistence, stale text, damaged files.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import type { Coverage, DocumentSummary } from '../../src/shared/types';
import { callOn, SEED_CORPUS, send, value } from './support/core-harness';

// 20 blocks: 0, 1, 17 and 19 are chrome, 2 is a heading, 3–5 are ¶ 1–3, 18 is the last paragraph.
const DOC = '000_4ab67b766fb33eed';
const OTHER = '004_602bfc5574c20f0a';

let dataDir: string;
let core: Core;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-coverage-'));
  core = await createCore({ dataDir, corpusDir: SEED_CORPUS });
});
afterEach(async () => {
  await core.flush();
  await rm(dataDir, { recursive: true, force: true });
});

const call = callOn(() => core);
const coverageOf = (docId: string, on: Core = core) => value<Coverage>(call('getCoverage', { docId }, on));
const mark = (docId: string, blocks: number[], read = true) => value<Coverage>(call('setCoverage', { docId, blocks, read }));
const fileOf = (docId: string) => join(dataDir, 'corpora/default/coverage', `${docId}.json`);
const filesIn = (dir: string) => readdir(dir, { recursive: true }).catch(() => []);

describe('marking and unmarking', () => {
  const cases: { name: string; steps: [number[], boolean][]; read: number[] }[] = [
    { name: 'one block', steps: [[[3], true]], read: [3] },
    { name: 'several, answered ascending', steps: [[[9, 2, 5], true]], read: [2, 5, 9] },
    { name: 'marking twice is idempotent', steps: [[[4, 4], true], [[4], true]], read: [4] },
    { name: 'unmarking', steps: [[[3, 4, 5], true], [[4], false]], read: [3, 5] },
    { name: 'unmarking an unread block is harmless', steps: [[[7], false]], read: [] },
    { name: 'unmarking twice is idempotent', steps: [[[3, 4], true], [[3], false], [[3], false]], read: [4] },
    { name: 'an empty list changes nothing', steps: [[[6], true], [[], true], [[], false]], read: [6] },
    { name: 'the last block that counts', steps: [[[18], true]], read: [18] },
  ];
  it.each(cases)('$name', async ({ steps, read }) => {
    let last: Coverage | undefined;
    for (const [blocks, on] of steps) last = await mark(DOC, blocks, on);
    expect(last).toEqual({ docId: DOC, read, total: 16 });
    expect(await coverageOf(DOC)).toEqual(last);
  });
});

describe('refused marks write nothing', () => {
  const cases: { name: string; args: unknown; code: string }[] = [
    { name: 'a chrome block', args: { docId: DOC, blocks: [0], read: true }, code: 'invalid-argument' },
    { name: 'chrome among good blocks', args: { docId: DOC, blocks: [3, 1, 4], read: true }, code: 'invalid-argument' },
    { name: 'chrome between paragraphs', args: { docId: DOC, blocks: [17], read: true }, code: 'invalid-argument' },
    { name: 'the last block, chrome', args: { docId: DOC, blocks: [19], read: true }, code: 'invalid-argument' },
    { name: 'unmarking chrome', args: { docId: DOC, blocks: [1], read: false }, code: 'invalid-argument' },
    { name: 'past the last block', args: { docId: DOC, blocks: [20], read: true }, code: 'invalid-argument' },
    { name: 'far out of range', args: { docId: DOC, blocks: [3, 1_000_000], read: true }, code: 'invalid-argument' },
    { name: 'a negative index', args: { docId: DOC, blocks: [-1], read: true }, code: 'invalid-argument' },
    { name: 'a fractional index', args: { docId: DOC, blocks: [2.5], read: true }, code: 'invalid-argument' },
    { name: 'an unknown document', args: { docId: 'nope', blocks: [0], read: true }, code: 'not-found' },
    { name: 'a path-like document id', args: { docId: '../../x', blocks: [0], read: true }, code: 'not-found' },
    { name: 'read missing', args: { docId: DOC, blocks: [3] }, code: 'invalid-argument' },
  ];
  it.each(cases)('$name', async ({ args, code }) => {
    const result = await send(core, 'setCoverage', args);
    expect(result).toMatchObject({ ok: false, error: { code } });
    await core.flush();
    expect(await filesIn(dataDir)).toEqual([]);
  });

  it('a refused mark leaves earlier marks as they were', async () => {
    await mark(DOC, [3, 4]);
    expect(await call('setCoverage', { docId: DOC, blocks: [5, 0], read: true })).toMatchObject({ ok: false });
    expect((await coverageOf(DOC)).read).toEqual([3, 4]);
  });
});

describe('totals and reading without writing', () => {
  it('every document counts all blocks but chrome, and a fresh data dir has nothing read', async () => {
    for (const doc of core.corpus.all()) {
      const total = doc.blocks.filter((b) => b.kind !== 'chrome').length;
      expect(await coverageOf(doc.id)).toEqual({ docId: doc.id, read: [], total });
    }
    expect(await filesIn(dataDir)).toEqual([]);
  });

  it('getCoverage of an unknown document is not-found', async () => {
    expect(await call('getCoverage', { docId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('persistence', () => {
  it('marks survive a fresh core and are stored keyed to the text', async () => {
    await mark(DOC, [3, 5, 8]);
    await mark(DOC, [5], false);
    await mark(OTHER, [0]);
    await core.flush();
    const file = JSON.parse(await readFile(fileOf(DOC), 'utf8'));
    const doc = core.corpus.get(DOC);
    expect(file).toEqual({ schemaVersion: 1, docId: DOC, contentHash: doc.contentHash, read: [3, 8] });

    const reopened = await createCore({ dataDir, corpusDir: SEED_CORPUS });
    expect((await coverageOf(DOC, reopened)).read).toEqual([3, 8]);
    expect((await coverageOf(OTHER, reopened)).read).toEqual([0]);
  });

  it("listDocuments' summaries count the marks", async () => {
    await mark(DOC, [2, 3, 4]);
    await mark(OTHER, [1]);
    const summaries = await value<DocumentSummary[]>(call('listDocuments', {}));
    const byId = new Map(summaries.map((s) => [s.id, s.coverage]));
    expect(byId.get(DOC)).toEqual({ read: 3, total: 16 });
    expect(byId.get(OTHER)).toEqual({ read: 1, total: core.corpus.get(OTHER).blocks.length });
    expect(byId.get('001_05282a48bb000cda')).toEqual({ read: 0, total: 17 });
  });
});

async function seed(docId: string, content: string | object): Promise<string> {
  const file = fileOf(docId);
  await mkdir(join(dataDir, 'corpora/default/coverage'), { recursive: true });
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('marks made against another version of the text', () => {
  it('are not applied, are kept until the next mark, and are then replaced', async () => {
    const file = await seed(DOC, { schemaVersion: 1, docId: DOC, contentHash: 'sha256:old', read: [3, 4, 5] });
    const before = await readFile(file, 'utf8');
    const fresh = await createCore({ dataDir, corpusDir: SEED_CORPUS });
    expect(await coverageOf(DOC, fresh)).toEqual({ docId: DOC, read: [], total: 16 });
    expect(await readFile(file, 'utf8')).toBe(before);

    expect((await value<Coverage>(call('setCoverage', { docId: DOC, blocks: [6], read: true }, fresh))).read).toEqual([6]);
    await fresh.flush();
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(after).toMatchObject({ contentHash: fresh.corpus.get(DOC).contentHash, read: [6] });
  });

  it('a hand-edited file cannot claim chrome or missing blocks', async () => {
    const contentHash = core.corpus.get(DOC).contentHash;
    await seed(DOC, { schemaVersion: 1, docId: DOC, contentHash, read: [0, 3, 3, 99] });
    const fresh = await createCore({ dataDir, corpusDir: SEED_CORPUS });
    expect((await coverageOf(DOC, fresh)).read).toEqual([3]);
  });
});

describe('an unreadable coverage file', () => {
  const cases: { name: string; content: string | object }[] = [
    { name: 'truncated JSON', content: '{"schemaVersion": 1, "docId": "' },
    { name: 'empty', content: '' },
    { name: 'wrong shape', content: { schemaVersion: 1, docId: DOC, contentHash: 'x', read: ['3'] } },
    { name: 'newer format', content: { schemaVersion: 2, docId: DOC, contentHash: 'x', read: [] } },
    { name: "another document's file", content: { schemaVersion: 1, docId: OTHER, contentHash: 'x', read: [] } },
  ];
  it.each(cases)('$name: reads as nothing read, refuses marks, stays byte-identical', async ({ content }) => {
    const file = await seed(DOC, content);
    const before = await readFile(file);
    const fresh = await createCore({ dataDir, corpusDir: SEED_CORPUS });

    expect(await coverageOf(DOC, fresh)).toEqual({ docId: DOC, read: [], total: 16 });
    const summaries = await value<DocumentSummary[]>(call('listDocuments', {}, fresh));
    expect(summaries.find((s) => s.id === DOC)?.coverage).toEqual({ read: 0, total: 16 });

    const refused = await call('setCoverage', { docId: DOC, blocks: [3], read: true }, fresh);
    expect(refused).toMatchObject({ ok: false, error: { code: 'store-unreadable' } });
    if (!refused.ok) expect(refused.error.message).toContain(file);
    // Other documents are unaffected.
    expect((await value<Coverage>(call('setCoverage', { docId: OTHER, blocks: [2], read: true }, fresh))).read).toEqual([2]);
    await fresh.flush();
    expect(await readFile(file)).toEqual(before);
  });
});
