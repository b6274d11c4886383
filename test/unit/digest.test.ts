// Digest export: Markdown escaping, citations, grouping, counts, ordering, determinism and golden files.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { citation, citeParagraphs } from '../../src/main/export/citation';
import { buildDigest, digestFileName, type DigestInput } from '../../src/main/export/digest';
import { blockquote, escapeBlock, escapeInline } from '../../src/main/export/markdown';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import type {
  Block,
  BlockKind,
  DigestGroupBy,
  GlossDocument,
  PlacedAnnotation,
  TextPosition,
} from '../../src/shared/types';

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

function input(groupBy: DigestGroupBy, over: Partial<DigestInput> = {}): DigestInput {
  return { documents: DOCS, tags: DEFAULT_TAGS, annotations: ANNOTATIONS, groupBy, now: NOW, ...over };
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
    const { markdown } = buildDigest(input(groupBy));
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

// ---- structure ----------------------------------------------------------------------------------

describe('buildDigest', () => {
  it('counts distinct passages and states time, counts and grouping up top', () => {
    const { markdown, passageCount } = buildDigest(input('tag'));
    expect(passageCount).toBe(7);
    expect(markdown.split('\n').slice(0, 3)).toEqual([
      '# Glossator digest',
      '',
      'Generated 2026-11-22 10:00 UTC · 7 passages from 2 documents · 1 needs review · grouped by tag',
    ]);
  });

  it('has a counts table in codebook order, with Untagged only when there are untagged passages', () => {
    const rows = (md: string) =>
      md
        .split('\n')
        .filter((line) => line.startsWith('| '))
        .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    expect(rows(buildDigest(input('tag')).markdown)).toEqual([
      ['Tag', 'Passages', 'Documents'],
      ['-----------', '-------:', '--------:'],
      ['Cooperation', '2', '1'],
      ['Friction', '2', '2'],
      ['Hedging', '3', '2'],
      ['Untagged', '1', '1'],
    ]);
    const tagged = ANNOTATIONS.filter((a) => a.tagIds.length > 0);
    const onlyFriction = tagged.filter((a) => a.tagIds.includes('friction'));
    expect(rows(buildDigest(input('document', { annotations: onlyFriction })).markdown).slice(2)).toEqual([
      ['Cooperation', '0', '0'],
      ['Friction', '2', '2'],
      ['Hedging', '0', '0'],
    ]);
  });

  it('omits sections of tags without passages (they stay in the table)', () => {
    const onlyFriction = ANNOTATIONS.filter((a) => a.tagIds.includes('friction'));
    const { markdown } = buildDigest(input('tag', { annotations: onlyFriction }));
    expect(markdown.match(/^## .*$/gm)).toEqual(['## Friction (2)']);
  });

  it('lays out sections by tag, then document, in codebook and corpus order', () => {
    const { markdown } = buildDigest(input('tag'));
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
    const { markdown } = buildDigest(input('document'));
    expect(markdown.match(/^##+ .*$/gm)).toEqual([`## ${RAMANI.title}`, `## ${SUSPICIOUS_BIND.title}`]);
    expect(markdown).toContain('Tags: Cooperation, Hedging');
    expect(markdown).toContain('Tags: none');
  });

  it('puts a passage with several tags under each of them, noting the others', () => {
    const { markdown } = buildDigest(input('tag'));
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
    const text = section(buildDigest(input('tag')).markdown, tag);
    const positions = order.map((quote) => text.indexOf(quote));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it.each([
    { what: 'one paragraph', line: `— ${RAMANI.title} — Samuel Ramani, Gulf International Forum, ¶ 3` },
    { what: 'two paragraphs', line: `— ${SUSPICIOUS_BIND.title}, ¶ 3–4` },
    { what: 'needs review', line: `— ${SUSPICIOUS_BIND.title}, position needs review` },
  ])('cites a passage in $what', ({ line }) => {
    expect(buildDigest(input('document')).markdown.split('\n')).toContain(line);
  });

  it('quotes the current text, one quoted line per paragraph, and the stored quote when unplaced', () => {
    const { markdown } = buildDigest(input('document'));
    expect(markdown).toContain(
      '> By hosting the summit in Tehran and signing major energy agreements with Russia, Iran signalled that it ' +
        'had other options and that it was not desperate for a deal with the West.\n' +
        '>\n' +
        '> Some US media outlets allege that Iran has started supplying drones to Russia for use in Ukraine.\n',
    );
    expect(markdown).toContain(`> ${Q.review}\n`);
  });

  it('keeps a multi-line note as lines without letting it create structure', () => {
    const html = render(buildDigest(input('document')).markdown);
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
    const html = render(buildDigest(input(groupBy)).markdown);
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
      const html = render(buildDigest(input(groupBy, { documents: [doc], tags, annotations })).markdown);
      expect(html).not.toMatch(/<b>|<i>|<em>|<strong>bold/);
      expect(html).toContain('Iran &amp; Russia &lt;b&gt;|&lt;/b&gt; # *bold* [1]');
      expect(html).toContain('Co|op &lt;i&gt;');
      expect(html.match(/<tr>/g)).toHaveLength(2); // header + one tag row: the | in the name did not split cells
    }
  });

  it('is deterministic and independent of the order annotations arrive in', () => {
    for (const groupBy of ['tag', 'document'] as const) {
      const first = buildDigest(input(groupBy)).markdown;
      expect(buildDigest(input(groupBy)).markdown).toBe(first);
      expect(buildDigest(input(groupBy, { annotations: [...ANNOTATIONS].reverse() })).markdown).toBe(first);
      expect(first.endsWith('\n')).toBe(true);
      expect(first.endsWith('\n\n')).toBe(false);
      expect(first).not.toMatch(/[ \t]$/m);
      expect(first).not.toContain('\n\n\n');
    }
  });

  it('treats tag ids missing from the codebook as absent and dedupes repeated ids', () => {
    const odd = passage(RAMANI, Q.tensions, Q.tensions, { id: 'a-odd', tagIds: ['retired', 'friction', 'friction'] });
    const orphanTag = passage(RAMANI, Q.persist, Q.persist, { id: 'a-orphan-tag', tagIds: ['retired'] });
    const { markdown } = buildDigest(input('document', { annotations: [odd, orphanTag] }));
    expect(markdown).toContain('Tags: Friction\n');
    expect(markdown).toContain('Tags: none\n');
    expect(markdown).toMatch(/^\| Untagged +\| +1 \| +1 \|$/m);
  });

  it('treats a range that no longer fits the text as needing review', () => {
    const stale = { ...ANNOTATIONS[0]!, range: { start: 10, end: RAMANI.text.length + 5 } };
    const { markdown } = buildDigest(input('document', { annotations: [stale] }));
    expect(markdown).toContain(`> ${Q.persist}\n`);
    expect(markdown).toContain('position needs review');
  });

  it('says so when there is nothing to digest, and when passages belong to documents no longer present', () => {
    const empty = buildDigest(input('tag', { annotations: [] }));
    expect(empty.passageCount).toBe(0);
    expect(empty.markdown).toContain('Generated 2026-11-22 10:00 UTC · no passages in 2 documents · grouped by tag');
    expect(empty.markdown.endsWith('No passages have been tagged yet.\n')).toBe(true);

    const partial = buildDigest(input('tag', { documents: [RAMANI] }));
    expect(partial.passageCount).toBe(3);
    expect(partial.markdown).toContain('4 passages on documents no longer in the corpus are not included.');
    const wider = buildDigest(input('tag', { documents: [...DOCS, { ...RAMANI, id: 'unused' }] }));
    expect(wider.markdown).toContain('7 passages from 2 of 3 documents');
  });
});

describe('digestFileName', () => {
  it.each([
    { now: NOW, groupBy: 'tag' as const, name: 'glossator-digest-by-tag-2026-11-22.md' },
    { now: NOW, groupBy: 'document' as const, name: 'glossator-digest-by-document-2026-11-22.md' },
    // Late evening in New York is already the next day in UTC.
    { now: new Date('2026-11-22T23:30:00-05:00'), groupBy: 'tag' as const, name: 'glossator-digest-by-tag-2026-11-23.md' },
  ])('$now.toISOString → $name', ({ now, groupBy, name }) => {
    expect(digestFileName(now, groupBy)).toBe(name);
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
  it.each([
    {
      what: 'author and publisher',
      doc: RAMANI,
      range,
      cite: 'Russo-Iranian Alignment Will Continue Despite Differences — Samuel Ramani, Gulf International Forum, ¶ 3',
    },
    { what: 'no author', doc: { ...RAMANI, author: null }, range, cite: `${RAMANI.title} — Gulf International Forum, ¶ 3` },
    { what: 'blank publisher', doc: { ...RAMANI, publisher: '  ' }, range, cite: `${RAMANI.title} — Samuel Ramani, ¶ 3` },
    { what: 'neither', doc: { ...RAMANI, author: null, publisher: null }, range, cite: `${RAMANI.title}, ¶ 3` },
    {
      what: 'needs review',
      doc: RAMANI,
      range: null,
      cite: `${RAMANI.title} — Samuel Ramani, Gulf International Forum, position needs review`,
    },
    { what: 'untitled', doc: { ...RAMANI, title: ' ', author: null, publisher: null }, range, cite: `${RAMANI.source}, ¶ 3` },
    {
      what: 'scraped whitespace',
      doc: { ...RAMANI, title: ' Russo-Iranian\n  Alignment ', author: 'Samuel\tRamani ', publisher: null },
      range: null,
      cite: 'Russo-Iranian Alignment — Samuel Ramani, position needs review',
    },
  ])('$what', ({ doc, range, cite }) => {
    expect(citation(doc, range)).toBe(cite);
  });
});

// ---- escaping -----------------------------------------------------------------------------------

describe('escapeInline', () => {
  it.each([
    ['plain prose', 'Russia and Iran', 'Russia and Iran'],
    ['inner hyphens', 'Russo-Iranian Amir-Abdollahian', 'Russo-Iranian Amir-Abdollahian'],
    ['script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['img tag', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['autolink', '<https://example.org>', '&lt;https://example.org&gt;'],
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
