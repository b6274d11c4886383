// Export charts: well-formed standalone SVG, accessible names, the right counts, tag colours, empty states, determinism.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/main/export/charts';
import type { Charts, Tag } from '../../src/shared/types';
import { DOCS, ENERGY, GERANMAYEH, makeDoc, makeSet, markupOf, passage, PASSAGES, RAMANI, TAGS } from './html-charts-fixture';

type Kind = keyof Charts;
const KINDS: Kind[] = ['frequency', 'cooccurrence', 'distribution'];

const HOSTILE_TITLE = '<script>alert(1)</script> & "quotes" \'apostrophes\' \u0001 control';
const hostileDoc = makeDoc(
  { id: 'hostile', title: HOSTILE_TITLE, author: null, publisher: null, date: null, url: null, source: 'h.txt' },
  [['paragraph', 'Moscow and Tehran signed a <b>memorandum</b> & more.']],
);
const hostileTag: Tag = { ...ENERGY, id: 'evil', name: '"><img src=x onerror=alert(1)>', color: 'url(javascript:alert(1))' };

const SETS = {
  full: makeSet(),
  empty: makeSet({ passages: [] }),
  'no documents': makeSet({ documents: [], passages: [] }),
  'untagged only': makeSet({ passages: PASSAGES.filter((p) => p.tagIds.length === 0) }),
  hostile: makeSet({
    documents: [hostileDoc],
    tags: [...TAGS, hostileTag],
    passages: [passage(hostileDoc, 'memorandum', ['evil', 'cooperation'], '<script>alert(2)</script>')],
  }),
  'many tags': makeSet({
    tags: Array.from({ length: 14 }, (_, i) => ({ ...ENERGY, id: `t${i}`, name: `Tag number ${i}`, color: '#336699' })),
    passages: [passage(RAMANI, 'JCPOA', Array.from({ length: 14 }, (_, i) => `t${i}`))],
  }),
};

const ELEMENTS = new Set(['svg', 'title', 'desc', 'g', 'rect', 'line', 'text']);
const ATTRIBUTES = new Set(
  ('xmlns width height viewBox role aria-labelledby aria-describedby id font-family font-size font-size-adjust font-weight fill ' +
    'fill-opacity stroke stroke-width stroke-dasharray x y x1 y1 x2 y2 rx text-anchor transform').split(' '),
);

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

/** Every chart of every set, as [set name, chart kind, svg]. */
const ALL = Object.entries(SETS).flatMap(([name, set]) => {
  const charts = buildCharts(set);
  return KINDS.map((kind) => [name, kind, charts[kind]] as const);
});

describe('every chart is a standalone, accessible SVG', () => {
  it.each(ALL)('%s / %s', (_name, _kind, svg) => {
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = parser.parse(svg).svg;
    expect(root['@role']).toBe('img');
    expect(root['@xmlns']).toBe('http://www.w3.org/2000/svg');
    const [width, height] = [Number(root['@width']), Number(root['@height'])];
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(root['@viewBox']).toBe(`0 0 ${width} ${height}`);
    expect(String(root.title['#text'] ?? root.title).length).toBeGreaterThan(5);
    expect(String(root.desc['#text'] ?? root.desc).length).toBeGreaterThan(10);
    // Nothing that runs, loads or needs the page: only drawing elements and presentation attributes.
    const { elements, attributes, values } = markupOf(svg);
    expect([...elements].filter((e) => !ELEMENTS.has(e))).toEqual([]);
    expect([...attributes].filter((a) => !ATTRIBUTES.has(a))).toEqual([]);
    expect(values.filter((v) => /url\(|javascript:|https?:/i.test(v))).toEqual(['http://www.w3.org/2000/svg']);
  });
});

describe('empty states', () => {
  it.each(KINDS)('%s says "No passages selected" when nothing is selected', (kind) => {
    for (const set of [SETS.empty, SETS['no documents']]) {
      const svg = buildCharts(set)[kind];
      expect(svg).toContain('>No passages selected</text>');
      expect(svg).toContain('<desc id="glossator-' + kind + '-desc">No passages selected.</desc>');
    }
  });

  it('the matrix explains when no selected passage carries a tag', () => {
    expect(buildCharts(SETS['untagged only']).cooccurrence).toContain('No tagged passages selected');
    expect(buildCharts(SETS['untagged only']).frequency).toContain('Untagged');
  });
});

describe('frequency', () => {
  const svg = buildCharts(SETS.full).frequency;

  it.each([
    // document, tag, count — passages per tag in each document; a passage with two tags counts under both
    [RAMANI.title, 'Cooperation', 2],
    [RAMANI.title, 'Friction', 1],
    [RAMANI.title, 'Hedging', 3],
    [RAMANI.title, 'Energy &amp; sanctions', 1],
    [GERANMAYEH.title, 'Cooperation', 2],
    [GERANMAYEH.title, 'Friction', 1],
    [GERANMAYEH.title, 'Energy &amp; sanctions', 2],
    [GERANMAYEH.title, 'Untagged', 1],
  ])('%s has %s = %i', (title, tag, count) => {
    expect(svg).toContain(`<title>${title} — ${tag}: ${count}</title>`);
  });

  it('draws no segment for a tag a document lacks, and one bar per document with passages', () => {
    expect(svg).not.toContain(`${GERANMAYEH.title} — Hedging`);
    expect(svg).not.toContain('The Caspian Summit Nobody Noticed');
    expect(svg).toContain('Not shown: 1 document without selected passages.');
  });

  it('truncates long titles with an ellipsis and keeps the full title as a tooltip', () => {
    const visible = [...svg.matchAll(/<g><title>([^<]*)<\/title><text[^>]*>([^<]*)<\/text><\/g>/g)];
    const label = visible.find((m) => m[1] === GERANMAYEH.title);
    expect(label?.[2]).toMatch(/^Competing for the Same Barrels.*…$/);
  });

  it('describes every count in words for screen readers', () => {
    const desc = parser.parse(svg).svg.desc['#text'] as string;
    expect(desc).toContain(`${RAMANI.title}: Cooperation 2, Friction 1, Hedging 3, Energy & sanctions 1 (4 passages).`);
    expect(desc).toContain(`${GERANMAYEH.title}: Cooperation 2, Friction 1, Energy & sanctions 2, Untagged 1 (4 passages).`);
  });
});

describe('co-occurrence', () => {
  const svg = buildCharts(SETS.full).cooccurrence;
  /** [tooltip, printed number] of every cell, row by row. */
  const cells = [...svg.matchAll(/<g><title>([^<]*)<\/title><rect[^>]*\/><text[^>]*>(\d+)<\/text><\/g>/g)];

  it('prints the matrix: diagonal = passages with the tag, other cells = passages with both', () => {
    // Cooperation, Friction, Hedging, Energy & sanctions (Untagged has no row).
    expect(cells.map((m) => Number(m[2]))).toEqual([
      4, 0, 1, 2,
      0, 2, 1, 1,
      1, 1, 3, 0,
      2, 1, 0, 3,
    ]);
  });

  it.each([
    ['Cooperation: 4 passages'],
    ['Cooperation and Energy &amp; sanctions: 2 passages'],
    ['Friction and Hedging: 1 passage'],
    ['Hedging and Energy &amp; sanctions: 0 passages'],
  ])('cell tooltip "%s"', (tooltip) => {
    expect(cells.map((m) => m[1])).toContain(tooltip);
  });

  it('shades cells by count: empty cells unfilled, the largest pair darkest, diagonal in the tag colour', () => {
    const opacity = (i: number) => Number(/fill-opacity="([\d.]+)"/.exec(cells[i]?.[0] ?? '')?.[1]);
    expect(opacity(1)).toBe(0); // Cooperation × Friction = 0
    expect(opacity(3)).toBe(1); // Cooperation × Energy = 2, the largest pair
    expect(opacity(2)).toBeLessThan(opacity(3)); // Cooperation × Hedging = 1
    expect(cells[0]?.[0]).toContain('fill="#009e73"');
    expect(cells[15]?.[0]).toContain('fill="#cc79a7"'); // "#CC79A7" in the codebook, normalised
  });

  it('grows to fit many tags', () => {
    const many = buildCharts(SETS['many tags']).cooccurrence;
    expect([...many.matchAll(/<g><title>[^<]*<\/title><rect/g)]).toHaveLength(14 * 14);
  });
});

describe('distribution', () => {
  const svg = buildCharts(SETS.full).distribution;
  const ticks = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="8" fill="(#[0-9a-f]{6})"[^>]*><title>([^<]*)<\/title>/g)];

  it('draws a tick per placed passage per tag; passages needing review are left out and said so', () => {
    // r1 1, r2 2, r3 2, r4 2, g1 2, g2 2, g3 (untagged) 1; g4 needs review.
    expect(ticks).toHaveLength(12);
    expect(svg).toContain('1 passage needing review has no position and is not drawn.');
  });

  it('places each tick at range.start / text length along the row', () => {
    const first = PASSAGES[0];
    const start = first?.range?.start ?? 0;
    const hedging = ticks.find((t) => t[4]?.startsWith('Hedging · ¶ 1'));
    const expected = 16 + (start / RAMANI.text.length) * (700 - 32);
    expect(Number(hedging?.[1])).toBeCloseTo(expected, 0);
    expect(hedging?.[4]).toBe(`Hedging · ¶ 1 · ${Math.round((start / RAMANI.text.length) * 100)}%`);
  });

  it('gives each tag its own lane and colour, the same in every row', () => {
    const laneOf = new Map<string, Set<number>>();
    for (const t of ticks) laneOf.set(t[3] ?? '', (laneOf.get(t[3] ?? '') ?? new Set()).add(Number(t[2])));
    expect([...laneOf.keys()].sort()).toEqual(['#009e73', '#0072b2', '#b9b3a6', '#cc79a7', '#d55e00'].sort());
    // Two documents: every colour sits at one y offset per row, and colours never share a y.
    const ys = [...laneOf.values()].flatMap((set) => [...set]);
    expect(new Set(ys).size).toBe(ys.length);
  });
});

describe('escaping and colour validation', () => {
  const charts = buildCharts(SETS.hostile);

  it.each(KINDS)('%s keeps hostile titles and tag names as inert text', (kind) => {
    const svg = charts[kind];
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('\u0001');
    expect(svg).not.toContain('url(javascript');
  });

  it('escapes every markup character of a title', () => {
    expect(charts.frequency).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;apostrophes&#39;');
  });

  it('replaces a colour that is not #rrggbb with neutral grey', () => {
    expect(charts.frequency).toContain('fill="#888888"');
    expect(charts.cooccurrence).toContain('fill="#888888"');
  });
});

describe('determinism', () => {
  it('gives the same bytes for the same set, whatever order passages arrive in', () => {
    const shuffled = makeSet({ passages: [...PASSAGES].reverse() });
    expect(buildCharts(shuffled)).toEqual(buildCharts(SETS.full));
    expect(buildCharts(makeSet())).toEqual(buildCharts(makeSet()));
  });

  it('ignores tag ids outside the codebook and documents outside the set', () => {
    const stray = passage(RAMANI, 'Moscow', ['no-such-tag', 'friction']);
    const orphan = { ...passage(RAMANI, 'Moscow', ['friction']), docId: 'gone' };
    const charts = buildCharts(makeSet({ documents: DOCS, passages: [stray, orphan] }));
    expect(charts.frequency).toContain(`<title>${RAMANI.title} — Friction: 1</title>`);
    expect(charts.frequency).not.toContain('no-such-tag');
  });
});
