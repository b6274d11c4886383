// wordsOf (the normaliser's punctuation-blind words) against its definition: split on whitespace, keep letters and numbers.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordsOf } from '../../src/main/corpus/normalise-text';
import { SEED_CORPUS } from './support/core-harness';

/** The definition the fast scan must match, written the obvious way. */
const definition = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((t) => t.length > 0);


describe('wordsOf', () => {
  it.each([
    ['', []],
    ['Iran’s, “partner”!', ['irans', 'partner']],
    ['week-long  talks\u00a0in\tTehrān', ['weeklong', 'talks', 'in', 'tehrān']],
    ['S-400 — 2025', ['s400', '2025']],
    ['روسیه و ایران', ['روسیه', 'و', 'ایران']],
    ['𝐁old 𝟗 😀 x', ['𝐁old', '𝟗', 'x']],
    ['cafe\u0301 naïve', ['cafe', 'naïve']],
    ['lone \ud800 surrogate', ['lone', 'surrogate']],
    ['\ud800İstanbul', ['istanbul']],
  ])('%j → %j', (text, words) => {
    expect(wordsOf(text)).toEqual(words);
    expect(wordsOf(text)).toEqual(definition(text));
  });

  it('gives the same words as its definition on every seed paragraph', () => {
    const seeds = readdirSync(SEED_CORPUS).filter((f) => f.endsWith('.txt'));
    const paragraphs = seeds.flatMap((f) => readFileSync(join(SEED_CORPUS, f), 'utf8').split(/\n\s*\n/));
    expect(paragraphs.length).toBeGreaterThan(100);
    for (const p of paragraphs) expect(wordsOf(p)).toEqual(definition(p));
  });

  it('gives the same words as its definition on random text from a mixed alphabet', () => {
    const alphabet = ['a', 'Z', '7', ' ', '\n', '\u00a0', '\u2003', '-', '’', '.', 'é', 'İ', 'ß', 'ی', '\u0301', '😀', '𝟗', '\ud800', '\u200b'];
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n += 1) {
      const text = Array.from({ length: Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(wordsOf(text), JSON.stringify(text)).toEqual(definition(text));
    }
  });
});
