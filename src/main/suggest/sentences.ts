// Sentences and tokens of a document for suggestions: wink-nlp's English model per block, mapped back to UTF-16 offsets.
import winkNLP, { type ItsFunction, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { createHash } from 'node:crypto';
import type { Block, BlockKind } from '../../shared/types';

export interface Token {
  /** UTF-16 offsets of the token in the document text. */
  start: number;
  end: number;
  /** Lower-case form as wink normalises it ("n't" → "not"). */
  norm: string;
  lemma: string;
  /** Universal POS tag from wink's model ("VERB", "AUX", "PART", …). */
  pos: string;
  /** wink's negation flag: the token is inside the scope of a preceding negation. */
  negated: boolean;
}

export interface Sentence {
  /** UTF-16 offsets of the sentence in the document text; never crosses a block boundary. */
  start: number;
  end: number;
  block: number;
  tokens: Token[];
}

/** Blocks whose text is the author's prose; chrome, captions and pull-quotes (copies) are never proposed. */
const PROSE: ReadonlySet<BlockKind> = new Set(['paragraph', 'list-item', 'quote', 'heading']);

let nlp: WinkMethods | null = null;
/**
 * wink's model takes ~100 ms to load, so it is loaded on the first analysis, not at import. Only the
 * pipes suggestions use run (no entities, no sentiment): a quarter faster on long documents.
 */
function engine(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'negation', 'pos']);
  return nlp;
}

/** Whether suggestions look at this block at all. */
export function isProse(block: Block): boolean {
  return PROSE.has(block.kind) && block.end > block.start;
}

/**
 * Sentences of blocks already analysed, by the block's text (its hash), at offsets from the block's start:
 * a block that reappears (the same document reopened, re-imported after an edit elsewhere, a second
 * engine) is not analysed again. Bounded by the characters held; the oldest go first.
 */
const blockCache = new Map<string, { size: number; sentences: Sentence[] }>();
let cachedChars = 0;
export const BLOCK_CACHE_CHARS = 8_000_000;

/** Empties the block cache (for measuring a first analysis). */
export function clearBlockCache(): void {
  blockCache.clear();
  cachedChars = 0;
}

/** One prose block's sentences at document offsets, from the cache or wink-nlp. */
export function analyseBlock(text: string, block: Block): Sentence[] {
  const blockText = text.slice(block.start, block.end);
  const key = createHash('sha1').update(blockText).digest('base64');
  let hit = blockCache.get(key);
  if (hit === undefined) {
    hit = { size: blockText.length, sentences: splitBlock(blockText, 0, 0) };
    blockCache.set(key, hit);
    cachedChars += hit.size;
    for (const [k, v] of blockCache) {
      if (cachedChars <= BLOCK_CACHE_CHARS || k === key) break;
      blockCache.delete(k);
      cachedChars -= v.size;
    }
  } else {
    // Most recently used last, so eviction takes the least recently used.
    blockCache.delete(key);
    blockCache.set(key, hit);
  }
  const base = block.start;
  return hit.sentences.map((s) => ({
    start: s.start + base,
    end: s.end + base,
    block: block.index,
    tokens: s.tokens.map((t) => ({ ...t, start: t.start + base, end: t.end + base })),
  }));
}

/**
 * Splits every prose block of `text` into sentences with wink-nlp, each token and sentence carrying
 * its offsets in `text`. A block is analysed alone, so a sentence can never span two blocks.
 */
export function splitSentences(text: string, blocks: readonly Block[]): Sentence[] {
  const out: Sentence[] = [];
  for (const block of blocks) {
    if (!isProse(block)) continue;
    for (const s of analyseBlock(text, block)) out.push(s);
  }
  return out;
}

/** Sentences of one stretch of text that starts at `base` in the document. */
export function splitBlock(blockText: string, base: number, blockIndex: number): Sentence[] {
  const w = engine();
  const its = w.its;
  const doc = w.readDoc(blockText);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const norms = tokens.out(its.normal) as string[];
  // wink's typings declare `its.lemma` with a different arity than `out` takes; it is a token its-function.
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
  const pos = tokens.out(its.pos) as string[];
  const negated = tokens.out(its.negationFlag) as unknown as boolean[];
  // wink keeps each token's original characters; find them in order to recover offsets (it skips only whitespace).
  const all: (Token | undefined)[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const at = blockText.indexOf(value, cursor);
    if (at < 0) {
      all.push(undefined); // never seen on the seeds; a token we cannot place is left out rather than misplaced
      continue;
    }
    cursor = at + value.length;
    all.push({ start: base + at, end: base + cursor, norm: norms[i]!, lemma: lemmas[i]!, pos: pos[i]!, negated: negated[i] === true });
  }
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const out: Sentence[] = [];
  for (const [first, last] of spans) {
    const toks = all.slice(first, last + 1).filter((t): t is Token => t !== undefined);
    if (toks.length === 0) continue;
    out.push({ start: toks[0]!.start, end: toks[toks.length - 1]!.end, block: blockIndex, tokens: toks });
  }
  return out;
}
