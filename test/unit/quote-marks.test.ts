// Quotation marks around quotes shown to the analyst: added once, never doubled.
import { describe, expect, it } from 'vitest';
import { inQuotes } from '../../src/shared/quote-marks';
import { citation } from '../../src/main/export/citation';
import type { GlossDocument } from '../../src/shared/types';

describe('inQuotes', () => {
  it.each([
    ['plain text', 'Iran is against the war', '“Iran is against the war”'],
    ['a quote that opens with its own mark, cut off', '“Iran is against…', '“Iran is against…”'],
    ['a whole quotation', '“Iran is against the war.”', '“Iran is against the war.”'],
    // Its own closing mark ends the quote shown; a second would read as ”” at the end.
    ['a quotation ending the passage', 'He said “no”', '“He said “no”'],
    ['straight quotes', '"Look East"', '"Look East"'],
    ['German and French marks', '„Nein“ und «non»', '„Nein“ und «non»'],
    ['single quotes nest inside', '‘cautious partnership’', '“‘cautious partnership’”'],
    ['an apostrophe at the end is not a quote', 'the Russians’', '“the Russians’”'],
    ['empty', '', '“”'],
  ])('%s', (_what, text, expected) => {
    expect(inQuotes(text)).toBe(expected);
  });
});

describe('citations', () => {
  it('name a section whose heading is itself a quotation with one pair of marks', () => {
    const text = '“Look East”\n\nIran turned east after 2018.';
    const doc = {
      id: 'd', source: 'd.txt', title: 'T', author: null, publisher: null, date: null, url: null, language: null,
      text, contentHash: 'sha256:0', normaliser: 'glossator-text/2', wordCount: 6,
      blocks: [
        { index: 0, kind: 'heading', start: 0, end: 11, para: null },
        { index: 1, kind: 'paragraph', start: 13, end: text.length, para: 1 },
      ],
    } as unknown as GlossDocument;
    expect(citation(doc, { start: 13, end: 17 })).toContain('§ “Look East”');
    expect(citation(doc, { start: 13, end: 17 })).not.toContain('““');
  });
});
