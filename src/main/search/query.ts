// A phrase of the query language: words that must occur as consecutive tokens; the last may be a prefix.
//
// Operators, quotes and parentheses are parsed first (boolean.ts); each phrase they leave is
// tokenised exactly as documents are (see tokenise.ts), so punctuation in it only separates words. Words are
// consecutive tokens whatever separates them in the text (spaces, hyphens, punctuation, even a
// paragraph break), so "Amir Abdollahian" also finds "Amir-Abdollahian".
import type { SearchOptions } from '../../shared/types';
import { type Lexicon, NO_KEY } from './lexicon';
import { fold, foldKey, tokenSpans } from './tokenise';

export interface QueryWord {
  /** Loosest fold, to look the word up in the index. */
  key: string;
  /** Fold under the search's own sensitivities, to check a candidate token. */
  folded: string;
  /** With wholeWord off, the last word also matches tokens it begins ("sanction" → "sanctions"). */
  prefix: boolean;
}

/**
 * A phrase's words; none for an empty, whitespace-only or punctuation-only phrase. With `exact`
 * (a quoted phrase) the last word never matches as a prefix.
 */
export function parseQuery(query: string, options: SearchOptions, exact = false): QueryWord[] {
  const spans = tokenSpans(query);
  return spans
    .map((s, i) => {
      const word = query.slice(s.start, s.end);
      return { key: foldKey(word), folded: fold(word, options), prefix: !exact && !options.wholeWord && i === spans.length - 1 };
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

/**
 * One query word's verdict on the tokens of the index, by spelling id. The key is compared by id
 * (a prefix's keys are a set of ids), so most tokens are settled without touching a string. Only a
 * case- or diacritic-sensitive search compares spellings, each once per query however often it
 * occurs: folding is the costly part.
 */
export class WordMatcher {
  /** Ids of the keys the word may match: its own, or every key its prefix begins. */
  readonly keys: ArrayLike<number>;
  /** Whether a token matches as soon as its key does: the key is the loosest fold. */
  readonly keyDecides: boolean;
  /** The one key, when there is one; else NONE. */
  private readonly onlyKey: number;
  /** Membership of `keys` by key id, when there are several. */
  private readonly keyIn: Uint8Array | null = null;
  /** Per spelling, for sensitive searches: 0 not yet compared, 1 matches, 2 does not. */
  private readonly verdicts: Uint8Array | null;

  constructor(
    readonly word: QueryWord,
    private readonly options: SearchOptions,
    private readonly lexicon: Lexicon,
  ) {
    const exact = lexicon.findKey(word.key);
    this.keys = word.prefix ? lexicon.keysWithPrefix(word.key) : exact === undefined ? [] : [exact];
    this.onlyKey = this.keys.length === 1 ? (this.keys[0] as number) : NONE;
    if (this.keys.length > 1) {
      this.keyIn = new Uint8Array(lexicon.keyCount);
      for (let i = 0; i < this.keys.length; i++) this.keyIn[this.keys[i] as number] = 1;
    }
    this.keyDecides = !options.caseSensitive && !options.diacriticSensitive;
    this.verdicts = this.keyDecides ? null : new Uint8Array(lexicon.spellingCount);
  }

  matches(spellingId: number): boolean {
    const key = this.lexicon.keyOf(spellingId);
    if (key !== this.onlyKey && (this.keyIn === null || key === NO_KEY || this.keyIn[key] !== 1)) return false;
    return this.verdicts === null || this.spellingMatches(spellingId, this.verdicts);
  }

  private spellingMatches(spellingId: number, verdicts: Uint8Array): boolean {
    const known = verdicts[spellingId];
    if (known !== undefined && known !== 0) return known === 1;
    const key = this.lexicon.key(this.lexicon.keyOf(spellingId));
    const yes = matchesWord(key, () => this.lexicon.spelling(spellingId), this.word, this.options);
    // A spelling interned after this matcher was made (none is, during a query) is simply not cached.
    if (spellingId < verdicts.length) verdicts[spellingId] = yes ? 1 : 2;
    return yes;
  }
}

/** An id no key has. */
const NONE = -2;
