// HTML titles without the site's name, and quotations kept as quotations, in the .html and .md readers.
import { describe, expect, it } from 'vitest';
import { readDocument, type ReadResult } from '../../src/main/corpus/readers/index';

const bytes = (s: string) => new TextEncoder().encode(s);
const page = (head: string, body = '<article><p>Iran and Russia have grown closer since 2022, on paper at least.</p></article>') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const kinds = (r: ReadResult) => r.blocks.map((b) => [b.kind, b.para, r.text.slice(b.start, b.end)]);

describe('an HTML page’s title, without its site’s name', () => {
  it.each([
    ['the site named by og:site_name', '<title>Iran’s Eastern Turn | Example Institute</title><meta property="og:site_name" content="Example Institute">', '', 'Iran’s Eastern Turn'],
    ['a bar and a short site name, named nowhere else', '<title>Iran’s Eastern Turn | Example Institute</title>', '', 'Iran’s Eastern Turn'],
    ['a site name in og:title too', '<meta property="og:title" content="Iran’s Eastern Turn — Example Institute"><meta property="og:site_name" content="Example Institute">', '', 'Iran’s Eastern Turn'],
    ['the rest is the page’s own heading', '<title>Iran’s Eastern Turn - Analysis and Commentary from the Example Institute</title>', '<h1>Iran’s Eastern Turn</h1>', 'Iran’s Eastern Turn'],
    ['a site and a section after bars', '<title>Why Tehran Looks East | Analysis | Example Institute</title>', '', 'Why Tehran Looks East'],
    ['the site named by Readability’s JSON-LD', '<title>Why Tehran Looks East · Example Institute</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Why Tehran Looks East","publisher":{"@type":"Organization","name":"Example Institute"}}</script>', '', 'Why Tehran Looks East'],
    ['a dash inside the title itself', '<title>Iran - Russia relations after 2022</title>', '', 'Iran - Russia relations after 2022'],
    ['a bar between two equal halves', '<title>Iran | Russia</title>', '', 'Iran | Russia'],
    ['a long tail after a bar', '<title>Sanctions | How Moscow and Tehran learned to trade around the dollar</title>', '', 'Sanctions | How Moscow and Tehran learned to trade around the dollar'],
    ['no separator', '<title>Iran’s Eastern Turn</title>', '', 'Iran’s Eastern Turn'],
  ])('%s', async (_what, head, heading, title) => {
    const body = `<article>${heading}<p>Iran and Russia have grown closer since 2022, on paper at least, and the trade figures show it.</p></article>`;
    const r = await readDocument('page.html', bytes(page(head, body)));
    expect(r.meta.title).toBe(title);
  });
});

describe('quotations stay quotations', () => {
  it('a Markdown blockquote is a quote block, numbered and cited like a paragraph', async () => {
    const md = '# Title\n\nThe minister said:\n\n> We will not be dictated to.\n> Not by anyone.\n\nAnd then he left.\n';
    const r = await readDocument('note.md', bytes(md));
    expect(kinds(r)).toEqual([
      ['heading', null, 'Title'],
      ['paragraph', 1, 'The minister said:'],
      ['quote', 2, 'We will not be dictated to. Not by anyone.'],
      ['paragraph', 3, 'And then he left.'],
    ]);
    expect(r.normaliser).toBe('glossator-md/2');
  });

  it('an HTML blockquote is a quote block; one classed as a pull-quote stays a pull-quote', async () => {
    const body =
      '<article><h1>Title</h1><p>The minister said this, and the long paragraph around it holds enough words for an article.</p>' +
      '<blockquote><p>We will not be dictated to.</p></blockquote>' +
      '<blockquote class="pullquote"><p>The minister said this</p></blockquote><p>And then he left the room without another word.</p></article>';
    const r = await readDocument('page.html', bytes(page('<title>Title</title>', body)));
    expect(kinds(r).filter(([kind]) => kind === 'quote' || kind === 'pullquote')).toEqual([
      ['quote', 2, 'We will not be dictated to.'],
      ['pullquote', null, 'The minister said this'],
    ]);
  });
});
