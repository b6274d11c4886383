// Shared by the search tests: documents around a text, option sets, and the invariants every answer must hold.
import { expect } from 'vitest';
import { CONTEXT } from '../../src/main/search/kwic';
import { parseQuery } from '../../src/main/search/query';
import { MAX_CONTEXT_HITS, MAX_HITS_PER_DOCUMENT } from '../../src/main/search/search-index';
import { fold, tokenSpans } from '../../src/main/search/tokenise';
import type { GlossDocument, SearchOptions, SearchResults } from '../../src/shared/types';

/** A minimal document: blocks are the "\n\n"-separated parts of the text, as the normaliser makes them. */
export function doc(id: string, text: string): GlossDocument {
  let start = 0;
  const blocks = text.split('\n\n').map((part, index) => {
    const block = { index, kind: 'paragraph' as const, start, end: start + part.length, para: index + 1 };
    start += part.length + 2;
    return block;
  });
  return {
    id,
    title: `Title of ${id}`,
    author: null,
    publisher: null,
    date: null,
    url: null,
    source: `${id}.txt`,
    text,
    blocks,
    contentHash: `sha256:${id}`,
    normaliser: 'glossator-text/1',
    wordCount: text.split(/\s+/).filter(Boolean).length,
  };
}

export const LOOSE: SearchOptions = { wholeWord: false, caseSensitive: false, diacriticSensitive: false };
export const WHOLE: SearchOptions = { ...LOOSE, wholeWord: true };
export const ALL_OPTIONS: SearchOptions[] = [false, true].flatMap((wholeWord) =>
  [false, true].flatMap((caseSensitive) =>
    [false, true].map((diacriticSensitive) => ({ wholeWord, caseSensitive, diacriticSensitive })),
  ),
);

/** The exact text of every hit, in result order. */
export const slices = (r: SearchResults, docs: readonly GlossDocument[]): string[] =>
  r.documents.flatMap((d) => {
    const text = docs.find((x) => x.id === d.docId)?.text ?? '';
    return d.hits.map((h) => text.slice(h.start, h.end));
  });

const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every invariant a result must hold, whatever the query. */
export function expectWellFormed(r: SearchResults, docs: readonly GlossDocument[], query: string, options: SearchOptions): void {
  const order = docs.map((d) => d.id);
  const positions = r.documents.map((d) => order.indexOf(d.docId));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(r.total).toBe(r.documents.reduce((n, d) => n + d.count, 0));
  expect(r.query).toBe(query);

  const words = parseQuery(query, options);
  let withContext = MAX_CONTEXT_HITS;
  for (const d of r.documents) {
    const text = docs.find((x) => x.id === d.docId)?.text ?? '';
    expect(d.count).toBeGreaterThan(0);
    // Context lines for the corpus's first hits: up to a cap per document and a cap in all.
    expect(d.hits.length).toBe(Math.min(d.count, MAX_HITS_PER_DOCUMENT, withContext));
    withContext -= d.hits.length;
    let previousEnd = 0;
    for (const h of d.hits) {
      // Sorted and non-overlapping.
      expect(h.start).toBeGreaterThanOrEqual(previousEnd);
      previousEnd = h.end;
      const exact = text.slice(h.start, h.end);
      // The range is whole tokens that fold to the query's words; only the last may be a prefix.
      const tokens = tokenSpans(exact).map((s) => fold(exact.slice(s.start, s.end), options));
      expect(tokenSpans(exact)[0]?.start).toBe(0);
      expect(tokenSpans(exact).at(-1)?.end).toBe(exact.length);
      expect(tokens.length).toBe(words.length);
      words.forEach((w, i) => {
        if (w.prefix) expect(tokens[i]?.startsWith(w.folded)).toBe(true);
        else expect(tokens[i]).toBe(w.folded);
      });
      // KWIC: one line, within bounds, taken from the text right around the hit.
      expect(h.match).toBe(oneLine(exact));
      for (const part of [h.before, h.match, h.after]) {
        expect(part).not.toMatch(/[\n\r]|\s\s/);
        expect(part).not.toMatch(LONE_SURROGATE);
      }
      expect(h.before.length).toBeLessThanOrEqual(CONTEXT);
      expect(h.after.length).toBeLessThanOrEqual(CONTEXT);
      expect(oneLine(text.slice(Math.max(0, h.start - CONTEXT), h.start)).endsWith(h.before)).toBe(true);
      expect(oneLine(text.slice(h.end, h.end + CONTEXT)).startsWith(h.after)).toBe(true);
    }
  }
}
