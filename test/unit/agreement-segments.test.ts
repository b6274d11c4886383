// Segment-level agreement (MAXQDA's overlap criterion) and the disagreement clusters adjudication works on.
import { describe, expect, it } from 'vitest';
import { clustersOf, computeAgreement, overlapRatio, segmentTally, type CodedSpan } from '../../src/main/agreement';

const seg = (id: string, start: number, end: number, tagIds: string[] = ['t']): CodedSpan => ({
  id,
  start,
  end,
  tagIds,
});

describe('segment level', () => {
  it.each([
    ['identical', seg('a', 0, 10), seg('b', 0, 10), 1],
    ['half inside', seg('a', 0, 10), seg('b', 0, 5), 0.5],
    ['shifted', seg('a', 0, 10), seg('b', 5, 15), 5 / 15],
    ['touching', seg('a', 0, 10), seg('b', 10, 20), 0],
    ['apart', seg('a', 0, 10), seg('b', 30, 40), 0],
  ])('overlap ratio (intersection over union): %s', (_n, a, b, expected) => {
    expect(overlapRatio(a, b)).toBeCloseTo(expected, 12);
    expect(overlapRatio(b, a)).toBeCloseTo(expected, 12);
  });

  const A = [seg('a1', 0, 10), seg('a2', 20, 30), seg('a3', 50, 60)];
  const B = [seg('b1', 0, 9), seg('b2', 22, 40), seg('b3', 100, 110)];
  it.each([
    // a1~b1 0.9, a2~b2 0.4; a3 and b3 alone.
    [0.95, 0, 6],
    [0.9, 2, 6],
    [0.5, 2, 6],
    [0.4, 4, 6],
    [0.01, 4, 6],
  ])('threshold %f: %i of %i segments agree', (threshold, agreed, total) => {
    expect(segmentTally(A, B, threshold)).toEqual({ agreed, total });
  });

  it('a long segment list is matched through its sorted ends, not only the nearest start', () => {
    // b's first segment starts early and ends late: it must still be found for a segment in the middle.
    const b = [seg('long', 0, 100), seg('x', 10, 11), seg('y', 20, 21)];
    expect(segmentTally([seg('m', 40, 100)], b, 0.6)).toEqual({ agreed: 2, total: 4 });
  });

  it('the report gives segment figures per tag, per pair and overall when a threshold is set', () => {
    const coders = new Map([
      ['x', [seg('x1', 0, 10, ['t', 'u']), seg('x2', 40, 50, ['u'])]],
      ['y', [seg('y1', 0, 10, ['t']), seg('y2', 40, 46, ['u'])]],
    ]);
    const report = computeAgreement({
      documents: [{ docId: 'd', length: 60, coders }],
      coders: ['x', 'y'],
      tagIds: ['t', 'u'],
      threshold: 0.5,
    });
    expect(report.tags[0]!.segments).toEqual({ agreed: 2, total: 2, percent: 1 });
    expect(report.tags[1]!.segments).toEqual({ agreed: 2, total: 3, percent: 2 / 3 });
    expect(report.overall.segments).toEqual({ agreed: 4, total: 5, percent: 0.8 });
    expect(report.tags[1]!.pairs[0]!.segments?.percent).toBeCloseTo(2 / 3, 12);
    expect(computeAgreement({ documents: [], coders: ['x', 'y'], tagIds: ['t'] }).tags[0]!.segments).toBeUndefined();
  });
});

describe('disagreement clusters', () => {
  const doc = (coders: [string, CodedSpan[]][], length = 100) => ({ docId: 'd', length, coders: new Map(coders) });

  it('groups overlapping passages of any coder into one cluster and says whether all coders agree on it', () => {
    const clusters = clustersOf(
      doc([
        ['a', [seg('a1', 0, 10), seg('a2', 30, 40), seg('a3', 60, 70, ['other'])]],
        ['b', [seg('b1', 0, 10), seg('b2', 35, 50)]],
      ]),
      ['a', 'b'],
      't',
    );
    expect(clusters.map((c) => [c.start, c.end, c.agreed, c.differing])).toEqual([
      [0, 10, true, 0],
      [30, 50, false, 15],
    ]);
    expect(clusters[1]!.sides.map((s) => [s.coderId, s.covered, s.passages.map((p) => p.id)])).toEqual([
      ['a', 10, ['a2']],
      ['b', 15, ['b2']],
    ]);
  });

  it('a stretch only one coder coded is a disagreement with an empty side', () => {
    const [only] = clustersOf(
      doc([
        ['a', [seg('a1', 5, 9)]],
        ['b', []],
      ]),
      ['a', 'b'],
      't',
    );
    expect(only).toMatchObject({ start: 5, end: 9, agreed: false, differing: 4 });
    expect(only!.sides[1]).toEqual({ coderId: 'b', covered: 0, passages: [] });
  });

  it('nothing to settle where fewer than two of the chosen coders coded the document', () => {
    expect(clustersOf(doc([['a', [seg('a1', 5, 9)]]]), ['a', 'b'], 't')).toEqual([]);
  });
});
