// What the search index counts as a word, and how two words are compared (case and diacritic folds).
//
// A token is a maximal run of letters, combining marks and digits that starts with a letter or a
// digit. Everything else separates tokens, notably:
//   - hyphens: "Amir-Abdollahian" is two tokens, so "Abdollahian" finds it as a whole word and the
//     query "Amir-Abdollahian" (also two tokens) finds it as a phrase;
//   - apostrophes (’ and '): "Iran’s" is "Iran" + "s", so "Iran" finds every possessive and the
//     query "Iran's" finds "Iran’s" whichever apostrophe either side typed;
//   - ZWNJ (U+200C), which Persian writes inside words ("کتاب‌ها"): splitting there lets the stem be
//     found as a whole word, the way a hyphen does in English;
//   - dots and commas: "U.S." is "U" + "S", "1,000" is "1" + "000", and queries split the same way.
// The one exception is the soft hyphen (U+00AD), an invisible break hint inside a word: it joins,
// and every fold drops it, so "co\u00ADoperation" is the one word "cooperation".
// Offsets are UTF-16 code units into the original text; folding happens on copies, never on offsets.

export interface Span {
  start: number;
  end: number;
}

export interface FoldOptions {
  caseSensitive: boolean;
  diacriticSensitive: boolean;
}

/** The definition of a token. The scanner below only takes an ASCII shortcut around it. */
export const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:\u00AD+[\p{L}\p{M}\p{N}]+)*/gu;
/** TOKEN anchored at lastIndex, for the scanner's non-ASCII cases. */
const TOKEN_AT = new RegExp(TOKEN.source, 'uy');
const MARKS = /\p{M}/gu;
const SOFT_HYPHEN = /\u00AD/g;

/** ASCII letters and digits: the only ASCII code units that are \p{L}, \p{M} or \p{N}. */
const isAsciiWord = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** End of the token starting at `at`, or `at` when none starts there. */
function tokenEnd(text: string, at: number): number {
  TOKEN_AT.lastIndex = at;
  return TOKEN_AT.test(text) ? TOKEN_AT.lastIndex : at;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a over the UTF-16 code units of text[start, end), cut to 30 bits: what forEachToken reports
 * as a token's hash. Thirty bits keep it a small integer in V8 (a larger one would be boxed on
 * every call, once per token of the corpus); the lexicon compares spellings anyway.
 */
export function hashText(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h & 0x3fffffff;
}

/**
 * Calls `onToken` for every token of the text, left to right: exactly TOKEN's matches, with the
 * token's hashText (the index interns spellings by it, and hashing while scanning saves reading
 * every token twice). Indexing reads the whole corpus, so ASCII runs are scanned by code unit,
 * about twice as fast as the regex; anything else (and any ASCII run that meets a non-ASCII code
 * unit, which may continue it) is left to the regex itself. A failed position is skipped by whole
 * code points, as a /u regex does, so the scanner never starts inside a surrogate pair.
 */
export function forEachToken(text: string, onToken: (start: number, end: number, hash: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!isAsciiWord(c)) {
        i++;
        continue;
      }
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      let j = i + 1;
      for (let d = text.charCodeAt(j); j < n && isAsciiWord(d); d = text.charCodeAt(++j)) h = Math.imul(h ^ d, FNV_PRIME);
      if (j < n && text.charCodeAt(j) >= 0x80) {
        j = tokenEnd(text, i);
        h = hashText(text, i, j);
      }
      onToken(i, j, h & 0x3fffffff);
      i = j;
      continue;
    }
    const end = tokenEnd(text, i);
    if (end > i) {
      onToken(i, end, hashText(text, i, end));
      i = end;
    } else i += isHigh(c) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
}

/** The tokens of a text, left to right, as offset ranges into it. */
export function tokenSpans(text: string): Span[] {
  const spans: Span[] = [];
  forEachToken(text, (start, end) => spans.push({ start, end }));
  return spans;
}

/**
 * A word as compared under the given sensitivities. Lower-casing comes first because it can itself
 * add a mark ("İ" → "i" + U+0307). NFD exposes precomposed accents as marks to strip; the final NFC
 * makes precomposed and decomposed spellings of the same text compare equal when marks are kept,
 * and recomposes Hangul syllables that NFD split into jamo.
 */
export function fold(word: string, options: FoldOptions): string {
  let s = word.replace(SOFT_HYPHEN, '');
  // Final sigma is only a positional variant of sigma, so it must not defeat a case-insensitive match.
  if (!options.caseSensitive) s = s.toLowerCase().replace(/ς/g, 'σ');
  s = s.normalize('NFD');
  if (!options.diacriticSensitive) s = s.replace(MARKS, '');
  return s.normalize('NFC');
}

const LOOSEST: FoldOptions = { caseSensitive: false, diacriticSensitive: false };

/**
 * The index key: the loosest fold. Words that are equal (or a prefix) under any stricter fold are
 * also equal (or a prefix) under this one, so the index finds a superset that a stricter
 * comparison then narrows.
 */
export const foldKey = (word: string): string => fold(word, LOOSEST);
