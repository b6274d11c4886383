// Corpus search at scale: the context cap, one document's hits, incremental filling, changes, the scanner and the lexicon.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/main/corpus/corpus';
import { searchHandlers } from '../../src/main/core/handlers/search';
import { isSpaceCode } from '../../src/main/search/kwic';
import { Lexicon } from '../../src/main/search/lexicon';
import { MAX_CONTEXT_HITS, MAX_HITS_PER_DOCUMENT, SearchIndex } from '../../src/main/search/search-index';
import { TOKEN, forEachToken, hashText } from '../../src/main/search/tokenise';
import type { GlossDocument, SearchOptions } from '../../src/shared/types';
import { ALL_OPTIONS, LOOSE, WHOLE, doc, expectWellFormed } from './search-fixtures';
import { SEED_CORPUS } from './support/core-harness';

/** Seeded, so a failure names a string that fails again. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the scanner finds exactly the regex tokens, each with its hash', () => {
  const PIECES = [
    ...['a', 'Z', '7', ' ', '.', '-', '’', "'", '_', '$', '\n\n', '\u00A0', 'é', 'e\u0301', '\u0301', '\u00AD', '\u200C'],
    ...['🙂', '👩‍👩‍👧', '\uD800', '\uDC00', 'ت', 'ه', 'ُ', '한', 'Σ', 'ς', 'İ', '١'],
  ];
  const next = rng(11);
  const random = Array.from({ length: 300 }, () =>
    Array.from({ length: Math.floor(next() * 30) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''),
  );
  const fixed = [
    '', 'abc def', 'Iran’s role', 'co\u00ADoperation', 'a\u00AD', '\u00ADa', 'a\u00AD\u00ADb c', 'ab\u00AD-c', 'café',
    'cafe\u0301s', '\u0301abc', 'x\u0301y', 'abcé def', 'Tehrān', '🙂a🙂', '\uD800a', 'a\uDC00', 'a\uD800', '\uDBFF\uDFFF',
    'کتاب‌ها', 'U.S. 1,000', 'İstanbul',
  ];
  it.each([...fixed, ...random])('%j', (text) => {
    const scanned: [number, number, number][] = [];
    forEachToken(text, (start, end, hash) => scanned.push([start, end, hash]));
    const expected = [...text.matchAll(TOKEN)].map((m): [number, number, number] => {
      const end = m.index + m[0].length;
      return [m.index, end, hashText(text, m.index, end)];
    });
    expect(scanned).toEqual(expected);
  });
});

it('KWIC’s whitespace test agrees with /\\s/ on every UTF-16 code unit', () => {
  const differ: number[] = [];
  for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
  expect(differ).toEqual([]);
});

describe('the lexicon', () => {
  it('interns each spelling once, even when two spellings share a hash', () => {
    const lexicon = new Lexicon();
    // "yaczf" and "glbpp" have the same FNV-1a hash.
    const many = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const words = ['yaczf', 'glbpp', 'Sanctions', 'sanctions', 'SANCTIONS', ...many];
    const intern = (w: string): number => lexicon.intern(` ${w} `, 1, w.length + 1, hashText(w, 0, w.length));
    expect(hashText('yaczf', 0, 5)).toBe(hashText('glbpp', 0, 5));
    const ids = words.map(intern);
    expect(new Set(ids).size).toBe(words.length);
    expect(words.map(intern)).toEqual(ids);
    expect(ids.map((id) => lexicon.spelling(id))).toEqual(words);
    // Spellings that fold alike share one key.
    const [, , upper, lower, caps] = ids as [number, number, number, number, number];
    expect(new Set([lexicon.keyOf(upper), lexicon.keyOf(lower), lexicon.keyOf(caps)]).size).toBe(1);
    const w499 = ['w499', ...Array.from({ length: 10 }, (_, i) => `w499${i}`)];
    const withPrefix = (prefix: string): string[] => [...lexicon.keysWithPrefix(prefix)].map((k) => lexicon.key(k));
    expect(withPrefix('w499')).toEqual(w499);
    // Keys that appear later are slotted into the sorted order.
    for (const w of ['w4995b', 'W4995a', 'w499', 'w', 'w49999', 'x', 'a']) intern(w);
    expect(withPrefix('w4995')).toEqual(['w4995', 'w4995a', 'w4995b']);
    expect(withPrefix('w4999')).toEqual(['w4999', 'w49999']);
    expect(withPrefix('w').length).toBe(many.length + 4);
    expect(withPrefix('')).toEqual([...new Set(withPrefix(''))].sort());
  });
});

describe('context lines for the first hits only; exact counts for all', () => {
  /** Documents with these numbers of "aa", and how many of each one's hits come with context. */
  const cases: [string, number[], number[]][] = [
    ['under both caps', [3, 2], [3, 2]],
    ['one document over its cap', [1200, 2], [MAX_HITS_PER_DOCUMENT, 2]],
    ['the corpus cap cuts a document and leaves later ones bare', [600, 300, 300, 5], [500, 300, 200, 0]],
    ['the cap falls on a document boundary', [400, 400, 200, 7], [400, 400, 200, 0]],
    ['many small documents', Array(MAX_CONTEXT_HITS + 2).fill(1), [...Array(MAX_CONTEXT_HITS).fill(1), 0, 0]],
  ];
  it.each(cases)('%s', (_label, counts, withContext) => {
    const docs = counts.map((n, i) => doc(`d${i}`, 'aa '.repeat(n)));
    const r = SearchIndex.build(docs).search('aa', WHOLE);
    expect(r.documents.map((d) => d.count)).toEqual(counts);
    expect(r.documents.map((d) => d.hits.length)).toEqual(withContext);
    expect(r.total).toBe(counts.reduce((a, b) => a + b, 0));
    expectWellFormed(r, docs, 'aa', WHOLE);
  });

  it('counts a phrase without overlaps in documents whose hits are not shown', () => {
    const docs = [doc('big', 'aa '.repeat(2400)), doc('late', 'aa aa aa aa aa')];
    const r = SearchIndex.build(docs).search('aa aa', WHOLE);
    expect(r.documents.map((d) => [d.count, d.hits.length])).toEqual([
      [1200, MAX_HITS_PER_DOCUMENT],
      [2, 2],
    ]);
  });
});

describe('one document’s hits', () => {
  const counts = [600, 300, 300, 5];
  const docs = [...counts.map((n, i) => doc(`d${i}`, 'aa '.repeat(n))), doc('none', 'bb')];
  const index = SearchIndex.build(docs);
  const cases: [string, number, number][] = [
    ['d0', 600, MAX_HITS_PER_DOCUMENT],
    ['d2', 300, 300],
    ['d3', 5, 5],
  ];
  it.each(cases)('%s: every hit counted, its first hits in context, even past the corpus cap', (docId, count, shown) => {
    const r = index.search('aa', WHOLE, { docId });
    expect(r.total).toBe(count);
    expect(r.documents.map((d) => [d.docId, d.count, d.hits.length])).toEqual([[docId, count, shown]]);
    const alone = docs.find((d) => d.id === docId) as GlossDocument;
    expect(r).toEqual(SearchIndex.build([alone]).search('aa', WHOLE));
  });
  it.each(['none', 'unknown', ''])('%j: no hits, no error', (docId) => {
    expect(index.search('aa', WHOLE, { docId })).toEqual({ query: 'aa', total: 0, documents: [] });
  });
});

const QUERIES = ['Iran', 'the', 'a', 'th', 'nuclear deal', 'nuclear de', 'Amir-Abdollahian', "Iran's", 'of the', 'zebra'];

describe('the real corpus, filled incrementally', () => {
  let docs: GlossDocument[];
  let sync: SearchIndex;
  beforeAll(async () => {
    docs = (await loadCorpus(SEED_CORPUS)).documents;
    sync = SearchIndex.build(docs);
  });
  const same = (a: SearchIndex, b: SearchIndex, options: readonly SearchOptions[] = ALL_OPTIONS): void => {
    for (const query of QUERIES) for (const o of options) expect(a.search(query, o)).toEqual(b.search(query, o));
  };

  it('answers exactly as an index built at once, for every query, option and document', async () => {
    const index = SearchIndex.buildIncrementally(docs, { sliceMs: 0 });
    await index.ready;
    same(index, sync);
    for (const d of docs) expect(index.search('the', LOOSE, { docId: d.id })).toEqual(sync.search('the', LOOSE, { docId: d.id }));
  });

  it('yields between slices: other work runs while documents are still pending', async () => {
    const index = SearchIndex.buildIncrementally(docs, { sliceMs: 0 });
    expect(index.pendingCount).toBe(docs.length);
    const seen: number[] = [];
    while (index.pendingCount > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      seen.push(index.pendingCount);
    }
    expect(seen.some((n) => n > 0 && n < docs.length)).toBe(true);
    await index.ready;
    same(index, sync, [LOOSE]);
  });

  it('closing stops a fill under way: no more documents are indexed, and a search says the corpus was closed', async () => {
    const index = SearchIndex.buildIncrementally(docs, { sliceMs: 0 });
    await new Promise<void>((resolve) => setImmediate(resolve));
    await index.close();
    const indexed = index.indexedCount;
    expect(indexed).toBeLessThan(docs.length);
    for (let t = 0; t < 5; t++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(index.indexedCount).toBe(indexed);
    expect(index.pendingCount).toBe(0);
    expect(() => index.search('Iran', LOOSE)).toThrow(/closed/);
  });

  it('a search before it is ready indexes the rest first and misses nothing', () => {
    const index = SearchIndex.buildIncrementally(docs);
    expect(index.search('Iran', LOOSE)).toEqual(sync.search('Iran', LOOSE));
    expect(index.pendingCount).toBe(0);
  });

  /** Changes to make, as (index) => void, on the first, second and third documents. */
  const changes = (d: GlossDocument[]): [string, (index: SearchIndex) => void][] => {
    const [a, b, c] = d as [GlossDocument, GlossDocument, GlossDocument];
    return [
      ['new text', (i) => i.update({ ...a, text: `${a.text}\n\nzebra crossing Iran` })],
      ['new title only', (i) => i.update({ ...b, title: 'Renamed' })],
      ['removed', (i) => i.remove(c.id)],
      ['added at the end', (i) => i.update(doc('extra', 'Iran and the zebra; nuclear dealings.'))],
      ['removed, then back at the end', (i) => (i.remove(a.id), i.update(a))],
    ];
  };
  it.each([0, 1, 3])('changes after %i turns of the fill end as the same changes after a full build', async (turns) => {
    for (const [label, change] of changes(docs)) {
      const index = SearchIndex.buildIncrementally(docs, { sliceMs: 0 });
      for (let t = 0; t < turns; t++) await new Promise<void>((resolve) => setImmediate(resolve));
      change(index);
      await index.ready;
      const expected = SearchIndex.build(docs);
      change(expected);
      expect([label, index.search('zebra', LOOSE)]).toEqual([label, expected.search('zebra', LOOSE)]);
      same(index, expected, [LOOSE, WHOLE]);
    }
  });

  it('the handler waits for the fill and passes the document to search', async () => {
    const { search } = searchHandlers({ index: SearchIndex.buildIncrementally(docs, { sliceMs: 0 }) });
    const options = { wholeWord: true, caseSensitive: false, diacriticSensitive: true };
    expect(await search({ query: 'nuclear deal', ...options })).toEqual(sync.search('nuclear deal', options));
    const docId = (docs[1] as GlossDocument).id;
    expect(await search({ query: 'the', ...options, docId })).toEqual(sync.search('the', options, { docId }));
  });
});

describe('update() and remove() after a build answer as a fresh build of the result', () => {
  const a = doc('a', 'Zebra crossing near the embassy. Sanctions, sanctioned.');
  const b = doc('b', 'Another zebra in the second document, the the the.');
  const c = doc('c', 'A third one, about a zebu and sanctions.');
  const d = doc('d', 'Fourth: zebras, Zebra, ZEBRA and the end.');
  const b2 = { ...b, text: 'Now about giraffes and sanctions.' };
  const steps: [string, (i: SearchIndex) => void, GlossDocument[]][] = [
    ['b rewritten', (i) => i.update(b2), [a, b2, c]],
    ['a removed', (i) => i.remove('a'), [b, c]],
    ['d added', (i) => i.update(d), [a, b, c, d]],
    ['a removed and added back', (i) => (i.remove('a'), i.update(a)), [b, c, a]],
    ['everything removed, c back', (i) => (i.remove('a'), i.remove('b'), i.remove('c'), i.update(c)), [c]],
    ['c retitled', (i) => i.update({ ...c, title: 'New' }), [a, b, { ...c, title: 'New' }]],
  ];
  it.each(steps)('%s', (_label, step, final) => {
    const index = SearchIndex.build([a, b, c]);
    step(index);
    const fresh = SearchIndex.build(final);
    for (const query of ['zeb', 'zebra', 'the', 'sanction', 'giraffes', 'a', 'the the']) {
      for (const options of ALL_OPTIONS) expect(index.search(query, options)).toEqual(fresh.search(query, options));
    }
  });
});
