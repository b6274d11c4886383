// `glossator agreement` and the agreement service behind it: flags, refusals in plain words, the JSON shape,
// who counts as having coded a document, and passages that could not be placed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { parseThreshold, printAgreement } from '../../src/cli/agreement-command';
import { AgreementService, type CoderLayers } from '../../src/main/core/agreement-service';
import type { GlossDocument, PlacedAnnotation, Tag } from '../../src/shared/types';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossator-agreement-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) });
  return { code, out, err };
}

const TAGS: Tag[] = [
  { id: 'cooperation', name: 'Cooperation', color: '#2e7d32', description: '', shortcut: '1', parentId: null, order: 0 },
  { id: 'friction', name: 'Friction', color: '#c62828', description: '', shortcut: '2', parentId: null, order: 1 },
];
const TEXT = 'Moscow and Tehran signed a treaty. Officials say tensions remain over oil prices and the corridor.';
const doc = (id: string): GlossDocument =>
  ({ id, title: `Title of ${id}`, text: TEXT, blocks: [], author: null, publisher: null, date: null, url: null, source: `${id}.txt`, contentHash: 'sha256:x', normaliser: 'glossator-text/2', wordCount: 16 }) as GlossDocument;
const placed = (id: string, start: number, end: number, tagIds: string[], range = true): PlacedAnnotation => ({
  id,
  docId: 'd1',
  target: { position: { start, end }, quote: { exact: TEXT.slice(start, end), prefix: '', suffix: '' }, contentHash: 'sha256:x' },
  tagIds,
  note: '',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  state: range ? 'anchored' : 'needs-review',
  range: range ? { start, end } : null,
});

/** Ana and Ben coded d1; Ben never opened d2; Cy coded nothing anywhere but marked d1 read. */
function service(): AgreementService {
  const files: Record<string, Record<string, PlacedAnnotation[]>> = {
    ana: { d1: [placed('a1', 0, 34, ['cooperation']), placed('a2', 49, 97, ['friction'])], d2: [placed('a3', 0, 10, ['friction'])] },
    ben: { d1: [placed('b1', 0, 34, ['cooperation']), placed('b2', 35, 97, ['friction']), placed('b3', 5, 9, ['friction'], false)] },
    cy: { d1: [] },
  };
  const layers: CoderLayers = {
    coders: async () => ['ana', 'ben', 'cy'].map((id) => ({ id, name: id.toUpperCase(), color: '#000000' })),
    layer: async (coderId, docId) => {
      const passages = files[coderId]?.[docId];
      return { passages: passages ?? [], touched: passages !== undefined };
    },
  };
  return new AgreementService({ documents: () => [doc('d1'), doc('d2')], tagIds: async () => TAGS.map((t) => t.id), layers });
}

describe('agreement service', () => {
  it('compares chosen coders per tag, leaves a document a coder never touched out as missing, and counts unplaced passages', async () => {
    const answer = await service().report({ coders: ['ana', 'ben'] });
    expect(answer.report.missing).toEqual({ ana: [], ben: ['d2'] });
    expect(answer.report.documentsCompared).toBe(1);
    expect(answer.notPlaced).toBe(1);
    const [coop, friction] = answer.report.tags;
    expect(coop).toMatchObject({ tagId: 'cooperation', percent: 1, kappa: 1, units: TEXT.length });
    expect(friction!.percent).toBeCloseTo((TEXT.length - 14) / TEXT.length, 12);
  });

  it('with absent = uncoded, a coder with no passages in a document coded nothing there', async () => {
    const answer = await service().report({ coders: ['ana', 'ben'], absent: 'uncoded' });
    expect(answer.report.missing.ben).toEqual([]);
    expect(answer.report.documentsCompared).toBe(2);
    expect(answer.report.tags[1]!.units).toBe(2 * TEXT.length);
  });

  it('all coders by default: κ is left to the pairs, α and percent cover all three', async () => {
    const { report } = await service().report({});
    expect(report.coders).toEqual(['ana', 'ben', 'cy']);
    expect(report.overall.kappa).toBeNull();
    expect(report.overall.pairs).toHaveLength(3);
    expect(report.overall.alpha).not.toBeNull();
  });

  it.each([
    [{ coders: ['ana', 'zed'] }, /Unknown coder: zed/],
    [{ coders: ['ana'] }, /at least two coders/],
    [{ tagIds: ['nope'] }, /Unknown tag: nope/],
    [{ docIds: ['d9'] }, /Unknown document: d9/],
  ])('refuses %j by name', async (query, message) => {
    await expect(service().report(query)).rejects.toThrow(message);
  });

  it('lists disagreements with both sides and an excerpt; agreed clusters only when asked', async () => {
    const rows = await service().disagreements({ coders: ['ana', 'ben'] });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ docId: 'd1', tagId: 'friction', start: 35, end: 97, agreed: false, differing: 14, docTitle: 'Title of d1' });
    expect(rows[0]!.excerpt).toBe(TEXT.slice(35, 97));
    expect(rows[0]!.sides.map((s) => s.passages.map((p) => p.id))).toEqual([['a2'], ['b2']]);
    const all = await service().disagreements({ coders: ['ana', 'ben'], agreed: true });
    expect(all.map((r) => [r.tagId, r.agreed])).toEqual([
      ['cooperation', true],
      ['friction', false],
    ]);
  });
});

describe('glossator agreement', () => {
  it('explains that a corpus without coders has nothing to compare (exit 1)', async () => {
    const { code, err } = await run('agreement', '--data', dir);
    expect(code).toBe(1);
    expect(err).toMatch(/Agreement compares coders, and this corpus has none: it needs a project with at least two coders/);
  });

  it.each([
    [['--threshold', '0'], /--threshold takes an overlap/],
    [['--threshold', 'most'], /--threshold takes an overlap/],
    [['--coders', 'ana'], /--coders takes at least two/],
    [['--absent', 'maybe'], /--absent takes "missing" or "uncoded"/],
    [['--tags', 'Nope'], /Unknown tag "Nope"/],
  ])('usage error for %j (exit 2)', async (flags, message) => {
    const { code, err } = await run('agreement', '--data', dir, ...flags);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it.each([
    ['90', 0.9],
    ['90%', 0.9],
    ['0.9', 0.9],
    ['100', 1],
    ['1', 1],
    ['1%', 0.01],
  ])('--threshold %s is an overlap of %f', (flag, share) => {
    expect(parseThreshold(flag)).toBeCloseTo(share, 12);
  });

  it('prints JSON with percent, kappa and alpha per tag, overall, and segment figures with a threshold', async () => {
    const answer = await service().report({ coders: ['ana', 'ben'], threshold: 0.5, byDocument: true });
    let out = '';
    let err = '';
    printAgreement({ write: (t: string) => (out += t) }, { write: (t: string) => (err += t) }, answer, TAGS, true);
    const json = JSON.parse(out);
    expect(json.unit).toBe('character');
    expect(json.coders.map((c: { id: string }) => c.id)).toEqual(['ana', 'ben']);
    expect(json.tags.map((t: { name: string }) => t.name)).toEqual(['Cooperation', 'Friction']);
    for (const row of [...json.tags, json.overall]) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['tagId', 'name', 'percent', 'kappa', 'alpha', 'units', 'pairs', 'segments']));
    }
    expect(json.tags[0]).toMatchObject({ percent: 1, kappa: 1, alpha: 1 });
    expect(json.tags[1].segments).toEqual({ agreed: 2, total: 2, percent: 1 });
    expect(json.documents).toHaveLength(2);
    expect(err).toContain('1 passage needs review and was not compared');
  });

  it('prints a table with a row per tag and an overall row', async () => {
    const answer = await service().report({ coders: ['ana', 'ben'] });
    let out = '';
    printAgreement({ write: (t: string) => (out += t) }, { write: () => undefined }, answer, TAGS, false);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('Coders: ANA, BEN. Documents compared: 1. Unit: the character.');
    expect(lines[1]).toMatch(/^TAG\s+PERCENT\s+KAPPA\s+ALPHA$/);
    expect(lines[2]).toMatch(/^Cooperation\s+100\.0 %\s+1\.000\s+1\.000$/);
    expect(lines[4]).toMatch(/^Overall\s+/);
  });
});
