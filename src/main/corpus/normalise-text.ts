// Character-level predicates shared by the normaliser's passes; whitespace means JS `\s` throughout.

/** Sentence-final punctuation, optionally followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?…]["'”’»)\]]*$/u;
/** As above, plus a colon: a line ending so introduces what follows rather than running on. */
const CLAUSE_END = /[.!?…:]["'”’»)\]]*$/u;

export const endsSentence = (s: string): boolean => SENTENCE_END.test(s);
export const endsClause = (s: string): boolean => CLAUSE_END.test(s);
export const startsLowercase = (s: string): boolean => /^\p{Ll}/u.test(s);
/** Lowercase, or punctuation no paragraph opens with ("– which…", ", and…"). */
export const startsMidSentence = (s: string): boolean => /^(\p{Ll}|[–—,;:)\]])/u.test(s);
/** "week-" before "long": a hyphen attached to a letter at the end of a line. */
export const endsWithWordHyphen = (s: string): boolean => /\p{L}-$/u.test(s);

/** Collapses every whitespace run to one space and trims: whitespace is all the normaliser may change. */
export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Joins two wrapped lines; a word hyphen at the break is kept and closes up ("week-long"). */
export function joinLines(a: string, b: string): string {
  return endsWithWordHyphen(a) && /^\p{L}/u.test(b) ? a + b : `${a} ${b}`;
}

/** Words compared case- and punctuation-insensitively ("Iran’s," → "irans"). */
export function wordsOf(s: string): string[] {
  return s
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((t) => t.length > 0);
}
