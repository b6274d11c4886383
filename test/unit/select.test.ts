// Passage selection for exports: document, tag and text filters, ordering, and stable passage keys.
import { beforeAll, describe, expect, it } from 'vitest';
import { passageKey, selectPassages } from '../../src/main/export/select';
import { DEFAULT_OPTIONS } from '../../src/main/export/types';
import type { DigestOptions, PlacedAnnotation } from '../../src/shared/types';
import { loadFixtureSet, type FixtureSet } from './fixtures';

const D0 = '000_4ab67b766fb33eed';
const D1 = '001_05282a48bb000cda';
const D2 = '002_01fb20c1ab9eae2c';
const D4 = '004_602bfc5574c20f0a';

let fixture: FixtureSet;
beforeAll(async () => {
  fixture = await loadFixtureSet();
});

/** Fixture ids end in the passage number: "…000000000007" → 7. */
const num = (a: PlacedAnnotation) => Number(a.id.slice(-12));

function select(options: Partial<DigestOptions>, annotations = fixture.annotations) {
  return selectPassages({ documents: fixture.documents, annotations, options: { ...DEFAULT_OPTIONS, ...options } });
}

describe('selectPassages filters', () => {
  it.each([
    { name: 'no filter: every passage', options: {}, passages: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] },
    { name: 'one tag', options: { tagIds: ['cooperation'] }, passages: [1, 8, 10, 14] },
    { name: 'any of two tags, each passage once', options: { tagIds: ['cooperation', 'friction'] }, passages: [1, 3, 7, 8, 10, 12, 13, 14, 15] },
    { name: 'an unknown tag matches nothing', options: { tagIds: ['gossip'] }, passages: [] },
    { name: 'one document', options: { docIds: [D1] }, passages: [4, 5, 6, 7, 8] },
    { name: 'documents given out of corpus order', options: { docIds: [D4, D0] }, passages: [1, 2, 3, 15] },
    { name: 'an unknown document', options: { docIds: ['nope'] }, passages: [] },
    { name: 'tag and document together', options: { tagIds: ['hedging'], docIds: [D1, D2] }, passages: [5, 6, 9, 11] },
    { name: 'text in a quote, any case', options: { text: 'JCPOA' }, passages: [8, 11] },
    { name: 'text in a note', options: { text: 'leila' }, passages: [6] },
    { name: 'text with a typed apostrophe finds a curly one', options: { text: "people's republics" }, passages: [2] },
    { name: 'text across the paragraph break of a passage', options: { text: 'with the West. Some US media' }, passages: [5] },
    { name: 'text in a stored quote needing review', options: { text: 'Vienna talks' }, passages: [12] },
    { name: 'blank text is no filter', options: { text: '   ' }, passages: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] },
    { name: 'every filter at once', options: { tagIds: ['friction'], docIds: [D1], text: 'competition' }, passages: [7] },
  ])('$name', ({ options, passages }) => {
    expect(select(options).passages.map(num)).toEqual(passages);
  });

  it('drops untagged passages under a tag filter only', () => {
    expect(select({}).passages.some((a) => a.tagIds.length === 0)).toBe(true);
    expect(select({ tagIds: ['hedging', 'friction', 'cooperation'] }).passages.some((a) => a.tagIds.length === 0)).toBe(false);
  });

  it('matches case- and diacritic-insensitively on both sides', () => {
    const accented = { ...fixture.annotations[0]!, note: 'Tehrān’s CAFÉ diplomacy' };
    expect(select({ text: 'tehran’s cafe' }, [accented]).passages).toHaveLength(1);
    expect(select({ text: 'TEHRĀN' }, [accented]).passages).toHaveLength(1);
    expect(select({ text: 'Tehran cafe' }, [accented]).passages).toHaveLength(0);
  });

  it('keeps every allowed document, in corpus order, even without passages', () => {
    expect(select({ docIds: [D4, D0], tagIds: ['gossip'] }).documents.map((d) => d.id)).toEqual([D0, D4]);
    expect(select({}).documents).toEqual(fixture.documents);
  });

  it('leaves out passages of documents not in the corpus', () => {
    const stray = { ...fixture.annotations[0]!, id: 'stray', docId: 'gone' };
    expect(select({}, [stray, ...fixture.annotations]).passages.map((a) => a.id)).not.toContain('stray');
  });
});

describe('selectPassages order', () => {
  it('is corpus order, then reading order, whatever order passages arrive in', () => {
    const shuffled = [...fixture.annotations].reverse();
    const forward = select({}).passages.map(num);
    expect(select({}, shuffled).passages.map(num)).toEqual(forward);
    const docOrder = select({}).passages.map((a) => fixture.documents.findIndex((d) => d.id === a.docId));
    expect([...docOrder].sort((a, b) => a - b)).toEqual(docOrder);
  });

  it('orders overlapping passages by start, and a moved passage by where it is now', () => {
    const d1 = select({ docIds: [D1] }).passages;
    expect(d1.map((a) => a.range?.start)).toEqual([...d1.map((a) => a.range!.start)].sort((a, b) => a - b));
    // Passage 11 was stored 57 code units further on; it is placed (moved) before passage 12 needing review.
    expect(select({ docIds: [D2] }).passages.map((a) => [num(a), a.state])).toEqual([
      [9, 'anchored'],
      [10, 'anchored'],
      [11, 'moved'],
      [12, 'needs-review'],
    ]);
  });

  it('puts passages needing review last in their document, by stored position, and breaks ties by id', () => {
    const base = fixture.annotations.find((a) => num(a) === 9)!;
    const review = (id: string, start: number): PlacedAnnotation => ({
      ...base,
      id,
      state: 'needs-review',
      range: null,
      target: { ...base.target, position: { start, end: start + 5 } },
    });
    // A range past the end of the text cannot be placed: it sorts as needing review, at its stored position.
    const bad = { ...base, id: 'stale-range', range: { start: 5, end: 10 ** 9 } };
    const annotations = [review('r-late', 50), review('r-b', 0), review('r-a', 0), bad, base];
    expect(select({}, annotations).passages.map((a) => a.id)).toEqual([base.id, 'r-a', 'r-b', 'r-late', 'stale-range']);
  });
});

describe('passageKey', () => {
  it.each([
    { id: '00000000-0000-4000-8000-000000000001', key: 'p-00000001' },
    { id: '3F2504E0-4F89-41D3-9A0C-0305E82C3301', key: 'p-e82c3301' },
    // v7 UUIDs made in the same minute share their first 8 digits; the last 8 are random.
    { id: '01936f7a-1c2b-7d3e-8f40-5a6b7c8d9e0f', key: 'p-7c8d9e0f' },
    // Not a UUID: the first 8 hex digits of its SHA-256.
    { id: 'a-persist', key: 'p-5bffb395' },
  ])('$id → $key', ({ id, key }) => {
    expect(passageKey({ id })).toBe(key);
    expect(passageKey({ id })).toMatch(/^p-[0-9a-f]{8}$/);
  });

  it('is a pure function of the id, and distinct across the fixture', () => {
    expect(passageKey({ id: 'a-persist' })).toBe(passageKey({ id: 'a-persist' }));
    expect(passageKey({ id: 'a-persist' })).not.toBe(passageKey({ id: 'a-persist ' }));
    const keys = fixture.annotations.map(passageKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
