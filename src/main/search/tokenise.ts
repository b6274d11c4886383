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

const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:\u00AD+[\p{L}\p{M}\p{N}]+)*/gu;
const MARKS = /\p{M}/gu;
const SOFT_HYPHEN = /\u00AD/g;

/** The tokens of a text, left to right, as offset ranges into it. */
export function tokenSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(TOKEN)) spans.push({ start: m.index, end: m.index + m[0].length });
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
