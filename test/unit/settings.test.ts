// Settings: defaults, merging patches, the scroll cap, unknown documents refused, damaged files left alone.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { MAX_SCROLL_ENTRIES, SettingsService } from '../../src/main/core/settings-service';
import type { Settings } from '../../src/shared/types';
import type { Args } from '../../src/shared/contract';
import { callOn, SEED_CORPUS, send, value } from './support/core-harness';

const DOC = '000_4ab67b766fb33eed';
const OTHER = '004_602bfc5574c20f0a';
const DEFAULTS: Settings = { theme: 'system', panes: { left: 260, right: 340 }, lastDocId: null, scroll: {} };

let dataDir: string;
let core: Core;
let file: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-settings-'));
  file = join(dataDir, 'settings.json');
  core = await createCore({ dataDir, corpusDir: SEED_CORPUS });
});
afterEach(async () => {
  await core.flush();
  await rm(dataDir, { recursive: true, force: true });
});

const call = callOn(() => core);
const settings = (on: Core = core) => value<Settings>(call('getSettings', {}, on));
const update = (patch: Args<'updateSettings'>, on: Core = core) => value<Settings>(call('updateSettings', patch, on));
const seed = (content: string | object) => writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));

describe('defaults', () => {
  it('a fresh data dir answers the defaults and writes nothing', async () => {
    expect(await settings()).toEqual(DEFAULTS);
    await core.flush();
    expect(await readdir(dataDir)).toEqual([]);
  });
});

describe('patches merge into the settings', () => {
  const cases: { name: string; patches: Args<'updateSettings'>[]; expected: Settings }[] = [
    { name: 'an empty patch', patches: [{}], expected: DEFAULTS },
    { name: 'theme only', patches: [{ theme: 'dark' }], expected: { ...DEFAULTS, theme: 'dark' } },
    {
      name: 'panes then theme keep each other',
      patches: [{ panes: { left: 300, right: 400 } }, { theme: 'light' }],
      expected: { ...DEFAULTS, theme: 'light', panes: { left: 300, right: 400 } },
    },
    { name: 'last document', patches: [{ lastDocId: DOC }], expected: { ...DEFAULTS, lastDocId: DOC } },
    { name: 'last document cleared', patches: [{ lastDocId: DOC }, { lastDocId: null }], expected: DEFAULTS },
    {
      name: 'scroll positions per document, later ones replacing',
      patches: [{ scroll: { docId: DOC, block: 4 } }, { scroll: { docId: OTHER, block: 2 } }, { scroll: { docId: DOC, block: 7 } }],
      expected: { ...DEFAULTS, scroll: { [OTHER]: 2, [DOC]: 7 } },
    },
    {
      name: 'everything at once',
      patches: [{ theme: 'dark', panes: { left: 160, right: 900 }, lastDocId: OTHER, scroll: { docId: OTHER, block: 0 } }],
      expected: { theme: 'dark', panes: { left: 160, right: 900 }, lastDocId: OTHER, scroll: { [OTHER]: 0 } },
    },
  ];
  it.each(cases)('$name', async ({ patches, expected }) => {
    let last: Settings | undefined;
    for (const patch of patches) last = await update(patch);
    expect(last).toEqual(expected);
    expect(await settings()).toEqual(expected);
  });

  it('survives a fresh core, stored with its format version', async () => {
    await update({ theme: 'dark', lastDocId: DOC, scroll: { docId: DOC, block: 5 } });
    await core.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      schemaVersion: 3,
      theme: 'dark',
      panes: DEFAULTS.panes,
      lastDocId: DOC,
      scroll: { [DOC]: 5 },
      corpora: { current: null, recent: [] },
      coder: null,
    });
    const reopened = await createCore({ dataDir, corpusDir: SEED_CORPUS });
    expect(await settings(reopened)).toEqual({ ...DEFAULTS, theme: 'dark', lastDocId: DOC, scroll: { [DOC]: 5 } });
  });

  it('a last document no longer in the corpus is answered as none', async () => {
    await seed({ schemaVersion: 1, ...DEFAULTS, lastDocId: 'gone', scroll: { gone: 3 } });
    const fresh = await createCore({ dataDir, corpusDir: SEED_CORPUS });
    expect(await settings(fresh)).toEqual({ ...DEFAULTS, scroll: { gone: 3 } });
  });
});

describe('the scroll cap', () => {
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`old-${i}`, i]));

  it(`keeps ${MAX_SCROLL_ENTRIES} positions, dropping the oldest`, async () => {
    await seed({ schemaVersion: 1, ...DEFAULTS, scroll: many(MAX_SCROLL_ENTRIES) });
    const fresh = await createCore({ dataDir, corpusDir: SEED_CORPUS });
    const { scroll } = await update({ scroll: { docId: DOC, block: 3 } }, fresh);
    const keys = Object.keys(scroll);
    expect(keys).toHaveLength(MAX_SCROLL_ENTRIES);
    expect(keys[0]).toBe('old-1');
    expect(keys.at(-1)).toBe(DOC);
  });

  it('setting a remembered document again makes it the newest instead of adding an entry', async () => {
    await seed({ schemaVersion: 1, ...DEFAULTS, scroll: { [DOC]: 1, ...many(MAX_SCROLL_ENTRIES - 1) } });
    const fresh = await createCore({ dataDir, corpusDir: SEED_CORPUS });
    const { scroll } = await update({ scroll: { docId: DOC, block: 9 } }, fresh);
    const keys = Object.keys(scroll);
    expect(keys).toHaveLength(MAX_SCROLL_ENTRIES);
    expect(keys[0]).toBe('old-0');
    expect(scroll[DOC]).toBe(9);
    expect(keys.at(-1)).toBe(DOC);
  });

  it('holds for the service with many documents', async () => {
    const service = new SettingsService({ dataDir });
    for (let i = 0; i < MAX_SCROLL_ENTRIES + 20; i++) await service.update({ scroll: { docId: `d${i}`, block: i } });
    const { scroll } = await service.get();
    expect(Object.keys(scroll)).toHaveLength(MAX_SCROLL_ENTRIES);
    expect(scroll['d19']).toBeUndefined();
    expect(scroll['d20']).toBe(20);
    await service.flush();
  });
});

describe('refused updates write nothing', () => {
  const cases: { name: string; patch: unknown; code: string }[] = [
    { name: 'unknown last document', patch: { lastDocId: 'nope' }, code: 'not-found' },
    { name: 'unknown scroll document', patch: { scroll: { docId: 'nope', block: 0 } }, code: 'not-found' },
    { name: 'unknown document beside a good theme', patch: { theme: 'dark', lastDocId: 'nope' }, code: 'not-found' },
    { name: 'scroll past the last block', patch: { scroll: { docId: DOC, block: 20 } }, code: 'invalid-argument' },
    { name: 'an unknown theme', patch: { theme: 'neon' }, code: 'invalid-argument' },
    { name: 'a pane too narrow', patch: { panes: { left: 10, right: 340 } }, code: 'invalid-argument' },
    { name: 'a pane too wide', patch: { panes: { left: 260, right: 5000 } }, code: 'too-large' },
    { name: 'half a panes object', patch: { panes: { left: 260 } }, code: 'invalid-argument' },
    { name: 'an unknown key', patch: { fontSize: 14 }, code: 'invalid-argument' },
  ];
  it.each(cases)('$name', async ({ patch, code }) => {
    expect(await send(core, 'updateSettings', patch)).toMatchObject({ ok: false, error: { code } });
    await core.flush();
    expect(await readdir(dataDir)).toEqual([]);
  });
});

describe('an unreadable settings file', () => {
  const cases: { name: string; content: string | object }[] = [
    { name: 'truncated JSON', content: '{"schemaVersion": 1, "theme": "da' },
    { name: 'empty', content: '' },
    { name: 'an unknown theme', content: { schemaVersion: 1, ...DEFAULTS, theme: 'neon' } },
    { name: 'panes out of bounds', content: { schemaVersion: 1, ...DEFAULTS, panes: { left: 5, right: 340 } } },
    { name: 'a newer format', content: { schemaVersion: 3, ...DEFAULTS, corpora: { current: null, recent: [] } } },
  ];
  it.each(cases)('$name: answers defaults, refuses updates, stays byte-identical', async ({ content }) => {
    await seed(content);
    const before = await readFile(file);
    const fresh = await createCore({ dataDir, corpusDir: SEED_CORPUS });
    expect(await settings(fresh)).toEqual(DEFAULTS);

    const refused = await call('updateSettings', { theme: 'dark' }, fresh);
    expect(refused).toMatchObject({ ok: false, error: { code: 'store-unreadable' } });
    if (!refused.ok) expect(refused.error.message).toContain(file);
    expect(await settings(fresh)).toEqual(DEFAULTS);
    await fresh.flush();
    expect(await readFile(file)).toEqual(before);
  });
});
