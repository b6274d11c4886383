// Boolean queries (AND, OR, NOT, quoted phrases, parentheses; words in a row stay a phrase), their errors,
// and keyword-in-context lines that stop at block edges.
import { describe, expect, it } from 'vitest';
import { parseBoolean, type QueryNode } from '../../src/main/search/boolean';
import { kwic } from '../../src/main/search/kwic';
import { SearchIndex } from '../../src/main/search/search-index';
import { GlossatorError } from '../../src/shared/result';
import { LOOSE, WHOLE, doc, slices } from './search-fixtures';

/** The tree in a compact notation: terms as text ("quoted" kept), and(…), or(…), not(…). */
function show(node: QueryNode | null): string {
  if (node === null) return '∅';
  if (node.kind === 'term') return node.quoted ? `"${node.text}"` : node.text;
  if (node.kind === 'not') return `not(${show(node.item)})`;
  return `${node.kind}(${node.items.map(show).join(', ')})`;
}
const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text);

describe('parsing', () => {
  const cases: [string, string][] = [
    ['sanctions', 'sanctions'],
    ['nuclear deal', 'nuclear deal'],
    ['"nuclear deal"', '"nuclear deal"'],
    ['“nuclear deal”', '"nuclear deal"'],
    ['"nuclear deal" sanctions', 'and("nuclear deal", sanctions)'],
    ['Russia AND Iran', 'and(Russia, Iran)'],
    ['Russia OR Iran', 'or(Russia, Iran)'],
    // AND binds tighter than OR; NOT tighter than both.
    ['a OR b AND c', 'or(a, and(b, c))'],
    ['a AND b OR c', 'or(and(a, b), c)'],
    ['(a OR b) AND c', 'and(or(a, b), c)'],
    ['a NOT b', 'and(a, not(b))'],
    ['a AND NOT b OR c', 'or(and(a, not(b)), c)'],
    ['NOT b AND a', 'and(not(b), a)'],
    // Bare words in a row are one phrase, under NOT too.
    ['a NOT b c', 'and(a, not(b c))'],
    ['a NOT (b OR c)', 'and(a, not(or(b, c)))'],
    ['((a))', 'a'],
    // Lower-case operators are words; punctuation-only terms vanish.
    ['war and peace', 'war and peace'],
    ['Iran ... Russia', 'Iran Russia'],
    ['', '∅'],
    ['   ', '∅'],
    ['"', '∅'],
    ['""', '∅'],
    ['"unclosed phrase', '"unclosed phrase"'],
  ];
  it.each(cases)('%j → %s', (query, tree) => {
    expect(show(parseBoolean(query, hasWords))).toBe(tree);
  });

  const errors: [string, RegExp][] = [
    ['(a OR b', /parenthesis at character 1 is never closed/],
    ['a OR b)', /closing parenthesis at character 7 has no opening one/],
    ['a AND', /AND at character 3 needs something to search for after it/],
    ['AND a', /AND at character 1 needs something to search for before it/],
    ['a OR', /OR at character 3 needs something to search for after it/],
    ['OR a', /OR at character 1 needs something to search for before it/],
    ['a OR OR b', /OR at character 3 needs something to search for after it/],
    ['a NOT', /NOT at character 3 needs something to leave out after it/],
    ['()', /parentheses at character 1 hold nothing/],
    ['NOT a', /not only what to leave out/],
    ['Iran AND ...', /AND at character 6 needs something to search for after it/],
  ];
  it.each(errors)('%j is refused: %s', (query, message) => {
    let thrown: unknown = null;
    try {
      parseBoolean(query, hasWords);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GlossatorError);
    expect((thrown as GlossatorError).code).toBe('invalid-argument');
    expect((thrown as GlossatorError).message).toMatch(message);
  });
});

describe('evaluating over documents', () => {
  const docs = [
    doc('a', 'Russia and Iran signed a nuclear deal. Sanctions followed.'),
    doc('b', 'Iran sells oil to China despite sanctions.'),
    doc('c', 'Russia sells arms. The deal was nuclear in all but name.'),
    doc('d', 'Nothing relevant here.'),
  ];
  const index = SearchIndex.build(docs);
  const cases: [string, string[], string[]][] = [
    // query, documents listed, hits (their text) in corpus order
    ['Russia AND Iran', ['a'], ['Russia', 'Iran']],
    ['Russia OR oil', ['a', 'b', 'c'], ['Russia', 'oil', 'Russia']],
    ['sanctions NOT oil', ['a'], ['Sanctions']],
    ['Iran NOT (oil OR China)', ['a'], ['Iran']],
    ['"nuclear deal"', ['a'], ['nuclear deal']],
    ['nuclear deal', ['a'], ['nuclear deal']],
    ['nuclear AND deal', ['a', 'c'], ['nuclear', 'deal', 'deal', 'nuclear']],
    ['(Russia OR China) AND sells', ['b', 'c'], ['sells', 'China', 'Russia', 'sells']],
    // A listed document shows every phrase not under NOT, also one whose branch did not decide.
    ['Russia OR Iran AND oil', ['a', 'b', 'c'], ['Russia', 'Iran', 'Iran', 'oil', 'Russia']],
    ['"Iran signed" sanctions', ['a'], ['Iran signed', 'Sanctions']],
    ['unknownword OR Iran', ['a', 'b'], ['Iran', 'Iran']],
    ['unknownword AND Iran', [], []],
  ];
  it.each(cases)('%j lists %j', (query, listed, hits) => {
    const r = index.search(query, WHOLE);
    expect(r.documents.map((d) => d.docId)).toEqual(listed);
    expect(r.documents.flatMap((d) => slices({ ...r, documents: [d] }, docs))).toEqual(hits);
    expect(r.total).toBe(hits.length);
    for (const d of r.documents) expect(d.count).toBe(d.hits.length);
  });

  it('a quoted phrase matches whole words; an unquoted last word still matches as a prefix', () => {
    expect(index.search('sanction', LOOSE).total).toBe(2);
    expect(index.search('"sanction"', LOOSE).total).toBe(0);
    expect(index.search('"sanctions"', LOOSE).total).toBe(2);
  });

  it('overlapping phrases of one query count as one hit', () => {
    const r = index.search('"nuclear deal" OR "a nuclear"', WHOLE);
    expect(r.documents.map((d) => [d.docId, d.count])).toEqual([['a', 1]]);
    expect(slices(r, docs)).toEqual(['a nuclear deal']);
  });

  it('searching one document applies the same query to it alone', () => {
    const r = index.search('Russia AND Iran', WHOLE, { docId: 'a' });
    expect(r.documents.map((d) => d.docId)).toEqual(['a']);
    expect(index.search('Russia AND Iran', WHOLE, { docId: 'c' }).documents).toEqual([]);
  });
});

describe('context lines stop at block edges', () => {
  const heading = 'Russia and Iran after the war';
  const para = 'The partnership has grown since the invasion, but mistrust remains on both sides of the Caspian.';
  const text = `${heading}\n\n${para}\n\nA third paragraph about something else entirely, with more words.`;
  const d = doc('h', text);
  const cases: [string, number, number, string, string][] = [
    // what, hit start, hit end, expected before, expected after
    ['a hit in a heading does not run into the paragraph', heading.indexOf('Iran'), heading.indexOf('Iran') + 4, 'Russia and ', ' after the war'],
    ['a hit at a paragraph start shows no heading before it', heading.length + 2, heading.length + 5, '', ' partnership has grown since the invasion, but mistrust'],
    ['a hit at a paragraph end shows nothing of the next', text.indexOf('Caspian'), text.indexOf('Caspian') + 7, 'the invasion, but mistrust remains on both sides of the ', '.'],
  ];
  it.each(cases)('%s', (_what, start, end, before, after) => {
    const k = kwic(text, start, end, d.blocks);
    expect(k.before).toBe(before);
    expect(k.after).toBe(after);
  });

  it('a hit that spans a block break keeps the blocks it spans, on one line', () => {
    const start = heading.indexOf('war');
    const end = heading.length + 2 + 'The'.length;
    const k = kwic(text, start, end, d.blocks);
    expect(k.match).toBe('war The');
    expect(k.before).toBe('Russia and Iran after the ');
    expect(k.after.startsWith(' partnership')).toBe(true);
  });

  it('the index cuts its hits the same way', () => {
    const hit = SearchIndex.build([d]).search('war', WHOLE).documents[0]!.hits[0]!;
    expect(hit.after).toBe('');
    expect(hit.before).toBe('Russia and Iran after the ');
  });
});
