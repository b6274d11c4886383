// Content hash and word count of a reading text: cheap enough for the main process, shared with the reader worker.
import { createHash } from 'node:crypto';

export function hashText(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WHITESPACE = /\s/;

/**
 * Tokens (split on JS whitespace) with at least one letter or digit, so dashes and bullets do not
 * count as words. One pass over char codes, regexes only past ASCII: the split-and-test it replaces
 * took a quarter of a cold corpus load. test/unit/corpus.test.ts holds that definition as the spec.
 */
export function countWords(text: string): number {
  let words = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ascii = c < 128;
    // Past ASCII the regexes decide, on the whole code point (a surrogate pair is one character).
    const ch = ascii ? '' : String.fromCodePoint(text.codePointAt(i)!);
    if (ascii ? c === 32 || (c >= 9 && c <= 13) : WHITESPACE.test(ch)) {
      inToken = false;
      continue;
    }
    if (!inToken) {
      inToken = true;
      counted = false;
    }
    if (!counted && (ascii ? isAsciiAlnum(c) : LETTER_OR_DIGIT.test(ch))) {
      words++;
      counted = true;
    }
  }
  return words;
}

const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

