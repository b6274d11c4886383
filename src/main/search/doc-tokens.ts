// One indexed document: its tokens as two typed arrays, start offsets and spelling ids.
import type { GlossDocument } from '../../shared/types';
import { type Lexicon, NO_KEY } from './lexicon';
import { forEachToken } from './tokenise';

export interface DocEntry {
  doc: GlossDocument;
  /** Position in the corpus, so results come out in corpus order. */
  order: number;
  /** The document's number in the postings; reused after the document is removed. */
  slot: number;
  /** Where token i starts in doc.text; it ends after its spelling, so the end needs no array. */
  starts: Uint32Array;
  /** Spelling id of token i in the lexicon. */
  spellings: Uint32Array;
}

/** Buffers every document is tokenised into before it is copied out at its exact size. */
let scratchStarts = new Uint32Array(1 << 14);
let scratchSpellings = new Uint32Array(1 << 14);

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(a.length * 2);
  next.set(a);
  return next;
}

/** The tokens of a text; runs whose spelling folds to nothing are not tokens and get no ordinal. */
export function tokenise(text: string, lexicon: Lexicon): Pick<DocEntry, 'starts' | 'spellings'> {
  let n = 0;
  forEachToken(text, (start, end, hash) => {
    const spelling = lexicon.intern(text, start, end, hash);
    if (lexicon.keyOf(spelling) === NO_KEY) return;
    if (n === scratchStarts.length) {
      scratchStarts = grow(scratchStarts);
      scratchSpellings = grow(scratchSpellings);
    }
    scratchStarts[n] = start;
    scratchSpellings[n] = spelling;
    n++;
  });
  return { starts: scratchStarts.slice(0, n), spellings: scratchSpellings.slice(0, n) };
}

/** Where token `ordinal` of the entry ends. */
export const tokenEnd = (entry: DocEntry, lexicon: Lexicon, ordinal: number): number =>
  (entry.starts[ordinal] as number) + lexicon.spelling(entry.spellings[ordinal] as number).length;
