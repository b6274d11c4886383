// Corpus search: tokens, case/diacritic folds, phrases and prefixes, offsets, KWIC, updates, odd scripts.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/main/corpus/corpus';
import { searchHandlers } from '../../src/main/core/handlers/search';
import { CONTEXT } from '../../src/main/search/kwic';
import { MAX_HITS_PER_DOCUMENT, SearchIndex } from '../../src/main/search/search-index';
import type { GlossDocument, SearchOptions } from '../../src/shared/types';
import { ALL_OPTIONS, LOOSE, WHOLE, doc, expectWellFormed, slices } from './search-fixtures';
import { SEED_CORPUS } from './support/core-harness';

describe('case, diacritic and whole-word options', () => {
  const text =
    'Tehrān and Tehran; TEHRAN. café, cafe\u0301 and CAFÉ by the cafeteria. Sanctions, sanction-busting, sanctioned.';
  const docs = [doc('opts', text)];
  const index = SearchIndex.build(docs);
  const cases: [string, Partial<SearchOptions>, string[]][] = [
    ['tehran', {}, ['Tehrān', 'Tehran', 'TEHRAN']],
    ['TEHRAN', {}, ['Tehrān', 'Tehran', 'TEHRAN']],
    ['tehran', { caseSensitive: true }, []],
    ['Tehran', { caseSensitive: true }, ['Tehrān', 'Tehran']],
    ['Tehran', { diacriticSensitive: true }, ['Tehran', 'TEHRAN']],
    ['tehrān', { diacriticSensitive: true }, ['Tehrān']],
    ['Tehran', { caseSensitive: true, diacriticSensitive: true }, ['Tehran']],
    ['Tehrān', { caseSensitive: true, diacriticSensitive: true }, ['Tehrān']],
    // Precomposed and decomposed é are the same letter in every mode.
    ['cafe', { wholeWord: true }, ['café', 'cafe\u0301', 'CAFÉ']],
    ['café', { wholeWord: true, diacriticSensitive: true }, ['café', 'cafe\u0301', 'CAFÉ']],
    ['cafe\u0301', { wholeWord: true, diacriticSensitive: true }, ['café', 'cafe\u0301', 'CAFÉ']],
    ['café', { wholeWord: true, caseSensitive: true, diacriticSensitive: true }, ['café', 'cafe\u0301']],
    ['cafe', { wholeWord: true, diacriticSensitive: true }, []],
    ['cafe', { diacriticSensitive: true }, ['cafeteria']],
    ['cafe', {}, ['café', 'cafe\u0301', 'CAFÉ', 'cafeteria']],
    ['caf', { caseSensitive: true }, ['café', 'cafe\u0301', 'cafeteria']],
    ['sanction', { wholeWord: true }, ['sanction']],
    ['sanction', {}, ['Sanctions', 'sanction', 'sanctioned']],
    ['Sanction', { caseSensitive: true }, ['Sanctions']],
    ['sanctions', { wholeWord: true }, ['Sanctions']],
  ];
  it.each(cases)('%j with %j finds %j', (query, opts, expected) => {
    const options = { ...WHOLE, wholeWord: false, ...opts };
    const r = index.search(query, options);
    expect(slices(r, docs)).toEqual(expected);
    expect(r.total).toBe(expected.length);
    expectWellFormed(r, docs, query, options);
  });
});

describe('phrases and prefixes', () => {
  const text = 'the nuclear deal, the nuclear dealings, a nuclear-deal; deal nuclear; nuclearity deal. Nuclear\n\nDeal.';
  const docs = [doc('phrase', text)];
  const index = SearchIndex.build(docs);
  const cases: [string, SearchOptions, string[]][] = [
    ['nuclear deal', WHOLE, ['nuclear deal', 'nuclear-deal', 'Nuclear\n\nDeal']],
    ['"nuclear deal"', WHOLE, ['nuclear deal', 'nuclear-deal', 'Nuclear\n\nDeal']],
    ['nuclear deal', LOOSE, ['nuclear deal', 'nuclear dealings', 'nuclear-deal', 'Nuclear\n\nDeal']],
    // Quoted: exact words, so the last one is no prefix.
    ['“nuclear deal”', LOOSE, ['nuclear deal', 'nuclear-deal', 'Nuclear\n\nDeal']],
    ['nuclear de', LOOSE, ['nuclear deal', 'nuclear dealings', 'nuclear-deal', 'Nuclear\n\nDeal']],
    // Only the last word may be a prefix.
    ['nucl deal', LOOSE, []],
    ['nuclear', WHOLE, ['nuclear', 'nuclear', 'nuclear', 'nuclear', 'Nuclear']],
    ['nuclear', LOOSE, ['nuclear', 'nuclear', 'nuclear', 'nuclear', 'nuclearity', 'Nuclear']],
    // Any separator between tokens, punctuation included, keeps them consecutive.
    ['deal nuclear', WHOLE, ['deal nuclear', 'deal. Nuclear']],
    ['the nuclear deal', WHOLE, ['the nuclear deal']],
    ['nuclear deal the', WHOLE, ['nuclear deal, the']],
  ];
  it.each(cases)('%j with %j finds %j', (query, options, expected) => {
    const r = index.search(query, options);
    expect(slices(r, docs)).toEqual(expected);
    expectWellFormed(r, docs, query, options);
  });

  it('a phrase across a paragraph break matches: its tokens are consecutive; the KWIC shows one line', () => {
    const hit = index.search('nuclear deal', WHOLE).documents[0]?.hits.at(-1);
    expect(hit?.match).toBe('Nuclear Deal');
    expect(hit?.before).toBe('dealings, a nuclear-deal; deal nuclear; nuclearity deal. ');
    expect(hit?.after).toBe('.');
  });

  it('counts occurrences without overlaps, left to right', () => {
    const d = [doc('ha', 'ha ha ha ha ha')];
    const r = SearchIndex.build(d).search('ha ha', WHOLE);
    expect(r.total).toBe(2);
    expect(r.documents[0]?.hits.map((h) => [h.start, h.end])).toEqual([
      [0, 5],
      [6, 11],
    ]);
  });

  it('apostrophes and dots separate words, in the text and in the query alike', () => {
    const d = [doc('apos', "Iran’s and Iran's role; the U.S. view")];
    const index2 = SearchIndex.build(d);
    expect(slices(index2.search('Iran', WHOLE), d)).toEqual(['Iran', 'Iran']);
    expect(slices(index2.search("Iran's", WHOLE), d)).toEqual(['Iran’s', "Iran's"]);
    expect(slices(index2.search('Iran’s role', WHOLE), d)).toEqual(["Iran's role"]);
    expect(slices(index2.search('U.S.', WHOLE), d)).toEqual(['U.S']);
  });
});

describe('empty and punctuation-only queries give zero results, not errors', () => {
  const index = SearchIndex.build([doc('e', 'Some text — with “quotes”, 🙂 and … dots.')]);
  it.each(['', ' ', '\n\t ', '...', '"', '""', '“”', '—', '-', '🙂', '\u200C', '’'])('%j', (query) => {
    for (const options of ALL_OPTIONS) expect(index.search(query, options)).toEqual({ query, total: 0, documents: [] });
  });
});

describe('other scripts: emoji, RTL, Persian, Arabic vowel marks', () => {
  const text = [
    'Talks 🤝 in تهران went well: روسیه و ایران 🇷🇺🇮🇷 signed.',
    'کتاب‌ها و کتاب. مُحَمَّد and محمد. ΟΔΟΣ. İstanbul. 한국어 👩‍👩‍👧 after family.',
    'A co\u00ADoperation deal.',
  ].join('\n\n');
  const docs = [doc('scripts', text)];
  const index = SearchIndex.build(docs);
  const cases: [string, Partial<SearchOptions>, string[]][] = [
    ['in', { wholeWord: true }, ['in']],
    ['تهران', {}, ['تهران']],
    ['روسیه و ایران', { wholeWord: true }, ['روسیه و ایران']],
    ['ایران signed', { wholeWord: true }, ['ایران 🇷🇺🇮🇷 signed']],
    // ZWNJ separates, so the stem is a whole word inside "کتاب‌ها".
    ['کتاب', { wholeWord: true }, ['کتاب', 'کتاب']],
    ['کتاب‌ها', { wholeWord: true }, ['کتاب‌ها']],
    ['کتاب ها', { wholeWord: true }, ['کتاب‌ها']],
    ['محمد', { wholeWord: true }, ['مُحَمَّد', 'محمد']],
    ['محمد', { wholeWord: true, diacriticSensitive: true }, ['محمد']],
    ['مُحَمَّد', { wholeWord: true, diacriticSensitive: true }, ['مُحَمَّد']],
    ['οδος', { wholeWord: true }, ['ΟΔΟΣ']],
    ['istanbul', { wholeWord: true }, ['İstanbul']],
    ['한국', {}, ['한국어']],
    ['after family', { wholeWord: true }, ['after family']],
    ['cooperation', { wholeWord: true }, ['co\u00ADoperation']],
  ];
  it.each(cases)('%j with %j finds %j', (query, opts, expected) => {
    const options = { ...LOOSE, ...opts };
    const r = index.search(query, options);
    expect(slices(r, docs)).toEqual(expected);
    expectWellFormed(r, docs, query, options);
  });

  it('offsets count UTF-16 code units, emoji taking two', () => {
    const hit = index.search('in', WHOLE).documents[0]?.hits[0];
    expect(hit?.start).toBe('Talks 🤝 '.length);
    expect(hit?.start).toBe(9);
  });

  it.each([0, 1, 2, 3])('KWIC never splits a surrogate pair (padding %i)', (pad) => {
    const t = `${'x'.repeat(pad)}${'🙂'.repeat(40)} target ${'🤝'.repeat(40)}${'y'.repeat(pad)}`;
    const docs2 = [doc('emoji', t)];
    const r = SearchIndex.build(docs2).search('target', WHOLE);
    const hit = r.documents[0]?.hits[0];
    expect(hit?.before).toMatch(/^(🙂)+ $/u);
    expect(hit?.after).toMatch(/^ (🤝)+$/u);
    expectWellFormed(r, docs2, 'target', WHOLE);
  });
});

describe('KWIC', () => {
  const words = Array.from({ length: 200 }, (_, i) => `w${i}${'x'.repeat(i % 7)}`);
  const text = `${words.slice(0, 100).join(' ')} needle ${words.slice(100).join(' ')}`;
  const docs = [doc('kwic', text)];
  const hit = SearchIndex.build(docs).search('needle', WHOLE).documents[0]?.hits[0];

  it('takes up to ~60 units either side, cut between words', () => {
    expect(hit?.match).toBe('needle');
    expect(hit?.before.length).toBeGreaterThan(CONTEXT - 12);
    expect(hit?.after.length).toBeGreaterThan(CONTEXT - 12);
    const before = hit?.before.trim().split(' ') ?? [];
    const after = hit?.after.trim().split(' ') ?? [];
    for (const w of [...before, ...after]) expect(words).toContain(w);
    expect(text.slice(0, hit?.start)).toMatch(new RegExp(`${hit?.before}$`));
    expect(text.slice(hit?.end)).toMatch(new RegExp(`^${hit?.after}`));
  });

  it('is the whole block when it is short, with spaces collapsed, and never its neighbours', () => {
    const d = [doc('short', 'First block ends here.\n\nSecond   block has the word\n\nand more.')];
    const h = SearchIndex.build(d).search('word', WHOLE).documents[0]?.hits[0];
    expect(h).toMatchObject({ before: 'Second block has the ', match: 'word', after: '' });
  });

  it('cuts inside a single over-long word when there is no space to cut at', () => {
    const d = [doc('long', `${'a'.repeat(100)} key ${'b'.repeat(100)}`)];
    const h = SearchIndex.build(d).search('key', WHOLE).documents[0]?.hits[0];
    expect(h?.before).toBe(`${'a'.repeat(CONTEXT - 1)} `);
    expect(h?.after).toBe(` ${'b'.repeat(CONTEXT - 1)}`);
  });
});

it(`reports at most ${MAX_HITS_PER_DOCUMENT} hits per document but counts them all`, () => {
  const docs = [doc('many', 'aa '.repeat(1200)), doc('few', 'aa aa')];
  const r = SearchIndex.build(docs).search('aa', WHOLE);
  expect(r.documents.map((d) => [d.count, d.hits.length])).toEqual([
    [1200, MAX_HITS_PER_DOCUMENT],
    [2, 2],
  ]);
  expect(r.total).toBe(1202);
  expectWellFormed(r, docs, 'aa', WHOLE);
});

describe('update() and remove() change one document', () => {
  const a = doc('a', 'Zebra crossing near the embassy.');
  const b = doc('b', 'Another zebra in the second document.');
  const c = doc('c', 'A third one, about a zebu.');

  it('update() finds the new text and not the old, keeping the corpus order', () => {
    const index = SearchIndex.build([a, b, c]);
    const a2 = { ...a, text: 'Giraffe sighting near the consulate.', title: 'New title' };
    index.update(a2);
    expect(index.search('zebra', WHOLE).documents.map((d) => d.docId)).toEqual(['b']);
    expect(index.search('embassy', WHOLE).total).toBe(0);
    expect(index.search('consulate', WHOLE).documents).toMatchObject([{ docId: 'a', title: 'New title', count: 1 }]);
    // Hits carry offsets and KWIC of the new text.
    const hit = index.search('near', WHOLE).documents[0]?.hits[0];
    expect(a2.text.slice(hit?.start, hit?.end)).toBe('near');
    expect(hit?.before).toBe('Giraffe sighting ');
    // "the" is in all three: a keeps its place ahead of b and c.
    expect(index.search('the', WHOLE).documents.map((d) => d.docId)).toEqual(['a', 'b']);
    expect(index.search('a', WHOLE).documents.map((d) => d.docId)).toEqual(['c']);
  });

  it('update() of an unknown document adds it at the end', () => {
    const index = SearchIndex.build([b, c]);
    index.update(a);
    expect(index.search('zeb', LOOSE).documents.map((d) => d.docId)).toEqual(['b', 'c', 'a']);
  });

  it('remove() drops a document, its words and prefixes; unknown ids are ignored', () => {
    const index = SearchIndex.build([a, b, c]);
    index.remove('c');
    index.remove('nope');
    expect(index.search('zeb', LOOSE).documents.map((d) => d.docId)).toEqual(['a', 'b']);
    expect(index.search('zebu', LOOSE).total).toBe(0);
    index.remove('a');
    index.remove('b');
    expect(index.search('z', LOOSE).total).toBe(0);
    index.update(c);
    expect(index.search('zeb', LOOSE).documents.map((d) => d.docId)).toEqual(['c']);
  });
});

describe('the real corpus', () => {
  let docs: GlossDocument[];
  let index: SearchIndex;
  beforeAll(async () => {
    docs = (await loadCorpus(SEED_CORPUS)).documents;
    index = SearchIndex.build(docs);
  });
  const count = (query: string, options: SearchOptions = WHOLE): number => index.search(query, options).total;

  it('finds a hyphenated name by either half and by the hyphenated phrase', () => {
    const n = count('Amir-Abdollahian');
    expect(n).toBeGreaterThanOrEqual(6);
    expect(count('Abdollahian')).toBe(n);
    expect(count('amir abdollahian')).toBe(n);
    expect(count('Amir')).toBeGreaterThanOrEqual(n);
    const hits = index.search('Amir-Abdollahian', WHOLE).documents.flatMap((d) => d.hits);
    expect(new Set(hits.map((h) => h.match))).toEqual(new Set(['Amir-Abdollahian']));
  });

  it('prefix search extends only the last word', () => {
    expect(count('sanction', LOOSE)).toBeGreaterThan(count('sanction'));
    expect(count('sanctions', LOOSE)).toBeGreaterThanOrEqual(count('sanctions'));
    expect(count('nuclear deal')).toBeGreaterThan(0);
    expect(count('nuclear dea', LOOSE)).toBe(count('nuclear deal', LOOSE));
    expect(count('nuclea deal', LOOSE)).toBe(0);
  });

  it('a phrase across a paragraph break matches (doc 000: heading, then a repeated title)', () => {
    const r = index.search('Differences Russo', WHOLE);
    const hit = r.documents.find((d) => d.docId === '000_4ab67b766fb33eed')?.hits[0];
    const text = docs[0]?.text ?? '';
    expect(text.slice(hit?.start, hit?.end)).toBe('Differences\n\nRusso');
    expect(hit?.match).toBe('Differences Russo');
  });

  it('case sensitivity narrows: "Iran" and "iran" differ only when asked', () => {
    expect(count('iran')).toBe(count('Iran'));
    expect(count('iran', { ...WHOLE, caseSensitive: true })).toBe(0);
    expect(count('Iran', { ...WHOLE, caseSensitive: true })).toBe(count('Iran'));
    expect(count('JCPOA', { ...WHOLE, caseSensitive: true })).toBeGreaterThan(10);
  });

  const queries = [
    'Iran', 'iran', 'Russia', 'sanction', 'nuclear deal', '"nuclear deal"', 'Amir-Abdollahian', "Iran's",
    'JCPOA', 'Tehran', 'U.S.', 'the', 'a', 'Moscow and Tehran', 'Putin’s', '2022', 'al-Assad',
  ];
  it.each(queries)('every hit for %j, under every option, folds to the query and has a well-formed KWIC', (query) => {
    for (const options of ALL_OPTIONS) {
      const r = index.search(query, options);
      expectWellFormed(r, docs, query, options);
    }
    expect(index.search(query, LOOSE).total).toBeGreaterThan(0);
  });

  it('updating one real document changes only its results', () => {
    const local = SearchIndex.build(docs);
    const d0 = docs[0] as GlossDocument;
    const before = local.search('Abdollahian', WHOLE).documents.map((d) => [d.docId, d.count]);
    const edited = { ...d0, text: d0.text.replaceAll('Amir-Abdollahian', 'Zarif') };
    local.update(edited);
    const after = local.search('Abdollahian', WHOLE).documents.map((d) => [d.docId, d.count]);
    expect(after).toEqual(before.filter(([id]) => id !== d0.id));
    expect(local.search('Zarif', WHOLE).documents.map((d) => d.docId)).toContain(d0.id);
    expectWellFormed(local.search('Zarif', WHOLE), [edited, ...docs.slice(1)], 'Zarif', WHOLE);
    local.remove(d0.id);
    expect(local.search('Zarif', WHOLE).documents.map((d) => d.docId)).not.toContain(d0.id);
  });

  it('the search handler passes its arguments to the index', async () => {
    const { search } = searchHandlers({ index });
    const args = { query: 'nuclear deal', wholeWord: true, caseSensitive: false, diacriticSensitive: true };
    expect(await search(args)).toEqual(index.search('nuclear deal', { wholeWord: true, caseSensitive: false, diacriticSensitive: true }));
  });
});
