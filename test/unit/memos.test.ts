// Memos through the boundary: save/replace/delete/restore round trips, journal entries, validation, persistence, damaged files, search.
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import type { Memo } from '../../src/shared/memos';
import { MAX_MEMO_LENGTH } from '../../src/shared/limits';
import { callOn, refused, SEED_CORPUS, send, value } from './support/core-harness';

const DOC = '000_4ab67b766fb33eed';
let dataDir: string;
let core: Core;
let tick = 0;
const clock = { now: () => new Date(Date.UTC(2026, 11, 7, 10, 0, tick++)) };

beforeEach(async () => {
  tick = 0;
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-memos-'));
  core = await createCore({ dataDir, corpusDir: SEED_CORPUS, clock });
});
afterEach(async () => {
  await core.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = callOn(() => core);
const memoFile = () => join(dataDir, 'corpora/default/memos.json');
const list = (on?: Core) => value(call('listMemos', {}, on));
const firstTag = async () => (await value(call('listTags')))[0]!.id;

describe('saving and replacing', () => {
  it('a document memo is one per document: a second save replaces the text, keeping id and creation time', async () => {
    const first = await value(call('saveMemo', { subject: { kind: 'document', docId: DOC }, text: '# Why this source\n\nBiased.' }));
    const second = await value(call('saveMemo', { subject: { kind: 'document', docId: DOC }, text: 'Less biased than I thought.' }));
    expect(second).toMatchObject({ id: first.id, created: first.created, text: 'Less biased than I thought.' });
    expect(second.modified > first.modified).toBe(true);
    expect(await list()).toEqual([second]);
  });

  it('a tag memo is one per tag', async () => {
    const tagId = await firstTag();
    await value(call('saveMemo', { subject: { kind: 'tag', tagId }, text: 'a' }));
    await value(call('saveMemo', { subject: { kind: 'tag', tagId }, text: 'b' }));
    expect((await list()).map((m) => m.text)).toEqual(['b']);
  });

  it('the journal keeps every entry; an entry changes by id', async () => {
    const a = await value(call('saveMemo', { subject: { kind: 'journal' }, text: 'Day one.' }));
    const b = await value(call('saveMemo', { subject: { kind: 'journal' }, text: 'Day two.' }));
    const a2 = await value(call('saveMemo', { subject: { kind: 'journal' }, memoId: a.id, text: 'Day one, revised.' }));
    expect(a2.id).toBe(a.id);
    expect((await list()).map((m) => m.text).sort()).toEqual(['Day one, revised.', 'Day two.']);
    expect(b.id).not.toBe(a.id);
  });
});

describe('refusals write nothing', () => {
  const cases: { name: string; payload: unknown; code: string }[] = [
    { name: 'an unknown document', payload: { subject: { kind: 'document', docId: 'nope' }, text: 'x' }, code: 'not-found' },
    { name: 'an unknown tag', payload: { subject: { kind: 'tag', tagId: 'nope' }, text: 'x' }, code: 'not-found' },
    { name: 'a journal entry that does not exist', payload: { subject: { kind: 'journal' }, memoId: 'gone', text: 'x' }, code: 'not-found' },
    { name: 'text over the limit', payload: { subject: { kind: 'journal' }, text: 'x'.repeat(MAX_MEMO_LENGTH + 1) }, code: 'too-large' },
    { name: 'an unknown subject kind', payload: { subject: { kind: 'passage' }, text: 'x' }, code: 'invalid-argument' },
    { name: 'a document subject without its id', payload: { subject: { kind: 'document' }, text: 'x' }, code: 'invalid-argument' },
    { name: 'an extra key', payload: { subject: { kind: 'journal' }, text: 'x', html: '<b>' }, code: 'invalid-argument' },
  ];
  it.each(cases)('$name', async ({ payload, code }) => {
    const r = await send(core, 'saveMemo', payload);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
    expect(await list()).toEqual([]);
    await expect(readFile(memoFile())).rejects.toThrow();
  });

  it('the limit itself is accepted', async () => {
    await value(call('saveMemo', { subject: { kind: 'journal' }, text: 'x'.repeat(MAX_MEMO_LENGTH) }));
  });
});

describe('delete and restore (undo)', () => {
  it('a deleted memo comes back exactly, and a restored edit puts the earlier text back', async () => {
    const saved = await value(call('saveMemo', { subject: { kind: 'document', docId: DOC }, text: 'first' }));
    const edited = await value(call('saveMemo', { subject: { kind: 'document', docId: DOC }, text: 'second' }));
    await value(call('restoreMemo', { memo: saved }));
    expect(await list()).toEqual([saved]);
    const deleted = await value(call('deleteMemo', { memoId: saved.id }));
    expect(deleted).toEqual(saved);
    expect(await list()).toEqual([]);
    await value(call('restoreMemo', { memo: edited }));
    expect(await list()).toEqual([edited]);
  });

  it('deleting a memo that is gone says so', async () => {
    await refused(call('deleteMemo', { memoId: 'gone' }), 'not-found');
  });
});

describe('on disk', () => {
  it('survives a restart, with backups of earlier versions', async () => {
    const tagId = await firstTag();
    const memos: Memo[] = [];
    memos.push(await value(call('saveMemo', { subject: { kind: 'document', docId: DOC }, text: 'Ünïcode ✓ 🦊 and <script>' })));
    memos.push(await value(call('saveMemo', { subject: { kind: 'tag', tagId }, text: 'When to use it' })));
    memos.push(await value(call('saveMemo', { subject: { kind: 'journal' }, text: 'Entry' })));
    await core.close();
    core = await createCore({ dataDir, corpusDir: SEED_CORPUS, clock });
    expect(await list()).toEqual(memos);
    const names = await readdir(join(dataDir, 'corpora/default'));
    expect(names).toEqual(expect.arrayContaining(['memos.json', 'memos.json.bak']));
  });

  const damaged: { name: string; bytes: string }[] = [
    { name: 'not JSON', bytes: '{"schemaVersion":1,"memos":[' },
    { name: 'a memo without text', bytes: JSON.stringify({ schemaVersion: 1, memos: [{ id: 'm', subject: { kind: 'journal' }, created: 'x', modified: 'x' }] }) },
    { name: 'two memos of one document', bytes: JSON.stringify({ schemaVersion: 1, memos: [1, 2].map((n) => ({ id: `m${n}`, subject: { kind: 'document', docId: DOC }, text: '', created: 'x', modified: 'x' })) }) },
    { name: 'a newer format', bytes: JSON.stringify({ schemaVersion: 99, memos: [] }) },
  ];
  it.each(damaged)('a file that is $name is reported and never overwritten', async ({ bytes }) => {
    await mkdir(join(dataDir, 'corpora/default'), { recursive: true });
    await writeFile(memoFile(), bytes);
    await refused(call('listMemos'), 'store-unreadable');
    await refused(call('saveMemo', { subject: { kind: 'journal' }, text: 'new' }), 'store-unreadable');
    expect(await readFile(memoFile(), 'utf8')).toBe(bytes);
  });
});

describe('search', () => {
  it('finds memos with the corpus search rules: folding, prefixes, phrases; documents first, then tags, then the journal', async () => {
    const tagId = await firstTag();
    await value(call('saveMemo', { subject: { kind: 'journal' }, text: 'Sanctions came up again in Tehrān.' }));
    await value(call('saveMemo', { subject: { kind: 'tag', tagId }, text: 'Use for sanctions talk.' }));
    await value(call('saveMemo', { subject: { kind: 'document', docId: DOC }, text: 'No mention of drones.' }));
    const flags = { wholeWord: false, caseSensitive: false, diacriticSensitive: false };
    const found = await value(call('searchMemos', { query: 'sanction', ...flags }));
    expect(found.memos.map((m) => m.label.split(' — ')[0])).toEqual(['Tag memo', 'Journal']);
    expect(found.total).toBe(2);
    expect(found.memos[1]!.hits[0]).toMatchObject({ match: 'Sanctions' });
    const tehran = await value(call('searchMemos', { query: 'tehran', ...flags }));
    expect(tehran.memos).toHaveLength(1);
    expect((await value(call('searchMemos', { query: 'tehran', ...flags, diacriticSensitive: true }))).memos).toHaveLength(0);
    expect((await value(call('searchMemos', { query: 'mention of drones', ...flags }))).memos[0]!.label).toMatch(/^Document memo — /);
    expect((await value(call('searchMemos', { query: 'drones mention', ...flags }))).total).toBe(0);
    expect((await value(call('searchMemos', { query: '', ...flags }))).total).toBe(0);
  });
});
