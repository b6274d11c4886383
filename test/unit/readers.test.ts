// Document readers: blocks, metadata and refusals for each format, on the fixtures in test/fixtures/documents.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DOCX_PARTS, PDF_PAGES } from '../../scripts/document-fixture-content';
import { wordsOf } from '../../src/main/corpus/normalise-text';
import { htmlToBlocks, parseFragment } from '../../src/main/corpus/readers/html-blocks';
import { MAX_DOCUMENT_BYTES, readDocument, type ReadResult } from '../../src/main/corpus/readers/index';
import { joinWrapped } from '../../src/main/corpus/readers/pdf-layout';

const FIXTURES = fileURLToPath(new URL('../fixtures/documents/', import.meta.url));
/** A Buffer, as the corpus loader passes it. */
const fixture = (name: string): Promise<Uint8Array> => readFile(join(FIXTURES, name));
const read = async (name: string, as = name): Promise<ReadResult> => readDocument(as, await fixture(name));
const slice = (r: ReadResult, b: ReadResult['blocks'][number]): string => r.text.slice(b.start, b.end);
/** [kind, marker, para, page, opening words] per block: the shape of a document at a glance. */
const shape = (r: ReadResult): unknown[] =>
  r.blocks.map((b) => [b.kind, b.marker ?? '', b.para, b.page ?? 0, slice(r, b).split(' ').slice(0, 4).join(' ')]);

const READABLE = ['article.md', 'article.html', 'article.pdf', 'article.docx', 'utf16.txt', 'empty.txt'];

describe('every reader', () => {
  it.each(READABLE)('%s: blocks tile the text, one line each, numbered like normalise()', async (name) => {
    const r = await read(name);
    expect(r.text).toBe(r.blocks.map((b) => slice(r, b)).join('\n\n'));
    let para = 0;
    for (const [i, b] of r.blocks.entries()) {
      expect(b.index).toBe(i);
      expect(slice(r, b)).toMatch(/^\S(.*\S)?$/);
      expect(slice(r, b)).not.toContain('\n');
      const numbered = b.kind === 'paragraph' || b.kind === 'list-item' || b.kind === 'quote';
      expect(b.para).toBe(numbered ? ++para : null);
    }
  });

  it.each(READABLE)('%s: no script, handler or javascript: URL reaches the text', async (name) => {
    expect((await read(name)).text).not.toMatch(/script|onerror|onload|javascript:|alert\(|tracking|document\.write/i);
  });

  it.each(READABLE)('%s: the same bytes give the same output', async (name) => {
    expect(await read(name)).toEqual(await read(name));
  });
});

describe('readers by format', () => {
  it('reads Markdown: headings, flattened nested lists, ordered markers as printed, raw HTML dropped', async () => {
    const r = await read('article.md');
    expect(r.normaliser).toBe('glossator-md/2');
    expect(r.meta).toEqual({ title: 'Sanctions and the Caspian Trade' });
    expect(shape(r)).toEqual([
      ['heading', '', null, 0, 'Sanctions and the Caspian'],
      ['paragraph', '', 1, 0, "Iran's trade with Russia"],
      ['heading', '', null, 0, 'What changed'],
      ['list-item', '•', 2, 0, 'Payments moved to national'],
      ['list-item', '•', 3, 0, 'Transit across the Caspian'],
      ['list-item', '•', 4, 0, 'Astrakhan port volumes doubled'],
      ['list-item', '•', 5, 0, 'New rail links were'],
      ['list-item', '3.', 6, 0, 'First, sanctions.'],
      ['list-item', '4.', 7, 0, 'Second, geography.'],
      ['quote', '', 8, 0, 'The corridor is a'],
      ['paragraph', '', 9, 0, 'A paragraph after an'],
      ['paragraph', '', 10, 0, 'A link that goes'],
      ['paragraph', '', 11, 0, 'code block keeps its'],
    ]);
    expect(r.text).toContain('according to customs data. This second line is a soft wrap');
  });

  it('reads a web page: the article without its chrome, pull-quote, caption, byline as chrome, meta tags', async () => {
    const r = await read('article.html');
    expect(r.normaliser).toBe('glossator-html/2');
    expect(r.meta).toEqual({
      title: 'Iran’s Eastern Turn: Why Tehran Looks to Moscow',
      author: 'Samira Haddad',
      publisher: 'Example Institute',
      date: '2024-03-05',
      url: 'https://www.example.org/analysis/irans-eastern-turn',
      language: 'en-GB',
    });
    expect(r.text).not.toMatch(/cookies|Accept all|Research|About us|All rights reserved|Privacy policy|Related|Russia in Syria/);
    const kinds = r.blocks.map((b) => [b.kind, slice(r, b).slice(0, 24)]);
    expect(kinds.slice(0, 4)).toEqual([
      ['heading', 'Iran’s Eastern Turn: Why'],
      ['chrome', 'By Samira Haddad'],
      ['chrome', '5 March 2024'],
      ['paragraph', 'Iran’s leaders have spen'],
    ]);
    expect(kinds).toContainEqual(['heading', 'The limits of partnershi']);
    expect(kinds).toContainEqual(['pullquote', 'Moscow is the most willi']);
    expect(kinds).toContainEqual(['caption', 'The port of Anzali on th']);
    expect(kinds).toContainEqual(['quote', '“We look east because th']);
    expect(r.blocks.filter((b) => b.kind === 'list-item').map((b) => b.marker)).toEqual(['•', '•', '•']);
  });

  it('reads a Word document: heading styles, bullets, core-properties title', async () => {
    const r = await read('article.docx');
    expect(r.normaliser).toBe('glossator-docx/1');
    expect(r.meta).toEqual({ title: 'Sanctions and Survival: Iran’s Economy in 2024' });
    expect(shape(r)).toEqual([
      ['heading', '', null, 0, 'Iran’s economy under sanctions'],
      ['paragraph', '', 1, 0, 'Inflation has stayed above'],
      ['heading', '', null, 0, 'Coping strategies'],
      ['list-item', '•', 2, 0, 'Barter deals with neighbouring'],
      ['list-item', '•', 3, 0, 'Oil sales to China'],
      ['list-item', '•', 4, 0, 'Subsidised imports of basic'],
      ['paragraph', '', 5, 0, 'None of these strategies'],
    ]);
    const withoutCore = Object.fromEntries(Object.entries(DOCX_PARTS).filter(([path]) => path !== 'docProps/core.xml'));
    const bare = await readDocument('bare.docx', zipSync(Object.fromEntries(Object.entries(withoutCore).map(([p, x]) => [p, strToU8(x)]))));
    expect(bare.meta).toEqual({ title: 'Iran’s economy under sanctions' });
  });

  it('reads a PDF: headings by size, paragraphs reflowed across lines and pages, page numbers on blocks', async () => {
    const r = await read('article.pdf');
    expect(r.normaliser).toBe('glossator-pdf/1');
    expect(r.meta).toEqual({ title: 'Caspian Corridors and the Limits of Alignment', author: 'Jane Doe' });
    expect(shape(r)).toEqual([
      ['heading', '', null, 1, 'Caspian Corridors and the'],
      ['paragraph', '', 1, 1, 'Russia and Iran have'],
      ['paragraph', '', 2, 1, 'The corridor runs through'],
      ['paragraph', '', 3, 1, 'Rail is the slowest'],
      ['paragraph', '', 4, 1, 'Moscow offered a state'],
      ['heading', '', null, 2, 'Trade and Transit'],
      ['paragraph', '', 5, 2, 'Trade figures tell the'],
      ['list-item', '•', 6, 2, 'Sanctions on Iranian banks'],
      ['list-item', '•', 7, 2, 'Customs procedures at Astara'],
      ['list-item', '•', 8, 2, 'Neither side publishes reliable'],
      ['paragraph', '', 9, 2, 'None of these problems'],
      ['heading', '', null, 3, 'Conclusion'],
      ['paragraph', '', 10, 3, 'The alignment between Moscow'],
      ['paragraph', '', 11, 3, 'Analysts should watch long-term'],
    ]);
    expect(r.text).toContain('the two governments had still not managed to agree on who would own the track');
    expect(r.text).toContain('and Russian lenders fear secondary penalties.');
  });

  it('drops the PDF running header and page numbers, repairs hyphenation, and changes no other word', async () => {
    const r = await read('article.pdf');
    expect(r.text).not.toContain('Gulf Policy Review');
    expect(r.blocks.map((b) => slice(r, b)).filter((t) => /^\d+$/.test(t))).toEqual([]);
    expect(r.text).toContain('one that is determined more by sanctions');
    expect(r.text).toContain('Iranian officials welcomed it');
    expect(r.text).toContain('from the wider post-Soviet periphery'); // capitalised: the hyphen stays
    expect(r.text).toContain('gained a long-term anchor'); // printed whole elsewhere: the hyphen stays
    const printed = PDF_PAGES.flat().map((l) => l.text).join('\n');
    const repaired = printed.replace(/(deter|wel)-\n/g, '$1').replace(/-\n/g, '-');
    expect(wordsOf(r.text)).toEqual(wordsOf(repaired));
  });

  it.each([
    ['a fragment with no <html> or <body>', '<p>One.</p><p>Two.</p>', {}, ['One.', 'Two.']],
    ['bare text', 'Just words.', {}, ['Just words.']],
    ['a page too short for Readability', '<html><head><title>Tiny</title></head><body><p>Short.</p></body></html>', { title: 'Tiny' }, ['Short.']],
    [
      'unsafe or unusable meta values',
      '<html lang="no such tag!"><head><link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="http://example.org/a">' +
        '<meta property="article:author" content="https://example.org/me"><meta property="article:published_time" content="March 2024"></head><body><p>Body.</p></body></html>',
      { url: 'http://example.org/a', date: 'March 2024' },
      ['Body.'],
    ],
  ])('reads a web page with %s', async (_what, html, meta, texts) => {
    const r = await readDocument('page.htm', strToU8(html));
    expect([r.meta, r.blocks.map((b) => slice(r, b))]).toEqual([meta, texts]);
  });

  it('takes Markdown front matter as metadata and leaves it out of the text', async () => {
    const md = '---\ntitle: "Stated Title"\nauthor: Jane Doe\ndate: 2024-01-02\nsource: https://example.org/x\ntags: a, b\n---\n# Heading\n\nBody.\n';
    const r = await readDocument('note.md', strToU8(md));
    expect(r.meta).toEqual({ title: 'Stated Title', author: 'Jane Doe', date: '2024-01-02', url: 'https://example.org/x' });
    expect(r.text).toBe('Heading\n\nBody.');
  });

  it('reads plain text through normalise(), decoding UTF-16 by its byte-order mark', async () => {
    const r = await read('utf16.txt');
    expect([r.normaliser, r.meta]).toEqual(['glossator-text/2', {}]);
    expect(shape(r)).toEqual([
      ['heading', '', null, 0, 'Notes from Tehrān'],
      ['paragraph', '', 1, 0, 'The capital’s bazaar reopened'],
    ]);
    const be = Uint8Array.from([0xfe, 0xff, 0x00, 0x54, 0x01, 0x01]); // "Tā"
    expect((await readDocument('be.txt', be)).text).toBe('Tā');
    expect((await readDocument('bom.txt', Uint8Array.from([0xef, 0xbb, 0xbf, 0x48, 0x69]))).text).toBe('Hi');
    expect(await read('empty.txt')).toEqual({ text: '', blocks: [], meta: {}, normaliser: 'glossator-text/2' });
  });
});

describe('what readers refuse', () => {
  it.each([
    ['binary.txt', 'binary.txt', 'invalid-argument', /^binary\.txt looks like binary data, not text/],
    ['binary.txt', 'notes.md', 'invalid-argument', /^notes\.md looks like binary data, not text/],
    ['binary.txt', 'page.html', 'invalid-argument', /^page\.html looks like binary data, not text/],
    ['latin1.txt', 'latin1.txt', 'invalid-argument', /^latin1\.txt is not UTF-8 text/],
    ['latin1.txt', 'latin1.md', 'invalid-argument', /^latin1\.md is not UTF-8 text/],
    ['corrupt.pdf', 'corrupt.pdf', 'invalid-argument', /^corrupt\.pdf is not a readable PDF/],
    ['binary.txt', 'noise.pdf', 'invalid-argument', /^noise\.pdf is not a readable PDF/],
    ['encrypted.pdf', 'encrypted.pdf', 'unsupported', /^encrypted\.pdf is password-protected/],
    ['scanned.pdf', 'scanned.pdf', 'unsupported', /^scanned\.pdf has no text layer \(it is probably scanned\); Glossator does not do OCR\.$/],
    ['corrupt.docx', 'corrupt.docx', 'invalid-argument', /^corrupt\.docx is not a readable Word document/],
    ['article.pdf', 'renamed.docx', 'invalid-argument', /^renamed\.docx is not a readable Word document/],
    ['article.md', 'article.rtf', 'unsupported', /^Glossator cannot read \.rtf files such as article\.rtf; it reads \.txt, \.md, \.html, \.htm, \.pdf and \.docx files\.$/],
    ['article.md', 'README', 'unsupported', /^Glossator cannot read files without an extension such as README/],
  ])('%s read as %s: %s', async (name, as, code, message) => {
    await expect(read(name, as)).rejects.toMatchObject({ name: 'GlossatorError', code, message: expect.stringMatching(message) as unknown as string });
  });

  it('refuses a file over the size limit before looking at it, whatever its extension', async () => {
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    for (const name of ['big.pdf', 'big.xyz']) {
      await expect(readDocument(name, big)).rejects.toMatchObject({ code: 'too-large', message: `${name} is 51 MB; Glossator reads documents up to 50 MB.` });
    }
    await expect(readDocument('limit.txt', new Uint8Array(MAX_DOCUMENT_BYTES).fill(0x61))).resolves.toMatchObject({ normaliser: 'glossator-text/2' });
  });
});

describe('htmlToBlocks', () => {
  const blocks = (html: string): unknown[] => {
    const r = htmlToBlocks(parseFragment(html).body);
    return r.blocks.map((b) => [b.kind, b.marker ?? '', b.para, r.text.slice(b.start, b.end)]);
  };

  it.each([
    ['ordered lists from their start, nested lists flattened', '<ol start="7"><li>a<ol><li>b</li></ol></li><li>c</li></ol>', [['list-item', '7.', 1, 'a'], ['list-item', '1.', 2, 'b'], ['list-item', '8.', 3, 'c']]],
    ['a list item’s second paragraph as body text', '<ul><li><p>one</p><p>more</p></li></ul>', [['list-item', '•', 1, 'one'], ['paragraph', '', 2, 'more']]],
    ['inline text collapsed, soft hyphens removed', '<p>  a <em>b</em>\n\tc&shy;d </p><div>loose <span>text</span></div>', [['paragraph', '', 1, 'a b cd'], ['paragraph', '', 2, 'loose text']]],
    ['one <br> a space, two a paragraph break', '<p>a<br>b<br> <br>c</p>', [['paragraph', '', 1, 'a b'], ['paragraph', '', 2, 'c']]],
    ['pre keeps its words on one line', '<pre>x  = 1\ny = 2</pre>', [['paragraph', '', 1, 'x = 1 y = 2']]],
    ['table rows as blocks, cells a space apart', '<table><tr><th>Year</th><th>Trade</th></tr><tr><td>2022</td><td>$5bn</td></tr></table>', [['paragraph', '', 1, 'Year Trade'], ['paragraph', '', 2, '2022 $5bn']]],
    ['quotes, pull-quotes and captions', '<blockquote>q</blockquote><blockquote class="pull-quote">p</blockquote><aside class="quote-aside">s</aside><figure><figcaption>c</figcaption></figure>', [['quote', '', 1, 'q'], ['pullquote', '', null, 'p'], ['pullquote', '', null, 's'], ['caption', '', null, 'c']]],
    ['headings of every level, empty blocks dropped', '<h1>A</h1><p> </p><h6>B</h6><div><p></p></div>', [['heading', '', null, 'A'], ['heading', '', null, 'B']]],
    ['scripts, styles, forms, hidden and nav text never read', '<p>a<script>x()</script><style>p{}</style></p><nav>menu</nav><form>f</form><p hidden>h</p><svg><text>t</text></svg><template>t</template><noscript>n</noscript><iframe>i</iframe>', [['paragraph', '', 1, 'a']]],
  ])('%s', (_what, html, want) => {
    expect(blocks(html)).toEqual(want);
  });
});

describe('joinWrapped (PDF hyphenation)', () => {
  const vocab = { words: new Set(['led', 'cooperation']), compounds: new Set(['long-term', 'well-known']) };
  it.each([
    ['deter-', 'mined more', 'determined more'],
    ['co-', 'operation', 'cooperation'],
    ['post-', 'Soviet states', 'post-Soviet states'],
    ['COVID-', '19 cases', 'COVID-19 cases'],
    ['long-', 'term anchor', 'long-term anchor'],
    ['Russia-', 'led talks', 'Russia-led talks'],
    ['state-of-the-', 'art', 'state-of-the-art'],
    ['deter\u00ad', 'mined', 'determined'],
    ['the war –', 'which', 'the war – which'],
    ['ends.', 'Next', 'ends. Next'],
  ])('%s + %s → %s', (a, b, want) => expect(joinWrapped(a, b, vocab)).toBe(want));
});
