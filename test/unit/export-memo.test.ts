// The export's shortcuts give what the long way gives: escaping fast paths, block look-ups, kept selections and passage text.
import { describe, expect, it } from 'vitest';
import { blockquote, escapeBlock, escapeInline } from '../../src/main/export/markdown';
import { blockIndex, touches } from '../../src/main/export/block-index';
import { citation } from '../../src/main/export/citation';
import { passageText } from '../../src/main/export/passage-text';
import { SelectionMemo } from '../../src/main/core/handlers/export';
import type { Placement } from '../../src/main/core/placements';
import type { Block, DigestOptions, GlossDocument, PlacedAnnotation } from '../../src/shared/types';
import { mulberry32 } from '../../scripts/prng';

const rng = mulberry32;

// ---- the escaping as it was before its fast paths: the reference ------------------------------

const ANYWHERE = /[\\`*_[\]~|#]/g;
function referenceLine(line: string): string {
  return line
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(ANYWHERE, '\\$&')
    .replace(/!(?=\\\[)/g, '\\!')
    .replace(/\b([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, '$1\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@(?=[A-Za-z0-9_-]+\.)/g, '\\@')
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
const referenceCollapse = (text: string) => text.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
function referenceBlock(text: string): string {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const raw of text.split(/\r\n?|\n/)) {
    const line = referenceCollapse(raw);
    if (line !== '') current.push(line);
    else if (current.length > 0) {
      paragraphs.push(current);
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs.map((lines) => lines.map(referenceLine).join('\\\n')).join('\n\n');
}
const referenceQuote = (text: string) =>
  referenceBlock(text)
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');

const TRICKY = [
  '', ' ', 'plain prose, with commas.', '  two  spaces\tand a tab ', '- a list?', '1. ordered', '12) also', '+x', '=== rule',
  'R&D and &amp; and &#60;', '<b>bold</b>', '*em* _em_ `code` [link](x) ~~s~~ | cell # head', '![img](x)', 'see https://x.org or WWW.example.com',
  'mail a@b.org', 'line one\nline two\n\npara two', 'a\r\nb\rc', '\u00a0nbsp\u00a0', 'Tehrān — “quoted” ‘single’', '\u2028sep\u2029', 'back\\slash',
];
const ALPHABET = ['a', 'b', ' ', ' ', '\t', '\n', '\r', '.', ':', '/', 'w', 'W', '@', '&', ';', '#', '!', '[', ']', '<', '>', '*', '_', '-', '1', ')', 'é', '\u00a0', '—'];

function randomTexts(count: number): string[] {
  const next = rng(42);
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 24) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]!).join(''),
  );
}

describe('Markdown escaping takes its shortcuts only where the long way changes nothing', () => {
  const texts = [...TRICKY, ...randomTexts(3000)];
  it.each([
    ['escapeInline', escapeInline, (t: string) => referenceLine(referenceCollapse(t))],
    ['escapeBlock', escapeBlock, referenceBlock],
    ['blockquote', blockquote, referenceQuote],
  ] as const)('%s', (_name, fast, reference) => {
    for (const text of texts) expect([text, fast(text)]).toEqual([text, reference(text)]);
  });
});

// ---- block look-ups ----------------------------------------------------------------------------

function blocksOf(text: string, seed: number): Block[] {
  const next = rng(seed);
  const blocks: Block[] = [];
  let at = 0;
  while (at < text.length) {
    const end = Math.min(text.length, at + 1 + Math.floor(next() * 40));
    const kind = next() < 0.2 ? 'heading' : 'paragraph';
    blocks.push({ index: blocks.length, kind, start: at, end, para: kind === 'heading' ? null : blocks.length + 1 });
    at = end + Math.floor(next() * 3); // gaps between blocks, sometimes none
  }
  return blocks;
}

const docWith = (blocks: Block[], text = 'x'.repeat(400)): GlossDocument =>
  ({ id: 'd', title: 'T', author: null, publisher: null, date: null, source: 'd.txt', text, blocks, contentHash: 'h', wordCount: 1 }) as unknown as GlossDocument;

describe('block look-ups by binary search agree with a scan of every block', () => {
  it.each([1, 2, 3, 4, 5])('random blocks, seed %i', (seed) => {
    const blocks = blocksOf('x'.repeat(400), seed);
    const index = blockIndex(docWith(blocks));
    const next = rng(seed * 7);
    for (let i = 0; i < 400; i++) {
      const start = Math.floor(next() * 410);
      const end = next() < 0.1 ? start : start + Math.floor(next() * 60);
      const range = { start, end };
      expect(index.touched(range)).toEqual(blocks.filter((b) => touches(b, range)));
      const heading = blocks.filter((b) => b.start <= start && b.kind === 'heading').at(-1);
      expect(index.headingBefore(start)).toBe(heading);
    }
  });

  it('blocks out of order are scanned, as before', () => {
    const blocks: Block[] = [
      { index: 0, kind: 'paragraph', start: 50, end: 90, para: 1 },
      { index: 1, kind: 'heading', start: 0, end: 10, para: null },
      { index: 2, kind: 'paragraph', start: 20, end: 120, para: 2 },
    ];
    const index = blockIndex(docWith(blocks));
    expect(index.touched({ start: 60, end: 70 })).toEqual([blocks[0], blocks[2]]);
    // The scan's rule: the last heading among the blocks before the first one starting past the offset.
    expect(index.headingBefore(100)).toBe(blocks[1]);
    expect(index.headingBefore(30)).toBeUndefined(); // the first block already starts past 30
  });
});

// ---- kept selections and passage text -------------------------------------------------------

const OPTIONS: DigestOptions = { groupBy: 'tag', tagIds: [], docIds: [], text: '', includeNotes: true, hashtags: false, bom: false };

function passage(id: string, docId = 'd'): PlacedAnnotation {
  const range = Object.freeze({ start: 0, end: 5 });
  const target = Object.freeze({ position: range, quote: Object.freeze({ exact: 'xxxxx', prefix: '', suffix: '' }), contentHash: 'h' });
  return Object.freeze({ id, docId, target, tagIds: Object.freeze(['friction']) as string[], note: '', created: '', modified: '', state: 'anchored', range });
}
const placementOf = (...passages: PlacedAnnotation[]): Placement =>
  ({ passages, counts: { passageCount: passages.length, needsReview: 0, tagCounts: {}, tagSets: {} } }) as Placement;

describe('the selection is kept while nothing it depends on changed', () => {
  const doc = docWith([{ index: 0, kind: 'paragraph', start: 0, end: 400, para: 1 }]);
  const docs = [doc];
  const placements = [placementOf(passage('a1'), passage('a2'))];

  const changes: [string, (memo: SelectionMemo) => unknown, boolean][] = [
    ['the same inputs', (m) => m.get(docs, [...placements], OPTIONS), true],
    ['an option that does not filter', (m) => m.get(docs, placements, { ...OPTIONS, groupBy: 'document', includeNotes: false }), true],
    ['a new placement of a document', (m) => m.get(docs, [placementOf(passage('a1'))], OPTIONS), false],
    ['a new document list', (m) => m.get([...docs], placements, OPTIONS), false],
    ['a tag filter', (m) => m.get(docs, placements, { ...OPTIONS, tagIds: ['friction'] }), false],
    ['a text filter', (m) => m.get(docs, placements, { ...OPTIONS, text: 'x' }), false],
    ['a document filter', (m) => m.get(docs, placements, { ...OPTIONS, docIds: ['d'] }), false],
  ];
  it.each(changes)('%s', (_name, again, kept) => {
    const memo = new SelectionMemo();
    const first = memo.get(docs, placements, OPTIONS);
    expect(first.passages.map((p) => p.id)).toEqual(['a1', 'a2']);
    const second = again(memo);
    if (kept) expect(second).toBe(first);
    else expect(second).not.toBe(first);
  });
});

describe('a passage’s Markdown is kept per passage and document object', () => {
  const blocks: Block[] = [{ index: 0, kind: 'paragraph', start: 0, end: 400, para: 1 }];
  it('the same document gives the kept text; a new document object (new metadata) a new citation', () => {
    const doc = docWith(blocks);
    const p = passage('a1');
    const first = passageText(doc, p, p.range, 'xxxxx');
    expect(passageText(doc, p, p.range, 'xxxxx')).toBe(first);
    const renamed = { ...doc, title: 'Renamed' };
    const again = passageText(renamed, p, p.range, 'xxxxx');
    expect(again.cite).toContain(citation(renamed, p.range));
    expect(again.cite).toContain('Renamed');
  });

  it('a passage that is not frozen is never kept', () => {
    const doc = docWith(blocks);
    const p = { ...passage('a1'), note: 'one' };
    expect(passageText(doc, p, p.range, 'xxxxx').note).toBe('one');
    p.note = 'two';
    expect(passageText(doc, p, p.range, 'xxxxx').note).toBe('two');
  });
});
