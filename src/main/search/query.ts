// The query language: a phrase of words that must occur as consecutive tokens; the last may be a prefix.
//
// Kept deliberately as simple as a find-in-page: no operators, no AND/OR. The query is tokenised
// exactly as documents are (see tokenise.ts), so punctuation in it only separates words; double
// quotes therefore change nothing — `"nuclear deal"` is the same phrase as `nuclear deal`. Words are
// consecutive tokens whatever separates them in the text (spaces, hyphens, punctuation, even a
// paragraph break), so "Amir Abdollahian" also finds "Amir-Abdollahian".
import type { SearchOptions } from '../../shared/types';
import { fold, foldKey, tokenSpans } from './tokenise';

export interface QueryWord {
  /** Loosest fold, to look the word up in the index. */
  key: string;
  /** Fold under the search's own sensitivities, to check a candidate token. */
  folded: string;
  /** With wholeWord off, the last word also matches tokens it begins ("sanction" → "sanctions"). */
  prefix: boolean;
}

/** The query's words; none for an empty, whitespace-only or punctuation-only query. */
export function parseQuery(query: string, options: SearchOptions): QueryWord[] {
  const spans = tokenSpans(query);
  return spans
    .map((s, i) => {
      const word = query.slice(s.start, s.end);
      return { key: foldKey(word), folded: fold(word, options), prefix: !options.wholeWord && i === spans.length - 1 };
    })
    .filter((w) => w.key !== '');
}

/** Whether a document token (its index key and original text) matches one query word. */
export function matchesWord(key: string, original: () => string, word: QueryWord, options: SearchOptions): boolean {
  if (word.prefix ? !key.startsWith(word.key) : key !== word.key) return false;
  // The key is the loosest fold: equal keys already settle an insensitive search.
  if (!options.caseSensitive && !options.diacriticSensitive) return true;
  const folded = fold(original(), options);
  return word.prefix ? folded.startsWith(word.folded) : folded === word.folded;
}
