// Every earlier format of every stored file, checked in under test/fixtures/stores, read by today's stores; and the migration framework itself.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import { ANNOTATION_FILE_VERSION, TAG_FILE_VERSION } from '../../src/main/store/schemas';
import { SettingsService } from '../../src/main/core/settings-service';
import { SETTINGS_FILE_VERSION } from '../../src/main/store/settings-store';
import { CoverageService } from '../../src/main/core/coverage-service';
import { COVERAGE_FILE_VERSION } from '../../src/main/store/coverage-store';
import { METADATA_FILE_VERSION, MetadataStore } from '../../src/main/store/metadata-store';
import { JsonStore } from '../../src/main/store/json-store';
import type { Migration } from '../../src/main/store/migrations';
import type { GlossDocument } from '../../src/shared/types';
import { annotation, rejectsWith, removeTempDirs, tempDataDir } from './store-helpers';

afterEach(removeTempDirs);

const rows: string[] = [];
afterAll(() => {
  if (rows.length) console.log(`Stored-file fixtures read by today's stores: ${rows.length}\n${rows.join('\n')}`);
});

const FIXTURES = resolve('test/fixtures/stores');
const HASH = 'sha256:4ab67b766fb33eed4ab67b766fb33eed4ab67b766fb33eed4ab67b766fb33eed';
const doc = (id: string, contentHash = HASH) =>
  ({ id, contentHash, title: 'From the file', author: 'A. Author', blocks: [{ kind: 'paragraph' }, { kind: 'chrome' }, { kind: 'paragraph' }] }) as unknown as GlossDocument;

/**
 * Per kind: the current version, where the file lives in a data dir, what a reader must see in a
 * fixture of each version, and a real change (after which the file is in the current format).
 */
interface Kind {
  current: number;
  place: (dataDir: string) => string;
  read: (dataDir: string, version: number) => Promise<void>;
  change: (dataDir: string) => Promise<unknown>;
}

const KINDS: Record<string, Kind> = {
  annotations: {
    current: ANNOTATION_FILE_VERSION,
    place: (d) => join(d, 'corpora', 'c1', 'annotations', 'doc1.json'),
    read: async (d) => {
      const list = await new AnnotationStore({ dataDir: d, corpusKey: 'c1' }).list('doc1');
      expect(list.map((a) => [a.tagIds, a.target.quote.exact])).toEqual([
        [['cooperation'], 'strategic cooperation between Russia and Iran'],
        [['friction', 'hedging'], 'mutual tensions have surfaced'],
      ]);
    },
    change: async (d) => {
      const store = new AnnotationStore({ dataDir: d, corpusKey: 'c1' });
      await store.add('doc1', annotation('doc1', `new-${(await store.list('doc1')).length}`));
    },
  },
  tags: {
    current: TAG_FILE_VERSION,
    place: (d) => join(d, 'tags.json'),
    read: async (d, version) => {
      const tags = (await new TagStore({ dataDir: d }).list()).map((t) => [t.id, t.shortcut, t.parentId, t.order]);
      // Version 1 was flat: every tag top-level, in the order of the array.
      if (version === 1) expect(tags).toEqual([['cooperation', '1', null, 0], ['sanctions', null, null, 1]]);
      else expect(tags).toEqual([['cooperation', '1', null, 0], ['sanctions', null, null, 1], ['oil-sanctions', '4', 'sanctions', 0]]);
    },
    change: (d) => new TagStore({ dataDir: d }).update('sanctions', { description: 'Measures against a state.' }),
  },
  settings: {
    current: SETTINGS_FILE_VERSION,
    place: (d) => join(d, 'settings.json'),
    read: async (d, version) => {
      const settings = new SettingsService({ dataDir: d });
      if (version === 1) {
        expect(await settings.get()).toEqual({ theme: 'dark', panes: { left: 300, right: 400 }, lastDocId: 'doc1', scroll: { doc1: 12, doc2: 3 } });
        // Version 1 had no recent corpora: read as none.
        expect(await settings.corpora()).toEqual({ current: null, recent: [] });
      } else {
        expect((await settings.get()).theme).toBe('light');
        expect((await settings.corpora()).recent).toEqual(['/home/analyst/corpora/iran', '/home/analyst/corpora/gulf']);
      }
      // Before version 3 no coder identity was kept: read as none (made when a project first needs one).
      expect(await settings.coder()).toEqual(version < 3 ? null : { id: 'c-ana', name: 'Ana', color: '#0072b2', confirmed: true });
    },
    change: (d) => new SettingsService({ dataDir: d }).update({ panes: { left: 280, right: 360 } }),
  },
  coverage: {
    current: COVERAGE_FILE_VERSION,
    place: (d) => join(d, 'corpora', 'c1', 'coverage', 'doc1.json'),
    read: async (d) => {
      expect(await new CoverageService({ dataDir: d, corpusKey: 'c1' }).get(doc('doc1'))).toEqual({ docId: 'doc1', read: [0, 2], total: 2 });
    },
    change: (d) => new CoverageService({ dataDir: d, corpusKey: 'c1' }).set(doc('doc1'), [2], false),
  },
  metadata: {
    current: METADATA_FILE_VERSION,
    place: (d) => join(d, 'corpora', 'c1', 'metadata.json'),
    read: async (d) => {
      const metadata = new MetadataStore({ dataDir: d, corpusKey: 'c1' });
      await metadata.open();
      expect(metadata.apply(doc('doc1'))).toMatchObject({ title: 'Russo-Iranian Alignment (edited)', author: null });
      expect(metadata.apply(doc('doc2'))).toMatchObject({ title: 'From the file', date: '2024-11-05', language: 'en' });
    },
    change: (d) => new MetadataStore({ dataDir: d, corpusKey: 'c1' }).update('doc3', { title: 'Third' }),
  },
};

describe('checked-in fixtures of every stored file', () => {
  it.each(Object.entries(KINDS))('%s: a fixture exists for every version up to the current one', async (kind, { current }) => {
    const files = (await readdir(join(FIXTURES, kind))).sort();
    const wanted = Array.from({ length: current }, (_, i) => `v${i + 1}.json`);
    // A version bump without a fixture of the new format fails here.
    expect(files).toEqual(wanted);
  });

  const cases = Object.entries(KINDS).flatMap(([kind, k]) =>
    Array.from({ length: k.current }, (_, i) => ({ kind, version: i + 1, k })),
  );
  it.each(cases)('$kind v$version: read as today’s format; rewritten only by a real change, the old bytes kept as .bak', async ({ kind, version, k }) => {
    const dataDir = await tempDataDir();
    const fixture = join(FIXTURES, kind, `v${version}.json`);
    const file = k.place(dataDir);
    await mkdir(dirname(file), { recursive: true });
    await copyFile(fixture, file);
    const original = await readFile(fixture);

    await k.read(dataDir, version);
    expect(await readFile(file)).toEqual(original); // reading writes nothing
    await k.change(dataDir);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number };
    expect(saved.schemaVersion).toBe(k.current);
    expect(await readFile(`${file}.bak`)).toEqual(original);
    // The rewritten file opens again (a second change has to read it first).
    await k.change(dataDir);
    rows.push(`  ${`${kind}/v${version}.json`.padEnd(22)} read as v${k.current}; untouched by reading; rewritten as v${saved.schemaVersion} on a change; original kept byte-identical as .bak (${original.length} bytes)`);
  });
});

describe('the migration framework', () => {
  type V3 = { schemaVersion: 3; items: { name: string; weight: number }[] };
  const schema: z.ZodType<V3> = z.object({ schemaVersion: z.literal(3), items: z.array(z.object({ name: z.string(), weight: z.number() })) });
  const steps: Migration[] = [
    // v1 stored bare names; v2 made them objects; v3 added weights.
    { from: 1, to: 2, up: (v1) => ({ items: (v1['names'] as string[]).map((name) => ({ name })) }) },
    { from: 2, to: 3, up: (v2) => ({ items: (v2['items'] as { name: string }[]).map((i) => ({ ...i, weight: 1 })) }) },
  ];
  const open = async (content: unknown, migrations = steps) => {
    const dataDir = await tempDataDir();
    const file = join(dataDir, 'list.json');
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return { file, store: new JsonStore<V3>({ file, schema, version: 3, migrations, defaults: () => ({ schemaVersion: 3, items: [] }) }) };
  };

  it('chains steps from any older version, in memory, and writes the current format on the next change only', async () => {
    const { file, store } = await open({ schemaVersion: 1, names: ['a', 'b'] });
    expect(await store.read()).toEqual({ schemaVersion: 3, items: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }] });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ schemaVersion: 1, names: ['a', 'b'] });
    await store.update((d) => d.items.push({ name: 'c', weight: 2 }));
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ schemaVersion: 3, items: [{}, {}, { name: 'c' }] });
    await expect((await open({ schemaVersion: 2, items: [{ name: 'x' }] })).store.read()).resolves.toMatchObject({ items: [{ name: 'x', weight: 1 }] });
  });

  it.each([
    ['a missing step', { schemaVersion: 1, names: [] }, steps.slice(1), /format version 1, which this version of Glossator cannot upgrade/],
    ['a step that throws', { schemaVersion: 1 }, steps, /upgrading it from format version 1 failed \(.*\)/],
    ['a result the schema refuses', { schemaVersion: 2, items: [{ name: 5 }] }, steps, /expected structure after upgrading it from format version 2 \(items\.0\.name/],
  ])('%s: unreadable in plain words, file untouched', async (_name, content, migrations, says) => {
    const { file, store } = await open(content, migrations);
    const err = await rejectsWith(store.read(), 'store-unreadable');
    expect(err.message).toMatch(says);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(content);
  });

  it('refuses inconsistent steps when the store is made', () => {
    const make = (migrations: Migration[]) => () =>
      new JsonStore<V3>({ file: '/nowhere.json', schema, version: 3, migrations, defaults: () => ({ schemaVersion: 3, items: [] }) });
    expect(make([{ from: 2, to: 2, up: (x) => x }])).toThrow(/must go up/);
    expect(make([{ from: 2, to: 4, up: (x) => x }])).toThrow(/to at most version 3/);
    expect(make([steps[0]!, { ...steps[0]! }])).toThrow(/Two migrations start at version 1/);
  });
});
