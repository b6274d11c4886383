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
  // A scan over character codes with an ASCII fast path, not a Unicode regex per token: the
  // regex was 30 % of a cold open. Same words as splitting on whitespace and dropping every
  // character that is neither a letter nor a number from each token.
  const lower = s.toLowerCase();
  const words: string[] = [];
  let word = '';
  let runStart = -1; // start of the current run of kept characters, to slice rather than append
  const closeRun = (at: number): void => {
    if (runStart >= 0) word += lower.slice(runStart, at);
    runStart = -1;
  };
  for (let i = 0; i < lower.length; i += 1) {
    const code = lower.charCodeAt(i);
    if (code < 128) {
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
        if (runStart < 0) runStart = i;
        continue;
      }
      closeRun(i);
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (word) words.push(word);
        word = '';
      }
      continue;
    }
    const next = lower.charCodeAt(i + 1); // NaN past the end
    const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    const ch = pair ? lower.slice(i, i + 2) : lower[i]!;
    if (WORD_CHAR.test(ch)) {
      if (runStart < 0) runStart = i;
    } else {
      closeRun(i);
      if (SPACE.test(ch)) {
        if (word) words.push(word);
        word = '';
      }
    }
    if (pair) i += 1;
  }
  closeRun(lower.length);
  if (word) words.push(word);
  return words;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const SPACE = /^\s$/u;
