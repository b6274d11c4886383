// The cross-corpus passages list: tag filters, corpus-then-reading order, citations and paragraph numbers.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import type { PassageRow, PlacedAnnotation } from '../../src/shared/types';
import { callOn, SEED_CORPUS, send, value } from './support/core-harness';

const D0 = '000_4ab67b766fb33eed'; // 2: heading, 3…: paragraphs ¶ 1…
const D1 = '001_05282a48bb000cda'; // 0: heading, 1: paragraph ¶ 1
const D2 = '002_01fb20c1ab9eae2c';
const D4 = '004_602bfc5574c20f0a'; // 0: paragraph ¶ 1
const T0 = 'Russo-Iranian Alignment Will Continue Despite Differences — Samuel Ramani, Gulf International Forum';
const T1 = 'Suspicious bind: Iran’s relationship with Russia — Faezeh Foroutan, European Council on Foreign Relations';
const T2 = 'Iran’s stance on the Ukraine crisis and its ties with Russia';
const T4 = 'Russia–Iran relations after Putin’s visit to Tehran';

let dataDir: string;
let core: Core;
let ids = 0;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-retrieval-'));
  core = await createCore({ dataDir, corpusDir: SEED_CORPUS, newId: () => `p${++ids}` });
});
afterEach(async () => {
  await core.flush();
  await rm(dataDir, { recursive: true, force: true });
});

const call = callOn(() => core);
const passages = (tagIds: string[]) => value<PassageRow[]>(call('listPassages', { tagIds }));

/** The first `words` words of a block, or with `span`, from its last words into the next block. */
function range(docId: string, block: number, span = false): { start: number; end: number } {
  const doc = core.corpus.get(docId);
  const b = doc.blocks[block]!;
  if (!span) return { start: b.start, end: b.start + doc.text.slice(b.start, b.end).split(' ').slice(0, 4).join(' ').length };
  const next = doc.blocks[block + 1]!;
  return { start: doc.text.lastIndexOf(' ', b.end - 1) + 1, end: next.start + doc.text.slice(next.start).indexOf(' ') };
}
async function tag(label: string, docId: string, block: number, tagIds: string[], span = false): Promise<string> {
  const { start, end } = range(docId, block, span);
  const exact = core.corpus.get(docId).text.slice(start, end);
  const made = await value<PlacedAnnotation>(call('createAnnotation', { docId, start, end, exact, tagIds, note: label }));
  return made.id;
}

// Created out of reading order on purpose; labels name each passage in the expectations.
async function seedPassages(): Promise<void> {
  await tag('d4-p1', D4, 0, ['hedging']);
  await tag('d0-p3', D0, 5, ['cooperation']);
  await tag('d0-p1', D0, 3, ['hedging', 'cooperation']);
  await tag('d1-p1', D1, 1, ['friction']);
  await tag('d0-heading', D0, 2, ['friction']);
  await tag('d0-p1-2', D0, 3, ['friction'], true);
}

describe('filters and order', () => {
  const cases: { name: string; tagIds: string[]; notes: string[] }[] = [
    { name: 'no tags: every passage', tagIds: [], notes: ['d0-heading', 'd0-p1', 'd0-p1-2', 'd0-p3', 'd1-p1', 'd4-p1'] },
    { name: 'one tag', tagIds: ['cooperation'], notes: ['d0-p1', 'd0-p3'] },
    { name: 'another tag', tagIds: ['friction'], notes: ['d0-heading', 'd0-p1-2', 'd1-p1'] },
    { name: 'any of two tags, each passage once', tagIds: ['hedging', 'cooperation'], notes: ['d0-p1', 'd0-p3', 'd4-p1'] },
    { name: 'a repeated tag', tagIds: ['hedging', 'hedging'], notes: ['d0-p1', 'd4-p1'] },
    { name: 'an unknown tag matches nothing', tagIds: ['gossip'], notes: [] },
    { name: 'an unknown tag beside a known one', tagIds: ['gossip', 'hedging'], notes: ['d0-p1', 'd4-p1'] },
  ];
  it.each(cases)('$name', async ({ tagIds, notes }) => {
    await seedPassages();
    expect((await passages(tagIds)).map((r) => r.note)).toEqual(notes);
  });

  it('an empty corpus of passages answers an empty list and writes nothing', async () => {
    expect(await passages([])).toEqual([]);
    await core.flush();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('refuses a malformed filter', async () => {
    expect(await send(core, 'listPassages', { tagIds: 'hedging' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await send(core, 'listPassages', {})).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

describe('rows carry the document, citation and paragraph', () => {
  const cases: { note: string; docId: string; docTitle: string; citation: string; para: number | null }[] = [
    { note: 'd0-heading', docId: D0, docTitle: T0.split(' — ')[0]!, citation: `${T0}, heading`, para: null },
    { note: 'd0-p1', docId: D0, docTitle: T0.split(' — ')[0]!, citation: `${T0}, ¶ 1`, para: 1 },
    { note: 'd0-p1-2', docId: D0, docTitle: T0.split(' — ')[0]!, citation: `${T0}, ¶ 1–2`, para: 1 },
    { note: 'd0-p3', docId: D0, docTitle: T0.split(' — ')[0]!, citation: `${T0}, ¶ 3`, para: 3 },
    { note: 'd1-p1', docId: D1, docTitle: T1.split(' — ')[0]!, citation: `${T1}, ¶ 1`, para: 1 },
    { note: 'd4-p1', docId: D4, docTitle: T4, citation: `${T4}, ¶ 1`, para: 1 },
  ];
  it.each(cases)('$note', async ({ note, ...expected }) => {
    await seedPassages();
    const row = (await passages([])).find((r) => r.note === note);
    expect(row).toMatchObject({ ...expected, state: 'anchored' });
    expect(row?.range).not.toBeNull();
  });

  it('a passage that needs review has no paragraph and says so in its citation', async () => {
    await seedPassages();
    const dir = join(dataDir, 'corpora/default/annotations');
    const stray = {
      id: 'lost',
      docId: D2,
      target: {
        position: { start: 10, end: 52 },
        quote: { exact: 'Zebra xylophone quantum marmalade orchestra', prefix: 'qq ', suffix: ' zz' },
        contentHash: 'sha256:old',
      },
      tagIds: ['hedging'],
      note: 'lost',
      created: '2025-01-01T00:00:00.000Z',
      modified: '2025-01-01T00:00:00.000Z',
    };
    await writeFile(join(dir, `${D2}.json`), JSON.stringify({ schemaVersion: 1, docId: D2, annotations: [stray] }));
    const rows = await passages(['hedging']);
    expect(rows.map((r) => r.note)).toEqual(['d0-p1', 'lost', 'd4-p1']);
    expect(rows[1]).toMatchObject({ state: 'needs-review', range: null, para: null, docTitle: T2, citation: `${T2}, position needs review` });
  });
});

describe('a document whose annotation file is unreadable', () => {
  it('is skipped; the other documents are still listed', async () => {
    const dir = join(dataDir, 'corpora/default/annotations');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${D1}.json`), '{"schemaVersion": 1, "docId": "');
    await tag('d0-p1', D0, 3, ['hedging']);
    await tag('d4-p1', D4, 0, ['hedging']);
    expect((await passages([])).map((r) => r.note)).toEqual(['d0-p1', 'd4-p1']);
  });
});
