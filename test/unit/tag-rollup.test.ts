// Roll-ups: a passage tagged with a sub-tag counts under its parent (once) in retrieval, digests, charts and the panel filter.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import type { Digest } from '../../src/shared/contract';
import { DEFAULT_DIGEST_OPTIONS } from '../../src/shared/defaults';
import { TagTree, planChildrenMove, rolledUpCounts } from '../../src/shared/tag-tree';
import type { Charts, GlossDocument, PassageRow, PlacedAnnotation, Tag } from '../../src/shared/types';
import { PanelFilter } from '../../src/renderer/src/state/panel-filter.svelte';
import { callOn, SEED_CORPUS, value } from './support/core-harness';

const DOC_A = '000_4ab67b766fb33eed';
let dataDir: string;
let core: Core;
let ids = 0;
const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-rollup-'));
  core = await createCore({ dataDir, corpusDir: SEED_CORPUS, clock, newId: () => `p${++ids}` });
});
afterEach(async () => {
  await core.flush();
  await rm(dataDir, { recursive: true, force: true });
});
const call = callOn(() => core);

async function passage(nth: number, tagIds: string[]): Promise<PlacedAnnotation> {
  const doc = await value<GlossDocument>(call('getDocument', { docId: DOC_A }));
  const block = doc.blocks.filter((b) => b.kind === 'paragraph')[nth]!;
  const end = block.start + Math.min(30, block.end - block.start);
  return value(call('createAnnotation', { docId: DOC_A, start: block.start, end, exact: doc.text.slice(block.start, end), tagIds }));
}

/** Friction › Sanctions › Oil, Friction › Rivalry; p1 Friction, p2 Sanctions + Rivalry, p3 Oil, p4 Hedging. */
async function seed() {
  const make = (name: string, parentId: string | null) => value<Tag>(call('createTag', { name, color: '#123456', parentId }));
  const sanctions = await make('Sanctions', 'friction');
  const oil = await make('Oil', sanctions.id);
  const rivalry = await make('Rivalry', 'friction');
  const p = [
    await passage(0, ['friction']),
    await passage(1, [sanctions.id, rivalry.id]),
    await passage(2, [oil.id]),
    await passage(3, ['hedging']),
  ];
  return { sanctions, oil, rivalry, p };
}

describe('roll-ups through the core', () => {
  it.each([
    ['the parent: its own passages and every sub-tag’s, each once', (_s: Seeded) => ['friction'], [0, 1, 2]],
    ['a middle tag: itself and below, not its parent’s own', (s: Seeded) => [s.sanctions.id], [1, 2]],
    ['a leaf: only its own', (s: Seeded) => [s.oil.id], [2]],
    ['a parent and its child together: still each passage once', (s: Seeded) => ['friction', s.oil.id], [0, 1, 2]],
  ])('listPassages of %s', async (_name, filter, want) => {
    const s = await seed();
    const rows = await value<PassageRow[]>(call('listPassages', { tagIds: filter(s) }));
    expect(rows.map((r) => r.id).sort()).toEqual(want.map((i) => s.p[i]!.id).sort());
  });

  it('a digest filtered to a parent holds its sub-tags’ passages; counts say “incl. sub-tags”; headings name the path', async () => {
    await seed();
    const digest = await value<Digest>(call('buildDigest', { options: { ...DEFAULT_DIGEST_OPTIONS, tagIds: ['friction'] } }));
    expect(digest.passageCount).toBe(3);
    const table = digest.markdown.slice(0, digest.bodyStart);
    expect(table).toMatch(/\| Friction \(incl\. sub-tags\)\s+\|\s+3 \|/);
    expect(table).toMatch(/\| Friction › Sanctions \(incl\. sub-tags\)\s+\|\s+2 \|/);
    expect(table).toMatch(/\| Friction › Sanctions › Oil\s+\|\s+1 \|/);
    expect(table).toMatch(/\| Friction › Rivalry\s+\|\s+1 \|/);
    expect(table).not.toMatch(/Hedging/);
    const headings = digest.markdown.slice(digest.bodyStart).match(/^## .*$/gm);
    expect(headings).toEqual(['## Friction (1)', '## Friction › Sanctions (1)', '## Friction › Sanctions › Oil (1)', '## Friction › Rivalry (1)']);
    // The filter line names what the analyst chose, not the expansion.
    expect(digest.markdown).toContain('tags: ["Friction"]');
  });

  it('charts draw one series per top of the tree, counting each passage once per branch', async () => {
    await seed();
    const charts = await value<Charts>(call('getCharts', { options: { ...DEFAULT_DIGEST_OPTIONS } }));
    expect(charts.frequency).toContain('Friction (incl. sub-tags)');
    expect(charts.frequency).not.toContain('Sanctions');
    expect(charts.frequency).toContain('Hedging');
  });
});
type Seeded = Awaited<ReturnType<typeof seed>>;

describe('pure roll-up helpers', () => {
  const t = (id: string, parentId: string | null, order = 0): Tag => ({ id, name: id, color: '#123456', description: '', shortcut: null, parentId, order });
  const tags = [t('f', null), t('s', 'f'), t('o', 's'), t('r', 'f', 1), t('h', null, 1)];

  it('rolledUpCounts counts a passage once under each ancestor', () => {
    const counts = rolledUpCounts(new TagTree(tags), [{ tagIds: ['s', 'r'] }, { tagIds: ['o'] }, { tagIds: ['f'] }, { tagIds: ['gone'] }]);
    expect(Object.fromEntries(counts)).toEqual({ f: 3, s: 2, o: 1, r: 1, gone: 1 });
  });

  it('the panel filter matches sub-tags when given the tree', () => {
    const filter = new PanelFilter();
    filter.toggle('s');
    const passages = [{ tagIds: ['o'] }, { tagIds: ['f'] }, { tagIds: ['s'] }].map(
      (p, i) => ({ ...p, id: `p${i}`, note: '', target: { quote: { exact: 'x' } } }) as unknown as PlacedAnnotation,
    );
    expect(filter.apply(passages, new TagTree(tags)).map((p) => p.id)).toEqual(['p0', 'p2']);
    expect(filter.apply(passages).map((p) => p.id)).toEqual(['p2']);
  });

  it.each([
    ['lifting a parent’s children to its place', 's', 'f', 0, [{ id: 'o', parentId: 'f', order: 0 }]],
    ['handing them to another tag, last', 'f', 'h', 99, [{ id: 's', parentId: 'h', order: 0 }, { id: 'r', parentId: 'h', order: 1 }]],
    ['a tag without children', 'o', null, 0, []],
  ] as const)('planChildrenMove: %s', (_name, from, to, at, changes) => {
    expect(planChildrenMove(tags, from, to, at)).toEqual({ ok: true, changes });
  });

  it('planChildrenMove refuses a move into the subtree and a name clash', () => {
    expect(planChildrenMove(tags, 'f', 's', 0)).toMatchObject({ ok: false });
    const clash = [...tags, t('O', 'f', 2)];
    expect(planChildrenMove(clash, 's', 'f', 0)).toEqual({
      ok: false,
      problem: 'The sub-tag “o” of “s” would move to “f”, which already has a tag called “O”. Rename or move one of them first.',
    });
  });
});
