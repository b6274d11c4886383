// HTML digest: self-contained and inert, every passage in its place, hostile text escaped, notes optional, deterministic, golden.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/main/export/charts';
import { renderHtml } from '../../src/main/export/html';
import { passageKey } from '../../src/main/export/select';
import type { ExportSet } from '../../src/main/export/types';
import type { Tag } from '../../src/shared/types';
import { ENERGY, makeDoc, makeSet, markupOf, passage, PASSAGES, TAGS } from './html-charts-fixture';

const render = (set: ExportSet) => renderHtml(set, buildCharts(set));

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

// ---- hostile input ------------------------------------------------------------------------------

const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(document.cookie)';

const hostileDoc = makeDoc(
  { id: 'hostile', title: `${SCRIPT} & Co`, author: BREAKOUT, publisher: "O'Brien & <b>Sons</b>", date: null, url: JS_URL, source: 'x.txt' },
  [
    ['paragraph', `Before ${SCRIPT} after.`],
    ['paragraph', `Quote ${BREAKOUT} with 'single' and "double" quotes & ampersands.`],
    ['paragraph', `See ${JS_URL} for details.`],
  ],
);
const hostileTag: Tag = { ...ENERGY, id: 'evil', name: `${BREAKOUT}</h2>`, color: 'red;background:url(http://evil.example/x.png)' };
const hostileSet = makeSet({
  documents: [hostileDoc],
  tags: [...TAGS, hostileTag],
  passages: [
    passage(hostileDoc, `Before ${SCRIPT} after.`, ['evil'], `${SCRIPT}\n${BREAKOUT}\n${JS_URL}`),
    passage(hostileDoc, `Quote ${BREAKOUT} with 'single' and "double" quotes & ampersands.`, ['friction'], "it's <i>fine</i>"),
    passage(hostileDoc, `See ${JS_URL} for details.`, [], JS_URL),
  ],
});

const HTML_ELEMENTS = new Set(
  ('html head meta title style body main header h1 h2 h3 p table thead tbody tr th td section figure figcaption b ' +
    'span article blockquote div br ol li bdi svg desc g rect line text').split(' '),
);
const HTML_ATTRIBUTES = new Set(
  ('lang dir charset http-equiv content name class style scope aria-label ' +
    // inline SVG
    'xmlns width height viewBox role aria-labelledby aria-describedby id font-family font-size font-size-adjust font-weight fill ' +
    'fill-opacity stroke stroke-width stroke-dasharray x y x1 y1 x2 y2 rx text-anchor transform').split(' '),
);

describe('a self-contained, inert page', () => {
  it.each([
    ['sample', makeSet()],
    ['by document', makeSet({ options: { groupBy: 'document' } })],
    ['empty', makeSet({ passages: [] })],
    ['hostile', hostileSet],
  ])('%s', (_name, set) => {
    const html = render(set);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('src="http');
    expect(html).not.toContain('href="http');
    // Text is escaped ("→&quot;), so an attribute can only be one the renderer wrote: and it writes no links at all.
    expect(html).not.toMatch(/\s(src|href|srcset|action|formaction|xlink:href)="/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // Every tag is one the renderer writes, with attributes it writes: nothing came in through the data.
    const { elements, attributes, values } = markupOf(html);
    expect([...elements].filter((e) => !HTML_ELEMENTS.has(e))).toEqual([]);
    expect([...attributes].filter((a) => !HTML_ATTRIBUTES.has(a))).toEqual([]);
    expect(values.filter((v) => /javascript:|https?:/i.test(v))).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);
    // Print rules: A4 page, passages and figures kept whole, colours printed.
    expect(html).toContain('size: A4;');
    expect(html).toMatch(/\.passage \{\s*break-inside: avoid;/);
    expect(html).toContain('print-color-adjust: exact;');
  });
});

describe('escaping', () => {
  const html = render(hostileSet);

  it.each([
    ['document text', '<p dir="auto">Before &lt;script&gt;alert(1)&lt;/script&gt; after.</p>'],
    ['quotes in a quote', 'Quote &quot;&gt;&lt;img src=x onerror=alert(1)&gt; with &#39;single&#39; and &quot;double&quot; quotes &amp; ampersands.'],
    ['a title', '&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co'],
    ['an author', '— &quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ['a publisher', 'O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;'],
    ['a tag name', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/h2&gt;'],
    ['a note, line breaks kept', `<div class="note-text" dir="auto">&lt;script&gt;alert(1)&lt;/script&gt;\n&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\n${JS_URL}</div>`],
    ['a javascript: URL, printed as text', `<span class="url">${JS_URL}</span>`],
  ])('%s', (_what, expected) => {
    expect(html).toContain(expected);
  });

  it('never lets a raw hostile string through', () => {
    for (const raw of [SCRIPT, BREAKOUT, '<i>fine</i>', '<b>Sons</b>']) expect(html).not.toContain(raw);
  });

  it('keeps an invalid tag colour out of the CSS', () => {
    expect(html).not.toContain('evil.example');
    expect(html).toContain('--tag:#888888');
  });
});

describe('grouping', () => {
  const codebookTags = (tagIds: string[]) => TAGS.filter((t) => tagIds.includes(t.id)).length;

  it('by tag: every passage once per codebook tag (once under Untagged when it has none)', () => {
    const html = render(makeSet());
    for (const p of PASSAGES) expect(count(html, `>${passageKey(p)}</span>`), p.id).toBe(Math.max(1, codebookTags(p.tagIds)));
  });

  it('by tag: sections in codebook order with counts, then Untagged, then sources', () => {
    const html = render(makeSet());
    const headings = [...html.matchAll(/<h2[^>]*>(?:<span class="swatch"><\/span>)?([^<]*)(?:<span class="count">(\d+)<\/span>)?<\/h2>/g)];
    expect(headings.map((h) => `${h[1]} ${h[2] ?? ''}`.trim())).toEqual([
      'Cooperation 4',
      'Friction 2',
      'Hedging 3',
      'Energy &amp; sanctions 3',
      'Untagged 1',
      'Sources',
    ]);
  });

  it('by document: every passage exactly once, documents in corpus order with all tags as chips', () => {
    const html = render(makeSet({ options: { groupBy: 'document' } }));
    for (const p of PASSAGES) expect(count(html, `>${passageKey(p)}</span>`), p.id).toBe(1);
    const headings = [...html.matchAll(/<h2(?: dir="auto")?>([^<]*)<\/h2>/g)].map((h) => h[1]);
    expect(headings).toEqual(['Russo-Iranian Alignment Will Continue Despite Differences', expect.stringMatching(/^Competing/), 'Sources']);
    expect(html).toContain('<span class="chip" style="--tag:#009e73;--on:#1d1c1a">Cooperation</span><span class="chip" style="--tag:#cc79a7;--on:#1d1c1a">Energy &amp; sanctions</span>');
  });

  it('cites each passage with its citation and id, and marks passages needing review', () => {
    const html = render(makeSet());
    expect(html).toContain(
      '<p class="cite">— Russo-Iranian Alignment Will Continue Despite Differences — Samuel Ramani, Gulf International Forum, 2022-03-21, ¶\u00a02<span class="pid">p-',
    );
    expect(html).toMatch(/<article class="passage review"[^>]*>\n<blockquote><p dir="auto">Iranian officials describe the partnership as strategic\.<\/p><\/blockquote>\n<p class="cite">[^<]*position needs review/);
  });

  it('counts passages and documents per tag in the header table', () => {
    const html = render(makeSet());
    expect(html).toContain('Cooperation</th><td class="n">4</td><td class="n">2</td>');
    expect(html).toContain('Untagged</th><td class="n">1</td><td class="n">1</td>');
    expect(html).toContain('8 passages from 2 of 3 documents · 1 needs review · grouped by tag');
  });
});

describe('options and edge cases', () => {
  it('omits notes when includeNotes is false', () => {
    const html = render(makeSet({ options: { includeNotes: false } }));
    expect(html).not.toContain('class="note');
    for (const p of PASSAGES) if (p.note) expect(html).not.toContain(p.note.split('\n')[0]);
  });

  it('includes the three charts, each in a figure with a caption', () => {
    const set = makeSet();
    const charts = buildCharts(set);
    const html = renderHtml(set, charts);
    for (const svg of Object.values(charts)) expect(html).toContain(`<figure>\n${svg}\n<figcaption>`);
    expect(count(html, '<figcaption>')).toBe(3);
  });

  it('renders an empty selection with a clear message and empty-state charts', () => {
    const html = render(makeSet({ passages: [] }));
    expect(html).toContain('No passages have been tagged yet.');
    expect(count(html, '>No passages selected</text>')).toBe(3);
    expect(html).not.toContain('<h2>Sources</h2>');
  });

  it('says which filters made the selection, worded as in the Markdown digest', () => {
    const html = render(makeSet({ options: { tagIds: ['friction', 'hedging'], docIds: ['gif-ramani'], text: 'swap <b>' } }));
    expect(html).toContain(
      'Filtered to tags Friction or Hedging · document “Russo-Iranian Alignment Will Continue Despite Differences” · text “swap &lt;b&gt;”.',
    );
    expect(render(makeSet({ passages: [], options: { text: 'drones' } }))).toContain('No passages match the filters.');
    expect(render(makeSet({ passages: [] }))).toContain('No passages have been tagged yet.');
  });

  it('narrows sections, table and charts to the tags a tag filter asks for', () => {
    const tagIds = ['friction'];
    const set = makeSet({ options: { tagIds }, passages: PASSAGES.filter((p) => p.tagIds.includes('friction')) });
    const html = render(set);
    expect([...html.matchAll(/<h2[^>]*><span class="swatch"><\/span>([^<]*)/g)].map((h) => h[1])).toEqual(['Friction']);
    expect(html).not.toContain('>Cooperation</th>');
    // Other tags still show on the passage, and nowhere else.
    expect(html).toContain('Also tagged <span class="chip" style="--tag:#0072b2;--on:#ffffff">Hedging</span>');
    expect(buildCharts(set).cooccurrence).not.toContain('Hedging');
  });

  it('is deterministic, whatever order passages arrive in', () => {
    expect(render(makeSet())).toBe(render(makeSet()));
    expect(render(makeSet({ passages: [...PASSAGES].reverse() }))).toBe(render(makeSet()));
  });
});

// ---- golden file --------------------------------------------------------------------------------

describe('HTML golden file', () => {
  it('digest.html matches', async () => {
    const path = fileURLToPath(new URL('../golden/export/digest.html', import.meta.url));
    const html = render(makeSet());
    if (process.env.UPDATE_GOLDEN === '1') {
      await mkdir(fileURLToPath(new URL('../golden/export/', import.meta.url)), { recursive: true });
      await writeFile(path, html);
    }
    const golden = await readFile(path, 'utf8').catch(() => {
      throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1 and review the file`);
    });
    expect(html).toBe(golden);
  });
});
