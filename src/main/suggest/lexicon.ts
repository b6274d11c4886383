// Cue lexicons: matching a tag's cue phrases in a sentence's tokens, with negation and its scope.
import type { Sentence, Token } from './sentences';

/**
 * One tag's cues. A cue is a phrase of one or more words matched against consecutive tokens by their
 * lower-case form or their lemma ("cooperate" matches "cooperated"); a word may demand a part of
 * speech after a slash ("may/AUX" is the modal, not the month).
 */
export interface TagLexicon {
  cues: string[];
  /** Whether a negation in scope cancels a cue ("did not cooperate"). Off for hedging: "may not" still hedges. */
  negatable: boolean;
}

export interface CueHit {
  cue: string;
  start: number;
  end: number;
  /** Cancelled by a negation in scope (counts against the tag, not for it). */
  negated: boolean;
}

interface Word {
  text: string;
  pos: string | null;
}

/** Words that negate what follows them within the scope window. */
const NEGATORS: ReadonlySet<string> = new Set([
  'not', "n't", 'no', 'never', 'neither', 'nor', 'without', 'hardly', 'barely', 'refuse', 'refusal', 'decline', 'fail', 'lack', 'rule', 'reject', 'cease', 'stop',
]);
/** "ruled out": `rule` negates only when followed by "out". */
const NEEDS_NEXT: ReadonlyMap<string, string> = new Map([['rule', 'out']]);
/** Tokens that end a negation's scope: a clause boundary or a contrast. */
const SCOPE_BREAKERS: ReadonlySet<string> = new Set([',', ';', ':', '.', '—', '–', '-', '(', ')', 'but', 'yet', 'although', 'though', 'while', 'whereas', 'because', 'which', 'who']);
/** How many tokens before a cue a negator can be and still govern it. */
export const NEGATION_WINDOW = 4;

const compiled = new Map<string, Word[]>();
function parse(cue: string): Word[] {
  let words = compiled.get(cue);
  if (words === undefined) {
    words = cue
      .trim()
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => {
        const slash = w.lastIndexOf('/');
        return slash > 0 ? { text: w.slice(0, slash), pos: w.slice(slash + 1).toUpperCase() } : { text: w, pos: null };
      });
    compiled.set(cue, words);
  }
  return words;
}

/** The rule a cue must meet, shared with the lexicon editor (src/shared/suggestions.ts). */
export { cueProblem } from '../../shared/suggestions';

function wordMatches(w: Word, tok: Token): boolean {
  if (w.pos !== null && w.pos !== tok.pos) return false;
  return w.text === tok.norm || w.text === tok.lemma.toLowerCase();
}

/** Is the cue starting at token `i` governed by a negation before it (wink's flag, or a negator within the window and the same clause)? */
export function negatedAt(tokens: readonly Token[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - NEGATION_WINDOW; j--) {
    const t = tokens[j]!;
    if (SCOPE_BREAKERS.has(t.norm)) return false;
    if (NEGATORS.has(t.norm) || NEGATORS.has(t.lemma.toLowerCase())) {
      const next = NEEDS_NEXT.get(t.lemma.toLowerCase());
      if (next === undefined || tokens[j + 1]?.norm === next) return true;
    }
  }
  return false;
}

interface CompiledCue {
  cue: string;
  words: Word[];
  selfNegating: boolean;
}

/** Cues indexed by their first word, longest first, so a token is compared only with cues that can start at it. */
const indexes = new WeakMap<TagLexicon, Map<string, CompiledCue[]>>();
function indexOf(lexicon: TagLexicon): Map<string, CompiledCue[]> {
  let index = indexes.get(lexicon);
  if (index === undefined) {
    index = new Map();
    for (const cue of lexicon.cues) {
      const words = parse(cue);
      if (words.length === 0) continue;
      const list = index.get(words[0]!.text) ?? [];
      list.push({ cue, words, selfNegating: words.some((w) => NEGATORS.has(w.text)) });
      index.set(words[0]!.text, list);
    }
    for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
    indexes.set(lexicon, index);
  }
  return index;
}

/** Every cue of `lexicon` found in `sentence`, leftmost-longest, each token used once. */
export function matchCues(sentence: Sentence, lexicon: TagLexicon): CueHit[] {
  const toks = sentence.tokens;
  const index = indexOf(lexicon);
  const hits: CueHit[] = [];
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    const lemma = tok.lemma.toLowerCase();
    const byNorm = index.get(tok.norm);
    const byLemma = lemma === tok.norm ? undefined : index.get(lemma);
    const candidates = byNorm && byLemma ? [...byNorm, ...byLemma].sort((a, b) => b.words.length - a.words.length) : (byNorm ?? byLemma);
    if (candidates === undefined) continue;
    for (const { cue, words, selfNegating } of candidates) {
      if (i + words.length > toks.length) continue;
      let ok = true;
      for (let k = 0; k < words.length && ok; k++) ok = wordMatches(words[k]!, toks[i + k]!);
      if (!ok) continue;
      const negated = lexicon.negatable && !selfNegating && negatedAt(toks, i);
      hits.push({ cue, start: tok.start, end: toks[i + words.length - 1]!.end, negated });
      i += words.length - 1;
      break;
    }
  }
  return hits;
}

/**
 * The lexicon's own score for a sentence, before any learning: each distinct cue that holds halves
 * the doubt (one cue 0.5, two 0.75, three 0.875); negated cues count for nothing.
 */
export function lexiconScore(hits: readonly CueHit[]): number {
  const distinct = new Set(hits.filter((h) => !h.negated).map((h) => h.cue)).size;
  return 1 - 0.5 ** distinct;
}
