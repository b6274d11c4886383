// Agreement statistics: published worked examples (Krippendorff 2011, Cohen 1960), the interval algebra against
// brute force, and the character-level report cross-checked against the `krippendorff` package and a plain κ.
import { alpha as referenceAlpha } from 'krippendorff';
import { describe, expect, it } from 'vitest';
import {
  alphaOf,
  cohensKappa,
  computeAgreement,
  coverageRuns,
  intersectionLength,
  kappaOf,
  krippendorffAlphaNominal,
  normalise,
  percentAgreement,
  tallyOfTable,
  totalLength,
  type CodedSpan,
  type DocumentCoding,
  type Span,
} from '../../src/main/agreement';
import { mulberry32 } from '../../scripts/prng';

/** The project's deterministic PRNG, so each seed in the tables below is one reproducible data set. */
const rng = mulberry32;

describe('published worked examples', () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", A: binary data, two observers, no missing data.
  const binary = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
  ];
  it('Krippendorff 2011 A: binary, two observers → α = 0.095', () => {
    expect(krippendorffAlphaNominal(binary)).toBeCloseTo(0.095, 3);
    // The same data as a 2×2 table through the binary tally the character level uses.
    const table = { both: 1, onlyA: 1, onlyB: 3, neither: 5 };
    expect(alphaOf(tallyOfTable(table))).toBeCloseTo(0.095, 3);
  });

  it('Krippendorff 2011 C: nominal, four observers, twelve units, missing data → α = 0.743', () => {
    const _ = null;
    const data = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    expect(krippendorffAlphaNominal(data)).toBeCloseTo(0.743, 3);
  });

  it('Cohen 1960: two judges, three categories, N = 200 → p_o = .70, p_e = .41, κ = .492', () => {
    const table = [
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ];
    expect(cohensKappa(table)).toBeCloseTo(0.492, 3);
  });

  it.each([
    [
      'no units',
      [
        [0, 0],
        [0, 0],
      ],
      null,
    ],
    [
      'one category used by both throughout',
      [
        [10, 0],
        [0, 0],
      ],
      null,
    ],
    [
      'perfect agreement with variation',
      [
        [3, 0],
        [0, 7],
      ],
      1,
    ],
    [
      'complete disagreement',
      [
        [0, 5],
        [5, 0],
      ],
      -1,
    ],
  ] as const)('κ edge case: %s', (_name, table, expected) => {
    const k = cohensKappa(table.map((r) => [...r]));
    if (expected === null) expect(k).toBeNull();
    else expect(k).toBeCloseTo(expected, 10);
  });

  it('α and percent are null without pairable values or variation', () => {
    expect(alphaOf({ n0: 0, n1: 0, o01: 0 })).toBeNull();
    expect(alphaOf({ n0: 40, n1: 0, o01: 0 })).toBeNull();
    expect(percentAgreement({ both: 0, onlyA: 0, onlyB: 0, neither: 0 })).toBeNull();
  });
});

describe('interval algebra', () => {
  function brute(spans: Span[], length: number): boolean[] {
    const on = new Array<boolean>(length).fill(false);
    for (const s of spans) for (let i = Math.max(0, s.start); i < Math.min(length, s.end); i++) on[i] = true;
    return on;
  }
  function randomSpans(next: () => number, length: number, count: number): Span[] {
    return Array.from({ length: count }, () => {
      const start = Math.floor(next() * (length + 10)) - 5;
      return { start, end: start + Math.floor(next() * 30) };
    });
  }

  it.each([
    [
      'overlapping and touching merge',
      [
        { start: 5, end: 10 },
        { start: 0, end: 5 },
        { start: 8, end: 12 },
      ],
      20,
      [{ start: 0, end: 12 }],
    ],
    [
      'clipped to the text, empty dropped',
      [
        { start: -3, end: 2 },
        { start: 4, end: 4 },
        { start: 18, end: 40 },
      ],
      20,
      [
        { start: 0, end: 2 },
        { start: 18, end: 20 },
      ],
    ],
    [
      'gaps kept',
      [
        { start: 1, end: 2 },
        { start: 3, end: 4 },
      ],
      10,
      [
        { start: 1, end: 2 },
        { start: 3, end: 4 },
      ],
    ],
  ])('normalise: %s', (_name, spans, length, expected) => {
    expect(normalise(spans, length)).toEqual(expected);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: lengths, intersections and coverage runs match a per-character count',
    (seed) => {
      const next = rng(seed);
      const length = 50 + Math.floor(next() * 200);
      const layers = [0, 1, 2].map(() => normalise(randomSpans(next, length, Math.floor(next() * 8)), length));
      const chars = layers.map((l) => brute(l, length));
      layers.forEach((l, i) => expect(totalLength(l)).toBe(chars[i]!.filter(Boolean).length));
      const both = chars[0]!.filter((on, i) => on && chars[1]![i]).length;
      expect(intersectionLength(layers[0]!, layers[1]!)).toBe(both);
      const counted = new Array<number>(length).fill(0);
      for (const run of coverageRuns(layers)) {
        for (let i = run.start; i < run.end; i++) {
          counted[i] = run.count;
          expect(run.members).toEqual([0, 1, 2].filter((k) => chars[k]![i]));
        }
      }
      counted.forEach((c, i) => expect(c).toBe(chars.filter((l) => l[i]).length));
    },
  );
});

describe('character level against independent implementations', () => {
  const TAGS = ['cooperation', 'friction', 'hedging'];

  function randomCorpus(seed: number, coderCount: number): { docs: DocumentCoding[]; coders: string[] } {
    const next = rng(seed);
    const coders = Array.from({ length: coderCount }, (_, i) => `coder${i + 1}`);
    const docs: DocumentCoding[] = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, d) => {
      const length = 40 + Math.floor(next() * 160);
      const map = new Map<string, CodedSpan[]>();
      for (const c of coders) {
        if (next() < 0.15) continue; // this coder did not code this document: missing, not "uncoded"
        const passages: CodedSpan[] = Array.from({ length: Math.floor(next() * 7) }, (_, p) => {
          const start = Math.floor(next() * length);
          const tagIds = TAGS.filter(() => next() < 0.5);
          return { id: `${c}-${d}-${p}`, start, end: Math.min(length, start + 1 + Math.floor(next() * 40)), tagIds };
        });
        map.set(c, passages);
      }
      return { docId: `doc${d}`, length, coders: map };
    });
    return { docs, coders };
  }

  /** Rows: coders; columns: every (document, character) the coder could judge; undefined where missing. */
  function ratingMatrix(docs: DocumentCoding[], coders: string[], tags: string[]): (number | undefined)[][] {
    return coders.map((c) => {
      const row: (number | undefined)[] = [];
      for (const tag of tags) {
        for (const doc of docs) {
          const passages = doc.coders.get(c);
          for (let i = 0; i < doc.length; i++) {
            row.push(
              passages
                ? passages.some((p) => p.tagIds.includes(tag) && p.start <= i && i < p.end)
                  ? 1
                  : 0
                : undefined,
            );
          }
        }
      }
      return row;
    });
  }

  function expectSame(ours: number | null, theirs: number): void {
    if (Number.isNaN(theirs)) expect(ours).toBeNull();
    else expect(ours).toBeCloseTo(theirs, 9);
  }

  const SEEDS = [
    [101, 2],
    [102, 2],
    [103, 2],
    [104, 3],
    [105, 3],
    [106, 4],
    [107, 4],
    [108, 5],
  ] as const;

  it.each(SEEDS)('seed %i, %i coders: α per tag and overall equals the krippendorff package', (seed, coderCount) => {
    const { docs, coders } = randomCorpus(seed, coderCount);
    const report = computeAgreement({ documents: docs, coders, tagIds: TAGS });
    for (const row of report.tags) expectSame(row.alpha, referenceAlpha(ratingMatrix(docs, coders, [row.tagId!])));
    expectSame(report.overall.alpha, referenceAlpha(ratingMatrix(docs, coders, TAGS)));
    // Every pair's own α, and our general coincidence-matrix α on the same matrix.
    for (const pair of report.tags[0]!.pairs) {
      const m = ratingMatrix(docs, pair.coders, [TAGS[0]!]);
      const paired = m.map((row) => row.map((v, i) => (m.every((r) => r[i] !== undefined) ? v : undefined)));
      expectSame(pair.alpha, referenceAlpha(paired));
    }
    expectSame(report.tags[1]!.alpha, krippendorffAlphaNominal(ratingMatrix(docs, coders, [TAGS[1]!])) ?? NaN);
  });

  it.each(SEEDS)(
    'seed %i, %i coders: κ and percent of each pair equal a plain 2×2 count per character',
    (seed, coderCount) => {
      const { docs, coders } = randomCorpus(seed, coderCount);
      const report = computeAgreement({ documents: docs, coders, tagIds: TAGS });
      report.tags.forEach((row) => {
        for (const pair of row.pairs) {
          const [a, b] = ratingMatrix(docs, pair.coders, [row.tagId!]);
          let n11 = 0,
            n10 = 0,
            n01 = 0,
            n00 = 0;
          a!.forEach((x, i) => {
            const y = b![i];
            if (x === undefined || y === undefined) return;
            if (x && y) n11++;
            else if (x) n10++;
            else if (y) n01++;
            else n00++;
          });
          const n = n11 + n10 + n01 + n00;
          expect(pair.units).toBe(n);
          expect(pair.table).toEqual({ both: n11, onlyA: n10, onlyB: n01, neither: n00 });
          if (n === 0) continue;
          const po = (n11 + n00) / n;
          const pe = ((n11 + n10) * (n11 + n01) + (n01 + n00) * (n10 + n00)) / (n * n);
          expect(pair.percent).toBeCloseTo(po, 12);
          if (pe === 1) expect(pair.kappa).toBeNull();
          else expect(pair.kappa).toBeCloseTo((po - pe) / (1 - pe), 12);
        }
        if (coders.length === 2) {
          expect(row.kappa).toBe(row.pairs[0]!.kappa);
          expect(row.percent).toBe(row.pairs[0]!.percent);
        } else expect(row.kappa).toBeNull();
      });
    },
  );

  it('a coder who did not code a document is missing there, not "coded nothing"', () => {
    const passages: CodedSpan[] = [{ id: 'a1', start: 0, end: 10, tagIds: ['t'] }];
    const base = { docId: 'd', length: 100 };
    const absent = computeAgreement({
      documents: [
        { ...base, coders: new Map([['a', passages]]) },
        {
          docId: 'e',
          length: 50,
          coders: new Map([
            ['a', passages],
            ['b', passages],
          ]),
        },
      ],
      coders: ['a', 'b'],
      tagIds: ['t'],
    });
    expect(absent.missing).toEqual({ a: [], b: ['d'] });
    expect(absent.documentsCompared).toBe(1);
    expect(absent.tags[0]!.units).toBe(50);
    expect(absent.tags[0]!.percent).toBe(1);
    const uncoded = computeAgreement({
      documents: [
        {
          ...base,
          coders: new Map([
            ['a', passages],
            ['b', []],
          ]),
        },
      ],
      coders: ['a', 'b'],
      tagIds: ['t'],
    });
    expect(uncoded.tags[0]!.units).toBe(100);
    expect(uncoded.tags[0]!.percent).toBeCloseTo(0.9, 12);
    expect(uncoded.tags[0]!.kappa).toBeCloseTo(0, 12);
  });

  it('per document figures add up to the corpus tables', () => {
    const { docs, coders } = randomCorpus(7, 2);
    const report = computeAgreement({ documents: docs, coders, tagIds: TAGS, byDocument: true });
    expect(report.documents).toHaveLength(docs.length);
    const sum = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
    for (const d of report.documents!) {
      const t = d.overall.pairs[0]!.table;
      sum.both += t.both;
      sum.onlyA += t.onlyA;
      sum.onlyB += t.onlyB;
      sum.neither += t.neither;
    }
    expect(report.overall.pairs[0]!.table).toEqual(sum);
    expect(report.overall.kappa).toBe(kappaOf(sum));
  });

  it('refuses fewer than two coders and a threshold outside (0, 1]', () => {
    expect(() => computeAgreement({ documents: [], coders: ['a', 'a'], tagIds: [] })).toThrow(/two different coders/);
    expect(() => computeAgreement({ documents: [], coders: ['a', 'b'], tagIds: [], threshold: 0 })).toThrow(
      /threshold/,
    );
    expect(() => computeAgreement({ documents: [], coders: ['a', 'b'], tagIds: [], threshold: 1.5 })).toThrow(
      /threshold/,
    );
  });
});
