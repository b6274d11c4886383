// Digest export: Markdown escaping, citations, grouping, counts, ordering, determinism and golden files.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { citation, citeParagraphs, citeParts } from '../../src/main/export/citation';
import { exportFileName, renderMarkdown, renderMarkdownParts } from '../../src/main/export/digest';
import { renderHtml } from '../../src/main/export/html';
import { CHART_FIGURES } from '../../src/shared/chart-figures';
import { passageKey, selectPassages } from '../../src/main/export/select';
import { DEFAULT_OPTIONS, type ExportSet } from '../../src/main/export/types';
import { blockquote, escapeBlock, escapeInline, hashtag } from '../../src/main/export/markdown';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import type {
  Block,
  BlockKind,
  DigestGroupBy,
  GlossDocument,
  PlacedAnnotation,
  TextPosition,
} from '../../src/shared/types';
import { FIXTURE_GENERATOR, FIXTURE_NOW, loadFixtureSet } from './fixtures';

// ---- fixtures, built by hand so the test depends on no other module -----------------------------

type Meta = Pick<GlossDocument, 'id' | 'title' | 'author' | 'publisher' | 'date' | 'url' | 'source'>;

/** A document from [kind, text] blocks joined by "\n\n"; paragraphs and list items are numbered from 1. */
function makeDoc(meta: Meta, specs: Array<[BlockKind, string]>): GlossDocument {
  let text = '';
  let para = 0;
  const blocks: Block[] = specs.map(([kind, blockText], index) => {
    if (index > 0) text += '\n\n';
    const start = text.length;
    text += blockText;
    const numbered = kind === 'paragraph' || kind === 'list-item';
    return { index, kind, start, end: text.length, para: numbered ? ++para : null };
  });
  return {
    ...meta,
    text,
    blocks,
    contentHash: `sha256:${'0'.repeat(64)}`,
    normaliser: 'glossator-text/1',
    wordCount: text.split(/\s+/).filter(Boolean).length,
  };
}

const RAMANI = makeDoc(
  {
    id: 'gif-ramani',
    title: 'Russo-Iranian Alignment Will Continue Despite Differences',
    author: 'Samuel Ramani',
    publisher: 'Gulf International Forum',
    date: '2022-03-21',
    url: 'https://gulfif.org/russo-iranian-alignment-will-continue-despite-differences/',
    source: '000_4ab67b766fb33eed.txt',
  },
  [
    ['chrome', '• Home • Russo-Iranian Alignment Will Continue Despite Differences'],
    ['heading', 'Russo-Iranian Alignment Will Continue Despite Differences'],
    [
      'paragraph',
      'On March 15, Iranian Foreign Minister Hossein Amir-Abdollahian arrived in Moscow to hold talks with ' +
        'Russian officials on the war in Ukraine and the future of the Joint Comprehensive Plan of Action (JCPOA). ' +
        'The Ukraine component of this trip was shrouded in ambiguities.',
    ],
    [
      'paragraph',
      'The JCPOA dimension of Amir-Abdollahian’s trip was apparently more successful. This issue was resolved ' +
        'in tandem with Amir-Abdollahian’s visit, as Lavrov stated that Moscow had received U.S. guarantees that ' +
        'sanctions would not derail Russo-Iranian commercial cooperation.',
    ],
    [
      'paragraph',
      'Despite these ups and downs, Amir-Abdollahian’s visit reflected continuity in Russia-Iran relations. ' +
        'These continuities ensure that despite episodic frictions, strategic cooperation between Russia and ' +
        'Iran will persist.',
    ],
    ['heading', 'Iran’s Balancing Act on the Ukraine War'],
    [
      'paragraph',
      'Iran’s policy of “sympathy without alignment” towards Russia’s invasion of Ukraine mirrors its ' +
        'responses to Moscow’s past military interventions.',
    ],
    [
      'paragraph',
      'Despite Russia’s superficial alignment with Iran on the JCPOA, mutual tensions have surfaced in recent ' +
        'weeks. Russia has viewed the re-entry of Iranian oil into Western markets with concern.',
    ],
    ['chrome', 'Subscribe to Receive Latest Updates from GIF.'],
  ],
);

const HOSTILE_TEXT =
  '# heading <script>alert(1)</script> [x](javascript:alert(1)) *emph* |pipe| <img src=x onerror=alert(1)>';

const SUSPICIOUS_BIND = makeDoc(
  {
    id: 'suspicious-bind',
    title: 'Suspicious bind: Iran’s relationship with Russia',
    author: null,
    publisher: null,
    date: null,
    url: null,
    source: '001_05282a48bb000cda.txt',
  },
  [
    ['heading', 'Suspicious bind: Iran’s relationship with Russia'],
    [
      'paragraph',
      'Decision-makers in Tehran are developing the Iran-Russia relationship in significant ways, but they seem ' +
        'careful not to fully turn away from the West and towards Moscow',
    ],
    ['caption', 'A picture of the meeting of Russian President Vladimir Putin with Ayatollah Khamenei'],
    [
      'paragraph',
      'Russia’s war on Ukraine and the potential restoration of the Joint Comprehensive Plan of Action (JCPOA) ' +
        'have thrown a spotlight on the relationship between Tehran and Moscow.',
    ],
    [
      'paragraph',
      'Iran and Russia often treat each other as partners of convenience when things get tough with the West. ' +
        'By hosting the summit in Tehran and signing major energy agreements with Russia, Iran signalled that it ' +
        'had other options and that it was not desperate for a deal with the West.',
    ],
    [
      'paragraph',
      'Some US media outlets allege that Iran has started supplying drones to Russia for use in Ukraine. ' +
        'So far, the Iranian government has denied such reports.',
    ],
    ['pullquote', 'Many Iranian leaders remain deeply suspicious of Russia'],
    [
      'paragraph',
      'In fact, many Iranian leaders remain deeply suspicious of Russia – a sentiment rooted in a history of ' +
        'betrayal.',
    ],
    ['paragraph', HOSTILE_TEXT],
  ],
);

const DOCS = [RAMANI, SUSPICIOUS_BIND];

interface AnnotationSpec {
  id: string;
  tagIds: string[];
  note?: string;
}

function placedAnnotation(doc: GlossDocument, range: TextPosition, spec: AnnotationSpec): PlacedAnnotation {
  return {
    id: spec.id,
    docId: doc.id,
    target: {
      position: range,
      quote: {
        exact: doc.text.slice(range.start, range.end),
        prefix: doc.text.slice(Math.max(0, range.start - 32), range.start),
        suffix: doc.text.slice(range.end, range.end + 32),
      },
      contentHash: doc.contentHash,
    },
    tagIds: spec.tagIds,
    note: spec.note ?? '',
    created: '2026-11-20T09:00:00.000Z',
    modified: '2026-11-20T09:00:00.000Z',
    state: 'anchored',
    range,
  };
}

/** A passage from the first occurrence of `from` to the end of the first `to` after it. */
function span(doc: GlossDocument, from: string, to: string = from): TextPosition {
  const start = doc.text.indexOf(from);
  const end = doc.text.indexOf(to, start) + to.length;
  if (start < 0 || end < to.length) throw new Error(`fixture text not found: ${from} … ${to}`);
  return { start, end };
}

function passage(doc: GlossDocument, from: string, to: string, spec: AnnotationSpec): PlacedAnnotation {
  return placedAnnotation(doc, span(doc, from, to), spec);
}

/** A passage whose stored quote no longer matches the document: main could not place it. */
function needingReview(doc: GlossDocument, exact: string, stored: TextPosition, spec: AnnotationSpec) {
  const base = placedAnnotation(doc, stored, spec);
  return {
    ...base,
    target: { ...base.target, quote: { exact, prefix: '', suffix: '' }, contentHash: 'sha256:old' },
    state: 'needs-review',
    range: null,
  } satisfies PlacedAnnotation;
}

const Q = {
  persist: 'These continuities ensure that despite episodic frictions, strategic cooperation between Russia and Iran will persist.',
  guarantees: 'Lavrov stated that Moscow had received U.S. guarantees',
  tensions: 'mutual tensions have surfaced in recent weeks.',
  spanFrom: 'By hosting the summit in Tehran',
  spanTo: 'supplying drones to Russia for use in Ukraine.',
  standfirst: 'they seem careful not to fully turn away from the West and towards Moscow',
  review: 'Khamenei has carefully distanced Iran from the conflict',
};

// Deliberately not in reading order: the digest must sort.
const ANNOTATIONS: PlacedAnnotation[] = [
  passage(RAMANI, Q.persist, Q.persist, {
    id: 'a-persist',
    tagIds: ['hedging', 'cooperation'],
    note: 'Ramani’s bottom line. The hedge sits in “despite episodic frictions”.',
  }),
  needingReview(SUSPICIOUS_BIND, Q.review, { start: 40, end: 95 }, { id: 'a-review', tagIds: ['hedging'] }),
  passage(RAMANI, Q.guarantees, 'commercial cooperation.', {
    id: 'a-guarantees',
    tagIds: ['cooperation'],
    note:
      'Check against the State Department readout of 15 March.\n' +
      'Compare Ulyanov’s statements in Vienna the same week.\n' +
      '\n' +
      'Follow-up: did the guarantees survive the April pause?',
  }),
  passage(SUSPICIOUS_BIND, HOSTILE_TEXT, HOSTILE_TEXT, {
    id: 'a-hostile',
    tagIds: ['friction'],
    note: '<img src=x onerror=alert(1)>\n# not a heading\n- not a list\n> not a quote\n    not code\n| a | b |\n|---|---|',
  }),
  passage(SUSPICIOUS_BIND, Q.spanFrom, Q.spanTo, { id: 'a-span', tagIds: ['hedging'] }),
  passage(RAMANI, Q.tensions, Q.tensions, { id: 'a-tensions', tagIds: ['friction'] }),
  passage(SUSPICIOUS_BIND, Q.standfirst, Q.standfirst, {
    id: 'a-standfirst',
    tagIds: [],
    note: 'Standfirst: candidate for Hedging?',
  }),
];

const NOW = new Date('2026-11-22T10:00:00Z');

const key = (id: string) => passageKey({ id });

function input(
  groupBy: DigestGroupBy,
  over: Partial<ExportSet> = {},
  options: Partial<ExportSet['options']> = {},
): ExportSet {
  return {
    documents: DOCS,
    tags: DEFAULT_TAGS,
    passages: ANNOTATIONS,
    options: { ...DEFAULT_OPTIONS, groupBy, ...options },
    now: NOW,
    generator: { name: 'Glossator', version: 'test' },
    ...over,
  };
}

function render(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/** The text a browser would show for the HTML marked produced for one paragraph. */
function shownText(html: string): string {
  return html
    .replace(/<br>\n?/g, '\n')
    .replace(/<\/p>\n?/g, '\n')
    .replace(/<\/?blockquote>\n?|<p>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trimEnd();
}

/** Markdown from one "## " heading up to the next one. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
}

// ---- golden files -------------------------------------------------------------------------------

const GOLDEN_DIR = fileURLToPath(new URL('../golden/digest/', import.meta.url));

describe('digest golden files', () => {
  it.each([
    { groupBy: 'tag' as const, file: 'by-tag.md' },
    { groupBy: 'document' as const, file: 'by-document.md' },
  ])('grouped by $groupBy matches $file', async ({ groupBy, file }) => {
    const markdown = renderMarkdown(input(groupBy));
    const path = `${GOLDEN_DIR}${file}`;
    if (process.env.UPDATE_GOLDEN === '1') {
      await mkdir(GOLDEN_DIR, { recursive: true });
      await writeFile(path, markdown, 'utf8');
    }
    const golden = await readFile(path, 'utf8').catch(() => {
      throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1 and review the file`);
    });
    expect(markdown).toBe(golden);
  });
});

// The fixed annotation set on the real seed corpus, as an analyst would hand the digest on.
const EXPORT_GOLDEN_DIR = fileURLToPath(new URL('../golden/export/', import.meta.url));

async function matchesGolden(file: string, actual: string): Promise<void> {
  const path = `${EXPORT_GOLDEN_DIR}${file}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(EXPORT_GOLDEN_DIR, { recursive: true });
    await writeFile(path, actual, 'utf8');
  }
  const golden = await readFile(path, 'utf8').catch(() => {
    throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1 and review the file`);
  });
  expect(actual).toBe(golden);
}

describe('digest goldens on the seed corpus', () => {
  it.each([
    { file: 'digest-by-tag.md', options: { groupBy: 'tag' as const } },
    { file: 'digest-by-document.md', options: { groupBy: 'document' as const } },
    { file: 'digest-hashtags-no-notes.md', options: { groupBy: 'document' as const, hashtags: true, includeNotes: false } },
  ])('$file', async ({ file, options }) => {
    const fixture = await loadFixtureSet();
    const all = { ...DEFAULT_OPTIONS, ...options };
    const { documents, passages } = selectPassages({ documents: fixture.documents, annotations: fixture.annotations, options: all });
    const set: ExportSet = { documents, passages, tags: fixture.tags, options: all, now: FIXTURE_NOW, generator: FIXTURE_GENERATOR };
    await matchesGolden(file, renderMarkdown(set));
  });
});

// ---- structure ----------------------------------------------------------------------------------

describe('renderMarkdown', () => {
  it('opens with YAML front matter, then states time, counts and grouping', () => {
    const markdown = renderMarkdown(input('tag'));
    expect(markdown.split('\n').slice(0, 18)).toEqual([
      '---',
      'title: "Glossator digest"',
      'generator: "Glossator test"',
      'generated: "2026-11-22T10:00:00.000Z"',
      'grouping: "tag"',
      'filters: {}',
      'include_notes: true',
      'passage_count: 7  # passages in this digest',
      'document_count: 2  # documents these passages come from',
      'documents_in_scope: 2  # the corpus, or the documents a filter chose',
      'needs_review: 1',
      '---',
      '',
      '# Glossator digest',
      '',
      'Generated 2026-11-22 10:00 UTC · 7 passages from 2 documents · 1 needs review · grouped by tag',
      '',
      '| Tag         | Passages | Documents |',
    ]);
  });

  it.each([
    ['every document has passages', DOCS, 2, 2],
    ['one document of three has none', [...DOCS, { ...DOCS[0]!, id: 'quiet', source: 'quiet.txt', title: 'Quiet' }], 2, 3],
  ])('front matter and summary line count the same things: %s', (_what, documents, used, inScope) => {
    const markdown = renderMarkdown(input('tag', { documents }));
    const count = (key: string) => Number(new RegExp(`^${key}: (\\d+)  # `, 'm').exec(markdown)?.[1]);
    expect([count('passage_count'), count('document_count'), count('documents_in_scope')]).toEqual([7, used, inScope]);
    const from = used === inScope ? `${used} documents` : `${used} of ${inScope} documents`;
    expect(markdown).toContain(`· 7 passages from ${from} ·`);
  });

  it.each(['tag', 'document'] as const)('by %s: says where the passages begin, so the preview puts the charts where the HTML has them', (groupBy) => {
    const { markdown, bodyStart } = renderMarkdownParts(input(groupBy));
    expect(markdown).toBe(renderMarkdown(input(groupBy)));
    const head = markdown.slice(0, bodyStart);
    const body = markdown.slice(bodyStart);
    expect(head.trimEnd().split('\n').at(-1)).toMatch(/^\| /); // the counts table ends the head
    expect(body).toMatch(/^## /); // the first section opens the body
    // The HTML digest: the same summary and counts, then the charts in CHART_FIGURES' order, then the sections.
    const charts = { frequency: '<svg id="f"></svg>', distribution: '<svg id="d"></svg>', cooccurrence: '<svg id="c"></svg>' };
    const html = renderHtml(input(groupBy), charts);
    const at = (s: string) => html.indexOf(s);
    expect(CHART_FIGURES.map((f) => f.chart)).toEqual(['frequency', 'distribution', 'cooccurrence']);
    expect([at('</table>'), at('id="f"'), at('id="d"'), at('id="c"'), at('<h2')]).toEqual(
      [...[at('</table>'), at('id="f"'), at('id="d"'), at('id="c"'), at('<h2')]].sort((a, b) => a - b),
    );
    CHART_FIGURES.forEach((f, i) => expect(html).toContain(`<figcaption><b>Figure ${i + 1}. ${f.title}</b>`));
  });

  it('has a counts table in codebook order, with Untagged only when there are untagged passages', () => {
    const rows = (md: string) =>
      md
        .split('\n')
        .filter((line) => line.startsWith('| '))
        .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    expect(rows(renderMarkdown(input('tag')))).toEqual([
      ['Tag', 'Passages', 'Documents'],
      ['-----------', '-------:', '--------:'],
      ['Cooperation', '2', '1'],
      ['Friction', '2', '2'],
      ['Hedging', '3', '2'],
      ['Untagged', '1', '1'],
    ]);
    const tagged = ANNOTATIONS.filter((a) => a.tagIds.length > 0);
    const onlyFriction = tagged.filter((a) => a.tagIds.includes('friction'));
    expect(rows(renderMarkdown(input('document', { passages: onlyFriction }))).slice(2)).toEqual([
      ['Cooperation', '0', '0'],
      ['Friction', '2', '2'],
      ['Hedging', '0', '0'],
    ]);
  });

  it('omits sections of tags without passages (they stay in the table)', () => {
    const onlyFriction = ANNOTATIONS.filter((a) => a.tagIds.includes('friction'));
    const markdown = renderMarkdown(input('tag', { passages: onlyFriction }));
    expect(markdown.match(/^## .*$/gm)).toEqual(['## Friction (2)']);
  });

  it('lays out sections by tag, then document, in codebook and corpus order', () => {
    const markdown = renderMarkdown(input('tag'));
    expect(markdown.match(/^##+ .*$/gm)).toEqual([
      '## Cooperation (2)',
      `### ${RAMANI.title}`,
      '## Friction (2)',
      `### ${RAMANI.title}`,
      `### ${SUSPICIOUS_BIND.title}`,
      '## Hedging (3)',
      `### ${RAMANI.title}`,
      `### ${SUSPICIOUS_BIND.title}`,
      '## Untagged (1)',
      `### ${SUSPICIOUS_BIND.title}`,
    ]);
  });

  it('lays out one section per document with passages when grouped by document', () => {
    const markdown = renderMarkdown(input('document'));
    expect(markdown.match(/^##+ .*$/gm)).toEqual([`## ${RAMANI.title}`, `## ${SUSPICIOUS_BIND.title}`]);
    expect(markdown).toContain('Tags: Cooperation, Hedging');
    expect(markdown).toContain('Tags: none');
  });

  it('puts a passage with several tags under each of them, noting the others', () => {
    const markdown = renderMarkdown(input('tag'));
    const inSection = (tag: string) => section(markdown, tag).includes(Q.persist);
    expect(['Cooperation', 'Friction', 'Hedging', 'Untagged'].map(inSection)).toEqual([true, false, true, false]);
    expect(section(markdown, 'Cooperation')).toContain('Also tagged: Hedging');
    expect(section(markdown, 'Hedging')).toContain('Also tagged: Cooperation');
  });

  it.each([
    { tag: 'Cooperation', order: [Q.guarantees, Q.persist] },
    { tag: 'Hedging', order: [Q.persist, Q.spanFrom, Q.review] },
    { tag: 'Friction', order: [Q.tensions, '\\# heading'] },
  ])('orders passages under $tag by document, then reading order, needs-review last', ({ tag, order }) => {
    const text = section(renderMarkdown(input('tag')), tag);
    const positions = order.map((quote) => text.indexOf(quote));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it.each([
    { what: 'one paragraph', line: `— ${RAMANI.title} — Samuel Ramani, Gulf International Forum, 2022-03-21, ¶ 3 [${key('a-persist')}]` },
    { what: 'a section', line: `— ${RAMANI.title} — Samuel Ramani, Gulf International Forum, 2022-03-21, § “Iran’s Balancing Act on the Ukraine War”, ¶ 5 [${key('a-tensions')}]` },
    { what: 'two paragraphs', line: `— ${SUSPICIOUS_BIND.title}, ¶ 3–4 [${key('a-span')}]` },
    { what: 'needs review', line: `— ${SUSPICIOUS_BIND.title}, position needs review [${key('a-review')}]` },
  ])('cites a passage in $what', ({ line }) => {
    expect(renderMarkdown(input('document')).split('\n')).toContain(line);
  });

  it('quotes the current text, one quoted line per paragraph, and the stored quote when unplaced', () => {
    const markdown = renderMarkdown(input('document'));
    expect(markdown).toContain(
      '> By hosting the summit in Tehran and signing major energy agreements with Russia, Iran signalled that it ' +
        'had other options and that it was not desperate for a deal with the West.\n' +
        '>\n' +
        '> Some US media outlets allege that Iran has started supplying drones to Russia for use in Ukraine.\n',
    );
    expect(markdown).toContain(`> ${Q.review}\n`);
  });

  it('keeps a multi-line note as lines without letting it create structure', () => {
    const html = render(renderMarkdown(input('document')));
    expect(html).toContain(
      '<p><strong>Note:</strong> Check against the State Department readout of 15 March.<br>' +
        'Compare Ulyanov’s statements in Vienna the same week.</p>\n' +
        '<p>Follow-up: did the guarantees survive the April pause?</p>',
    );
    expect(html).toContain(
      '<p><strong>Note:</strong> &lt;img src=x onerror=alert(1)&gt;<br># not a heading<br>- not a list<br>' +
        '&gt; not a quote<br>not code<br>| a | b |<br>|---|---|</p>',
    );
  });

  it.each(['tag', 'document'] as const)('renders hostile text as text only (grouped by %s)', (groupBy) => {
    const html = render(renderMarkdown(input(groupBy)));
    expect(html).not.toMatch(/<script|<img|<a |<code|<pre|<ul|<ol|<em>|<del/i);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<h\d>[^<]*heading/);
    expect(html).toContain(
      '# heading &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) *emph* |pipe| ' +
        '&lt;img src=x onerror=alert(1)&gt;',
    );
  });

  it('escapes document titles and tag names wherever they appear', () => {
    const doc = { ...RAMANI, title: 'Iran & Russia <b>|</b> # *bold* [1]' };
    const tags = [{ ...DEFAULT_TAGS[0]!, name: 'Co|op <i>' }];
    const annotations = [ANNOTATIONS[2]!];
    for (const groupBy of ['tag', 'document'] as const) {
      const html = render(renderMarkdown(input(groupBy, { documents: [doc], tags, passages: annotations })));
      expect(html).not.toMatch(/<b>|<i>|<em>|<strong>bold/);
      expect(html).toContain('Iran &amp; Russia &lt;b&gt;|&lt;/b&gt; # *bold* [1]');
      expect(html).toContain('Co|op &lt;i&gt;');
      expect(html.match(/<tr>/g)).toHaveLength(2); // header + one tag row: the | in the name did not split cells
    }
  });

  it('is deterministic and independent of the order annotations arrive in', () => {
    for (const groupBy of ['tag', 'document'] as const) {
      const first = renderMarkdown(input(groupBy));
      expect(renderMarkdown(input(groupBy))).toBe(first);
      expect(renderMarkdown(input(groupBy, { passages: [...ANNOTATIONS].reverse() }))).toBe(first);
      expect(first.endsWith('\n')).toBe(true);
      expect(first.endsWith('\n\n')).toBe(false);
      expect(first).not.toMatch(/[ \t]$/m);
      expect(first).not.toContain('\n\n\n');
    }
  });

  it('treats tag ids missing from the codebook as absent and dedupes repeated ids', () => {
    const odd = passage(RAMANI, Q.tensions, Q.tensions, { id: 'a-odd', tagIds: ['retired', 'friction', 'friction'] });
    const orphanTag = passage(RAMANI, Q.persist, Q.persist, { id: 'a-orphan-tag', tagIds: ['retired'] });
    const markdown = renderMarkdown(input('document', { passages: [odd, orphanTag] }));
    expect(markdown).toContain('Tags: Friction\n');
    expect(markdown).toContain('Tags: none\n');
    expect(markdown).toMatch(/^\| Untagged +\| +1 \| +1 \|$/m);
  });

  it('treats a range that no longer fits the text as needing review', () => {
    const stale = { ...ANNOTATIONS[0]!, range: { start: 10, end: RAMANI.text.length + 5 } };
    const markdown = renderMarkdown(input('document', { passages: [stale] }));
    expect(markdown).toContain(`> ${Q.persist}\n`);
    expect(markdown).toContain('position needs review');
  });

  it('says so when there is nothing to digest, and when passages belong to documents no longer present', () => {
    const empty = renderMarkdown(input('tag', { passages: [] }));
    expect(empty).toContain('Generated 2026-11-22 10:00 UTC · no passages in 2 documents · grouped by tag');
    expect(empty.endsWith('No passages have been tagged yet.\n')).toBe(true);
    const filtered = renderMarkdown(input('tag', { passages: [] }, { text: 'nothing like this' }));
    expect(filtered.endsWith('No passages match the filters.\n')).toBe(true);

    const partial = renderMarkdown(input('tag', { documents: [RAMANI] }));
    expect(partial).toContain('passage_count: 3  # passages in this digest\n');
    expect(partial).toContain('4 passages on documents no longer in the corpus are not included.');
    const wider = renderMarkdown(input('tag', { documents: [...DOCS, { ...RAMANI, id: 'unused' }] }));
    expect(wider).toContain('7 passages from 2 of 3 documents');
  });
});

describe('exportFileName', () => {
  it.each([
    { now: NOW, format: 'md' as const, groupBy: 'tag' as const, name: 'glossator-digest-by-tag-2026-11-22.md' },
    { now: NOW, format: 'md' as const, groupBy: 'document' as const, name: 'glossator-digest-by-document-2026-11-22.md' },
    { now: NOW, format: 'html' as const, groupBy: 'tag' as const, name: 'glossator-digest-by-tag-2026-11-22.html' },
    { now: NOW, format: 'pdf' as const, groupBy: 'document' as const, name: 'glossator-digest-by-document-2026-11-22.pdf' },
    { now: NOW, format: 'csv' as const, groupBy: 'tag' as const, name: 'glossator-digest-by-tag-2026-11-22.csv' },
    { now: NOW, format: 'jsonld' as const, groupBy: 'tag' as const, name: 'glossator-annotations-2026-11-22.jsonld' },
    { now: NOW, format: 'qdpx' as const, groupBy: 'document' as const, name: 'glossator-project-2026-11-22.qdpx' },
    { now: NOW, format: 'qdc' as const, groupBy: 'tag' as const, name: 'glossator-codebook-2026-11-22.qdc' },
    // Late evening in New York is already the next day in UTC.
    { now: new Date('2026-11-22T23:30:00-05:00'), format: 'md' as const, groupBy: 'tag' as const, name: 'glossator-digest-by-tag-2026-11-23.md' },
  ])('$format by $groupBy → $name', ({ now, format, groupBy, name }) => {
    expect(exportFileName(now, format, groupBy)).toBe(name);
  });
});

// ---- options ------------------------------------------------------------------------------------

/** The front matter as key → raw value lines (nested keys indented), and each quoted value decoded. */
function frontMatterOf(markdown: string): string[] {
  expect(markdown.startsWith('---\n')).toBe(true);
  const end = markdown.indexOf('\n---\n', 4);
  return markdown.slice(4, end).split('\n');
}

/** Our YAML strings are JSON strings with a few extra \u escapes, all of which JSON also reads. */
const yamlValue = (line: string) => JSON.parse(line.slice(line.indexOf(': ') + 2)) as unknown;

describe('renderMarkdown options', () => {
  it('lists the filters in effect in the front matter and under the title', () => {
    const options = { tagIds: ['hedging', 'friction'], docIds: ['suspicious-bind'], text: '  Khamenei ' };
    const markdown = renderMarkdown(input('tag', { documents: [SUSPICIOUS_BIND] }, options));
    expect(frontMatterOf(markdown).slice(4, 9)).toEqual([
      'filters:',
      '  tags: ["Hedging", "Friction"]',
      `  documents: ["${SUSPICIOUS_BIND.title}"]`,
      '  text: "Khamenei"',
      'include_notes: true',
    ]);
    expect(markdown).toContain(`\n\nFiltered to tags Hedging or Friction · document “${SUSPICIOUS_BIND.title}” · text “Khamenei”.\n\n`);
  });

  it('narrows the table and the sections to the tags filtered on, still noting other tags', () => {
    const markdown = renderMarkdown(input('tag', {}, { tagIds: ['hedging'] }));
    expect(markdown.match(/^\| (?!Tag|-).*$/gm)?.map((row) => row.split('|')[1]?.trim())).toEqual(['Hedging', 'Untagged']);
    expect(markdown.match(/^## .*$/gm)).toEqual(['## Hedging (3)', '## Untagged (1)']);
    expect(markdown).toContain('Also tagged: Cooperation');
  });

  it('escapes hostile filter text and names in the front matter so the YAML stays one mapping', () => {
    const hostile = 'x"\n---\ntitle: pwned \\ \u2028 \u0085 \ud800 # c';
    const tags = [{ ...DEFAULT_TAGS[0]!, name: 'a: b\n- c' }];
    const markdown = renderMarkdown(input('tag', { tags }, { text: hostile, tagIds: ['cooperation'] }));
    const lines = frontMatterOf(markdown);
    expect(lines.filter((line) => line.startsWith('title:'))).toHaveLength(1);
    expect(lines.every((line) => /^(\w+: |\w+:$| {2}\w+: )/.test(line))).toBe(true);
    const text = lines.find((line) => line.startsWith('  text: '))!;
    expect(text).toContain('\\u2028');
    expect(text).toContain('\\u0085');
    expect(yamlValue(text)).toBe(hostile.trim().replace('\ud800', '\ufffd'));
    expect(JSON.parse(lines.find((l) => l.startsWith('  tags: '))!.slice(8))).toEqual(['a: b\n- c']);
    expect(yamlValue(lines[1]!)).toBe('Glossator test');
  });

  it('omits notes when includeNotes is false, and says so', () => {
    for (const groupBy of ['tag', 'document'] as const) {
      const markdown = renderMarkdown(input(groupBy, {}, { includeNotes: false }));
      expect(markdown).not.toContain('**Note:**');
      expect(markdown).not.toContain('State Department');
      expect(markdown).toContain('include_notes: false\n');
      expect(markdown).toMatch(/^Generated .* · notes omitted$/m);
    }
  });

  it.each(['tag', 'document'] as const)('writes every tag of a passage as a #hashtag when grouped by %s', (groupBy) => {
    const markdown = renderMarkdown(input(groupBy, {}, { hashtags: true }));
    expect(markdown).not.toContain('Also tagged');
    const persist = markdown.indexOf(Q.persist);
    expect(markdown.slice(persist).match(/^Tags: .*$/m)?.[0]).toBe('Tags: #cooperation #hedging');
    expect(markdown).toContain('Tags: #friction\n');
    // A hashtag line must not render as a heading or lose its "#".
    expect(render(markdown)).toContain('<p>Tags: #cooperation #hedging</p>');
  });

  it.each([
    ['Cooperation', 'cooperation'],
    ['Grey zone / Syria', 'grey-zone-syria'],
    ['#hash tag#', 'hash-tag'],
    ['snake_case *bold*', 'snake-case-bold'],
    ['Тегеран–Москва', 'тегеран-москва'],
    ['همکاری نظامی', 'همکاری-نظامی'],
    ['Café crème', 'café-crème'],
    ['2022', 'tag-2022'],
    ['!!!', 'tag'],
  ])('slugs %j as #%s', (name, slug) => {
    expect(hashtag(name)).toBe(slug);
  });
});

// ---- citations ----------------------------------------------------------------------------------

describe('citeParagraphs', () => {
  const at = (text: string) => span(RAMANI, text);
  const block = (index: number): TextPosition => {
    const b = RAMANI.blocks[index]!;
    return { start: b.start, end: b.end };
  };
  it.each([
    { what: 'inside one paragraph', range: at(Q.persist), cite: '¶ 3' },
    { what: 'a whole paragraph', range: block(2), cite: '¶ 1' },
    { what: 'two adjacent paragraphs', range: span(RAMANI, 'Lavrov stated', 'Despite these'), cite: '¶ 2–3' },
    { what: 'across a heading', range: span(RAMANI, 'will persist.', 'sympathy without'), cite: '¶ 3–4' },
    { what: 'from a heading into a paragraph', range: span(RAMANI, 'Balancing Act', 'Iran’s policy'), cite: '¶ 4' },
    { what: 'a heading only', range: at('Balancing Act'), cite: 'heading' },
    { what: 'site chrome only', range: at('Subscribe'), cite: 'site furniture' },
    { what: 'chrome and title', range: span(RAMANI, 'Home', 'Will Continue Despite Differences\n\nRusso'), cite: 'site furniture and heading' },
    { what: 'an empty range in a paragraph', range: { start: block(3).start + 4, end: block(3).start + 4 }, cite: '¶ 2' },
    { what: 'only the gap between blocks', range: { start: block(2).end, end: block(2).end + 2 }, cite: '' },
  ])('$what → "$cite"', ({ range, cite }) => {
    expect(citeParagraphs(RAMANI, range)).toBe(cite);
  });

  it('names captions and pull quotes by kind', () => {
    expect(citeParagraphs(SUSPICIOUS_BIND, span(SUSPICIOUS_BIND, 'A picture'))).toBe('caption');
    expect(citeParagraphs(SUSPICIOUS_BIND, span(SUSPICIOUS_BIND, 'Many Iranian leaders remain'))).toBe('pull quote');
  });
});

describe('citation', () => {
  const range = span(RAMANI, Q.persist);
  // The byline cases as they were before dates joined the citation.
  const UNDATED = { ...RAMANI, date: null };
  // Pages as a PDF import would set them: blocks 0–4 on page 1, the rest on page 2.
  const PAGED = { ...RAMANI, blocks: RAMANI.blocks.map((b) => ({ ...b, page: b.index < 5 ? 1 : 2 })) };
  it.each([
    {
      what: 'author and publisher',
      doc: UNDATED,
      range,
      cite: 'Russo-Iranian Alignment Will Continue Despite Differences — Samuel Ramani, Gulf International Forum, ¶ 3',
    },
    { what: 'no author', doc: { ...UNDATED, author: null }, range, cite: `${RAMANI.title} — Gulf International Forum, ¶ 3` },
    { what: 'blank publisher', doc: { ...UNDATED, publisher: '  ' }, range, cite: `${RAMANI.title} — Samuel Ramani, ¶ 3` },
    { what: 'neither', doc: { ...UNDATED, author: null, publisher: null }, range, cite: `${RAMANI.title}, ¶ 3` },
    {
      what: 'needs review',
      doc: UNDATED,
      range: null,
      cite: `${RAMANI.title} — Samuel Ramani, Gulf International Forum, position needs review`,
    },
    // With no title to repeat, the opening heading is worth citing.
    {
      what: 'untitled',
      doc: { ...UNDATED, title: ' ', author: null, publisher: null },
      range,
      cite: `${RAMANI.source}, § “${RAMANI.title}”, ¶ 3`,
    },
    {
      what: 'scraped whitespace',
      doc: { ...UNDATED, title: ' Russo-Iranian\n  Alignment ', author: 'Samuel\tRamani ', publisher: null },
      range: null,
      cite: 'Russo-Iranian Alignment — Samuel Ramani, position needs review',
    },
    { what: 'a date', doc: RAMANI, range, cite: `${RAMANI.title} — Samuel Ramani, Gulf International Forum, 2022-03-21, ¶ 3` },
    { what: 'a date and nothing else', doc: { ...RAMANI, author: null, publisher: null }, range, cite: `${RAMANI.title} — 2022-03-21, ¶ 3` },
    {
      what: 'a section heading',
      doc: UNDATED,
      range: span(RAMANI, Q.tensions),
      cite: `${RAMANI.title} — Samuel Ramani, Gulf International Forum, § “Iran’s Balancing Act on the Ukraine War”, ¶ 5`,
    },
    {
      what: 'a passage starting in the section heading itself',
      doc: UNDATED,
      range: span(RAMANI, 'Balancing Act', 'Iran’s policy'),
      cite: `${RAMANI.title} — Samuel Ramani, Gulf International Forum, § “Iran’s Balancing Act on the Ukraine War”, ¶ 4`,
    },
    {
      what: 'a section that only repeats the title (left out)',
      doc: { ...UNDATED, title: RAMANI.title.toUpperCase() },
      range,
      cite: `${RAMANI.title.toUpperCase()} — Samuel Ramani, Gulf International Forum, ¶ 3`,
    },
    { what: 'before any heading', doc: UNDATED, range: span(RAMANI, 'Home'), cite: `${RAMANI.title} — Samuel Ramani, Gulf International Forum, site furniture` },
    { what: 'one page', doc: PAGED, range, cite: `${RAMANI.title} — Samuel Ramani, Gulf International Forum, 2022-03-21, ¶ 3, p. 1` },
    {
      what: 'two pages',
      doc: PAGED,
      range: span(RAMANI, 'will persist.', 'sympathy without'),
      cite: `${RAMANI.title} — Samuel Ramani, Gulf International Forum, 2022-03-21, ¶ 3–4, pp. 1–2`,
    },
    { what: 'pages but needs review', doc: PAGED, range: null, cite: `${RAMANI.title} — Samuel Ramani, Gulf International Forum, 2022-03-21, position needs review` },
  ])('$what', ({ doc, range, cite }) => {
    expect(citation(doc, range)).toBe(cite);
  });

  it('gives the same parts structured, null where absent', () => {
    const PAGED = { ...RAMANI, blocks: RAMANI.blocks.map((b) => ({ ...b, page: 7 })) };
    expect(citeParts(PAGED, span(RAMANI, Q.tensions))).toEqual({
      title: RAMANI.title,
      author: 'Samuel Ramani',
      publisher: 'Gulf International Forum',
      date: '2022-03-21',
      section: 'Iran’s Balancing Act on the Ukraine War',
      paragraph: '5',
      page: '7',
    });
    expect(citeParts(SUSPICIOUS_BIND, span(SUSPICIOUS_BIND, Q.spanFrom, Q.spanTo))).toEqual({
      title: SUSPICIOUS_BIND.title,
      author: null,
      publisher: null,
      date: null,
      section: null,
      paragraph: '3–4',
      page: null,
    });
    expect(citeParts(SUSPICIOUS_BIND, span(SUSPICIOUS_BIND, 'A picture'))).toMatchObject({ paragraph: 'caption' });
    expect(citeParts(RAMANI, null)).toMatchObject({ date: '2022-03-21', section: null, paragraph: null, page: null });
  });
});

// ---- escaping -----------------------------------------------------------------------------------

describe('escapeInline', () => {
  it.each([
    ['plain prose', 'Russia and Iran', 'Russia and Iran'],
    ['inner hyphens', 'Russo-Iranian Amir-Abdollahian', 'Russo-Iranian Amir-Abdollahian'],
    ['script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['img tag', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['autolink', '<https://example.org>', '&lt;https\\://example.org&gt;'],
    ['bare URL stays text', 'see https://x.invalid/a', 'see https\\://x.invalid/a'],
    ['www name stays text', 'www.example.org', 'www\\.example.org'],
    ['e-mail stays text', 'write to a@b.org', 'write to a\\@b.org'],
    ['heading marker', '# heading', '\\# heading'],
    ['closing hashes', 'C# ##', 'C\\# \\#\\#'],
    ['javascript link', '[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['image', '![x](y.png)', '\\!\\[x\\](y.png)'],
    ['reference definition', '[x]: /url', '\\[x\\]: /url'],
    ['emphasis', '*emph* _emph_', '\\*emph\\* \\_emph\\_'],
    ['strikethrough', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['code span', '`code`', '\\`code\\`'],
    ['table pipes', '|pipe|', '\\|pipe\\|'],
    ['backslash', 'C:\\temp\\', 'C:\\\\temp\\\\'],
    ['bullet -', '- item', '\\- item'],
    ['bullet +', '+ item', '\\+ item'],
    ['thematic break', '---', '\\---'],
    ['setext underline', '===', '\\==='],
    ['ordered list .', '1. item', '1\\. item'],
    ['ordered list )', '2) item', '2\\) item'],
    ['not a list', '1.5 million barrels', '1.5 million barrels'],
    ['blockquote', '> quoted', '&gt; quoted'],
    ['bare ampersand', 'R&D & AT&T', 'R&D & AT&T'],
    ['named entity', '&lt;b&gt; &amp;', '&amp;lt;b&amp;gt; &amp;amp;'],
    ['numeric entity', '&#60;script&#x3E;', '&amp;\\#60;script&amp;\\#x3E;'],
    ['line breaks collapse', 'one\n# two\r\n- three', 'one \\# two - three'],
    ['indentation and trailing spaces', '    code  ', 'code'],
    ['typographic text untouched', 'Iran’s “sympathy” – ¶ 3…', 'Iran’s “sympathy” – ¶ 3…'],
  ])('%s', (_what, text, expected) => {
    expect(escapeInline(text)).toBe(expected);
  });

  it.each([
    '<script>alert(1)</script>',
    '# heading',
    '[x](javascript:alert(1))',
    '*emph* __strong__ ~~del~~ `code`',
    '|pipe| a | b',
    '- item',
    '1. item',
    '> quote',
    '---',
    '&lt;b&gt; &#60; R&D',
    '<a href="javascript:alert(1)">x</a>',
    '\\*not emph\\*',
    '![img](x) [ref]: /y',
  ])('renders %j back as exactly that text', (text) => {
    const html = render(escapeInline(text));
    expect(html.startsWith('<p>')).toBe(true);
    expect(shownText(html)).toBe(text);
  });
});

describe('escapeBlock and blockquote', () => {
  it.each([
    { what: 'one paragraph', text: 'Iran and Russia.', block: 'Iran and Russia.', quote: '> Iran and Russia.' },
    {
      what: 'paragraphs',
      text: 'First.\n\nSecond.',
      block: 'First.\n\nSecond.',
      quote: '> First.\n>\n> Second.',
    },
    {
      what: 'lines within a paragraph',
      text: 'one\ntwo\n\n\n\nthree',
      block: 'one\\\ntwo\n\nthree',
      quote: '> one\\\n> two\n>\n> three',
    },
    {
      what: 'markers at every line start',
      text: '# a\n- b\n\n1. c\n> d',
      block: '\\# a\\\n\\- b\n\n1\\. c\\\n&gt; d',
      quote: '> \\# a\\\n> \\- b\n>\n> 1\\. c\\\n> &gt; d',
    },
    { what: 'a line ending in a backslash', text: 'a\\\nb', block: 'a\\\\\\\nb', quote: '> a\\\\\\\n> b' },
    { what: 'surrounding blank lines', text: '\n\n  x  \n\n', block: 'x', quote: '> x' },
    { what: 'nothing', text: '', block: '', quote: '>' },
  ])('$what', ({ text, block, quote }) => {
    expect(escapeBlock(text)).toBe(block);
    expect(blockquote(text)).toBe(quote);
  });

  it('quotes render as one blockquote whose paragraphs show the original lines', () => {
    const text = '# heading <script>x</script>\n- item\n\n    code?\n1. [x](javascript:y)';
    const html = render(blockquote(text));
    expect(html.match(/<blockquote>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<h\d|<script|<ul|<ol|<pre|<a /);
    expect(shownText(html)).toBe('# heading <script>x</script>\n- item\ncode?\n1. [x](javascript:y)');
  });
});
